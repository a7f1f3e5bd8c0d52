"""Journeys linked into a lifecycle in the browser, on the sample site: the lifecycle overview, a lifecycle's
detailed journeys and a detailed journey's "part of" pass every page's checks, are legible in both palettes
(measured in the page) and print whole. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from .checks import visit
from .test_history import below_needed
from .test_palette import LOOK, SCROLL_TO_SECTION, switch_to
from .test_print import A4_LANDSCAPE_PRINTABLE, SCROLL_BOXES
from .web import screenshot

SCHEMES = LOOK
LIFECYCLE, JOURNEY, DETAILED = "overview/lifecycle/", "journeys/kundenlebenszyklus/", "journeys/umzug-strom-gas/"
SHOWN = {LIFECYCLE: ".cjm-lifecycle", JOURNEY: ".cjm-details", DETAILED: ".cjm-part-of"}
"""Each page and what it shows of the lifecycle."""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_lifecycle_its_detailed_journeys_and_part_of_are_legible(sites, tab, scheme: str) -> None:
    site = sites.get("material")
    page = tab()
    for path, shown in SHOWN.items():
        diagrams = site.mermaid_blocks(path)
        visit(page, site, path, journey=path != LIFECYCLE)
        switch_to(page, scheme, diagrams)
        assert page.page.locator(f"{shown} a").count() >= 2, f"{path} links no journey in {shown}"
        measured = page.page.evaluate("s => window.__cjm.textContrast(s)", shown)
        assert len(measured) >= 2 and below_needed(page, measured) == [], path
        page.page.locator(shown).first.evaluate(SCROLL_TO_SECTION)
        page.page.mouse.move(600, 700)  # off the palette toggle: no tooltip in the picture
        name = path.strip("/").replace("/", "-")
        assert screenshot(page.page, f"lifecycle-{name}-{SCHEMES[scheme]}").stat().st_size > 10_000
    assert page.problems() == []


@pytest.mark.parametrize("path", [LIFECYCLE, JOURNEY])
def test_the_lifecycle_prints_whole(sites, tab, path: str) -> None:
    site = sites.get("material")
    page = tab(viewport=A4_LANDSCAPE_PRINTABLE)
    page.goto(site.page_url(path), diagrams=site.mermaid_blocks(path))
    page.page.emulate_media(media="print")
    hidden = page.page.evaluate("""selectors => selectors.flatMap(s => [...document.querySelectorAll(s)]
        .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => `${s}: ${e.scrollWidth} > ${e.clientWidth} px`))""",
                                list(SCROLL_BOXES))
    assert hidden == [], "in print these boxes hide content behind a scrollbar"
    links = page.page.evaluate("""s => [...document.querySelectorAll(s)].map(e => e.getBoundingClientRect())
        .map(b => [b.left, b.right, b.width])""", f"{SHOWN[path]} a")
    assert links, "the page prints its detailed journeys"
    assert all(width > 0 and left >= 0 and right <= A4_LANDSCAPE_PRINTABLE["width"] for left, right, width in links)
    assert below_needed(page, page.page.evaluate("s => window.__cjm.textContrast(s)", SHOWN[path])) == []
    assert page.problems() == []
