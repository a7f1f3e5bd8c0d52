"""The whole model as JSON (with a schema version) and as CSV tables, for BI tools and spreadsheets."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import textwrap
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from pydantic_core import to_json

from ..views import lifecycle, portfolio, research
from ..views.memo import per_journey
from ..core.catalog import Catalog
from ..core.descriptions import SOURCE_LANGUAGE, translate
from ..core.model import FIGURE_METRICS, STEP_TEXTS, Department, Journey, Persona, ResearchSource

SCHEMA_VERSION = "1"
EXPORT_SCHEMA_FILE = "export.schema.json"


class ExportedPersona(Persona):
    """A persona with its Markdown prose."""

    prose: str = ""


class ExportedJourney(Journey):
    """A journey with its Markdown prose."""

    prose: str = ""


class ExportedResearchSource(ResearchSource):
    """A research source with its Markdown prose."""

    prose: str = ""


class ExportDocument(BaseModel):
    """`journeys.json`: every department, persona, research source and journey."""

    model_config = ConfigDict(extra="forbid")
    schema_version: Literal["1"] = SCHEMA_VERSION
    departments: list[Department]
    personas: list[ExportedPersona]
    research: list[ExportedResearchSource]
    journeys: list[ExportedJourney]


def export_document(catalog: Catalog) -> dict[str, Any]:
    """The catalog as a JSON-ready dict that validates against :func:`export_schema`."""
    return {**_head(catalog), "journeys": [_journey_document(journey) for journey in catalog.journeys.values()]}


def _head(catalog: Catalog) -> dict[str, Any]:
    """The export but for its journeys."""
    return {"schema_version": SCHEMA_VERSION,
            "departments": [d.model_dump(mode="json") for d in catalog.departments.values()],
            "personas": [p.model_dump(mode="json") | {"prose": p.body} for p in catalog.personas.values()],
            "research": [r.model_dump(mode="json") | {"prose": r.body} for r in catalog.research.values()]}


def _journey_document(journey: Journey) -> dict[str, Any]:
    return journey.model_dump(mode="json") | {"prose": journey.body}


def export_json(catalog: Catalog) -> str:
    """:func:`export_document` as indented JSON (UTF-8 text, not ASCII escapes), written by pydantic-core; each
    journey's part is kept while the journey stays the same (:func:`~cjm_mkdocs.views.memo.per_journey`)."""
    if not catalog.journeys:
        return to_json(export_document(catalog), indent=2).decode() + "\n"
    head = to_json({**_head(catalog), "journeys": []}, indent=2).decode().removesuffix("[]\n}")
    return head + "[\n" + ",\n".join(map(_journey_json, catalog.journeys.values())) + "\n  ]\n}\n"


@per_journey
def _journey_json(journey: Journey) -> str:
    """A journey as an item of the export's `journeys` list, indented as :func:`export_json` indents it."""
    return textwrap.indent(to_json(_journey_document(journey), indent=2).decode(), "    ")


def export_schema(language: str = SOURCE_LANGUAGE) -> dict[str, Any]:
    """JSON Schema of the export, its field descriptions in `language`."""
    schema = ExportDocument.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = EXPORT_SCHEMA_FILE
    return translate(schema, language)


def csv_tables(catalog: Catalog) -> dict[str, str]:
    """File name → CSV text for each flat view of the model."""
    tables = {"steps.csv": _steps, "touchpoints.csv": _touchpoints, "blueprint.csv": _blueprint,
              "pain_points.csv": _pain_points, "measures.csv": _measures, "kpis.csv": _kpis, "research.csv": _research}
    return {name: _csv(list(rows(catalog))) for name, rows in tables.items()}


def view_tables(catalog: Catalog, today: dt.date) -> dict[str, str]:
    """File name → CSV text for each overview page, rows in the page's order."""
    return {"channels.csv": _csv(list(_channel_rows(catalog))),
            "pain-points.csv": _csv(list(_register_rows(catalog))),
            "measures.csv": _csv(list(_backlog_rows(catalog, today))),
            "kpis.csv": _csv(list(_kpi_board_rows(catalog, today))),
            "reviews.csv": _csv(list(_review_rows(catalog, today))),
            "target-vs-current.csv": _csv(list(_comparison_rows(catalog))),
            "lifecycle.csv": _csv(list(_lifecycle_rows(catalog))),
            "assumptions.csv": _csv(list(_assumption_rows(catalog)))}


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(rows[0])
        writer.writerows([_cell(value) for value in row.values()] for row in rows)
    return out.getvalue()


_LINE_BREAK = re.compile(r"\r\n?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_FORMULA_START = re.compile(r"^(?=[ ]*[=+\-@\uff1d\uff0b\uff0d\uff20])", re.MULTILINE)
"""A line whose first non-blank character starts a formula (also the full-width forms some spreadsheets read)."""
_UNSAFE = re.compile(rf"[\x00-\x1f\x7f]|{_FORMULA_START.pattern}", re.MULTILINE)
"""What :func:`_cell` changes: a text without it is safe as it is."""


def _cell(value: Any) -> Any:
    """Spreadsheet-safe cell (OWASP CSV injection): lists joined, line breaks as LF, tabs as spaces,
    other C0 controls dropped, and every line that would start a formula prefixed with `'`.

    The writer quotes every cell that holds a line break, since LF is its line terminator.
    """
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    if not isinstance(value, str) or not _UNSAFE.search(value):
        return value
    text = _CONTROL.sub("", _LINE_BREAK.sub("\n", value)).replace("\t", " ")
    return _FORMULA_START.sub("'", text)


def _each_step(catalog: Catalog) -> Iterator[tuple[Journey, str, int, Any]]:
    for journey in catalog.journeys.values():
        number = 0
        for stage in journey.stages:
            for step in stage.steps:
                number += 1
                yield journey, stage.id, number, step


def _steps(catalog: Catalog) -> Iterator[dict[str, Any]]:
    for journey, stage, number, step in _each_step(catalog):
        yield {"journey": journey.id, "stage": stage, "number": number, "step": step.id, "name": step.name,
               **{text: getattr(step, text) for text in STEP_TEXTS}, "score": step.score, "mood": step.mood,
               "moment_of_truth": step.moment_of_truth, "supported": step.supported, "support_note": step.support_note,
               "department": step.department or journey.department, "details": step.details,
               **_confidence(step.sources)}


def _touchpoints(catalog: Catalog) -> Iterator[dict[str, Any]]:
    for journey, stage, _, step in _each_step(catalog):
        for t in step.touchpoints:
            latest = {figure.metric: figure for figure in t.latest_figures}
            yield {"journey": journey.id, "stage": stage, "step": step.id, "channel": t.channel, "name": t.label,
                   "medium": t.medium, "important": t.important, "department": t.department, "score": step.score,
                   **{metric: latest[metric].value if metric in latest else None for metric in FIGURE_METRICS},
                   "measured": max((f.date for f in latest.values()), default=None)}


def _blueprint(catalog: Catalog) -> Iterator[dict[str, Any]]:
    """The service blueprint's entries lane by lane, step by step (the customer's actions are in steps.csv)."""
    for journey, stage, _, step in _each_step(catalog):
        place = {"journey": journey.id, "stage": stage, "step": step.id}
        for text in step.physical_evidence:
            yield {**place, "lane": "physical_evidence", "text": text, "by": None, "department": None}
        for lane, items in (("frontstage", step.frontstage), ("backstage", step.backstage),
                            ("support", step.support_processes)):
            for item in items:
                text, by = (item.action, item.actor) if lane == "frontstage" else (item.process, item.system)
                yield {**place, "lane": lane, "text": text, "by": by, "department": item.department}


def _pain_points(catalog: Catalog) -> Iterator[dict[str, Any]]:
    for journey, stage, _, step in _each_step(catalog):
        for p in step.pain_points:
            measures = [m.id for m in journey.measures if p.id in m.addresses or step.id in m.addresses]
            yield {"journey": journey.id, "stage": stage, "step": step.id, "id": p.id, "text": p.text,
                   "severity": p.severity, "department": p.department, "measures": measures, **_confidence(p.sources)}


def _measures(catalog: Catalog) -> Iterator[dict[str, Any]]:
    for journey in catalog.journeys.values():
        for m in journey.measures:
            yield {"journey": journey.id, "id": m.id, "title": m.title, "addresses": m.addresses,
                   "department": m.department, "effort": m.effort, "impact": m.impact, "quick_win": m.is_quick_win,
                   "status": m.status, "due": m.due.isoformat() if m.due else ""}


def _kpis(catalog: Catalog) -> Iterator[dict[str, Any]]:
    for journey in catalog.journeys.values():
        for k in journey.kpis:
            yield {"journey": journey.id, "id": k.id, "name": k.name, "definition": k.definition, "source": k.source,
                   "target": k.target, "current": k.current, "unit": k.unit, "better": k.better, "met": k.met,
                   "department": k.department, **_confidence(k.sources)}


def _confidence(sources: list[str]) -> dict[str, Any]:
    """The columns of a statement's research: the sources it cites, and "validated" or "assumed"."""
    return {"sources": list(dict.fromkeys(sources)), "confidence": "validated" if sources else "assumed"}


def _research(catalog: Catalog) -> Iterator[dict[str, Any]]:
    cited = research.citations(catalog)
    for r in catalog.research.values():
        yield {"id": r.id, "title": r.title, "method": r.method, "date": r.date.isoformat(),
               "sample_size": r.sample_size, "owner": r.owner, "link": r.link or r.file, "summary": r.summary,
               "statements": len(cited[r.id])}


def _channel_rows(catalog: Catalog) -> Iterator[dict[str, Any]]:
    stages = portfolio.stages(portfolio.as_is(catalog))
    for channel in portfolio.channels(catalog):
        mixed = channel.mixed
        for cell in portfolio.channel_stages(channel, stages):
            if cell.uses:
                yield {"channel": channel.name, "stage": cell.stage.id, "touchpoints": cell.touchpoints,
                       "names": [use.touchpoint.label for use in cell.uses],
                       "journeys": list(dict.fromkeys(use.place.journey.id for use in cell.uses)),
                       "departments": cell.departments, "media": channel.media,
                       "average_score": cell.average, "mixed": mixed, **_measured(cell.uses)}


def _measured(uses: Iterable[portfolio.TouchpointUse]) -> dict[str, float | None]:
    """The touchpoint figures of a channel's cell: each metric's sum (counts) or mean (percentages), else None."""
    found = {figure.metric: figure.value for figure in portfolio.channel_figures_measured(uses)}
    return {metric: found.get(metric) for metric in FIGURE_METRICS}


def _register_rows(catalog: Catalog) -> Iterator[dict[str, Any]]:
    for entry in portfolio.pain_register(catalog):
        yield {"journey": entry.place.journey.id, "stage": entry.place.stage.id, "step": entry.place.step.id,
               "id": entry.pain.id, "text": entry.pain.text, "severity": entry.pain.severity,
               "department": entry.pain.department, "measures": [m.id for m in entry.measures],
               "addressed": entry.addressed, "open": entry.open}


def _backlog_rows(catalog: Catalog, today: dt.date) -> Iterator[dict[str, Any]]:
    for entry in portfolio.backlog(catalog, today):
        m = entry.measure
        yield {"number": entry.number, "journey": entry.journey.id, "id": m.id, "title": m.title,
               "department": m.department, "effort": m.effort, "impact": m.impact, "quick_win": m.is_quick_win,
               "status": m.status, "due": m.due.isoformat() if m.due else "", "overdue": entry.overdue,
               "done_on": m.done_on.isoformat() if m.done_on else "", "lead_days": m.lead_days}


def _kpi_board_rows(catalog: Catalog, today: dt.date) -> Iterator[dict[str, Any]]:
    for entry in portfolio.kpi_board(catalog, today):
        k, trend = entry.kpi, entry.trend
        yield {"journey": entry.journey.id, "id": k.id, "name": k.name, "department": k.department,
               "target": k.target, "current": k.current, "measured": trend.latest.date.isoformat() if trend.latest else "",
               "unit": k.unit, "better": k.better, "status": entry.status, "trend": trend.direction, "stale": trend.stale}


def _review_rows(catalog: Catalog, today: dt.date) -> Iterator[dict[str, Any]]:
    for entry in portfolio.review_status(catalog, today):
        yield {"state": entry.state, "kind": entry.kind, "id": entry.id, "title": entry.title, "owner": entry.owner,
               "last_reviewed": entry.last.isoformat() if entry.last else "",
               "due": entry.due.isoformat() if entry.due else "", "days_until_due": entry.days}


def _assumption_rows(catalog: Catalog) -> Iterator[dict[str, Any]]:
    for statement in research.all_assumed(catalog):
        yield {"journey": statement.journey.id, "step": statement.step.id if statement.step else "",
               "kind": statement.kind, "text": statement.text, "anchor": statement.anchor}


def _comparison_rows(catalog: Catalog) -> Iterator[dict[str, Any]]:
    for comparison in portfolio.comparisons(catalog):
        for stage in comparison.stages:
            for change in stage.steps:
                step = change.target or change.current
                yield {"current_journey": comparison.current.id, "target_journey": comparison.target.id,
                       "stage": stage.stage.id, "step": step.id, "name": step.name, "change": change.kind,
                       "current_score": change.current.score if change.current else None,
                       "target_score": change.target.score if change.target else None}


def _lifecycle_rows(catalog: Catalog) -> Iterator[dict[str, Any]]:
    """A row per link from a step to a detailed journey, lifecycle by lifecycle, nested links below their journey."""
    for found in lifecycle.lifecycles(catalog):
        for _, steps in found.stages:
            yield from _zoom_rows(found.journey, found.journey, steps, 1)


def _zoom_rows(root: Journey, journey: Journey, steps: tuple[lifecycle.ZoomStep, ...],
               depth: int) -> Iterator[dict[str, Any]]:
    for zoomed in steps:
        rolled = zoomed.roll_up
        for zoom in zoomed.zooms:
            detail = zoom.detail
            yield {"lifecycle": root.id, "journey": journey.id, "stage": zoomed.stage.id, "step": zoomed.step.id,
                   "depth": depth, "step_mean": rolled.mean if rolled else None,
                   "step_open_pain_points": rolled.open_pain_points if rolled else 0,
                   "detail_journey": detail.journey.id, "detail_mean": detail.overall, "detail_mood": detail.mood,
                   "detail_open_pain_points": detail.open_pain_points, "detail_moments_of_truth": detail.moments_of_truth}
            yield from _zoom_rows(root, detail.journey, zoom.steps, depth + 1)
