"""What every page must pass in the browser: offline, no errors, nothing injected, diagrams drawn, nothing wider
than the window, no table column out of sight without a sign, the sidebar open at the current page's section; on
pages with a matrix also the emotion curve and a matrix that scrolls sideways under sticky row headers."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Locator, TimeoutError as PlaywrightTimeoutError

from .sites import Site
from .web import Tab

DIAGRAM_KINDS = ("journey", "flowchart-v2")
NARROW = {"width": 390, "height": 844}  # a phone held upright
SIDEBAR_TIMEOUT_MS = 5_000
LEGIBLE_LABEL_PX = 9  # the smallest a diagram label may be drawn on a 1280 px wide screen (about 7 pt)

MATRIX_SCROLL = """wrap => {
  const head = wrap.querySelector('tbody th[scope=row]');
  const cell = wrap.querySelector('tbody td');
  head.scrollIntoView({block: 'center'});
  const before = {head: head.getBoundingClientRect().left, cell: cell.getBoundingClientRect().left};
  wrap.scrollLeft = wrap.scrollWidth;
  const rect = head.getBoundingClientRect();
  const onTop = wrap.ownerDocument.elementFromPoint(rect.left + 5, rect.top + rect.height / 2);
  return {scrollWidth: wrap.scrollWidth, clientWidth: wrap.clientWidth, scrolled: wrap.scrollLeft, before,
          after: {head: rect.left, cell: cell.getBoundingClientRect().left}, headOnTop: head.contains(onTop)};
}"""


def visit(page: Tab, site: Site, path: str, *, journey: bool = False) -> list[dict]:
    """Load a page of `site`, check what every page must pass, and on a `journey` page the diagram, curve and
    matrix; return the diagrams."""
    page.goto(site.page_url(path), diagrams=site.mermaid_blocks(path))
    diagrams = page.page.evaluate("window.__cjm.diagrams()")
    assert [d for d in diagrams if d["error"] or d["kind"] not in DIAGRAM_KINDS] == [], "a diagram failed"
    assert all(d["shadow"] == (site.renderer == "material") for d in diagrams), "material draws in shadow roots"
    assert all(d["width"] > 100 for d in diagrams), diagrams
    small = [(d["kind"], round(d["smallestText"], 1)) for d in diagrams if d["smallestText"] < LEGIBLE_LABEL_PX]
    assert small == [], f"diagram labels drawn smaller than {LEGIBLE_LABEL_PX} px: {small}"
    assert page.page.evaluate("window.__cjm.audit()") == [], "something was injected"
    check_layout(page)
    check_sidebar(page)
    if journey:
        assert diagrams, "a journey page without its diagram"
        assert page.page.locator("svg.cjm-curve").count() == 1 and page.page.locator(".cjm-matrix-wrap > table.cjm-matrix:not(.cjm-blueprint)").count() == 1
        check_matrix(page)
    for curve in page.page.locator("svg.cjm-curve").all():
        check_curve(curve)
    for matrix in page.page.locator(".cjm-matrix-wrap").all():
        assert matrix.is_visible()
    assert page.problems() == []
    return diagrams


def visit_narrow(page: Tab, site: Site, path: str) -> None:
    """Load a page of `site` in a phone-wide tab (:data:`NARROW`): it fits, its tables show or signal every column."""
    page.goto(site.page_url(path), diagrams=site.mermaid_blocks(path))
    check_layout(page)
    assert page.problems() == []


def check_layout(page: Tab) -> None:
    """Nothing makes the page wider than the window (the page never scrolls sideways as a whole), and every table
    column is in sight, or can be scrolled to in its box, whose edge on that side shows a shade and an arrow."""
    found = page.page.evaluate("window.__cjm.layout()")
    assert found["pageWidth"] <= found["width"], (f"the page is {found['pageWidth']} px wide in a {found['width']} px "
                                                  f"window; sticking out: {found['sticksOut']}")
    assert not found["hiddenColumns"], f"table columns out of sight without a sign: {found['hiddenColumns'][:4]}"


def check_sidebar(page: Tab) -> None:
    """Once the navigation sidebar has come to rest, the current page's section heading and link are whole in sight,
    and no item is cut by the site title above them (a wide window's sidebar; a narrow one has a drawer)."""
    try:
        page.page.wait_for_function("() => window.__cjm.sidebar().settled", timeout=SIDEBAR_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        raise AssertionError(f"the sidebar did not come to rest in {SIDEBAR_TIMEOUT_MS} ms") from None
    problems = page.page.evaluate("window.__cjm.sidebar().problems")
    assert not problems, f"the sidebar opens cut off: {problems}"


def check_curve(curve: Locator) -> None:
    """An emotion curve is drawn at a readable size."""
    box = curve.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 100, box


def check_matrix(page: Tab) -> None:
    """The matrix is visible, wider than its frame, and its row headers stay put while it scrolls."""
    wrap = page.page.locator(".cjm-matrix-wrap").first
    assert wrap.is_visible()
    found = wrap.evaluate(MATRIX_SCROLL)
    assert found["scrollWidth"] > found["clientWidth"], f"the matrix does not scroll sideways: {found}"
    assert found["scrolled"] > 0
    assert abs(found["after"]["head"] - found["before"]["head"]) < 1, f"the row headers moved: {found}"
    assert found["before"]["cell"] - found["after"]["cell"] > 100, f"the cells did not move: {found}"
    assert found["headOnTop"], f"a scrolled cell covers the row header: {found}"


def visit_all(page: Tab, site: Site, paths: list[str], check: Callable[[Tab, Site, str], object] = visit
              ) -> dict[str, str]:
    """:func:`visit` (or `check`) each page; the failures by page."""
    failures = {}
    for path in paths:
        page.reset()
        try:
            check(page, site, path)
        except AssertionError as error:
            failures[path] = f"{error!r}"[:300]
    return failures
