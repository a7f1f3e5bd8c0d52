"""Light and dark palette: diagrams, emotion curve and matrix stay legible (contrast measured in the page);
the screenshots of the docs are taken here."""

from __future__ import annotations

import pytest

from .sites import SHOWCASE
from .web import Tab, screenshot, toggle_palette

RENDERERS = ("material", "mermaid2")
SCHEMES = ("default", "slate")
LOOK = {"default": "light", "slate": "dark"}  # in screenshot names
# Scroll down (never up: that shows material's back-to-top button) to the element's heading.
SCROLL_TO_SECTION = """e => {
  const heading = e.previousElementSibling && e.previousElementSibling.matches('h2') ? e.previousElementSibling : e;
  window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 64);
}"""


def low_contrast(page: Tab, diagrams: int) -> list[str]:
    """Every text of the matrix, the curve and the diagrams whose contrast is below what it needs."""
    found = []
    for selector in (".cjm-matrix", ".cjm-curve-wrap"):
        texts = page.page.evaluate("s => window.__cjm.textContrast(s)", selector)
        assert len(texts) > 10, f"too little text measured in {selector}"
        found += texts
    for index in range(diagrams):
        page.page.locator(".mermaid").nth(index).scroll_into_view_if_needed()
        texts = page.page.evaluate("i => window.__cjm.diagramContrast(i)", index)
        assert len(texts) >= 5, f"too little text measured in diagram {index}"
        found += texts
    return sorted({f"{t['element']}: {t['ratio']:.2f} < {t['needed']}" for t in found if t["ratio"] < t["needed"]})


def switch_to(page: Tab, scheme: str, diagrams: int) -> None:
    """Choose the palette with material's toggle (the context starts in the light one)."""
    current = page.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    if current != scheme:
        assert toggle_palette(page.page) == scheme
        page.wait_for_diagrams(diagrams)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("renderer", RENDERERS)
def test_diagrams_curve_and_matrix_are_legible(sites, tab, renderer: str, scheme: str) -> None:
    site = sites.get(renderer)
    path = SHOWCASE["journey"]
    diagrams = site.mermaid_blocks(path)
    page = tab()
    page.goto(site.page_url(path), diagrams=diagrams)
    switch_to(page, scheme, diagrams)
    low = low_contrast(page, diagrams)
    assert not low, f"{len(low)} text(s) below WCAG AA contrast in the {scheme} palette:\n" + "\n".join(low)
    assert page.problems() == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_screenshots_of_each_kind_of_page(sites, tab, scheme: str) -> None:
    """Journey (top, diagram, matrix), persona, department and catalog, saved to test-artifacts/screenshots/."""
    site = sites.get("material")
    page = tab()
    for kind, path in SHOWCASE.items():
        diagrams = site.mermaid_blocks(path)
        page.goto(site.page_url(path), diagrams=diagrams)
        switch_to(page, scheme, diagrams)
        assert screenshot(page.page, f"{kind}-{LOOK[scheme]}").stat().st_size > 10_000
        if kind == "journey":
            for name, part in (("diagram", ".mermaid"), ("matrix", ".cjm-matrix-wrap")):
                page.page.locator(part).first.evaluate(SCROLL_TO_SECTION)
                assert screenshot(page.page, f"journey-{name}-{LOOK[scheme]}").stat().st_size > 10_000
    assert page.problems() == []
