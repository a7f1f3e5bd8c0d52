"""Derived data of one journey: ratings, open pain points, measures, reviews, anchors on its page; and where a
journey is listed among others (a current journey before its target).

Pure functions of the catalog; nothing here knows about MkDocs or HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .memo import per_journey
from ..core.model import (SEVERITY_ORDER, Journey, Kpi, LovePoint, Measure, Measurement, PainPoint, Step, add_months,
                          mood_of)

@dataclass(frozen=True)
class Review:
    """When something was last reviewed and whether a review is due."""

    last: dt.date | None
    due: dt.date | None
    overdue: bool


def review(last: dt.date | None, interval_months: int, today: dt.date) -> Review:
    """The review status of a journey or persona on `today`; never reviewed counts as due."""
    if last is None:
        return Review(None, None, True)
    due = add_months(last, interval_months)
    return Review(last, due, due < today)


def mean_score(journey: Journey) -> float:
    """The mean step score (1–5), unrounded."""
    scores = [step.score for step in journey.steps]
    return sum(scores) / len(scores)


def overall_score(journey: Journey) -> float:
    """The mean step score (1–5), one decimal."""
    return round(mean_score(journey), 1)


def addresses(measure: Measure, step: Step, pain: PainPoint | None = None) -> bool:
    """Whether `measure` names the step or the pain point."""
    return step.id in measure.addresses or (pain is not None and pain.id in measure.addresses)


def current_before_target(journeys: Iterable[Journey]) -> list[Journey]:
    """The journeys in the given order, except that a target journey comes right after the current journey it
    improves when that is listed too: a list reads from how it is to how it shall be."""
    listed = list(journeys)
    ids = {journey.id for journey in listed}
    targets: dict[str, list[Journey]] = {}
    for journey in listed:
        if journey.improves in ids:
            targets.setdefault(journey.improves, []).append(journey)
    ordered: dict[str, Journey] = {}
    for journey in listed:
        if journey.improves not in ids:
            ordered[journey.id] = journey
            ordered.update((target.id, target) for target in targets.get(journey.id, []))
    ordered.update((journey.id, journey) for journey in listed if journey.id not in ordered)  # no current first
    return list(ordered.values())


def is_open(journey: Journey, step: Step, pain: PainPoint) -> bool:
    """A pain point is open until a measure addressing it (or its step) is done."""
    return not any(m.status == "done" and addresses(m, step, pain) for m in journey.measures)


def open_pain_points(journey: Journey) -> list[tuple[Step, PainPoint]]:
    """Pain points no finished measure addresses, worst first."""
    return by_severity([(s, p) for s, p in journey.pain_points if is_open(journey, s, p)])


def by_severity(items: list[tuple[Step, PainPoint]]) -> list[tuple[Step, PainPoint]]:
    """(step, point) pairs sorted critical → low, file order within a severity."""
    return sorted(items, key=lambda pair: SEVERITY_ORDER[pair[1].severity])


def love_points(journey: Journey) -> list[tuple[Step, int, LovePoint]]:
    """(step, number within the step, love point), strongest first."""
    found = [(step, n, love) for step in journey.steps for n, love in enumerate(step.love_points, 1)]
    return sorted(found, key=lambda item: SEVERITY_ORDER[item[2].severity])


def measures_in_order(journey: Journey) -> list[Measure]:
    """Quick wins first, otherwise file order."""
    return sorted(journey.measures, key=lambda m: not m.is_quick_win)


def measures_for(journey: Journey, step: Step, pain: PainPoint | None = None) -> list[Measure]:
    """The measures that address a step or one of its pain points."""
    return [m for m in journey.measures if addresses(m, step, pain)]


def addressed(journey: Journey, measure: Measure) -> list[tuple[str, str]]:
    """(anchor, text) of every step and pain point a measure addresses."""
    targets = _targets(journey)
    return [target for ref in measure.addresses for target in targets.get(ref, [])]


@per_journey
def _targets(journey: Journey) -> dict[str, list[tuple[str, str]]]:
    """What a measure may address, by id: (anchor, text) of the steps and pain points, in file order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for step in journey.steps:
        found.setdefault(step.id, []).append((step_anchor(step), step.name))
        for pain in step.pain_points:
            found.setdefault(pain.id, []).append((pain_anchor(pain), pain.text))
    return found


# --- anchors on the journey page -------------------------------------------------------

def step_anchor(step: Step) -> str:
    return f"step-{step.id}"


def blueprint_anchor(step: Step) -> str:
    """The HTML id of a step's column in the service blueprint."""
    return f"blueprint-{step.id}"


def pain_anchor(pain: PainPoint) -> str:
    return f"pain-{pain.id}"


def love_anchor(step: Step, number: int) -> str:
    return f"love-{step.id}-{number}"


def measure_anchor(measure: Measure) -> str:
    return f"measure-{measure.id}"


def kpi_anchor(kpi: Kpi) -> str:
    return f"kpi-{kpi.id}"


@dataclass(frozen=True)
class JourneySummary:
    """What every list of journeys shows about one: its overall rating, open pain points and review status."""

    overall: float
    mood: str
    open_pain_points: int
    review: Review


@per_journey
def summary(journey: Journey, today: dt.date) -> JourneySummary:
    """The :class:`JourneySummary` of a journey on `today`."""
    score = overall_score(journey)
    return JourneySummary(score, mood_of(score), len(open_pain_points(journey)),
                          review(journey.last_reviewed, journey.review_interval_months, today))


TRENDS = ("worsening", "improving", "steady", "unknown")
"""Where a KPI heads between its last two measurements, in the order the KPI board sorts them."""


@dataclass(frozen=True)
class KpiTrend:
    """Where a KPI is heading, how far it is from its target and whether its value is still current."""

    direction: str
    """One of :data:`TRENDS`; unknown with fewer than two measurements."""
    latest: Measurement | None
    previous: Measurement | None
    stale: bool
    """Its measuring interval has passed since the latest measurement."""
    gap: float | None
    """How far the current value is from the target, in the better direction (0 once met); None without a value."""


def heading(kpi: Kpi, earlier: Measurement | None, later: Measurement | None) -> str:
    """improving, worsening or steady from `earlier` to `later`, in the KPI's better direction; unknown without both."""
    if not (earlier and later):
        return "unknown"
    change = later.value - earlier.value
    return "steady" if change == 0 else "improving" if (change > 0) == (kpi.better == "higher") else "worsening"


def kpi_trend(kpi: Kpi, today: dt.date) -> KpiTrend:
    """The trend of `kpi` on `today`, from its measurements."""
    measured = kpi.measured
    latest, previous = (measured[-1] if measured else None), (measured[-2] if len(measured) > 1 else None)
    direction = heading(kpi, previous, latest)
    stale = bool(latest and kpi.interval_months and add_months(latest.date, kpi.interval_months) < today)
    gap = None
    if kpi.current is not None:
        gap = max(0.0, kpi.target - kpi.current if kpi.better == "higher" else kpi.current - kpi.target)
    return KpiTrend(direction, latest, previous, stale, gap)


@dataclass(frozen=True)
class KpiEffect:
    """A KPI a done measure should move, measured before and after the day it was done."""

    kpi: Kpi
    before: Measurement | None
    """The latest measurement on or before that day."""
    after: Measurement | None
    """The latest measurement after it."""

    @property
    def direction(self) -> str:
        """Where the KPI went from before to after (:func:`heading`)."""
        return heading(self.kpi, self.before, self.after)


def effects(journey: Journey, measure: Measure) -> list[KpiEffect]:
    """Did it work: each KPI the measure targets (its `kpis`, else all of the journey's), before and after the day it
    was done; none while it is not done, or its history does not say when."""
    done = measure.done_on
    if done is None:
        return []
    found = []
    for kpi in journey.kpis:
        if measure.kpis and kpi.id not in measure.kpis:
            continue
        before = [m for m in kpi.measured if m.date <= done]
        after = [m for m in kpi.measured if m.date > done]
        found.append(KpiEffect(kpi, before[-1] if before else None, after[-1] if after else None))
    return found
