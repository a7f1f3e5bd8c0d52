"""Journeys linked into a lifecycle: a step of a higher-level journey names the detailed journeys that zoom into it
(`details`); the step shows their ratings and open pain points rolled up, each detailed journey the steps it is
part of.

A detailed journey counts with its own steps only (its own detailed journeys are rolled up at its own steps).
Links to journeys not in the catalog are left out, and a cycle (an error the loader reports) is followed once.
Pure functions of the catalog; nothing here knows about MkDocs or HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from math import fsum

from . import journey as views
from .memo import per_catalog, per_journey
from ..core.catalog import Catalog
from ..core.model import Journey, Stage, Step, mood_of


@dataclass(frozen=True)
class Detail:
    """A detailed journey as a step of its parent shows it."""

    journey: Journey
    mean: float
    """The mean score (1–5) of its own steps, unrounded."""
    open_pain_points: int
    moments_of_truth: int

    @property
    def overall(self) -> float:
        """The journey's overall rating (its mean, one decimal)."""
        return views.overall_score(self.journey)

    @property
    def mood(self) -> str:
        return mood_of(self.overall)


@dataclass(frozen=True)
class RollUp:
    """A parent step's detailed journeys and their figures taken together."""

    details: tuple[Detail, ...]
    """In the order the step names them."""
    mean: float | None
    """The mean of the detailed journeys' own means (each journey weighs the same), one decimal; None without any."""
    open_pain_points: int
    moments_of_truth: int

    @property
    def mood(self) -> str | None:
        return mood_of(self.mean) if self.mean is not None else None


@dataclass(frozen=True)
class PartOf:
    """A step of a parent journey that names a journey as one of its detailed journeys."""

    journey: Journey
    stage: Stage
    step: Step


@dataclass(frozen=True)
class Zoom:
    """A detailed journey under a parent step, with its own steps that name detailed journeys (nested)."""

    detail: Detail
    steps: tuple[ZoomStep, ...]


@dataclass(frozen=True)
class ZoomStep:
    """A step of a journey in a lifecycle tree, with its roll-up and its detailed journeys as zooms."""

    stage: Stage
    step: Step
    roll_up: RollUp | None
    """None for a step naming no detailed journey."""
    zooms: tuple[Zoom, ...]


@dataclass(frozen=True)
class Lifecycle:
    """A lifecycle (a journey that is no other's detailed journey) with all its steps, stage by stage."""

    journey: Journey
    stages: tuple[tuple[Stage, tuple[ZoomStep, ...]], ...]


@per_journey
def detail(journey: Journey) -> Detail:
    """The figures of a journey as its parents roll them up."""
    return Detail(journey, views.mean_score(journey), len(views.open_pain_points(journey)),
                  sum(step.moment_of_truth for step in journey.steps))


def details_of(catalog: Catalog, step: Step) -> list[Journey]:
    """The detailed journeys of a step that the catalog holds, each once, in the order named."""
    return [catalog.journeys[i] for i in dict.fromkeys(step.details) if i in catalog.journeys]


def roll_up(catalog: Catalog, step: Step) -> RollUp | None:
    """The roll-up of a step's detailed journeys; None when it names none the catalog holds."""
    found = tuple(detail(journey) for journey in details_of(catalog, step))
    if not found:
        return None
    return RollUp(found, round(fsum(d.mean for d in found) / len(found), 1), sum(d.open_pain_points for d in found),
                  sum(d.moments_of_truth for d in found))


def roll_ups(catalog: Catalog, journey: Journey) -> dict[str, RollUp]:
    """Step id → the roll-up of each step of `journey` that names detailed journeys."""
    found = {step.id: roll_up(catalog, step) for step in journey.steps}
    return {step_id: rolled for step_id, rolled in found.items() if rolled is not None}


def parents(catalog: Catalog, journey: Journey) -> list[PartOf]:
    """The steps `journey` is a detailed journey of, in file order."""
    return _parents(catalog).get(journey.id, [])


@per_catalog
def _parents(catalog: Catalog) -> dict[str, list[PartOf]]:
    found: dict[str, list[PartOf]] = {}
    for parent in catalog.journeys.values():
        for stage in parent.stages:
            for step in stage.steps:
                for child in details_of(catalog, step):
                    if child is not parent:
                        found.setdefault(child.id, []).append(PartOf(parent, stage, step))
    return found


def is_lifecycle(catalog: Catalog, journey: Journey) -> bool:
    """Whether a step of `journey` names a detailed journey the catalog holds."""
    return any(details_of(catalog, step) for step in journey.steps)


@per_catalog
def lifecycles(catalog: Catalog) -> list[Lifecycle]:
    """Every lifecycle: each journey with detailed journeys that is no other's detailed journey, in file order."""
    return [Lifecycle(journey, tuple((stage, _steps(catalog, _placed([stage]), frozenset({journey.id}), True))
                                     for stage in journey.stages))
            for journey in catalog.journeys.values() if is_lifecycle(catalog, journey) and not parents(catalog, journey)]


def _placed(stages: Iterable[Stage]) -> list[tuple[Stage, Step]]:
    return [(stage, step) for stage in stages for step in stage.steps]


def _steps(catalog: Catalog, steps: Iterable[tuple[Stage, Step]], above: frozenset[str],
           every: bool) -> tuple[ZoomStep, ...]:
    """The (stage, step)s as a tree shows them (all of them, or only those with detailed journeys), `above` the
    journeys already on the way down (a cycle stops there)."""
    found = []
    for stage, step in steps:
        rolled = roll_up(catalog, step)
        if rolled is None and not every:
            continue
        zooms = tuple(Zoom(d, _steps(catalog, _placed(d.journey.stages), above | {d.journey.id}, False))
                      for d in (rolled.details if rolled else ()) if d.journey.id not in above)
        found.append(ZoomStep(stage, step, rolled, zooms))
    return tuple(found)


def links(catalog: Catalog) -> int:
    """How many links from a step to a detailed journey the catalog holds."""
    return sum(len(details_of(catalog, step)) for journey in catalog.journeys.values() for step in journey.steps)
