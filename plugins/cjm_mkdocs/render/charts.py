"""Charts of the overview pages as inline SVG drawn at build time: heatmap, impact/effort grid, KPI bars.

Like the emotion curve: `role="img"` with a title and a text description, colours from
`currentColor` (light and dark palettes, print) with CSS classes for more, a viewBox that
scales with the page. The pages show the same figures as a table next to each chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from markupsafe import Markup

from ..core.model import Department, Kpi, Stage
from ..views.portfolio import LEVELS, BacklogEntry, Heatmap, KpiEntry
from . import counted, number, stage_name
from .escape import html_text, one_line, shorten

HEAT_LEFT, HEAT_TOP, HEAT_WIDTH, HEAT_HEIGHT = 190, 44, 96, 34
GRID_LEFT, GRID_TOP, GRID_WIDTH, GRID_HEIGHT, GRID_BOTTOM = 96, 12, 200, 140, 52
DOT, DOT_GAP = 11, 27
BAR_LEFT, BAR_WIDTH, BAR_VALUES, BAR_ROW, BAR_TOP = 230, 240, 240, 36, 8
KPI_NAME_CHARS, KPI_VALUE_CHARS = 28, 12
"""The longest KPI name and value (with its unit) a bar row shows whole: they fit the 220 px left of the bars and the
228 px right of them (32 and 16 characters overflowed the chart in chromium)."""


def svg(ident: str, kind: str, size: tuple[float, float], title: str, desc: str, body: list[str]) -> Markup:
    """An accessible inline SVG: `role="img"` labelled by its title and description."""
    width, height = size
    ident = str(html_text(ident))
    return Markup("\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cjm-chart cjm-chart-{kind}" id="{ident}"'
        f' viewBox="0 0 {width:g} {height:g}" width="100%" style="--cjm-chart-min-width: {round(width * 0.7)}px"'
        f' role="img" aria-labelledby="{ident}-title {ident}-desc" font-family="inherit" font-size="12"'
        f' fill="currentColor">',
        f'<title id="{ident}-title">{html_text(one_line(title))}</title>',
        f'<desc id="{ident}-desc">{html_text(one_line(desc))}</desc>',
        *body,
        "</svg>",
    ]))


# --- heatmap: open pain points per stage and department --------------------------------

def heatmap(heat: Heatmap, departments: Mapping[str, Department], labels: Mapping[str, str],
            ident: str = "cjm-heatmap") -> Markup:
    """Stages as columns, departments as rows; each cell shaded by its count of open pain points."""
    names = {key: department.name for key, department in departments.items()}
    width = HEAT_LEFT + len(heat.stages) * HEAT_WIDTH + 8
    height = HEAT_TOP + len(heat.departments) * HEAT_HEIGHT + 8
    body = [_heat_column(stage_name(stage, labels), n) for n, stage in enumerate(heat.stages)]
    for row, department in enumerate(heat.departments):
        y = HEAT_TOP + row * HEAT_HEIGHT
        body.append(f'<text x="{HEAT_LEFT - 10}" y="{y + HEAT_HEIGHT / 2 + 4:g}" text-anchor="end">'
                    f"{html_text(shorten(names.get(department, department), 28))}</text>")
        body += [_heat_cell(heat, stage, department, names, labels, column, y) for column, stage in enumerate(heat.stages)]
    return svg(ident, "heatmap", (width, height), labels["heatmap_title"], _heat_desc(heat, names, labels), body)


def _heat_column(name: str, column: int) -> str:
    x = HEAT_LEFT + (column + 0.5) * HEAT_WIDTH
    return (f'<text x="{x:g}" y="{HEAT_TOP - 12}" text-anchor="middle" font-weight="bold">'
            f"{html_text(shorten(name, 14))}</text>")


def _heat_cell(heat: Heatmap, stage: Stage, department: str, names: Mapping[str, str], labels: Mapping[str, str],
               column: int, y: float) -> str:
    count = heat.count(stage.id, department)
    x = HEAT_LEFT + column * HEAT_WIDTH
    shade = 0.08 + 0.45 * count / heat.maximum if count else 0
    tip = f"{stage_name(stage, labels)}, {names.get(department, department)}: {counted(count, 'open_pain_points', labels)}"
    number = (f'<text class="cjm-heat-count" x="{x + HEAT_WIDTH / 2:g}" y="{y + HEAT_HEIGHT / 2 + 5:g}"'
              f' text-anchor="middle" font-weight="bold" font-size="14">{count}</text>') if count else ""
    return (f'<g class="cjm-heat" data-stage="{html_text(stage.id)}" data-department="{html_text(department)}"'
            f' data-count="{count}"><title>{html_text(one_line(tip))}</title>'
            f'<rect class="cjm-heat-cell" x="{x + 1}" y="{y + 1:g}" width="{HEAT_WIDTH - 2}" height="{HEAT_HEIGHT - 2}"'
            f' fill-opacity="{shade:.2f}" stroke="currentColor" stroke-opacity="0.15"/>{number}</g>')


def _heat_desc(heat: Heatmap, names: Mapping[str, str], labels: Mapping[str, str]) -> str:
    cells = [f"{stage_name(stage, labels)} / {names.get(department, department)}: {heat.count(stage.id, department)}"
             for stage in heat.stages for department in heat.departments if heat.count(stage.id, department)]
    return f"{labels['heatmap_title']}. " + "; ".join(cells) + f". {labels['total']}: {heat.total}."


# --- impact/effort grid ----------------------------------------------------------------

def impact_effort(entries: list[BacklogEntry], labels: Mapping[str, str], ident: str = "cjm-impact-effort") -> Markup:
    """A 3 × 3 grid, effort left to right and impact bottom to top; each measure a dot with its backlog number."""
    width = GRID_LEFT + 3 * GRID_WIDTH + 8
    height = GRID_TOP + 3 * GRID_HEIGHT + GRID_BOTTOM
    body = [_zone(labels), *_axes(labels, height)]
    for effort in LEVELS:
        for impact in LEVELS:
            body += _dots([e for e in entries if (e.measure.effort, e.measure.impact) == (effort, impact)],
                          effort, impact, labels)
    return svg(ident, "impact-effort", (width, height), labels["impact_effort"], _grid_desc(entries, labels), body)


def cell_origin(effort: str, impact: str) -> tuple[float, float]:
    """Top left corner of the grid cell for an effort and impact level."""
    return GRID_LEFT + LEVELS.index(effort) * GRID_WIDTH, GRID_TOP + (2 - LEVELS.index(impact)) * GRID_HEIGHT


def _zone(labels: Mapping[str, str]) -> str:
    """The quick-win corner: low effort, medium or high impact."""
    x, y = cell_origin("low", "high")
    return (f'<g class="cjm-chart-zone"><rect x="{x}" y="{y}" width="{GRID_WIDTH}" height="{2 * GRID_HEIGHT}"'
            f' fill="currentColor" fill-opacity="0.08"/><text x="{x + 8}" y="{y + 2 * GRID_HEIGHT - 8}"'
            f' font-weight="bold" fill-opacity="0.7">{html_text(labels["quick_wins"])}</text></g>')


def _axes(labels: Mapping[str, str], height: float) -> list[str]:
    parts = []
    for n, level in enumerate(LEVELS):
        x, y = cell_origin(level, level)
        parts.append(f'<rect x="{x}" y="{GRID_TOP}" width="{GRID_WIDTH}" height="{3 * GRID_HEIGHT}" fill="none"'
                     f' stroke="currentColor" stroke-opacity="0.25"/>')
        parts.append(f'<rect x="{GRID_LEFT}" y="{y}" width="{3 * GRID_WIDTH}" height="{GRID_HEIGHT}" fill="none"'
                     f' stroke="currentColor" stroke-opacity="0.25"/>')
        parts.append(f'<text x="{x + GRID_WIDTH / 2:g}" y="{GRID_TOP + 3 * GRID_HEIGHT + 18}" text-anchor="middle">'
                     f"{html_text(labels[level])}</text>")
        parts.append(f'<text x="{GRID_LEFT - 8}" y="{y + GRID_HEIGHT / 2 + 4:g}" text-anchor="end">'
                     f"{html_text(labels[level])}</text>")
    middle = GRID_TOP + 1.5 * GRID_HEIGHT
    parts.append(f'<text x="{GRID_LEFT + 1.5 * GRID_WIDTH:g}" y="{height - 10}" text-anchor="middle" font-weight="bold">'
                 f"{html_text(labels['effort'])} →</text>")
    parts.append(f'<text x="18" y="{middle:g}" text-anchor="middle" font-weight="bold"'
                 f' transform="rotate(-90 18 {middle:g})">{html_text(labels["impact"])} →</text>')
    return parts


def _dots(entries: list[BacklogEntry], effort: str, impact: str, labels: Mapping[str, str]) -> list[str]:
    left, top = cell_origin(effort, impact)
    columns = (GRID_WIDTH - 2 * DOT) // DOT_GAP
    room = columns * ((GRID_HEIGHT - 2 * DOT) // DOT_GAP)
    shown = entries if len(entries) <= room else entries[: room - 1]
    parts = [_dot(entry, left + DOT + 4 + (n % columns) * DOT_GAP, top + DOT + 6 + (n // columns) * DOT_GAP, labels)
             for n, entry in enumerate(shown)]
    if len(shown) < len(entries):
        n = len(shown)
        parts.append(f'<text x="{left + DOT + 4 + (n % columns) * DOT_GAP}" y="{top + DOT + 10 + (n // columns) * DOT_GAP}"'
                     f' text-anchor="middle">+{len(entries) - n}</text>')
    return parts


def _dot(entry: BacklogEntry, x: float, y: float, labels: Mapping[str, str]) -> str:
    measure = entry.measure
    states = ["quick" if measure.is_quick_win else "", measure.status, "overdue" if entry.overdue else ""]
    classes = " ".join(f"cjm-dot--{state}" for state in states if state)
    tip = f"{entry.number}. {measure.title} – {labels['measure_' + measure.status]}"
    tip += f", {labels['overdue']}" if entry.overdue else ""
    ring = (f'<circle cx="{x}" cy="{y}" r="{DOT + 3}" fill="none" stroke="currentColor" stroke-width="1.5"'
            f' class="cjm-dot-ring"/>') if entry.overdue else ""
    dash = ' stroke-dasharray="3 2"' if measure.status == "done" else ""
    return (f'<g class="cjm-dot {classes}" data-number="{entry.number}" data-effort="{measure.effort}"'
            f' data-impact="{measure.impact}"><title>{html_text(one_line(tip))}</title>{ring}'
            f'<circle cx="{x}" cy="{y}" r="{DOT}" fill="currentColor" fill-opacity="{0.25 if measure.is_quick_win else 0.06}"'
            f' stroke="currentColor" stroke-width="{2 if measure.is_quick_win else 1}"{dash}/>'
            f'<text x="{x}" y="{y + 4}" text-anchor="middle" font-size="11">{entry.number}</text></g>')


def _grid_desc(entries: list[BacklogEntry], labels: Mapping[str, str]) -> str:
    cells = []
    for impact in reversed(LEVELS):
        for effort in LEVELS:
            numbers = [str(e.number) for e in entries if (e.measure.effort, e.measure.impact) == (effort, impact)]
            if numbers:
                cells.append(f"{labels['impact']} {labels[impact]}, {labels['effort']} {labels[effort]}: "
                             f"{len(numbers)} ({', '.join(numbers)})")
    return f"{labels['impact_effort']}. " + "; ".join(cells) + "."


# --- KPI bars --------------------------------------------------------------------------

def kpi_bars(entries: list[KpiEntry], labels: Mapping[str, str], ident: str) -> Markup:
    """One row per KPI: the current value as a bar from zero, the target as a mark, each row on its own scale."""
    height = BAR_TOP + len(entries) * BAR_ROW + 4
    width = BAR_LEFT + BAR_WIDTH + BAR_VALUES
    body = [_bar_row(entry, labels, BAR_TOP + n * BAR_ROW) for n, entry in enumerate(entries)]
    desc = f"{labels['kpi_bars']}. " + "; ".join(kpi_summary(entry, labels) for entry in entries) + "."
    return svg(ident, "kpis", (width, height), labels["kpi_bars"], desc, body)


def kpi_summary(entry: KpiEntry, labels: Mapping[str, str]) -> str:
    """One KPI as text: name, current, target, which way is better, status."""
    kpi = entry.kpi
    current = _value(kpi.current, kpi.unit, labels) if kpi.current is not None else labels["no_value"]
    return (f"{one_line(kpi.name)}: {labels['current']} {current}, {labels['target']} "
            f"{_value(kpi.target, kpi.unit, labels)} ({labels['better_' + kpi.better]}), {labels[entry.status]}")


def _bar_row(entry: KpiEntry, labels: Mapping[str, str], y: float) -> str:
    kpi = entry.kpi
    values = [0.0, kpi.target] + ([kpi.current] if kpi.current is not None else [])
    low, high = min(values), max(values)
    span = (high - low) * 1.1 or 1

    def x(value: float) -> float:
        return BAR_LEFT + (value - low) / span * BAR_WIDTH

    arrow = "↑" if kpi.better == "higher" else "↓"
    parts = [f'<g class="cjm-kpi cjm-kpi--{entry.status}"><title>{html_text(kpi_summary(entry, labels))}</title>',
             f'<text x="{BAR_LEFT - 10}" y="{y + 20}" text-anchor="end">{html_text(shorten(kpi.name, KPI_NAME_CHARS))} {arrow}</text>',
             f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{y + 4}" y2="{y + 30}" stroke="currentColor" stroke-opacity="0.5"/>']
    if kpi.current is not None:
        left, right = sorted((x(0), x(kpi.current)))
        parts.append(f'<rect class="cjm-kpi-bar" x="{left:.1f}" y="{y + 9}" width="{max(right - left, 1):.1f}"'
                     f' height="16" fill="currentColor" fill-opacity="0.35"/>')
    parts.append(f'<path class="cjm-kpi-target" d="M{x(kpi.target):.1f} {y + 2}v30" stroke="currentColor"'
                 f' stroke-width="3"/>')
    current = _value(kpi.current, kpi.unit, labels) if kpi.current is not None else labels["no_value"]
    target = shorten(_value(kpi.target, kpi.unit, labels), KPI_VALUE_CHARS)
    parts.append(f'<text x="{BAR_LEFT + BAR_WIDTH + 12}" y="{y + 20}">{html_text(shorten(current, KPI_VALUE_CHARS))} / '
                 f'{html_text(labels["target"])} {html_text(target)}</text></g>')
    return "".join(parts)


def _value(value: float, unit: str | None, labels: Mapping[str, str]) -> str:
    text = number(value, labels)
    return f"{text} {one_line(unit)}" if unit else text


# --- KPI sparkline: the measured values over time -------------------------------------------

SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 96, 24, 3


def sparkline(kpi: Kpi, labels: Mapping[str, str]) -> Markup | None:
    """A KPI's measurements as a small line over time, its target dashed; None with fewer than two measurements.
    The image is named by its values, so it reads out as text."""
    measured = kpi.measured
    if len(measured) < 2:
        return None
    values = [m.value for m in measured]
    low, high = min(*values, kpi.target), max(*values, kpi.target)
    first, days = measured[0].date, (measured[-1].date - measured[0].date).days or 1

    def point(day: dt.date, value: float) -> str:
        x = SPARK_PAD + (day - first).days / days * (SPARK_WIDTH - 2 * SPARK_PAD)
        y = SPARK_PAD + (high - value) / ((high - low) or 1) * (SPARK_HEIGHT - 2 * SPARK_PAD)
        return f"{x:.1f},{y:.1f}"

    last = point(measured[-1].date, measured[-1].value).split(",")
    target = point(first, kpi.target).split(",")[1]
    text = (f"{labels['kpi_history']} {one_line(kpi.name)}: "
            + "; ".join(f"{m.date.strftime(labels['date_format'])} {_value(m.value, kpi.unit, labels)}" for m in measured)
            + f"; {labels['target']} {_value(kpi.target, kpi.unit, labels)}")
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cjm-sparkline" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" '
        f'width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" role="img" aria-label="{html_text(text)}">'
        f'<title>{html_text(text)}</title>'
        f'<line class="cjm-sparkline-target" x1="{SPARK_PAD}" x2="{SPARK_WIDTH - SPARK_PAD}" y1="{target}" y2="{target}"/>'
        f'<polyline points="{" ".join(point(m.date, m.value) for m in measured)}" fill="none" stroke="currentColor" '
        f'stroke-width="1.5"/><circle cx="{last[0]}" cy="{last[1]}" r="2.5" fill="currentColor"/></svg>')
