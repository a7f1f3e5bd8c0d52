"""The Content-Security-Policy in chromium: a script injected into a page (after the build, or by editor text
through a missed escape) does not run, and everything the site does still works without a violation. The other
browser tests check every page, instant navigation, the palettes and the diagrams under both renderers with the
policy in force: :meth:`Tab.problems` lists its violations."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from .sites import CDN_SCRIPT, SHOWCASE, Site
from .test_navigation import click_link_to
from .web import Tab, toggle_palette

INJECTED = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned2 = 1">'
RAN = "[window.__pwned === 1, window.__pwned2 === 1]"
POLICY = "meta[http-equiv='Content-Security-Policy']"


@contextmanager
def injected_page(site: Site) -> Iterator[str]:
    """A copy of the showcase journey page (beside it, so its links still work) with :data:`INJECTED` in its
    content, as someone with write access to the built files could add it; its path, while the test needs it
    (the site is shared: other tests visit all its pages)."""
    folder = site.folder / "journeys" / "injected"
    shutil.copytree(site.folder / SHOWCASE["journey"], folder)
    try:
        html = (folder / "index.html").read_text(encoding="utf-8")
        (folder / "index.html").write_text(html.replace("</article>", INJECTED + "</article>", 1), encoding="utf-8")
        yield "journeys/injected/"
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize("csp", [True, False], ids=["policy", "no-policy"])
def test_a_script_and_an_event_handler_added_after_the_build_do_not_run(sites, tab, csp: bool) -> None:
    """Without the policy (the control) both run: the injection itself works."""
    site = sites.get("material", csp=csp)
    page = tab()
    with injected_page(site) as path:
        page.goto(site.page_url(path), diagrams=site.mermaid_blocks(path))
        page.page.wait_for_load_state("networkidle")
    assert page.page.evaluate(RAN) == [not csp, not csp]
    if csp:
        violations = page.page.evaluate("window.__cjm.violations")
        assert {v.split()[0] for v in violations} == {"script-src-elem", "script-src-attr"}, violations


def test_a_script_smuggled_in_by_editor_text_does_not_run(sites, tab) -> None:
    """The hostile site with a matrix template that stops escaping (see sites.sabotage): its scripts reach the
    page but are not the theme's, so they get no hash; the script from a CDN is refused, not fetched."""
    site = sites.get("material", hostile=True, sabotaged=True)
    path = "journeys/angriff/"
    page = tab()
    page.goto(site.page_url(path), diagrams=site.mermaid_blocks(path))
    page.page.wait_for_load_state("networkidle")
    assert page.page.evaluate("window.__cjm.audit()") != [], "the sabotage no longer injects anything"
    problems = page.problems()
    assert [p for p in problems if p.startswith("called:")] == [] and "pwned" not in page.page.title()
    assert f"csp {CDN_SCRIPT}" in page.failed, "chromium refuses the script from a CDN before fetching it"
    assert any(p.startswith("CSP violation: script-src-elem") for p in problems), problems
    assert any(p.startswith("CSP violation: script-src-attr") for p in problems), problems


def search(page: Tab, query: str) -> list[str]:
    """Type `query` into mkdocs-material's search; the titles of the results."""
    field = page.page.locator("input[data-md-component=search-query]")
    field.click()
    field.press_sequentially(query)
    results = page.page.locator(".md-search-result__item")
    results.first.wait_for()
    return results.locator("h1, h2").all_inner_texts()


def filter_catalog(page: Tab) -> tuple[int, int]:
    """Choose the first segment in the catalog's filter; the rows shown before and after."""
    form = page.page.locator("form[data-cjm-filter]")
    form.wait_for(state="visible")  # catalog-filter.js shows it
    rows = page.page.locator(f"#{form.get_attribute('data-cjm-filter')} tbody tr:not([hidden])")
    before = rows.count()
    select = form.locator("select").first
    select.select_option(index=1)
    return before, rows.count()


def test_search_instant_navigation_palette_and_filters_work_under_the_policy(sites, tab) -> None:
    site = sites.get("material")
    page = tab()
    page.goto(site.page_url(""), diagrams=0)
    assert page.page.locator(f"head > {POLICY}").count() == 1
    page.page.evaluate("window.__cjmStillHere = true")
    assert toggle_palette(page.page) == "slate"
    results = search(page, "Glasfaser")
    assert any("Glasfaser" in title for title in results), results
    page.page.keyboard.press("Escape")
    click_link_to(page.page, site.page_url("journeys/"))
    before, after = filter_catalog(page)
    assert 0 < after < before, (before, after)
    assert page.page.evaluate("window.__cjmStillHere === true"), "instant navigation reloaded the page"
    assert page.problems() == []


@pytest.mark.parametrize("renderer", ["material", "mermaid2"])
def test_diagrams_draw_under_the_policy(sites, tab, renderer: str) -> None:
    site = sites.get(renderer)
    path = SHOWCASE["journey"]
    page = tab()
    page.goto(site.page_url(path), diagrams=site.mermaid_blocks(path))
    assert page.page.locator(POLICY).count() == 1 and site.mermaid_blocks(path) > 0
    assert page.problems() == []
