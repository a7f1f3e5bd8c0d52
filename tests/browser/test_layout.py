"""Layout beyond what every page is checked for (tests/browser/checks.py): the back-to-top button, which only shows
while the reader scrolls back up, leaves the matrix's header cells and sticky row headers free."""

from __future__ import annotations

import pytest

from .sites import SHOWCASE

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
