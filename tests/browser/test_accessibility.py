"""Accessibility: axe-core finds no serious or critical violation on each kind of page; the matrix is a real
table with header cells, the emotion curve an image with a text alternative, as the browser computes them."""

from __future__ import annotations

import pytest

from cjm_mkdocs.core.labels import LABELS

from .sites import SHOWCASE, load_catalog
from .web import run_axe

DE = LABELS["de"]
BLOCKING = ("serious", "critical")


@pytest.mark.parametrize("kind", list(SHOWCASE))
def test_axe_finds_no_serious_or_critical_violation(sites, tab, kind: str) -> None:
    site = sites.get("material")
    page = tab()
    page.goto(site.page_url(SHOWCASE[kind]), diagrams=site.mermaid_blocks(SHOWCASE[kind]))
    violations = run_axe(page.page)
    blocking = [f"{v['id']} ({v['impact']}): {v['help']}; e.g. {[n['target'] for n in v['nodes'][:3]]}"
                for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(blocking)
    assert page.problems() == []


def accessible(page, selector: str) -> dict[str, str]:
    """Role, name and description of the element as chromium's accessibility tree has them."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    found = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
    return {key: found.get(key, {}).get("value", "") for key in ("role", "name", "description")}


def test_matrix_is_a_table_with_header_cells_and_the_curve_has_a_text_alternative(sites, tab) -> None:
    site = sites.get("material")
    path = SHOWCASE["journey"]
    journey = load_catalog(site.project / "journeys").journeys[path.split("/")[1]]
    page = tab()
    page.goto(site.page_url(path), diagrams=site.mermaid_blocks(path))
    region = page.page.get_by_role("region", name=f"{DE['matrix']}: {journey.title}")
    table = region.get_by_role("table")
    assert table.count() == 1
    columns = table.get_by_role("columnheader").all_inner_texts()
    assert len(columns) == len(journey.stages) + 1 + len(journey.steps)
    rows = [text.strip() for text in table.get_by_role("rowheader").all_inner_texts()]
    assert {DE["touchpoints"], DE["does"], DE["thinks"], DE["feels"], DE["rating"]} <= set(rows)
    assert table.locator("tbody tr").count() == len(rows)
    scopes = table.locator("th").evaluate_all("cells => cells.map(c => c.getAttribute('scope'))")
    assert set(scopes) <= {"col", "colgroup", "row"} and None not in scopes
    curve = accessible(page.page, "svg.cjm-curve")
    assert curve["role"] == "image"
    assert curve["name"].startswith(f"{DE['curve']}: {journey.title}")
    assert all(step.name in curve["description"] for step in journey.steps), curve["description"]
