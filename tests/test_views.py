"""Derived data: ratings, open pain points, reviews, responsibilities, target against current."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from cjm_mkdocs.views import department as ownership, journey as views
from cjm_mkdocs.core.catalog import Catalog
from cjm_mkdocs.core.model import Department, Journey, Step, add_months, mood_of
from conftest import sample_data


def journey(name: str = "maps/kauf.yml", **changes: object) -> Journey:
    data = sample_data()[name]
    data.update(changes)
    return Journey.model_validate({"id": name.removeprefix("maps/").removesuffix(".yml"), **data})


def catalog() -> Catalog:
    data = sample_data()
    found = Catalog()
    found.departments = {d["id"]: Department.model_validate(d) for d in data["departments.yml"]["departments"]}
    found.journeys = {j.id: j for j in (journey("maps/kauf.yml"), journey("maps/kauf-soll.yml"),
                                         journey("maps/einkauf.yml"))}
    return found


@pytest.mark.parametrize("score", [1, 2, 3, 4, 5])
def test_mood_of_a_mean_agrees_with_a_steps_mood(score: int) -> None:
    step = Step.model_validate({"name": "x", "rating": score})
    assert mood_of(score) == step.mood


def test_overall_score_is_the_mean_step_score() -> None:
    found = journey()
    scores = [step.score for step in found.steps]
    assert views.overall_score(found) == round(sum(scores) / len(scores), 1)
    assert mood_of(2.4) == "disappointing" and mood_of(2.5) == "okay" and mood_of(3.5) == "delighting"


def test_review_is_due_the_day_after_the_interval() -> None:
    last = dt.date(2025, 1, 31)
    due = add_months(last, 12)
    assert views.review(last, 12, due) == views.Review(last, due, False)
    assert views.review(last, 12, due + dt.timedelta(days=1)).overdue
    assert views.review(None, 12, due).overdue


def test_a_pain_point_stays_open_until_a_done_measure_addresses_it_or_its_step() -> None:
    found = journey()
    open_ids = [pain.id for _, pain in views.open_pain_points(found)]
    assert open_ids == ["angebot-sehen-pain-2", "abbrechen-pain-1"]  # "feed" (done) closes versand-unklar
    found.measures[1].status = "done"  # addresses the step `abbrechen`
    assert [pain.id for _, pain in views.open_pain_points(found)] == ["angebot-sehen-pain-2"]
    found.measures[0].status = "planned"
    assert "versand-unklar" in [pain.id for _, pain in views.open_pain_points(found)]


def test_points_are_sorted_worst_first_and_file_order_within_a_severity() -> None:
    found = journey()
    assert [pain.severity for _, pain in views.by_severity(found.pain_points)] == ["critical", "high", "medium"]
    step = found.steps[0]
    step.love_points[0].severity = "low"
    step.love_points.append(step.love_points[0].model_copy(update={"text": "Schnell", "severity": "high"}))
    assert [(number, love.text) for _, number, love in views.love_points(found)] == [(2, "Schnell"), (1, "Guter Preis")]


def test_quick_wins_come_first() -> None:
    found = journey()
    found.measures.reverse()
    assert [m.id for m in views.measures_in_order(found)] == ["feed", "hotline-verstaerken"]


def test_measures_link_to_the_steps_and_pain_points_they_address() -> None:
    found = journey()
    assert views.addressed(found, found.measures[0]) == [("pain-versand-unklar", "Versandkosten unklar")]
    assert views.addressed(found, found.measures[1]) == [("step-abbrechen", "Bricht ab")]
    assert views.measures_for(found, found.steps[1]) == [found.measures[1]]


def test_step_departments_start_with_the_step_owner() -> None:
    found = journey()
    assert ownership.step_departments(found, found.steps[0]) == ["marketing", "service", "it"]
    assert ownership.step_departments(found, found.steps[1]) == ["service"]
    assert ownership.departments_of(found) == ["marketing", "service", "it"]


def test_responsibilities_cover_every_owned_item_once() -> None:
    found = catalog()
    owned = ownership.responsibilities(found)
    assert set(owned) == set(found.departments)
    assert owned["recht"] == []
    items = [item for group in owned.values() for item in group]
    expected = sum(1 + len(j.measures) + len(j.kpis) + sum(
        len(s.touchpoints) + len(s.love_points) + len(s.pain_points) + len(s.backstage) for s in j.steps)
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
    rows = {row.department.id: row for row in ownership.responsibility_rows(data)}
    assert list(rows) == list(data.departments)
    cells = ownership.responsibility_matrix(data)
    for department, row in rows.items():
        assert row.cells == [cells.get((department, journey)) for journey in data.journeys]
        assert row.total == sum(cell.total for cell in row.cells if cell)
    assert rows["service"].total >= 4 and rows["recht"].total == 0


def test_owned_items_group_by_journey_in_order() -> None:
    owned = ownership.responsibilities(catalog())["service"]
    assert [j.id for j, _ in ownership.by_journey(owned)] == ["kauf", "einkauf"]
