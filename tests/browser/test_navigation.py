"""Instant navigation (mkdocs-material's `navigation.instant`): clicking from a page without a diagram to a
journey page swaps the page in place, and the diagram is drawn by the local Mermaid."""

from __future__ import annotations

from playwright.sync_api import Page

from .sites import SHOWCASE

SAME_DOCUMENT = "window.__cjmStillHere === true"


def click_link_to(page: Page, url: str) -> None:
    """Click the first link in the page content that leads to `url` (however its href is written), once there is
    one: instant navigation changes the address before it swaps the content."""
    links = page.locator("article a")
    page.wait_for_function("url => [...document.querySelectorAll('article a')].some(a => a.href === url)", arg=url)
    index = links.evaluate_all("(links, url) => links.findIndex(a => a.href === url)", url)
    links.nth(index).click()
    page.wait_for_url(url)


def test_clicking_through_to_a_journey_draws_its_diagram_without_reloading(sites, tab) -> None:
    site = sites.get("material")
    journey = SHOWCASE["journey"]
    page = tab()
    page.goto(site.page_url(""), diagrams=0)
    page.page.evaluate("window.__cjmStillHere = true")
    click_link_to(page.page, site.page_url("journeys/"))
    page.wait_for_diagrams(0)
    click_link_to(page.page, site.page_url(journey))
    page.wait_for_diagrams(site.mermaid_blocks(journey))
    assert page.page.evaluate(SAME_DOCUMENT), (
        "the click loaded a new document: instant navigation is off. mkdocs-material only swaps pages its "
        "sitemap.xml lists, and the sitemap is empty without `site_url` in mkdocs.yml")
    mermaid = [url for url in page.requests if url.endswith(("mermaid.min.js", "mermaid.esm.min.mjs"))]
    assert mermaid == [site.page_url("assets/cjm/mermaid/mermaid.esm.min.mjs")], "Mermaid is loaded once, from the site"
    assert page.problems() == []
