"""views.journey: ratings, open pain points, reviews, measures of one journey."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from cjm_mkdocs.views import journey as views
from cjm_mkdocs.core.catalog import Catalog
from cjm_mkdocs.core.model import Department, Journey, Kpi, Measure, Step, add_months, mood_of
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


# --- KPI trends --------------------------------------------------------------------------------

def kpi(values: list[tuple[str, float]], better: str = "higher", **fields: object) -> Kpi:
    history = [{"date": dt.date.fromisoformat(day), "value": value} for day, value in values]
    return Kpi.model_validate({"name": "K", "definition": "d", "source": "s", "target": 50, "better": better,
                               "history": history, **fields})


@pytest.mark.parametrize(("values", "better", "direction"), [
    ([("2026-01-31", 40), ("2026-04-30", 45)], "higher", "improving"),
    ([("2026-04-30", 45), ("2026-01-31", 40)], "higher", "improving"),  # in any order: by date
    ([("2026-01-31", 40), ("2026-04-30", 45)], "lower", "worsening"),
    ([("2026-01-31", 40), ("2026-04-30", 30), ("2026-07-31", 35)], "higher", "improving"),
    ([("2026-01-31", 40), ("2026-04-30", 40)], "higher", "steady"),
    ([("2026-01-31", 40)], "higher", "unknown"),
    ([], "higher", "unknown"),
])
def test_a_kpi_trend_compares_its_last_two_measurements_in_its_better_direction(values, better: str,
                                                                               direction: str) -> None:
    assert views.kpi_trend(kpi(values, better), dt.date(2026, 8, 1)).direction == direction


def test_the_latest_measurement_is_the_current_value_and_its_distance_to_target_counts_the_right_way() -> None:
    rising = kpi([("2026-04-30", 45), ("2026-01-31", 40)])
    trend = views.kpi_trend(rising, dt.date(2026, 8, 1))
    assert rising.current == 45 and trend.latest.date == dt.date(2026, 4, 30) and trend.previous.value == 40
    assert trend.gap == 5
    assert views.kpi_trend(kpi([("2026-04-30", 45)], "lower"), dt.date(2026, 8, 1)).gap == 0
    assert views.kpi_trend(kpi([("2026-04-30", 58)], "lower"), dt.date(2026, 8, 1)).gap == 8


@pytest.mark.parametrize(("today", "stale"), [("2026-07-29", False), ("2026-07-30", False), ("2026-07-31", True)])
def test_a_kpi_is_stale_once_its_interval_has_passed_since_its_latest_value(today: str, stale: bool) -> None:
    measured = kpi([("2026-01-31", 40), ("2026-04-30", 45)], interval_months=3)
    assert views.kpi_trend(measured, dt.date.fromisoformat(today)).stale is stale
    assert not views.kpi_trend(kpi([("2026-04-30", 45)]), dt.date(2030, 1, 1)).stale  # no interval: never stale


# --- measures that show their effect ---------------------------------------------------------------

def measure(history: list[tuple[str, str]], **fields: object) -> Measure:
    changes = [{"status": status, "date": dt.date.fromisoformat(day)} for status, day in history]
    return Measure.model_validate({"title": "M", "history": changes, **fields})


def test_a_measures_latest_change_is_its_status_and_done_measures_know_their_day_and_lead_time() -> None:
    done = measure([("done", "2026-07-15"), ("planned", "2026-04-15"), ("in-progress", "2026-05-04")])
    assert (done.status, done.done_on, done.lead_days) == ("done", dt.date(2026, 7, 15), 91)
    running = measure([("planned", "2026-04-15"), ("in-progress", "2026-05-04")])
    assert (running.status, running.done_on, running.lead_days) == ("in-progress", None, None)
    assert (measure([], status="done").done_on, measure([], status="done").lead_days) == (None, None)


def test_a_done_measure_shows_its_kpis_before_and_after_the_day_it_was_done() -> None:
    hotline = kpi([("2026-03-31", 54), ("2026-06-30", 59), ("2026-09-30", 67)], id="hotline")
    calls = kpi([("2026-06-30", 40), ("2026-07-15", 41), ("2026-08-31", 38)], better="lower", id="calls")
    quiet = kpi([("2026-03-31", 10)], id="quiet")
    journey = Journey.model_construct(kpis=[hotline, calls, quiet])
    done = measure([("planned", "2026-04-15"), ("done", "2026-07-15")])
    found = {effect.kpi.id: effect for effect in views.effects(journey, done)}
    assert [(found["hotline"].before.value, found["hotline"].after.value, found["hotline"].direction)] == [(59, 67, "improving")]
    assert (found["calls"].before.value, found["calls"].after.value, found["calls"].direction) == (41, 38, "improving")
    assert (found["quiet"].before.value, found["quiet"].after, found["quiet"].direction) == (10, None, "unknown")
    targeted = measure([("done", "2026-07-15")], kpis=["calls"])
    assert [effect.kpi.id for effect in views.effects(journey, targeted)] == ["calls"]
    assert views.effects(journey, measure([("in-progress", "2026-07-15")])) == []
