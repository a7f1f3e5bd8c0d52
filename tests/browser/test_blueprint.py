"""The service blueprint in the browser: its lanes and the lines between them legible in both palettes (measured in
the page), and whole in print. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from .sites import load_catalog
from .test_history import below_needed
from .test_palette import LOOK, SCROLL_TO_SECTION, switch_to
from .test_print import A4_LANDSCAPE_PRINTABLE
from .web import screenshot

SCHEMES = LOOK
LINE_CONTRAST = """() => [...document.querySelectorAll('#cjm-blueprint tr.cjm-blueprint-line > *')].map(cell => {
  const style = getComputedStyle(cell), p = window.__cjm;
  const behind = p.background(cell);
  return {element: cell.parentElement.className, style: style.borderTopStyle, width: parseFloat(style.borderTopWidth),
          ratio: p.ratio(p.parse(style.borderTopColor), behind), needed: 3};
})"""


def blueprint_journey(site) -> str:
    """The page of the journey whose blueprint fills the most lanes."""
    journeys = load_catalog(site.project / "journeys").journeys.values()
    journey = max(journeys, key=lambda j: sum(len(s.frontstage) + len(s.support_processes) for s in j.steps))
    return f"journeys/{journey.id}/"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_blueprint_lanes_and_lines_are_legible(sites, tab, scheme: str) -> None:
    site = sites.get("material")
    path = blueprint_journey(site)
    diagrams = site.mermaid_blocks(path)
    page = tab()
    page.goto(site.page_url(path), diagrams=diagrams)
    switch_to(page, scheme, diagrams)
    texts = page.page.evaluate("s => window.__cjm.textContrast(s)", "#cjm-blueprint")
    assert len(texts) > 20, "too little text measured in the blueprint"
    lines = page.page.evaluate(LINE_CONTRAST)
    assert len(lines) == 6 and {line["style"] for line in lines} == {"dashed"}  # three lines, two cells each
    assert all(line["width"] >= 2 for line in lines)
    assert below_needed(page, texts + lines) == []
    page.page.locator("#cjm-blueprint").evaluate(SCROLL_TO_SECTION)
    page.page.mouse.move(600, 700)
    assert screenshot(page.page, f"journey-blueprint-{SCHEMES[scheme]}").stat().st_size > 10_000
    assert page.problems() == []


def test_the_blueprint_prints_whole(sites, tab) -> None:
    site = sites.get("material")
    path = blueprint_journey(site)
    page = tab(viewport=A4_LANDSCAPE_PRINTABLE)
    page.goto(site.page_url(path), diagrams=site.mermaid_blocks(path))
    page.page.emulate_media(media="print")
    wrap = page.page.locator("#cjm-blueprint .cjm-matrix-wrap")
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "in print the blueprint hides lanes behind a scrollbar"
    box = wrap.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= A4_LANDSCAPE_PRINTABLE["width"]
    printed = page.page.evaluate("window.__cjm.visibleText('#cjm-blueprint')")
    catalog = load_catalog(site.project / "journeys")
    journey = catalog.journeys[path.split("/")[1]]
    shown = [a.action for s in journey.steps for a in s.frontstage] + [p.process for s in journey.steps for p in s.support_processes]
    squeeze = lambda text: "".join(text.split())  # noqa: E731
    assert all(squeeze(text) in squeeze(printed) for text in shown)
    assert page.problems() == []
