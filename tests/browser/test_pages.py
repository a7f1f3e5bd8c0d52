"""Every page of the sample site in chromium, under both Mermaid renderers: offline, no errors, diagrams drawn,
the emotion curve present, the matrix visible and scrolling sideways under sticky row headers."""

from __future__ import annotations

import pytest

from .checks import visit, visit_all
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
