"""views.journey: ratings, open pain points, reviews, measures of one journey."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from cjm_mkdocs.views import journey as views
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


def _second_target() -> Journey:
    return journey("maps/kauf-soll.yml", title="Kauf (Soll, Variante)")


@pytest.mark.parametrize("order", list(itertools.permutations(["kauf", "kauf-soll", "einkauf", "kauf-soll-2"])))
def test_current_before_target_puts_each_target_right_after_its_current_journey(order: tuple[str, ...]) -> None:
    journeys = {**catalog().journeys, "kauf-soll-2": _second_target().model_copy(update={"id": "kauf-soll-2"})}
    listed = [journeys[i] for i in order]
    ordered = [j.id for j in views.current_before_target(listed)]
    assert sorted(ordered) == sorted(order)
    targets = [i for i in order if journeys[i].improves]
    assert ordered[ordered.index("kauf") + 1:][:len(targets)] == targets  # right after it, in their own order
    assert [i for i in ordered if i not in targets] == [i for i in order if i not in targets]


def test_current_before_target_leaves_a_target_without_its_current_where_it_is() -> None:
    journeys = catalog().journeys
    listed = [journeys["kauf-soll"], journeys["einkauf"]]
    assert views.current_before_target(listed) == listed
