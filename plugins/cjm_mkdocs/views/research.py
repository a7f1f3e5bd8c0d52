"""What rests on research and what on assumptions: every statement of a journey with the sources it cites.

A statement is a pain point, a love point, a step's rating (with its does/thinks/feels) or a KPI; it is "validated"
when it cites at least one research source, else "assumed". One list per journey (:func:`statements`), kept
across builds; the citations of each source and the figures derive from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..core.catalog import Catalog
from ..core.model import Journey, ResearchSource, Step
from .journey import kpi_anchor, love_anchor, pain_anchor, step_anchor
from .memo import per_catalog, per_journey
from .portfolio import Figure, as_is

@dataclass(frozen=True)
class Statement:
    """One statement of a journey: what it is, where it is on the journey's page, and the sources it cites."""

    journey: Journey
    kind: str
    """``rating``, ``pain_point``, ``love_point`` or ``kpi``."""
    text: str
    """The pain point's or love point's text, the step's name (its rating) or the KPI's name."""
    anchor: str
    """Its anchor on the journey's page."""
    step: Step | None
    """The step it belongs to (None for a KPI)."""
    sources: tuple[str, ...]
    """The ids of the research sources it cites (each once, in the order written)."""

    @property
    def validated(self) -> bool:
        """Whether research backs it (it cites a source); else it rests on an assumption."""
        return bool(self.sources)


@per_journey
def statements(journey: Journey) -> list[Statement]:
    """Every statement of the journey: per step its rating, pain points and love points, then the KPIs."""
    found: list[Statement] = []
    for step in journey.steps:
        found.append(Statement(journey, "rating", step.name, step_anchor(step), step, _ids(step.sources)))
        found += [Statement(journey, "pain_point", pain.text, pain_anchor(pain), step, _ids(pain.sources))
                  for pain in step.pain_points]
        found += [Statement(journey, "love_point", love.text, love_anchor(step, number), step, _ids(love.sources))
                  for number, love in enumerate(step.love_points, 1)]
    found += [Statement(journey, "kpi", kpi.name, kpi_anchor(kpi), None, _ids(kpi.sources)) for kpi in journey.kpis]
    return found


def _ids(sources: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(sources))


def assumed(journey: Journey) -> list[Statement]:
    """The journey's statements that rest on assumptions only, in page order."""
    return [statement for statement in statements(journey) if not statement.validated]


@dataclass(frozen=True)
class Confidence:
    """How many of some statements research backs."""

    total: int
    validated: int

    @property
    def assumed(self) -> int:
        return self.total - self.validated


def confidence(found: Iterable[Statement]) -> Confidence:
    """The count of `found` and of those validated by research."""
    listed = list(found)
    return Confidence(len(listed), sum(statement.validated for statement in listed))


@per_catalog
def citations(catalog: Catalog) -> dict[str, list[Statement]]:
    """Each research source's id → the statements citing it, journeys in catalog order (every source listed)."""
    cited: dict[str, list[Statement]] = {source_id: [] for source_id in catalog.research}
    for journey in catalog.journeys.values():
        for statement in statements(journey):
            for source_id in statement.sources:
                cited.setdefault(source_id, []).append(statement)
    return cited


@dataclass(frozen=True)
class SourceRow:
    """A research source in the research overview, with how many statements (in how many journeys) cite it."""

    source: ResearchSource
    statements: int
    journeys: int


def source_rows(catalog: Catalog) -> list[SourceRow]:
    """Every research source, newest first (then by title), with its citations counted."""
    cited = citations(catalog)
    rows = [SourceRow(source, len(cited[source.id]), len({s.journey.id for s in cited[source.id]}))
            for source in catalog.research.values()]
    return sorted(rows, key=lambda row: (-row.source.date.toordinal(), row.source.title.casefold()))


@per_catalog
def all_assumed(catalog: Catalog) -> list[Statement]:
    """The statements of the journeys walked today that rest on assumptions only, journey by journey (a target
    journey's are forecasts: its own page lists them)."""
    return [statement for journey in as_is(catalog) for statement in assumed(journey)]


@per_catalog
def overall(catalog: Catalog) -> Confidence:
    """How many statements of the journeys walked today research backs."""
    return confidence(statement for journey in as_is(catalog) for statement in statements(journey))


def figures(catalog: Catalog) -> list[Figure]:
    """The key figures of the assumptions page: the statements resting on assumptions, and those research backs."""
    found = overall(catalog)
    return [Figure(found.assumed, "assumed_statements"), Figure(found.validated, "validated_statements")]
