"""Derived data the pages show: ratings, open pain points, reviews, responsibilities.

Pure functions of the catalog; nothing here knows about MkDocs or HTML.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from ..core.catalog import Catalog
from ..core.model import SEVERITY_ORDER, Department, Journey, Kpi, LovePoint, Measure, PainPoint, Step, add_months

OWNED_KINDS = ("journey", "touchpoint", "love_point", "pain_point", "backstage", "measure", "kpi")
"""What a department can own, in the order department pages list it."""


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


def overall_score(journey: Journey) -> float:
    """The mean step score (1–5), one decimal."""
    scores = [step.score for step in journey.steps]
    return round(sum(scores) / len(scores), 1)


def addresses(measure: Measure, step: Step, pain: PainPoint | None = None) -> bool:
    """Whether `measure` names the step or the pain point."""
    return step.id in measure.addresses or (pain is not None and pain.id in measure.addresses)


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
    found = []
    for ref in measure.addresses:
        for step in journey.steps:
            if step.id == ref:
                found.append((step_anchor(step), step.name))
            found += [(pain_anchor(pain), pain.text) for pain in step.pain_points if pain.id == ref]
    return found


def step_departments(journey: Journey, step: Step) -> list[str]:
    """The step's owner, then every other department owning something in the step."""
    owners = [step.department or journey.department] + [item.department for item in _owned_in_step(journey, step)]
    return list(dict.fromkeys(owners))


def departments_of(journey: Journey) -> list[str]:
    """Every department that owns something in the journey, in order of appearance."""
    return list(dict.fromkeys(item.department for item in owned_in(journey)))


# --- anchors on the journey page -------------------------------------------------------

def step_anchor(step: Step) -> str:
    return f"step-{step.id}"


def pain_anchor(pain: PainPoint) -> str:
    return f"pain-{pain.id}"


def love_anchor(step: Step, number: int) -> str:
    return f"love-{step.id}-{number}"


def measure_anchor(measure: Measure) -> str:
    return f"measure-{measure.id}"


def kpi_anchor(kpi: Kpi) -> str:
    return f"kpi-{kpi.id}"


# --- responsibilities ------------------------------------------------------------------

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
    items += [Owned("backstage", b.department, journey, b.process, anchor, step, b.system) for b in step.backstage]
    return items


def responsibilities(catalog: Catalog) -> dict[str, list[Owned]]:
    """Department id → everything it owns across all journeys (every department, maybe empty)."""
    owned: dict[str, list[Owned]] = {department: [] for department in catalog.departments}
    for journey in catalog.journeys.values():
        for item in owned_in(journey):
            owned.setdefault(item.department, []).append(item)
    return owned


def by_journey(items: list[Owned]) -> list[tuple[Journey, list[Owned]]]:
    """Owned items grouped by journey, journeys in order of appearance."""
    groups: dict[str, tuple[Journey, list[Owned]]] = {}
    for item in items:
        groups.setdefault(item.journey.id, (item.journey, []))[1].append(item)
    return list(groups.values())


def by_kind(items: list[Owned]) -> dict[str, list[Owned]]:
    """Owned items grouped by kind, every kind of :data:`OWNED_KINDS` in its order (maybe empty)."""
    groups: dict[str, list[Owned]] = {kind: [] for kind in OWNED_KINDS}
    for item in items:
        groups[item.kind].append(item)
    return groups


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
    cells: dict[tuple[str, str], Cell] = {}
    for department, items in responsibilities(catalog).items():
        for item in items:
            cell = cells.setdefault((department, item.journey.id), Cell())
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


def responsibility_rows(catalog: Catalog) -> list[ResponsibilityRow]:
    """The responsibility index: a row per department, a column per journey (catalog order)."""
    matrix = responsibility_matrix(catalog)
    rows = []
    for department in catalog.departments.values():
        cells = [matrix.get((department.id, journey)) for journey in catalog.journeys]
        rows.append(ResponsibilityRow(department, cells, sum(cell.total for cell in cells if cell)))
    return rows
