"""Instant navigation (mkdocs-material's `navigation.instant`): clicking from a page without a diagram to a
journey page swaps the page in place, and the diagram is drawn by the local Mermaid."""

from __future__ import annotations

from .sites import SHOWCASE

SAME_DOCUMENT = "window.__cjmStillHere === true"


def test_clicking_through_to_a_journey_draws_its_diagram_without_reloading(sites, tab) -> None:
    site = sites.get("material")
    journey = SHOWCASE["journey"]
    page = tab()
    page.goto(site.page_url(""), diagrams=0)
    page.page.evaluate("window.__cjmStillHere = true")
    page.page.locator(f"article a[href='{site.page_url('journeys/')}']").first.click()
    page.page.wait_for_url(site.page_url("journeys/"))
    page.wait_for_diagrams(0)
    page.page.locator(f"table.cjm-catalog a[href='{site.page_url(journey)}']").first.click()
    page.page.wait_for_url(site.page_url(journey))
    page.wait_for_diagrams(site.mermaid_blocks(journey))
    assert page.page.evaluate(SAME_DOCUMENT), (
        "the click loaded a new document: instant navigation is off. mkdocs-material only swaps pages its "
        "sitemap.xml lists, and the sitemap is empty without `site_url` in mkdocs.yml")
    mermaid = [url for url in page.requests if url.endswith("mermaid.min.js")]
    assert mermaid == [site.page_url("assets/cjm/mermaid.min.js")], "Mermaid is loaded once, from the site"
    assert page.problems() == []
