"""Layout beyond what every page is checked for (tests/browser/checks.py): the arrows at the edges of a wide table
scroll it, the back-to-top button, which only shows while the reader scrolls back up, leaves the matrix's
header cells and sticky row headers free, and a journey's diagrams fit the content column."""

from __future__ import annotations

import pytest

from cjm_mkdocs.render.escape import shorten
from cjm_mkdocs.render.mermaid import ACTOR_LENGTH

from .checks import NARROW
from .sites import SHOWCASE, load_catalog

# Wait until a smoothly scrolling box has come to rest.
SETTLED = """async (box) => {
  for (let last = -1; box.scrollLeft !== last;) {
    last = box.scrollLeft;
    await new Promise((done) => setTimeout(done, 150));
  }
}"""
IN_SIGHT = """(box) => { const r = box.getBoundingClientRect(), cells = box.querySelector('thead tr').cells;
  const last = cells[cells.length - 1].getBoundingClientRect(); return last.left >= r.left - 1 && last.right <= r.right + 1; }"""
# Scroll into the matrix, then back up until its header rows are just below the site's header: the back-to-top
# button shows (mkdocs-material shows it while the reader scrolls up).
SCROLL_BACK_UP = """async () => {
  const wrap = document.querySelector('.cjm-matrix-wrap');
  const top = wrap.getBoundingClientRect().top + scrollY;
  const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  scrollTo(0, top + 400);
  await frame();
  scrollTo(0, top - 80);
  await frame();
}"""
# The matrix's header cells (stages, steps, row headers) the back-to-top button covers.
COVERED_HEADERS = """() => {
  const button = document.querySelector('.md-top').getBoundingClientRect();
  const overlaps = (r) => r.left < button.right && button.left < r.right && r.top < button.bottom && button.top < r.bottom;
  return [...document.querySelectorAll('.cjm-matrix th')].filter((th) => overlaps(th.getBoundingClientRect()))
    .map((th) => th.textContent.trim().slice(0, 30));
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_back_to_top_button_leaves_the_matrix_headers_free(sites, tab, width: int) -> None:
    site = sites.get("material")
    path = SHOWCASE["journey"]
    page = tab(viewport={"width": width, "height": 800})
    page.goto(site.page_url(path), diagrams=site.mermaid_blocks(path))
    page.page.evaluate(SCROLL_BACK_UP)
    page.page.wait_for_selector(".md-top:not([hidden])")
    page.page.wait_for_timeout(200)  # the button slides in
    assert page.page.evaluate(COVERED_HEADERS) == [], "the back-to-top button covers the matrix's header cells"
    assert page.problems() == []


def test_the_arrows_at_a_wide_tables_edges_scroll_it_to_its_last_column_and_back(sites, tab) -> None:
    site = sites.get("material")
    page = tab(viewport=NARROW)
    page.goto(site.page_url(SHOWCASE["catalog"]))
    frame = page.page.locator(".cjm-scroll", has=page.page.locator("table.cjm-catalog"))
    box = frame.locator(".cjm-table-wrap")

    def more(side: str) -> bool:
        return f"cjm-more-{side}" in frame.get_attribute("class").split()

    def click_until_done(side: str) -> None:
        for _ in range(20):
            if not more(side):
                return
            frame.locator(f".cjm-scroll-edge--{side} .cjm-scroll-arrow").click()
            box.evaluate(SETTLED)
        raise AssertionError(f"the {side} arrow does not bring the table to its {side}")

    assert more("end") and not more("start")
    assert box.evaluate("box => box.tabIndex") == 0  # the arrow keys scroll it too
    click_until_done("end")
    assert box.evaluate(IN_SIGHT), "the arrow did not bring the last column into sight"
    assert more("start")
    click_until_done("start")
    assert box.evaluate("box => box.scrollLeft") == 0 and more("end")
    assert page.problems() == []


# Every place where a word of a table link wraps onto the next line: the characters before and after the wrap.
WRAPS_IN_WORDS = """() => {
  const wraps = [];
  for (const link of document.querySelectorAll('article table a')) {
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent, range = document.createRange();
      let lastTop = null;
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        // a character after a soft-hyphen break has two boxes: the hyphen drawn at the line's end, then its own
        const rect = [...range.getClientRects()].filter((r) => r.width > 0).pop();
        if (!rect) continue;
        if (lastTop !== null && rect.top > lastTop + 2 && i > 0 && !/\\s/.test(text[i - 1]) && !/\\s/.test(text[i]))
          wraps.push(text.slice(Math.max(0, i - 8), i) + '|' + text.slice(i, i + 8));
        lastTop = rect.top;
      }
    }
  }
  return wraps;
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["departments/", "overview/channels/", "journeys/", "overview/measures/"])
def test_words_in_narrow_table_columns_wrap_only_between_syllables(sites, tab, path: str, width: int) -> None:
    """A word that wraps inside a table link wraps after a soft hyphen (shown as a hyphen) or a hyphen."""
    site = sites.get("material")
    page = tab(viewport={"width": width, "height": 800})
    page.goto(site.page_url(path), diagrams=0)
    wraps = page.page.evaluate(WRAPS_IN_WORDS)
    assert [wrap for wrap in wraps if wrap.split("|")[0][-1:] not in ("\u00ad", "-")] == []
    assert page.problems() == []


@pytest.mark.parametrize("renderer", ["material", "mermaid2"])
def test_journey_diagrams_fit_their_column_and_their_legends_name_the_responsible_departments(
        sites, crawler, renderer: str) -> None:
    """At 1280 px every journey diagram of the sample is drawn at its natural size within the content column, and
    its legend lists departments only: together, those responsible for the journey's steps (the step's owner and
    its touchpoints' owners), never a persona. Mermaid wraps a long name between words, so words are compared."""
    site = sites.get(renderer)
    catalog = load_catalog(site.project / "journeys")
    names = {department.id: shorten(department.name, ACTOR_LENGTH) for department in catalog.departments.values()}
    page = crawler(renderer)
    for journey in catalog.journeys.values():
        path = f"journeys/{journey.id}/"
        page.goto(site.page_url(path), diagrams=site.mermaid_blocks(path))
        diagrams = [d for d in page.page.evaluate("window.__cjm.diagrams()") if d["kind"] == "journey"]
        wide = [(round(d["width"]), round(d["column"])) for d in diagrams if d["width"] > d["column"] + 1]
        responsible = {names[department] for step in journey.steps
                       for department in [step.department or journey.department, *(t.department for t in step.touchpoints)]}
        assert len(diagrams) > 1 and wide == [], f"{path}: diagrams wider than their column (px): {wide}"
        legend = {word for d in diagrams for line in d["legend"] for word in line.split()}
        assert legend == {word for name in responsible for word in name.split()}, path
    assert page.problems() == []
