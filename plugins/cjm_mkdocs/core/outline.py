"""A journey version read fast and leniently for its history: rapidyaml's reading of the YAML, as plain JSON, into the
models without validating them, with the defaults the model fills in (ids from names, the status and current value
from their histories).

Only what tells a change is read: the journey's title, owner, status and review; stages; steps with their rating,
support and texts; pain points; measures; KPIs. About twice as fast as the strict reading (which a history of
thousands of versions cannot afford), and an old version that today's model refuses — a key added since, a rule
made stricter — still tells what changed in it. What the site shows of a journey is always read strictly.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import PurePosixPath
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .loading import DEFAULT_MAX_BYTES
from .model import MOOD_SCORES, Journey, Kpi, Measure, Measurement, PainPoint, Stage, StatusChange, Step
from .text_checks import unify_line_breaks
from .yaml_fast import ryml, silent_stderr

M = TypeVar("M", bound=BaseModel)


def journey_outline(raw: bytes, path: str) -> Journey | None:
    """The journey a version's bytes hold, its id from the file name unless set; None when it is no YAML mapping,
    lacks what a change is told by (a title, stages of steps with a name and rating) or is larger than the loader's
    default limit."""
    data = _data(raw) if len(raw) <= DEFAULT_MAX_BYTES else None
    if not isinstance(data, dict):
        return None
    try:
        return _journey(data, PurePosixPath(path).stem)
    except (TypeError, ValueError, KeyError, AttributeError):
        return None


def _data(raw: bytes) -> Any:
    if ryml is None:  # pragma: no cover - rapidyaml is a dependency
        return None
    try:
        text = unify_line_breaks(raw.decode("utf-8-sig"))
        with silent_stderr():
            return json.loads(ryml.emit_json(ryml.parse_in_arena(text.encode("utf-8"))))
    except Exception:  # not UTF-8, rapidyaml's parse errors, or JSON it cannot emit
        return None


def _journey(data: dict[str, Any], stem: str) -> Journey:
    journey = _built(
        Journey, id=_text(data.get("id")) or stem, title=_text(data["title"]), department=_text(data.get("department")),
        status=_text(data.get("status")) or "draft", last_reviewed=_day(data["last_reviewed"]),
        stages=[_stage(stage) for stage in data["stages"]],
        measures=[_measure(measure) for measure in data.get("measures") or []],
        kpis=[_kpi(kpi) for kpi in data.get("kpis") or []])
    return Journey._fill_defaults(journey)


def _stage(data: dict[str, Any]) -> Stage:
    return _built(Stage, id=_text(data["id"]), name=_text(data.get("name")), steps=[_step(step) for step in data["steps"]])


def _step(data: dict[str, Any]) -> Step:
    pains = data.get("pain_points")
    return _built(Step, id=_text(data.get("id")), name=_text(data["name"]), rating=_rating(data["rating"]),
                  pain_points=[_pain(pain) for pain in pains] if pains else [],
                  does=_text(data.get("does")), thinks=_text(data.get("thinks")), feels=_text(data.get("feels")),
                  supported=_text(data.get("supported")))


def _pain(data: dict[str, Any]) -> PainPoint:
    return _built(PainPoint, id=_text(data.get("id")), text=_text(data["text"]),
                  severity=_text(data.get("severity")) or "medium")


def _measure(data: dict[str, Any]) -> Measure:
    history = [_built(StatusChange, status=_text(c["status"]), date=_day(c["date"]))
               for c in data.get("history") or []]
    measure = _built(Measure, id=_text(data.get("id")), title=_text(data["title"]),
                     status=_text(data.get("status")) or "idea", history=history)
    if history:
        measure.status = measure.changes[-1].status
    return measure


def _kpi(data: dict[str, Any]) -> Kpi:
    history = [_built(Measurement, date=_day(m["date"]), value=float(m["value"])) for m in data.get("history") or []]
    current = data.get("current")
    kpi = _built(Kpi, id=_text(data.get("id")), name=_text(data["name"]), target=float(data["target"]),
                 current=None if current is None else float(current), history=history)
    if history:
        kpi.current = kpi.measured[-1].value
    return kpi


def _built(model: type[M], **values: Any) -> M:
    """`model` with `values`, unvalidated; its other fields at their defaults (None where it has none), an empty
    list shared by all (an outline is only read). Built as pydantic's `model_construct` does, without its per-field
    work, which took most of the time of a reading."""
    item = model.__new__(model)
    object.__setattr__(item, "__dict__", {**_defaults(model), **values})
    object.__setattr__(item, "__pydantic_fields_set__", set(values))
    object.__setattr__(item, "__pydantic_extra__", None)
    object.__setattr__(item, "__pydantic_private__", None)
    return item


@cache
def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """Each field of `model` and its default value."""
    return {name: field.default_factory() if field.default_factory is not None  # type: ignore[call-arg]
            else None if field.default is PydanticUndefined else field.default
            for name, field in model.model_fields.items()}


def _text(value: object) -> str | None:
    """A scalar as the text an editor wrote (a number in a text field stays as written), or None."""
    if type(value) is str:
        return value
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _rating(value: object) -> int | str:
    """A rating as the model holds it: a score 1–5 or a mood word."""
    if isinstance(value, str) and value in MOOD_SCORES:
        return value
    number = isinstance(value, int) and not isinstance(value, bool)
    score = int(value) if number or (isinstance(value, str) and value.isdigit()) else 0
    if not 1 <= score <= 5:
        raise ValueError(f"no rating: {value!r}")
    return score


def _day(value: object) -> dt.date:
    return dt.date.fromisoformat(str(value))
