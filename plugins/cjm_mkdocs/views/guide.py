"""The writing guide and the start page: field tables from the JSON Schema, customer moments per department.

Pure functions of the schema and the catalog; nothing here knows about MkDocs or HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import department as ownership, journey as views
from ..core.catalog import Catalog
from ..core.fields import NOT_BLANK, SLUG
from ..core.model import SEVERITY_ORDER, Journey, Step
from ..core.schema import schema_file, schemas


BLOCK_LABELS = {"Journey": "journey", "Persona": "persona", "DepartmentsFile": "departments_file",
                "Department": "department", "Stage": "stage", "Step": "step", "Touchpoint": "touchpoint",
                "LovePoint": "love_point", "PainPoint": "pain_point", "BackstageProcess": "backstage_process",
                "FrontstageAction": "frontstage_action", "SupportProcess": "support_process",
                "TouchpointFigure": "touchpoint_figure",
                "Evidence": "evidence_item", "Measure": "measure", "Kpi": "kpi", "Measurement": "measurement",
                "StatusChange": "status_change", "ResearchSource": "research_file"}
"""Schema definition → the label key of its table heading."""

SCALARS = ("integer", "number", "boolean")
STRING_PATTERNS = {None: "text", NOT_BLANK: "text", SLUG.pattern: "slug"}


@dataclass(frozen=True)
class FieldType:
    """What a field holds: a kind (text, slug, date, integer, number, boolean, choice, list, mapping, block)."""

    kind: str
    values: tuple[Any, ...] = ()
    items: tuple[FieldType, ...] = ()
    block: str = ""
    min_items: int = 0


@dataclass(frozen=True)
class Field:
    """One row of a field table."""

    name: str
    types: tuple[FieldType, ...]
    required: bool
    default: Any
    description: str


@dataclass(frozen=True)
class Table:
    """The fields of one block of a file, and where the block sits in the file."""

    block: str
    path: str
    fields: tuple[Field, ...]


def tables(kind: str, language: str) -> list[Table]:
    """The field tables of a file kind (a key of :data:`~cjm_mkdocs.core.model.FILE_KINDS`), described in `language`."""
    return schema_tables(schemas(language)[schema_file(kind)])


def schema_tables(schema: Mapping[str, Any]) -> list[Table]:
    """Every block of a JSON Schema, the file itself first, each nested block after the field holding it."""
    return _tables(schema, schema["title"], "", schema.get("$defs", {}), set())


def _tables(block: Mapping[str, Any], name: str, path: str, defs: Mapping[str, Any], seen: set[str]) -> list[Table]:
    seen.add(name)
    required = set(block.get("required", ()))
    fields = tuple(Field(key, _types(spec), key in required, spec.get("default"), spec.get("description", ""))
                   for key, spec in block["properties"].items())
    found = [Table(name, path, fields)]
    for row in fields:
        for child in _blocks(row.types):
            if child not in seen:
                where = f"{path}.{row.name}" if path else row.name
                found += _tables(defs[child], child, where + _list_mark(row.types), defs, seen)
    return found


def _types(spec: Mapping[str, Any]) -> tuple[FieldType, ...]:
    """The alternatives a schema allows, `null` left out (an optional field may simply be omitted)."""
    if "anyOf" in spec:
        return tuple(t for option in spec["anyOf"] if option.get("type") != "null" for t in _types(option))
    if "$ref" in spec:
        return (FieldType("block", block=spec["$ref"].rsplit("/", 1)[-1]),)
    if "enum" in spec:
        return (FieldType("choice", values=tuple(spec["enum"])),)
    kind = spec.get("type")
    if kind == "array":
        return (FieldType("list", items=_types(spec["items"]), min_items=spec.get("minItems", 0)),)
    if kind == "object":
        return (FieldType("mapping", items=_types(spec["additionalProperties"])),)
    if kind == "string" and spec.get("pattern") in STRING_PATTERNS:
        return (FieldType("date" if spec.get("format") == "date" else STRING_PATTERNS[spec.get("pattern")]),)
    if kind in SCALARS:
        return (FieldType(kind),)
    raise ValueError(f"the writing guide cannot describe the schema {dict(spec)!r}; extend guide._types")


def _blocks(types: tuple[FieldType, ...]) -> list[str]:
    """The nested blocks a field holds, directly or as list items."""
    return [t.block for t in types if t.kind == "block"] + [b for t in types for b in _blocks(t.items)]


def _list_mark(types: tuple[FieldType, ...]) -> str:
    return "[]" if any(t.kind == "list" for t in types) else ""


def anchor(kind: str, block: str) -> str:
    """The HTML id of a table on the guide page, e.g. ``fields-journey-step``."""
    return f"fields-{kind}-{block.lower()}"


def default_text(value: Any) -> str:
    """A default as an editor writes it in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- customer moments per department ---------------------------------------------------

MOMENT_KINDS = ("moment_of_truth", "touchpoint", "pain_point")
"""What the start page lists per department, in this order."""


@dataclass(frozen=True)
class Moment:
    """A moment of truth, an especially important touchpoint or a pain point a department owns."""

    kind: str
    journey: Journey
    step: Step
    text: str
    anchor: str
    detail: str | None = None
    resolved: bool = False


def moments(catalog: Catalog) -> dict[str, list[Moment]]:
    """Department id → its customer moments, by kind, pain points worst first.

    A department takes part in a moment of truth when it owns the step or something in it (as on the
    journey page's department row); touchpoints and pain points belong to the department they name.
    """
    found: dict[str, list[Moment]] = {department: [] for department in catalog.departments}
    for journey in catalog.journeys.values():
        for step in journey.steps:
            for department, moment in _step_moments(journey, step):
                found.setdefault(department, []).append(moment)
    return {department: sorted(items, key=_rank) for department, items in found.items()}


def _rank(moment: Moment) -> tuple[int, int]:
    """Order of kinds, then pain points by severity (a stable sort keeps file order otherwise)."""
    severity = SEVERITY_ORDER[moment.detail] if moment.kind == "pain_point" and moment.detail else 0
    return MOMENT_KINDS.index(moment.kind), severity


def _step_moments(journey: Journey, step: Step) -> list[tuple[str, Moment]]:
    anchor = views.step_anchor(step)
    found = [(department, Moment("moment_of_truth", journey, step, step.name, anchor))
             for department in (ownership.step_departments(journey, step) if step.moment_of_truth else ())]
    found += [(t.department, Moment("touchpoint", journey, step, t.label, anchor, t.channel))
              for t in step.touchpoints if t.important]
    found += [(p.department, Moment("pain_point", journey, step, p.text, views.pain_anchor(p), p.severity,
                                    not views.is_open(journey, step, p)))
              for p in step.pain_points]
    return found
