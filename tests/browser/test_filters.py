"""The filters of the catalog, the pain-point register and the measures backlog live in the page's URL: chosen
filters survive a reload, and a dashboard's figures open the register or backlog filtered to what they count."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from .test_navigation import click_link_to
from .web import Tab

FILTERED = ["journeys/", "overview/pain-points/", "overview/measures/"]
VISIBLE_ROWS = "form => [...document.getElementById(form.dataset.cjmFilter).tBodies[0].rows].filter(r => !r.hidden)" \
               ".map(r => r.outerHTML.slice(0, 300))"


def choose_filters(page: Tab) -> dict[str, str]:
    """In each select after the first, choose the first value that leaves some rows shown; the values chosen."""
    form = page.page.locator("form[data-cjm-filter]")
    form.wait_for(state="visible")
    chosen = {}
    for select in form.locator("select").all()[1:]:
        for value in select.locator("option").evaluate_all("options => options.map(o => o.value).filter(Boolean)"):
            select.select_option(value)
            if form.evaluate(VISIBLE_ROWS):
                chosen[select.get_attribute("name")] = value
                break
        else:
            select.select_option("")
    return chosen


def shown(page: Tab) -> list[str]:
    return page.page.locator("form[data-cjm-filter]").evaluate(VISIBLE_ROWS)


@pytest.mark.parametrize("path", FILTERED)
def test_chosen_filters_are_in_the_url_and_a_reload_shows_the_same_rows(sites, tab, path: str) -> None:
    site = sites.get("material")
    page = tab()
    page.goto(site.page_url(path), diagrams=0)
    everything = shown(page)
    chosen = choose_filters(page)
    assert chosen, f"{path}: no filter value leaves a row shown"
    rows = shown(page)
    assert 0 < len(rows) < len(everything), f"{path}: the filters {chosen} change nothing"
    assert {key: value[0] for key, value in parse_qs(urlsplit(page.page.url).query).items()} == chosen
    page.page.reload()
    page.page.locator("form[data-cjm-filter]").wait_for(state="visible")
    assert shown(page) == rows
    selects = page.page.locator("form[data-cjm-filter] select")
    restored = {s.get_attribute("name"): s.input_value() for s in selects.all() if s.input_value()}
    assert restored == chosen
    assert page.problems() == []


def test_a_value_the_page_does_not_offer_shows_every_row(sites, tab) -> None:
    site = sites.get("material")
    page = tab()
    page.goto(site.page_url("overview/pain-points/"), diagrams=0)
    everything = shown(page)
    page.goto(site.page_url("overview/pain-points/?departments=nobody&severity=critical"), diagrams=0)
    critical = [row for row in everything if 'data-severity="critical"' in row]
    assert shown(page) == critical and critical


def dashboard_links(site, department: str) -> dict[str, tuple[int, str]]:
    """The dashboard's figures that lead to the register or backlog: key → (value, absolute URL)."""
    soup = BeautifulSoup(site.html(f"departments/{department}/"), "html.parser")
    found = {}
    for figure in soup.select(".cjm-tile dd[data-figure]"):
        href = figure.a["href"] if figure.a else ""
        if "?" in href:
            found[figure["data-figure"]] = (int(figure.a.get_text()), site.page_url(f"departments/{department}/") + href)
    return found


def test_each_dashboard_figure_opens_the_register_or_backlog_showing_as_many_rows(sites, tab) -> None:
    """Clicked (instant navigation keeps the document): the page restores the filters from the URL it was given."""
    site = sites.get("material")
    department = "kundenservice"
    links = dashboard_links(site, department)
    assert {"open_pain_points", "critical", "open_measures", "quick_wins"} <= set(links)
    page = tab()
    for key, (value, url) in links.items():
        page.goto(site.page_url(f"departments/{department}/"), diagrams=0)
        click_link_to(page.page, page.page.evaluate("url => new URL(url).href", url))
        page.page.locator("form[data-cjm-filter]").wait_for(state="visible")
        rows = shown(page)
        assert len(rows) == value, f"{key}: the figure says {value}, the filtered page shows {len(rows)} rows"
        assert all(f'data-departments="{department}"' in row for row in rows), key
    assert page.problems() == []
