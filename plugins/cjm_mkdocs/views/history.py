"""What changed between two versions of a journey, in domain words: steps added, removed, renamed, moved or
rerated, pain points added or resolved, measures' status, KPI values. Knows no git (:mod:`views.timeline` reads the
versions from it)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from ..core.model import MOOD_SCORES, STEP_TEXTS, Journey, Kpi, Stage, Step

CHANGE_KINDS = (
    "journey_added", "journey_removed", "title_changed", "owner_changed", "status_changed", "reviewed",
    "stage_added", "stage_removed", "stage_renamed",
    "step_added", "step_removed", "step_renamed", "step_moved", "step_rerated", "step_support", "step_texts",
    "pain_added", "pain_resolved", "pain_severity",
    "measure_added", "measure_removed", "measure_status",
    "kpi_added", "kpi_removed", "kpi_measured", "kpi_value", "kpi_target",
)
"""Every kind of change, in the order a journey's changes are listed (each has a label ``change_<kind>``)."""
T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One change to a journey: its kind, what it concerns (a step's name, a pain point's text, …) and its id, where
    (the stage or step it is in) and the value before and after, as text."""

    kind: str
    subject: str
    before: str = ""
    after: str = ""
    where: str = ""
    item: str = ""
    """The id of the stage, step, pain point, measure or KPI it concerns ("" for the journey itself)."""


def journey_changes(before: Journey | None, after: Journey | None) -> list[Change]:
    """The changes from `before` to `after` (None: the journey is not there), in :data:`CHANGE_KINDS` order."""
    if before is None and after is None:
        return []
    if before is None or after is None:
        journey = after or before
        assert journey is not None
        return [Change("journey_added" if after else "journey_removed", journey.title)]
    found = [*_journey_fields(before, after), *_stages(before, after), *_steps(before, after),
             *_pain_points(before, after), *_measures(before, after), *_kpis(before, after)]
    order = {kind: rank for rank, kind in enumerate(CHANGE_KINDS)}
    return sorted(found, key=lambda change: order[change.kind])


def _journey_fields(before: Journey, after: Journey) -> Iterator[Change]:
    if before.title != after.title:
        yield Change("title_changed", after.title, before.title, after.title)
    if before.department != after.department:
        yield Change("owner_changed", after.title, before.department, after.department)
    if before.status != after.status:
        yield Change("status_changed", after.title, before.status, after.status)
    if before.last_reviewed != after.last_reviewed:
        yield Change("reviewed", after.title, before.last_reviewed.isoformat(), after.last_reviewed.isoformat())


def _stage_name(stage: Stage) -> str:
    return stage.name or stage.id


def _stages(before: Journey, after: Journey) -> Iterator[Change]:
    old, new = {s.id: s for s in before.stages}, {s.id: s for s in after.stages}
    for stage_id, stage in new.items():
        if stage_id not in old:
            yield Change("stage_added", _stage_name(stage), item=stage_id)
        elif _stage_name(old[stage_id]) != _stage_name(stage):
            yield Change("stage_renamed", _stage_name(stage), _stage_name(old[stage_id]), _stage_name(stage), item=stage_id)
    yield from (Change("stage_removed", _stage_name(stage), item=stage_id) for stage_id, stage in old.items() if stage_id not in new)


def _placed(journey: Journey) -> dict[str, tuple[int, Stage, Step]]:
    """Step id → (position in its stage, stage, step), in the journey's order."""
    return {step.id: (number, stage, step) for stage in journey.stages  # type: ignore[misc]
            for number, step in enumerate(stage.steps)}


def _steps(before: Journey, after: Journey) -> Iterator[Change]:
    old, new = _placed(before), _placed(after)
    removed = {i: old[i] for i in old if i not in new}
    added = {i: new[i] for i in new if i not in old}
    renamed = _renamed(removed, added)
    for step_id, (_, stage, step) in added.items():
        if step_id not in renamed:
            yield Change("step_added", step.name, where=_stage_name(stage), item=step_id)
    matched = {step.id for step in renamed.values()}
    yield from (Change("step_removed", step.name, where=_stage_name(stage), item=step_id)
                for step_id, (_, stage, step) in removed.items() if step_id not in matched)
    pairs = {**{i: (old[i][2], new[i][2]) for i in old if i in new},
             **{i: (step, new[i][2]) for i, step in renamed.items()}}
    yield from _moved(old, new, renamed)
    for step_id, (was, now) in pairs.items():
        if was.name != now.name:
            yield Change("step_renamed", now.name, was.name, now.name, _stage_name(new[step_id][1]), step_id)
        if was.score != now.score:
            yield Change("step_rerated", now.name, _rating(was), _rating(now), _stage_name(new[step_id][1]), step_id)
        if was.supported != now.supported:
            yield Change("step_support", now.name, was.supported or "", now.supported or "", _stage_name(new[step_id][1]),
                         step_id)
        edited = [field for field in STEP_TEXTS if getattr(was, field) != getattr(now, field)]
        if edited:
            yield Change("step_texts", now.name, after=",".join(edited), where=_stage_name(new[step_id][1]), item=step_id)


def _renamed(removed: dict[str, tuple[int, Stage, Step]], added: dict[str, tuple[int, Stage, Step]]) -> dict[str, Step]:
    """New step id → the removed step it replaces: a step whose id came from its name and that kept its place."""
    at = {(stage.id, number): step for number, stage, step in removed.values()}
    return {step_id: at[(stage.id, number)] for step_id, (number, stage, _) in added.items() if (stage.id, number) in at}


def _moved(old: dict[str, tuple[int, Stage, Step]], new: dict[str, tuple[int, Stage, Step]],
           renamed: dict[str, Step]) -> Iterator[Change]:
    """Steps on both sides that changed stage, or left the longest run of steps kept in order."""
    was_id = {i: step.id for i, step in renamed.items()}
    kept_new = [i for i in new if i in old or i in renamed]
    kept_old = [i for i in old if i in new or i in was_id.values()]
    as_old = [was_id.get(i, i) for i in kept_new]
    in_order = set()
    for block in difflib.SequenceMatcher(None, kept_old, as_old, autojunk=False).get_matching_blocks():
        in_order |= set(kept_old[block.a: block.a + block.size])
    for step_id in kept_new:
        _, stage, step = new[step_id]
        old_stage = old[was_id.get(step_id, step_id)][1]
        if old_stage.id != stage.id or was_id.get(step_id, step_id) not in in_order:
            yield Change("step_moved", step.name, _stage_name(old_stage), _stage_name(stage), _stage_name(stage), step_id)


def _rating(step: Step) -> str:
    return str(step.rating)


def rating_score(text: str) -> int:
    """A rating as a change gives it (`disappointing`, `4`) as a score 1–5."""
    return int(text) if text.isdigit() else MOOD_SCORES[text]


def _matched(old: list[T], new: list[T], keys: Iterable[Callable[[T], object]]) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pairs of `old` and `new` items matched by the first key, then the next …; and the unmatched of each side."""
    pairs: list[tuple[T, T]] = []
    left_old, left_new = list(old), list(new)
    for key in keys:
        by_key: dict[object, T] = {}
        for item in left_old:
            by_key.setdefault(key(item), item)
        still_new = []
        for item in left_new:
            match = by_key.pop(key(item), None)
            if match is None:
                still_new.append(item)
            else:
                pairs.append((match, item))
                left_old.remove(match)
        left_new = still_new
    return pairs, left_old, left_new


def _pain_points(before: Journey, after: Journey) -> Iterator[Change]:
    old = [(step, pain) for step, pain in before.pain_points]
    new = [(step, pain) for step, pain in after.pain_points]
    pairs, resolved, added = _matched(old, new, [lambda p: p[1].text, lambda p: p[1].id])
    yield from (Change("pain_added", pain.text, where=step.name, item=pain.id or "") for step, pain in added)
    yield from (Change("pain_resolved", pain.text, where=step.name, item=pain.id or "") for step, pain in resolved)
    for (_, was), (step, now) in pairs:
        if was.severity != now.severity:
            yield Change("pain_severity", now.text, was.severity, now.severity, step.name, now.id or "")


def _measures(before: Journey, after: Journey) -> Iterator[Change]:
    pairs, removed, added = _matched(before.measures, after.measures, [lambda m: m.id, lambda m: m.title])
    yield from (Change("measure_added", m.title, after=m.status, item=m.id or "") for m in added)
    yield from (Change("measure_removed", m.title, before=m.status, item=m.id or "") for m in removed)
    for was, now in pairs:
        if was.status != now.status:
            yield Change("measure_status", now.title, was.status, now.status, item=now.id or "")


def _kpis(before: Journey, after: Journey) -> Iterator[Change]:
    pairs, removed, added = _matched(before.kpis, after.kpis, [lambda k: k.id, lambda k: k.name])
    yield from (Change("kpi_added", k.name, item=k.id or "") for k in added)
    yield from (Change("kpi_removed", k.name, item=k.id or "") for k in removed)
    for was, now in pairs:
        yield from _measured(was, now)
        if not was.history and not now.history and was.current != now.current:
            yield Change("kpi_value", now.name, _number(was.current), _number(now.current), item=now.id or "")
        if was.target != now.target:
            yield Change("kpi_target", now.name, _number(was.target), _number(now.target), item=now.id or "")


def _measured(was: Kpi, now: Kpi) -> Iterator[Change]:
    """A change per measurement `now` has and `was` had not (by day)."""
    known = {m.date for m in was.history}
    for measurement in sorted(now.history, key=lambda m: m.date):
        if measurement.date not in known:
            yield Change("kpi_measured", now.name, measurement.date.isoformat(), _number(measurement.value),
                         item=now.id or "")


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"



@dataclass(frozen=True)
class JourneyDiff:
    """What changed in one journey between two sides of a comparison."""

    journey: str
    title: str
    changes: tuple[Change, ...]
    readable: bool = True
    """False when a side has a version with problems: then nothing is compared."""
