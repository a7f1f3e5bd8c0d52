"""Views across all journeys: channel inventory, pain-point register, measures backlog, KPI board,
review status and current against target.

Pure functions of the catalog (and the day reviews and due dates are judged on); nothing here
knows about MkDocs or HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from math import fsum
from typing import TypeVar, get_args

from . import journey as views, lifecycle
from .memo import per_catalog, per_journey
from ..core.catalog import Catalog
from ..core.model import (COUNTED_METRICS, DEFAULT_STAGES, DUE_SOON_DAYS, FIGURE_METRICS, SEVERITY_ORDER, Journey, Kpi,
                          Measure, PainPoint, Stage, Step, Touchpoint)

LEVELS = ("low", "medium", "high")
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
MEDIA = ("digital", "physical")
MEASURE_STATUSES: tuple[str, ...] = get_args(Measure.model_fields["status"].annotation)
"""A measure's statuses in the order of its work: idea, planned, in-progress, done."""
KPI_STATUSES = ("met", "not_met", "no_value")
"""A KPI's statuses on the board (:attr:`KpiEntry.status`)."""
KPI_URGENCY = {"not_met": 0, "no_value": 1, "met": 2}
"""The order of KPIs by what to act on: those off target first, then those without a value."""
REVIEW_STATES = ("overdue", "due_soon", "ok")
"""The states of a review (:attr:`ReviewEntry.state`), most urgent first."""

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Place:
    """Where something is: journey, stage and step."""

    journey: Journey
    stage: Stage
    step: Step


def as_is(catalog: Catalog) -> list[Journey]:
    """The journeys customers walk today: current (not target) and not archived."""
    return [j for j in catalog.journeys.values() if j.kind == "current" and j.status != "archived"]


def places(journeys: Iterable[Journey]) -> Iterator[Place]:
    """Every step of the journeys, in file order."""
    for journey in journeys:
        for stage in journey.stages:
            for step in stage.steps:
                yield Place(journey, stage, step)


def stages(journeys: Iterable[Journey]) -> list[Stage]:
    """One stage per id across the journeys: the default stages in their order, then the others as they appear."""
    found: dict[str, Stage] = {}
    for place in places(journeys):
        found.setdefault(place.stage.id, place.stage)
    order = {stage_id: rank for rank, stage_id in enumerate(DEFAULT_STAGES)}
    return sorted(found.values(), key=lambda stage: order.get(stage.id, len(order)))


def group(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    """Items by key; keys and items in order of appearance."""
    groups: dict[K, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def average(scores: Iterable[float]) -> float | None:
    """Mean of the scores, one decimal; None for none."""
    values = list(scores)
    return round(fsum(values) / len(values), 1) if values else None


def tally(values: Iterable[str], keys: Iterable[str]) -> dict[str, int]:
    """How often each key occurs among the values, the keys in the order given (zero for those absent)."""
    found = list(values)
    return {key: found.count(key) for key in keys}


def in_catalog_order(catalog: Catalog, departments: Iterable[str]) -> list[str]:
    """The departments among `departments`, each once, in the catalog's order."""
    named = set(departments)
    return [department for department in catalog.departments if department in named]


# --- touchpoint and channel inventory --------------------------------------------------

@dataclass(frozen=True)
class TouchpointUse:
    """One touchpoint at its place; it is rated with its step."""

    place: Place
    touchpoint: Touchpoint

    @property
    def score(self) -> int:
        return self.place.step.score


@dataclass(frozen=True)
class Channel:
    """A channel (named alike, ignoring case) with every touchpoint that uses it."""

    name: str
    uses: tuple[TouchpointUse, ...]

    def in_stage(self, stage_id: str) -> list[TouchpointUse]:
        return self._by_stage.get(stage_id, [])

    @cached_property
    def _by_stage(self) -> dict[str, list[TouchpointUse]]:
        return group(self.uses, lambda use: use.place.stage.id)

    @property
    def touchpoints(self) -> int:
        """How many touchpoints use the channel."""
        return len(self.uses)

    @cached_property
    def average(self) -> float | None:
        return average(use.score for use in self.uses)

    @cached_property
    def media(self) -> list[str]:
        used = {use.touchpoint.medium for use in self.uses}
        return [medium for medium in MEDIA if medium in used]

    @cached_property
    def journey_ratings(self) -> list[tuple[Journey, float, int, int]]:
        """(journey, mean, lowest, highest rating of the channel's touchpoints there), journeys as they appear."""
        by_journey = group(self.uses, lambda use: use.place.journey.id)
        return [(uses[0].place.journey, average(use.score for use in uses), min(use.score for use in uses),
                 max(use.score for use in uses)) for uses in by_journey.values()]

    @cached_property
    def measured(self) -> list[ChannelFigure]:
        """The figures its touchpoints carry, summed or averaged."""
        return channel_figures_measured(self.uses)

    @cached_property
    def mixed(self) -> bool:
        """A touchpoint of the channel delights in one journey and one disappoints in another."""
        delighting = {use.place.journey.id for use in self.uses if use.place.step.mood == "delighting"}
        disappointing = {use.place.journey.id for use in self.uses if use.place.step.mood == "disappointing"}
        return any(good != bad for good in delighting for bad in disappointing)


@dataclass(frozen=True)
class ChannelFigure:
    """A figure measured at a channel's touchpoints: counts summed, percentages averaged, over each one's latest."""

    metric: str
    value: float
    touchpoints: int
    """How many of the channel's touchpoints measured it."""

    @property
    def unit(self) -> str:
        return "%" if self.metric in ("conversion", "drop-off") else ""


def channel_figures_measured(uses: Iterable[TouchpointUse]) -> list[ChannelFigure]:
    """The figures of the touchpoints (each one's latest value per metric), in the order of the metrics."""
    values: dict[str, list[float]] = {}
    for use in uses:
        for figure in use.touchpoint.latest_figures:
            values.setdefault(figure.metric, []).append(figure.value)
    return [ChannelFigure(metric, fsum(found) if metric in COUNTED_METRICS else round(fsum(found) / len(found), 1),
                          len(found))
            for metric in FIGURE_METRICS if (found := values.get(metric))]


def departments(uses: Iterable[TouchpointUse]) -> list[str]:
    """The departments owning the touchpoints, in order of appearance."""
    return list(dict.fromkeys(use.touchpoint.department for use in uses))


@dataclass(frozen=True)
class ChannelStage:
    """A channel's touchpoints in one stage: a cell of the channel × stage matrix and a row of its CSV."""

    stage: Stage
    uses: tuple[TouchpointUse, ...]
    touchpoints: int
    """How many touchpoints of the channel are in the stage."""
    average: float | None
    """Their mean rating (one decimal); None when there are none."""
    departments: list[str]
    """The departments owning them, in order of appearance."""


def channel_stages(channel: Channel, stages: Iterable[Stage]) -> list[ChannelStage]:
    """The channel's touchpoints stage by stage, one entry per stage (empty ones too)."""
    cells = []
    for stage in stages:
        uses = tuple(channel.in_stage(stage.id))
        cells.append(ChannelStage(stage, uses, len(uses), average(use.score for use in uses), departments(uses)))
    return cells


def channel_key(touchpoint: Touchpoint) -> str:
    """Channels named alike are one channel, whatever the case."""
    return touchpoint.channel.strip().casefold()


@per_catalog
def touchpoint_uses(catalog: Catalog) -> list[TouchpointUse]:
    """Every touchpoint of the journeys walked today (:func:`as_is`)."""
    return [use for journey in as_is(catalog) for use in journey_uses(journey)]


@per_journey
def journey_uses(journey: Journey) -> list[TouchpointUse]:
    """Every touchpoint of one journey, in file order."""
    return [TouchpointUse(place, touchpoint) for place in places([journey]) for touchpoint in place.step.touchpoints]


@per_catalog
def channels(catalog: Catalog) -> list[Channel]:
    """Every channel, most used first, then by name."""
    by_name = group(touchpoint_uses(catalog), lambda use: channel_key(use.touchpoint))
    found = [Channel(uses[0].touchpoint.channel.strip(), tuple(uses)) for uses in by_name.values()]
    return sorted(found, key=lambda channel: (-len(channel.uses), channel.name.casefold()))


@dataclass(frozen=True)
class ChannelFigures:
    """The key figures of the channel inventory."""

    channels: int
    touchpoints: int
    """Touchpoints of all channels together."""
    mixed: int
    """Channels that delight in one journey and disappoint in another (:attr:`Channel.mixed`)."""


def channel_figures(found: list[Channel]) -> ChannelFigures:
    """The figures of :func:`channels`' result."""
    return ChannelFigures(len(found), sum(channel.touchpoints for channel in found),
                          sum(channel.mixed for channel in found))


@dataclass(frozen=True)
class MediumShare:
    """The touchpoints of one medium (digital or physical)."""

    medium: str
    uses: tuple[TouchpointUse, ...]

    @property
    def touchpoints(self) -> int:
        """How many touchpoints have the medium."""
        return len(self.uses)

    @property
    def channels(self) -> int:
        return len({channel_key(use.touchpoint) for use in self.uses})

    @property
    def average(self) -> float | None:
        return average(use.score for use in self.uses)


def media_split(catalog: Catalog) -> list[MediumShare]:
    """Touchpoints by medium: digital, then physical (both always present)."""
    uses = touchpoint_uses(catalog)
    return [MediumShare(medium, tuple(use for use in uses if use.touchpoint.medium == medium)) for medium in MEDIA]


# --- pain-point register ---------------------------------------------------------------

@dataclass(frozen=True)
class PainEntry:
    """A pain point with the measures that address it and whether one of them is done."""

    place: Place
    pain: PainPoint
    measures: tuple[Measure, ...]
    open: bool

    @property
    def addressed(self) -> bool:
        return bool(self.measures)


@per_catalog
def pain_register(catalog: Catalog) -> list[PainEntry]:
    """Every pain point of the journeys walked today (:func:`as_is`), critical first, file order within a severity."""
    entries = [entry for journey in as_is(catalog) for entry in journey_pains(journey)]
    return sorted(entries, key=lambda entry: SEVERITY_ORDER[entry.pain.severity])


@per_journey
def journey_pains(journey: Journey) -> list[PainEntry]:
    """The pain points of one journey, in file order."""
    return [PainEntry(place, pain, tuple(views.measures_for(journey, place.step, pain)),
                      views.is_open(journey, place.step, pain))
            for place in places([journey]) for pain in place.step.pain_points]


@dataclass(frozen=True)
class RegisterFigures:
    """The key figures of the pain-point register."""

    total: int
    open: int
    """Pain points no finished measure addresses."""
    unaddressed: int
    """Pain points no measure addresses."""
    by_severity: tuple[tuple[str, int], ...]
    """(severity, how many pain points have it), critical first."""


def pressing(entries: Iterable[PainEntry]) -> list[PainEntry]:
    """The open pain points, most pressing first: by severity, then moments of truth, then those no measure addresses."""
    found = [entry for entry in entries if entry.open]
    return sorted(found, key=lambda entry: (SEVERITY_ORDER[entry.pain.severity], not entry.place.step.moment_of_truth,
                                            entry.addressed))


def register_figures(entries: list[PainEntry]) -> RegisterFigures:
    """The figures of :func:`pain_register`'s result."""
    severities = tally((entry.pain.severity for entry in entries), SEVERITY_ORDER)
    return RegisterFigures(len(entries), sum(entry.open for entry in entries),
                           sum(not entry.addressed for entry in entries), tuple(severities.items()))


@dataclass(frozen=True)
class HeatCell:
    """The open pain points of one department in one stage."""

    stage: Stage
    count: int


@dataclass(frozen=True)
class HeatRow:
    """A department's row of the heatmap: a cell per stage and its total."""

    department: str
    cells: tuple[HeatCell, ...]
    total: int


@dataclass(frozen=True)
class Heatmap:
    """Open pain points per stage and department."""

    stages: tuple[Stage, ...]
    departments: tuple[str, ...]
    counts: dict[tuple[str, str], int]

    def count(self, stage_id: str, department: str) -> int:
        return self.counts.get((stage_id, department), 0)

    def department_total(self, department: str) -> int:
        return sum(n for (_, owner), n in self.counts.items() if owner == department)

    @property
    def maximum(self) -> int:
        return max(self.counts.values(), default=0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rows(self) -> tuple[HeatRow, ...]:
        """The heatmap as a table: a row per department, a cell per stage."""
        return tuple(HeatRow(department, tuple(HeatCell(stage, self.count(stage.id, department)) for stage in self.stages),
                             self.department_total(department)) for department in self.departments)


def open_heatmap(catalog: Catalog) -> Heatmap:
    """Stages × departments owning any pain point, counting the open ones."""
    entries = pain_register(catalog)
    owners = {entry.pain.department for entry in entries}
    counts: dict[tuple[str, str], int] = {}
    for entry in entries:
        if entry.open:
            key = (entry.place.stage.id, entry.pain.department)
            counts[key] = counts.get(key, 0) + 1
    return Heatmap(tuple(stages(as_is(catalog))), tuple(in_catalog_order(catalog, owners)), counts)


# --- measures backlog ------------------------------------------------------------------

@dataclass(frozen=True)
class BacklogEntry:
    """A measure at its place in the backlog (`number` counts from 1)."""

    number: int
    journey: Journey
    measure: Measure
    overdue: bool


def is_overdue(measure: Measure, today: dt.date) -> bool:
    """Past its due date and not done."""
    return measure.due is not None and measure.due < today and measure.status != "done"


@per_catalog
def backlog(catalog: Catalog, today: dt.date) -> list[BacklogEntry]:
    """All measures: quick wins first; then open before done, high impact, low effort, earliest due date."""
    found = [(journey, measure) for journey in catalog.journeys.values() for measure in journey.measures]
    found.sort(key=lambda pair: (not pair[1].is_quick_win, pair[1].status == "done", -LEVEL_RANK[pair[1].impact],
                                 LEVEL_RANK[pair[1].effort], pair[1].due or dt.date.max))
    return [BacklogEntry(number, journey, measure, is_overdue(measure, today))
            for number, (journey, measure) in enumerate(found, 1)]


@dataclass(frozen=True)
class BacklogFigures:
    """The key figures of the measures backlog."""

    total: int
    quick_wins: int
    overdue: int
    done: int


def backlog_figures(entries: list[BacklogEntry]) -> BacklogFigures:
    """The figures of :func:`backlog`'s result."""
    return BacklogFigures(len(entries), sum(entry.measure.is_quick_win for entry in entries),
                          sum(entry.overdue for entry in entries),
                          sum(entry.measure.status == "done" for entry in entries))


def backlog_flags(entry: BacklogEntry) -> list[str]:
    """What the backlog's filter can pick a measure by besides its fields: ``quick-win``, ``overdue``."""
    return (["quick-win"] if entry.measure.is_quick_win else []) + (["overdue"] if entry.overdue else [])


def open_measures(entries: Iterable[BacklogEntry]) -> list[BacklogEntry]:
    """The measures of the backlog not done yet, in its order."""
    return [entry for entry in entries if entry.measure.status != "done"]


# --- KPI board -------------------------------------------------------------------------

@dataclass(frozen=True)
class KpiEntry:
    """A KPI of a journey, with its trend on the site's day."""

    journey: Journey
    kpi: Kpi
    trend: views.KpiTrend

    @property
    def status(self) -> str:
        """met, not_met, or no_value when there is no current value."""
        met = self.kpi.met
        return "no_value" if met is None else "met" if met else "not_met"

    @property
    def urgency(self) -> int:
        """Its rank when the most urgent come first: off target, then without a value, then met."""
        return KPI_URGENCY[self.status]

    @property
    def trend_rank(self) -> int:
        """Its rank when the worsening come first, then the improving, the steady and those with no trend."""
        return views.TRENDS.index(self.trend.direction)


@per_catalog
def kpi_board(catalog: Catalog, today: dt.date) -> list[KpiEntry]:
    """Every KPI, journey by journey."""
    return [entry for journey in catalog.journeys.values() for entry in journey_kpis(journey, today)]


@per_journey
def journey_kpis(journey: Journey, today: dt.date) -> list[KpiEntry]:
    """A journey's KPIs, with their trends on `today`."""
    return [KpiEntry(journey, kpi, views.kpi_trend(kpi, today)) for kpi in journey.kpis]


@dataclass(frozen=True)
class KpiFigures:
    """The key figures of the KPI board: all KPIs and how many have each status."""

    total: int
    met: int
    not_met: int
    no_value: int


def kpi_figures(entries: list[KpiEntry]) -> KpiFigures:
    """The figures of :func:`kpi_board`'s result."""
    return KpiFigures(len(entries), **tally((entry.status for entry in entries), KPI_STATUSES))


def by_journey(entries: list[KpiEntry]) -> dict[str, list[KpiEntry]]:
    """KPIs grouped by journey id."""
    return group(entries, lambda entry: entry.journey.id)


def by_owner(catalog: Catalog, entries: list[KpiEntry]) -> list[tuple[str, list[KpiEntry]]]:
    """KPIs grouped by owning department, departments in catalog order."""
    groups = group(entries, lambda entry: entry.kpi.department)
    order = {department: rank for rank, department in enumerate(catalog.departments)}
    return sorted(groups.items(), key=lambda item: order.get(item[0], len(order)))


# --- review status ---------------------------------------------------------------------

@dataclass(frozen=True)
class ReviewEntry:
    """When a journey or persona was last reviewed and how its review stands on a day."""

    kind: str
    id: str
    title: str
    owner: str | None
    last: dt.date | None
    due: dt.date | None
    state: str
    """overdue, due_soon or ok"""
    days: int | None
    """Days until the review is due (negative: overdue); None when never reviewed."""

    @property
    def days_overdue(self) -> int | None:
        """Days since the review was due, when that day has passed; else None."""
        return -self.days if self.days is not None and self.days < 0 else None


@per_catalog
def review_status(catalog: Catalog, today: dt.date, within: int = DUE_SOON_DAYS) -> list[ReviewEntry]:
    """Every journey and persona, overdue first, then by due date (never reviewed first)."""
    items = [("journey", j.id, j.title, j.department, j.last_reviewed, j.review_interval_months)
             for j in catalog.journeys.values()]
    items += [("persona", p.id, p.name, p.department, p.last_reviewed, p.review_interval_months)
              for p in catalog.personas.values()]
    entries = [_review_entry(*item, today=today, within=within) for item in items]
    rank = {state: order for order, state in enumerate(REVIEW_STATES)}
    return sorted(entries, key=lambda e: (rank[e.state], e.due or dt.date.min))


@dataclass(frozen=True)
class ReviewFigures:
    """How many journeys and personas are in each review state."""

    overdue: int
    due_soon: int
    ok: int


def review_figures(entries: list[ReviewEntry]) -> ReviewFigures:
    """The figures of :func:`review_status`'s result."""
    return ReviewFigures(**tally((entry.state for entry in entries), REVIEW_STATES))


def needing_review(entries: list[ReviewEntry]) -> list[ReviewEntry]:
    """The overdue and due-soon entries."""
    return [entry for entry in entries if entry.state != "ok"]


def _review_entry(kind: str, item_id: str, title: str, owner: str | None, last: dt.date | None, months: int, *,
                  today: dt.date, within: int) -> ReviewEntry:
    status = views.review(last, months, today)
    days = (status.due - today).days if status.due else None
    state = "overdue" if status.overdue else "due_soon" if days is not None and days <= within else "ok"
    return ReviewEntry(kind, item_id, title, owner, status.last, status.due, state, days)


# --- current against target ------------------------------------------------------------

@dataclass(frozen=True)
class StepChange:
    """A step on one side of the comparison, matched by step id: added (only in the target journey), removed
    (only in the current one), rerated (its score differs) or same. Pain points are compared on their own
    (:attr:`Comparison.resolved`, :attr:`Comparison.new`), not per step."""

    kind: str
    current: Step | None
    target: Step | None

    @property
    def delta(self) -> int | None:
        """Target score minus current score, for steps on both sides."""
        return self.target.score - self.current.score if self.current and self.target else None


@dataclass(frozen=True)
class StageComparison:
    """One stage side by side: the current journey's steps and the target journey's steps."""

    stage: Stage
    current: tuple[StepChange, ...]
    target: tuple[StepChange, ...]

    @property
    def steps(self) -> tuple[StepChange, ...]:
        """Every step of the stage once: the current journey's removed steps, then the target journey's steps."""
        return tuple(change for change in self.current if change.kind == "removed") + self.target


@dataclass(frozen=True)
class Comparison:
    """A current journey against its target journey."""

    current: Journey
    target: Journey
    stages: tuple[StageComparison, ...]
    resolved: tuple[tuple[Step, PainPoint], ...]
    """Pain points of the current journey the target journey no longer has (by id)."""
    new: tuple[tuple[Step, PainPoint], ...]
    """Pain points only the target journey has."""

    @property
    def steps(self) -> tuple[StepChange, ...]:
        """Every step once, stage by stage (see :attr:`StageComparison.steps`)."""
        return tuple(change for stage in self.stages for change in stage.steps)

    @property
    def changes(self) -> tuple[StepChange, ...]:
        """The steps added, removed or rerated, in the order of :attr:`steps`."""
        return tuple(change for change in self.steps if change.kind != "same")

    def count(self, kind: str) -> int:
        """How many steps are added, removed, rerated or the same."""
        return sum(change.kind == kind for change in self.steps)

    @property
    def figures(self) -> ChangeFigures:
        """How many steps are added, removed and rerated, how many pain points resolved and new."""
        return ChangeFigures(self.count("added"), self.count("removed"), self.count("rerated"), len(self.resolved),
                             len(self.new))

    @property
    def pain_changes(self) -> tuple[PainChanges, ...]:
        """The resolved pain points (in the current journey), then the new ones (in the target journey); none empty."""
        found = (PainChanges("resolved_pain_points", self.current, self.resolved),
                 PainChanges("new_pain_points", self.target, self.new))
        return tuple(changes for changes in found if changes.pains)


@dataclass(frozen=True)
class ChangeFigures:
    """The key figures of a comparison."""

    added: int
    removed: int
    rerated: int
    resolved: int
    """Pain points the target journey no longer has."""
    new: int
    """Pain points only the target journey has."""


@dataclass(frozen=True)
class PainChanges:
    """The pain points a comparison resolves or adds, with the journey they are in."""

    kind: str
    """``resolved_pain_points`` or ``new_pain_points`` (also the label's key)."""
    journey: Journey
    """The current journey for resolved pain points, the target journey for new ones."""
    pains: tuple[tuple[Step, PainPoint], ...]


@per_catalog
def comparisons(catalog: Catalog) -> list[Comparison]:
    """Every target journey against the current journey it improves."""
    return [compare(catalog.journeys[j.improves], j) for j in catalog.journeys.values()
            if j.kind == "target" and j.improves in catalog.journeys]


def compare(current: Journey, target: Journey) -> Comparison:
    """Stage by stage (by stage id, target order first), steps and pain points matched by id.

    The one comparison of a target journey with its current one: the overview page, the target journey's
    page and the CSV export all show this."""
    before = {step.id: step for step in current.steps}
    after = {step.id: step for step in target.steps}
    named = {stage.id: stage for stage in current.stages} | {stage.id: stage for stage in target.stages}
    order = dict.fromkeys([stage.id for stage in target.stages] + [stage.id for stage in current.stages])
    compared = tuple(StageComparison(named[key], _side(current, key, after, True), _side(target, key, before, False))
                     for key in order)
    pains_before, pains_after = dict(_pains(current)), dict(_pains(target))
    return Comparison(current, target, compared,
                      tuple(pair for key, pair in pains_before.items() if key not in pains_after),
                      tuple(pair for key, pair in pains_after.items() if key not in pains_before))


def _side(journey: Journey, stage_id: str, other: dict[str, Step], is_current: bool) -> tuple[StepChange, ...]:
    steps = [step for stage in journey.stages if stage.id == stage_id for step in stage.steps]
    changes = []
    for step in steps:
        match = other.get(step.id)
        kind = ("removed" if is_current else "added") if match is None else "rerated" if match.score != step.score else "same"
        changes.append(StepChange(kind, step, match) if is_current else StepChange(kind, match, step))
    return tuple(changes)


def _pains(journey: Journey) -> Iterator[tuple[str, tuple[Step, PainPoint]]]:
    for step, pain in journey.pain_points:
        yield pain.id, (step, pain)


# --- the overview section's home ---------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    """A count the overview's home shows beside a view, and the label it is shown with (a plural; its singular, if it
    has one, is the label ``<label>_one``)."""

    value: int
    label: str


def overview_figures(catalog: Catalog, today: dt.date) -> dict[str, list[Figure]]:
    """The key figures of each overview page, by the page's name: the same figures the pages show."""
    pains, measures = register_figures(pain_register(catalog)), backlog_figures(backlog(catalog, today))
    kpis, reviews = kpi_figures(kpi_board(catalog, today)), review_figures(review_status(catalog, today))
    return {
        "channels": [Figure(channel_figures(channels(catalog)).channels, "channel_count")],
        "pain-points": [Figure(pains.total, "pain_points"), Figure(pains.open, "open"),
                        Figure(pains.unaddressed, "not_addressed")],
        "measures": [Figure(measures.total, "measures"), Figure(measures.quick_wins, "quick_wins"),
                     Figure(measures.overdue, "overdue")],
        "kpis": [Figure(kpis.total, "kpis"), Figure(kpis.met, "met")],
        "reviews": [Figure(reviews.overdue, "overdue"), Figure(reviews.due_soon, "due_soon")],
        "target-vs-current": [Figure(len(comparisons(catalog)), "target_journeys")],
        "lifecycle": [Figure(len(lifecycle.lifecycles(catalog)), "lifecycles"),
                      Figure(lifecycle.links(catalog), "detail_links")],
    }


@dataclass(frozen=True)
class StartFigures:
    """What a visitor of the start page looks for first, across all journeys."""

    journeys: int
    critical: int
    """Open critical pain points in the journeys walked today."""
    not_addressed: int
    """Pain points no measure addresses."""
    reviews_overdue: int
    quick_wins: int
    """Quick wins not done yet."""


def start_figures(catalog: Catalog, today: dt.date) -> StartFigures:
    """The start page's key figures, from the same register, backlog and reviews as the overview pages."""
    register = pain_register(catalog)
    return StartFigures(
        len(catalog.journeys), sum(entry.open and entry.pain.severity == "critical" for entry in register),
        register_figures(register).unaddressed, review_figures(review_status(catalog, today)).overdue,
        sum(entry.measure.is_quick_win for entry in open_measures(backlog(catalog, today))))
