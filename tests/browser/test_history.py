"""Journeys over time in the browser, on the sample site as a git repository: the curve at the last review behind
the current one, the history section, the KPI sparklines and the news page — drawn, legible in both palettes
(measured in the page) and kept whole in print. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from .sites import SHOWCASE
from .test_palette import LOOK, SCROLL_TO_SECTION, switch_to
from .test_print import A4_LANDSCAPE_PRINTABLE
from .web import screenshot

SCHEMES = LOOK
OUTSIDE_ITS_CHART = """() => [...document.querySelectorAll('article svg[role=img]')].flatMap(svg => {
  const box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()])
    .filter(([, b]) => b.width && (b.left < box.left - 1 || b.right > box.right + 1)).map(([text]) => text);
})"""
CHART_LINES = ".cjm-curve-earlier, .cjm-curve-line, .cjm-sparkline polyline, .cjm-sparkline circle, .cjm-sparkline-target"


def below_needed(page, measured: list[dict]) -> list[str]:
    return sorted({f"{m['element']}: {m['ratio']:.2f} < {m['needed']}" for m in measured if m["ratio"] < m["needed"]})


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_earlier_curve_history_sparklines_and_news_are_legible(sites, tab, scheme: str) -> None:
    site = sites.get("material", history=True)
    page = tab()
    path = SHOWCASE["journey"]
    diagrams = site.mermaid_blocks(path)
    page.goto(site.page_url(path), diagrams=diagrams)
    switch_to(page, scheme, diagrams)
    earlier = page.page.locator("svg.cjm-curve .cjm-curve-earlier")
    assert earlier.count() >= 1 and earlier.first.bounding_box()["width"] > 100
    lines = page.page.evaluate("s => window.__cjm.strokeContrast(s)", ".cjm-curve-earlier, .cjm-curve-line")
    texts = page.page.evaluate("s => window.__cjm.textContrast(s)", "#cjm-history, .cjm-curve-earlier-legend")
    assert len(lines) >= 2 and len(texts) >= 4
    assert below_needed(page, lines + texts) == []
    page.page.locator(".cjm-curve-wrap").first.evaluate(SCROLL_TO_SECTION)
    page.page.mouse.move(600, 700)  # off the palette toggle: no tooltip in the picture
    assert screenshot(page.page, f"journey-curve-earlier-{SCHEMES[scheme]}").stat().st_size > 10_000

    page.goto(site.page_url("overview/kpis/"))
    switch_to(page, scheme, 0)
    sparks = page.page.evaluate("s => window.__cjm.strokeContrast(s)", ".cjm-sparkline polyline, .cjm-sparkline circle, "
                                                                        ".cjm-sparkline-target")
    assert len(sparks) >= 9, "three sparklines or more, each a line, its last value and the target"
    assert below_needed(page, sparks) == []
    assert page.page.evaluate(OUTSIDE_ITS_CHART) == [], "chart labels drawn outside their chart"
    page.page.locator("svg.cjm-sparkline").first.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.page.mouse.move(600, 700)
    assert screenshot(page.page, f"kpi-board-{SCHEMES[scheme]}").stat().st_size > 10_000

    page.goto(site.page_url("overview/news/"))
    switch_to(page, scheme, 0)
    assert page.page.locator("ol.cjm-history > li").count() >= 1
    assert below_needed(page, page.page.evaluate("s => window.__cjm.textContrast(s)", "article ol.cjm-history, article > p")) == []
    assert page.problems() == []


@pytest.mark.parametrize("path", [SHOWCASE["journey"], "overview/kpis/"])
def test_the_history_charts_print_whole(sites, tab, path: str) -> None:
    site = sites.get("material", history=True)
    page = tab(viewport=A4_LANDSCAPE_PRINTABLE)
    page.goto(site.page_url(path), diagrams=site.mermaid_blocks(path))
    page.page.emulate_media(media="print")
    boxes = page.page.evaluate("""s => [...document.querySelectorAll(s)].map(e => e.getBoundingClientRect())
        .map(b => [b.left, b.right, b.width])""", CHART_LINES)
    assert boxes, "the page prints charts of the history"
    assert all(width > 0 and left >= 0 and right <= A4_LANDSCAPE_PRINTABLE["width"] for left, right, width in boxes)
    lines = page.page.evaluate("s => window.__cjm.strokeContrast(s)", CHART_LINES)
    assert below_needed(page, lines) == []
    assert page.problems() == []
