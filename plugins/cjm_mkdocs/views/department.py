"""Who owns what: each department's items across the journeys, its dashboard, the responsibility index, step owners.

Pure functions of the catalog; nothing here knows about MkDocs or HTML.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol, TypeVar

from ..core.catalog import Catalog
from ..core.model import Department, Journey, Step
from . import portfolio
from .memo import per_journey
from .journey import blueprint_anchor, kpi_anchor, love_anchor, measure_anchor, pain_anchor, step_anchor

OWNED_KINDS = ("journey", "touchpoint", "love_point", "pain_point", "frontstage", "backstage", "support", "measure",
               "kpi")
"""What a department can own, in the order its counts are listed."""


@dataclass(frozen=True)
class Owned:
    """One thing a department owns in one journey, with where it is on the journey page."""

    kind: str
    department: str
    journey: Journey
    text: str
    anchor: str
    step: Step | None = None
    detail: str | None = None


@per_journey
def owned_in(journey: Journey) -> list[Owned]:
    """Everything owned in a journey: the journey, then step by step, then measures and KPIs."""
    items = [Owned("journey", journey.department, journey, journey.title, "")]
    for step in journey.steps:
        items += _owned_in_step(journey, step)
    items += [Owned("measure", m.department, journey, m.title, measure_anchor(m), detail=m.status)
              for m in journey.measures]
    items += [Owned("kpi", k.department, journey, k.name, kpi_anchor(k)) for k in journey.kpis]
    return items


def _owned_in_step(journey: Journey, step: Step) -> list[Owned]:
    anchor = step_anchor(step)
    items = [Owned("touchpoint", t.department, journey, t.label, anchor, step, t.channel) for t in step.touchpoints]
    items += [Owned("love_point", love.department, journey, love.text, love_anchor(step, n), step, love.severity)
              for n, love in enumerate(step.love_points, 1)]
    items += [Owned("pain_point", p.department, journey, p.text, pain_anchor(p), step, p.severity)
              for p in step.pain_points]
    items += [Owned("frontstage", f.department, journey, f.action, blueprint_anchor(step), step, f.actor)
              for f in step.frontstage]
    items += [Owned("backstage", b.department, journey, b.process, blueprint_anchor(step), step, b.system)
              for b in step.backstage]
    items += [Owned("support", p.department, journey, p.process, blueprint_anchor(step), step, p.system)
              for p in step.support_processes]
    return items


class InJourney(Protocol):
    """Anything found in a journey: an owned item, a customer moment."""

    @property
    def journey(self) -> Journey: ...


Item = TypeVar("Item", bound=InJourney)


def by_journey(items: list[Item]) -> list[tuple[Journey, list[Item]]]:
    """Items grouped by journey, journeys in order of appearance."""
    groups: dict[str, tuple[Journey, list[Item]]] = {}
    for item in items:
        groups.setdefault(item.journey.id, (item.journey, []))[1].append(item)
    return list(groups.values())


@dataclass
class Cell:
    """What one department owns in one journey: counts per kind and the worst step it touches."""

    counts: Counter = field(default_factory=Counter)
    worst: int | None = None

    @property
    def total(self) -> int:
        return sum(n for kind, n in self.counts.items() if kind != "journey")


def responsibility_matrix(catalog: Catalog) -> dict[tuple[str, str], Cell]:
    """(department id, journey id) → :class:`Cell`, only for pairs with something owned."""
    return {(department, journey.id): cell for journey in catalog.journeys.values()
            for department, cell in journey_cells(journey).items()}


@per_journey
def journey_cells(journey: Journey) -> dict[str, Cell]:
    """Department id → what it owns in one journey (:class:`Cell`), for the departments owning something there."""
    cells: dict[str, Cell] = {}
    for item in owned_in(journey):
        cell = cells.setdefault(item.department, Cell())
        cell.counts[item.kind] += 1
        if item.step is not None:
            cell.worst = min(item.step.score, cell.worst or 5)
    return cells


@dataclass(frozen=True)
class ResponsibilityRow:
    """One department's row of the responsibility index: a cell per journey (None: owns nothing there)."""

    department: Department
    cells: list[Cell | None]
    total: int
    """Everything the department owns across the journeys, the journeys themselves not counted."""


def responsibility_rows(catalog: Catalog, matrix: dict[tuple[str, str], Cell]) -> list[ResponsibilityRow]:
    """The responsibility index: a row per department, a column per journey (catalog order), from the
    :func:`responsibility_matrix`."""
    rows = []
    for department in catalog.departments.values():
        cells = [matrix.get((department.id, journey)) for journey in catalog.journeys]
        rows.append(ResponsibilityRow(department, cells, sum(cell.total for cell in cells if cell)))
    return rows


@dataclass(frozen=True)
class JourneyRole:
    """A journey a department takes part in: whether it owns the journey, and what it owns there."""

    journey: Journey
    owner: bool
    cell: Cell


@dataclass(frozen=True)
class Dashboard:
    """A department's share of every journey, ordered by what to act on first."""

    pains: list[portfolio.PainEntry]
    """Its open pain points in the journeys walked today, most pressing first (:func:`~.portfolio.pressing`)."""
    unaddressed: int
    """Its pain points no measure addresses."""
    measures: list[portfolio.BacklogEntry]
    """Its measures in backlog order."""
    kpis: list[portfolio.KpiEntry]
    """Its KPIs, those off target first (:attr:`~.portfolio.KpiEntry.urgency`), then journey by journey."""
    moments: list[portfolio.Place]
    """The moments of truth of the journeys walked today that it takes part in, worst rated first."""
    journeys: list[JourneyRole]
    """The journeys it owns, then those it takes part in, each in catalog order."""

    def count(self, figure: str) -> int:
        """One of the dashboard's figures (:data:`DASHBOARD_FIGURES`)."""
        return self._figures[figure]

    @cached_property
    def _figures(self) -> dict[str, int]:
        open_measures = portfolio.open_measures(self.measures)
        return {
            "open_pain_points": len(self.pains),
            "critical": sum(entry.pain.severity == "critical" for entry in self.pains),
            "not_addressed": self.unaddressed,
            "open_measures": len(open_measures),
            "overdue": sum(entry.overdue for entry in self.measures),
            "quick_wins": sum(entry.measure.is_quick_win for entry in open_measures),
            "kpis_not_met": sum(entry.status == "not_met" for entry in self.kpis),
            "moments_of_truth": len(self.moments),
        }


DASHBOARD_FIGURES = ("open_pain_points", "critical", "not_addressed", "open_measures", "overdue", "quick_wins",
                     "kpis_not_met", "moments_of_truth")
"""The figures at the top of a department's dashboard, in order."""


def dashboards(catalog: Catalog, today: dt.date, matrix: dict[tuple[str, str], Cell]) -> dict[str, Dashboard]:
    """Department id → its :class:`Dashboard`, for every department; `matrix` is the :func:`responsibility_matrix`."""
    register = portfolio.pain_register(catalog)
    pressing = portfolio.pressing(register)
    backlog = portfolio.backlog(catalog, today)
    kpis = sorted(portfolio.kpi_board(catalog, today), key=lambda entry: entry.urgency)
    moments = [(place, set(step_departments(place.journey, place.step)))
               for place in portfolio.places(portfolio.as_is(catalog)) if place.step.moment_of_truth]
    moments.sort(key=lambda moment: moment[0].step.score)
    pains = portfolio.group(pressing, lambda entry: entry.pain.department)
    unaddressed = Counter(entry.pain.department for entry in register if not entry.addressed)
    measures = portfolio.group(backlog, lambda entry: entry.measure.department)
    kpis_of = portfolio.group(kpis, lambda entry: entry.kpi.department)
    moments_of: dict[str, list[portfolio.Place]] = {}
    for place, taking_part in moments:
        for department in taking_part:
            moments_of.setdefault(department, []).append(place)
    roles: dict[str, list[JourneyRole]] = {}
    for (department, journey_id), cell in matrix.items():
        role = JourneyRole(catalog.journeys[journey_id], bool(cell.counts["journey"]), cell)
        roles.setdefault(department, []).append(role)
    return {department: Dashboard(
        pains=pains.get(department, []), unaddressed=unaddressed[department], measures=measures.get(department, []),
        kpis=kpis_of.get(department, []), moments=moments_of.get(department, []),
        journeys=sorted(roles.get(department, []), key=lambda role: not role.owner))
        for department in catalog.departments}


def step_departments(journey: Journey, step: Step) -> list[str]:
    """The step's owner, then every other department owning something in the step."""
    owners = [step.department or journey.department] + [item.department for item in _owned_in_step(journey, step)]
    return list(dict.fromkeys(owners))


def step_responsible(journey: Journey, step: Step) -> list[str]:
    """The departments responsible for a step as the customer meets it: its owner, then its touchpoints' owners."""
    owner = step.department or journey.department
    return list(dict.fromkeys([owner, *(touchpoint.department or owner for touchpoint in step.touchpoints)]))


def departments_of(journey: Journey) -> list[str]:
    """Every department that owns something in the journey, in order of appearance."""
    return list(dict.fromkeys(item.department for item in owned_in(journey)))
