"""views.department: who owns what in each journey, the responsibility index, step owners."""

from __future__ import annotations

from collections import Counter

from cjm_mkdocs.core.catalog import Catalog
from cjm_mkdocs.views import department as ownership
from test_views_journey import catalog, journey


def test_step_departments_start_with_the_step_owner() -> None:
    found = journey()
    assert ownership.step_departments(found, found.steps[0]) == ["marketing", "service", "it"]
    assert ownership.step_departments(found, found.steps[1]) == ["service"]
    assert ownership.departments_of(found) == ["marketing", "service", "it"]


def owned_by(data: Catalog, department: str) -> list[ownership.Owned]:
    """What `department` owns across the journeys, journey by journey."""
    return [item for journey in data.journeys.values() for item in ownership.owned_in(journey)
            if item.department == department]


def test_owned_items_cover_every_owned_item_once() -> None:
    found = catalog()
    owned = {department: owned_by(found, department) for department in found.departments}
    assert owned["recht"] == []
    items = [item for journey in found.journeys.values() for item in ownership.owned_in(journey)]
    expected = sum(1 + len(j.measures) + len(j.kpis) + sum(
        len(s.touchpoints) + len(s.love_points) + len(s.pain_points) + len(s.frontstage) + len(s.backstage)
        + len(s.support_processes) for s in j.steps)
        for j in found.journeys.values())
    assert len(items) == expected
    assert all(item.department in found.departments for item in items)
    kinds = Counter(item.kind for item in owned["it"])
    assert kinds == {"backstage": 1, "measure": 1}


def test_responsibility_matrix_counts_and_worst_rating() -> None:
    cells = ownership.responsibility_matrix(catalog())
    service = cells[("service", "kauf")]
    assert service.counts == {"touchpoint": 2, "pain_point": 2}
    assert service.worst == 1 and service.total == 4
    assert cells[("it", "kauf")].worst == 3
    assert cells[("marketing", "kauf")].counts["journey"] == 1
    assert ("recht", "kauf") not in cells


def test_responsibility_rows_have_a_cell_per_journey_and_a_total() -> None:
    data = catalog()
    cells = ownership.responsibility_matrix(data)
    rows = {row.department.id: row for row in ownership.responsibility_rows(data, cells)}
    assert list(rows) == list(data.departments)
    for department, row in rows.items():
        assert row.cells == [cells.get((department, journey)) for journey in data.journeys]
        assert row.total == sum(cell.total for cell in row.cells if cell)
    assert rows["service"].total >= 4 and rows["recht"].total == 0


def test_owned_items_group_by_journey_in_order() -> None:
    owned = owned_by(catalog(), "service")
    assert [j.id for j, _ in ownership.by_journey(owned)] == ["kauf", "einkauf"]
