"""Pydantic's validation errors, told as problems an editor can fix."""

from __future__ import annotations

import difflib
from dataclasses import replace
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .fields import SLUG, not_an_id, not_text
from .messages import t
from .problems import Problem
from .strict_yaml import YamlDocument, dotted


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    """`did you mean `x`?` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return t("did you mean `{choice}`?", choice=close[0]) if close else ""


def validate(model: type[BaseModel], doc: YamlDocument) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a document's data; on failure every error becomes a problem."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [_problem(model, doc, error) for error in exc.errors()]


def _problem(model: type[BaseModel], doc: YamlDocument, error: Any) -> Problem:
    path = tuple(part for part in error["loc"] if isinstance(part, int) or not _is_tag(part))
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    name = path[-1] if path else ""
    if kind == "cjm":
        return doc.problem(path, ctx["message"], ctx["hint"])
    if kind == "missing":
        problem = doc.problem(path[:-1], t("`{key}` is missing", key=name), t("add `{key}: …` here", key=name), at_key=True)
        return replace(problem, field=dotted(path))
    if kind == "extra_forbidden":
        allowed = _fields_of(model, path[:-1])
        hint = did_you_mean(str(name), allowed) or t("allowed keys here: {keys}", keys=", ".join(allowed))
        return doc.problem(path, t("unknown key `{key}`", key=name), hint, at_key=True)
    if kind == "string_type":
        return doc.problem(path, *not_text(value))
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == SLUG.pattern:
            return doc.problem(path, *not_an_id(value))
        return doc.problem(path, t("is empty"), t("write the text, or remove the key"))
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]
        hint = did_you_mean(str(value), choices) or t("use one of: {choices}", choices=expected)
        return doc.problem(path, t("`{value}` is not allowed here", value=value), hint)
    return doc.problem(path, *_generic(kind, error["msg"]))


def _generic(kind: str, pydantic_message: str) -> tuple[str, str]:
    """Message and fix for the other kinds of pydantic error; pydantic's own words for those not listed."""
    block = t("must be a block of keys")
    known = {
        "list_type": (t("must be a list"), t("write each entry on its own line, starting with `- `")),
        "model_type": (block, t("indent the keys of this block below it")),
        "model_attributes_type": (block, t("indent the keys of this block below it")),
        "dict_type": (block, t("write `key: value` lines indented below it")),
        "too_short": (t("needs at least one entry"), t("add an entry starting with `- `")),
        "int_from_float": (t("must be a whole number"), t("write a whole number such as 12")),
    }
    return known.get(kind, (pydantic_message, t("see the example in the README")))


def _is_tag(part: str) -> bool:
    """Pydantic puts validator and union names into error locations."""
    return "[" in part or part in {"int", "str", "float", "bool", "function-before", "function-after"}


def _fields_of(model: type[BaseModel], path: tuple) -> list[str]:
    current: Any = model
    for part in path:
        if isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = _inner_model(field.annotation) if field else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [name for name, f in current.model_fields.items() if not f.exclude]
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
