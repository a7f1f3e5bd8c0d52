"""Every page of the sample site in chromium, under both Mermaid renderers: offline, no errors, diagrams drawn,
the emotion curve present, the matrix visible and scrolling sideways under sticky row headers; at 1280 and at
390 px wide, no page wider than the window and every table column in sight or behind a visible scroll affordance."""

from __future__ import annotations

import pytest

from .checks import NARROW, visit, visit_all, visit_narrow
from .sites import SAMPLE_PAGES

RENDERERS = ("material", "mermaid2")
JOURNEY_PAGES = [page for page in SAMPLE_PAGES if page.startswith("journeys/") and page != "journeys/"]


@pytest.mark.parametrize("renderer", RENDERERS)
def test_every_journey_persona_department_and_hand_written_page_is_built(sites, renderer: str) -> None:
    assert sorted(set(SAMPLE_PAGES) - set(sites.get(renderer).pages())) == []


@pytest.mark.parametrize("path", SAMPLE_PAGES)
@pytest.mark.parametrize("renderer", RENDERERS)
def test_page_renders_offline_without_errors(sites, crawler, renderer: str, path: str) -> None:
    visit(crawler(renderer), sites.get(renderer), path, journey=path in JOURNEY_PAGES)


@pytest.mark.parametrize("renderer", RENDERERS)
def test_every_other_generated_page_renders_offline_without_errors(sites, crawler, renderer: str) -> None:
    """Pages beyond one per journey, persona and department (overviews and the like), all of them."""
    site = sites.get(renderer)
    assert visit_all(crawler(renderer), site, [p for p in site.pages() if p not in SAMPLE_PAGES]) == {}


@pytest.mark.parametrize("renderer", RENDERERS)
def test_every_page_fits_a_phone_and_signals_the_table_columns_out_of_sight(sites, crawler, renderer: str) -> None:
    """Every page at 390 px wide (the tests above check 1280 px), one load each."""
    site = sites.get(renderer)
    assert visit_all(crawler(renderer, NARROW), site, site.pages(), visit_narrow) == {}
