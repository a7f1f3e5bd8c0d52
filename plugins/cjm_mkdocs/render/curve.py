"""The emotion curve: a journey's scores as an inline SVG, drawn at build time.

Steps run left to right in stage bands, scores 1–5 bottom to top. Colours come from
`currentColor` (so light and dark palettes both work); the CSS classes allow more.
The SVG scales to its container; `--cjm-curve-min-width` says how narrow it may get
while its text stays readable (for a scrolling wrapper).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from markupsafe import Markup

from ..core.model import Journey, Stage, Step, mood_of
from . import stage_name
from .escape import html_text, one_line, shorten

STEP_WIDTH = 120
LEFT = 150
RIGHT = 16
TOP = 40
PAD = 24
LEVEL = 44
BOTTOM = 50
LINE_CHARS = 16
MIN_SCALE = 0.75  # below this the 12-unit text gets too small to read
HEIGHT = TOP + 2 * PAD + 4 * LEVEL + BOTTOM
MOODS = {score: mood_of(score) for score in (5, 3, 1)}
MOUTHS = {5: "M-4 2Q0 6 4 2", 3: "M-4 3H4", 1: "M-4 5Q0 1 4 5"}


def x_of(index: int) -> float:
    """Horizontal centre of the step at `index`."""
    return LEFT + (index + 0.5) * STEP_WIDTH


def y_of(score: int) -> float:
    """Vertical position of a score: 5 at the top, 1 at the bottom."""
    return TOP + PAD + (5 - score) * LEVEL


def emotion_curve(journey: Journey, labels: Mapping[str, str], element_id: str | None = None,
                  earlier: Mapping[str, int] | None = None) -> Markup:
    """The journey's emotion curve as accessible inline SVG (`role="img"`, title, desc); `earlier` (step id → score,
    e.g. at the last review) is drawn faintly behind it and told in the description."""
    ident = html_text(element_id or f"cjm-curve-{journey.id}")
    width = LEFT + len(journey.steps) * STEP_WIDTH + RIGHT
    title, desc = summary(journey, labels)
    if earlier:
        desc += " " + _earlier_summary(journey, earlier, labels)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cjm-curve" id="{ident}" viewBox="0 0 {width} {HEIGHT}"'
        f' width="100%" style="--cjm-curve-min-width: {round(width * MIN_SCALE)}px"'
        f' role="img" aria-labelledby="{ident}-title {ident}-desc"'
        f' font-family="inherit" font-size="12" fill="currentColor">',
        f'<title id="{ident}-title">{html_text(title)}</title>',
        f'<desc id="{ident}-desc">{html_text(desc)}</desc>',
        *_stage_bands(journey, labels),
        *_scale(labels, width),
        *_earlier_lines(journey.steps, earlier or {}),
        _line(journey.steps),
        *[_step(step, index, labels) for index, step in enumerate(journey.steps)],
        "</svg>",
    ]
    return Markup("\n".join(parts))


def summary(journey: Journey, labels: Mapping[str, str]) -> tuple[str, str]:
    """Title and text description of the curve in the label language."""
    curve = labels["curve"]
    stages = [f"{stage_name(stage, labels)}: " + ", ".join(_step_summary(step, labels) for step in stage.steps)
              for stage in journey.stages]
    scores = [step.score for step in journey.steps]
    extremes = [f"{labels[key]}: {_names(journey, score)} ({score})"
                for key, score in (("lowest_point", min(scores)), ("highest_point", max(scores)))]
    return f"{curve}: {one_line(journey.title)}", f"{curve}. " + ". ".join([*stages, *extremes]) + "."


def _step_summary(step: Step, labels: Mapping[str, str]) -> str:
    moment = f", {labels['moment_of_truth']}" if step.moment_of_truth else ""
    return f"{one_line(step.name)} – {labels[step.mood]} ({step.score}{moment})"


def _names(journey: Journey, score: int) -> str:
    return ", ".join(one_line(step.name) for step in journey.steps if step.score == score)


def _stage_bands(journey: Journey, labels: Mapping[str, str]) -> list[str]:
    parts, first = [], 0
    for number, stage in enumerate(journey.stages):
        parts.append(_stage_band(stage, labels, first, number % 2))
        first += len(stage.steps)
    return parts


def _stage_band(stage: Stage, labels: Mapping[str, str], first: int, odd: int) -> str:
    left, width = LEFT + first * STEP_WIDTH, len(stage.steps) * STEP_WIDTH
    name = shorten(stage_name(stage, labels), width // 8)
    return (f'<g class="cjm-curve-stage"><rect x="{left}" y="{TOP - 24}" width="{width}" height="{HEIGHT - TOP - 8}"'
            f' fill-opacity="{0.09 if odd else 0.04}"/>'
            f'<text x="{left + width / 2:g}" y="{TOP - 8}" text-anchor="middle" font-weight="bold">'
            f"{html_text(name)}</text></g>")


def _scale(labels: Mapping[str, str], width: int) -> list[str]:
    parts = [f'<line class="cjm-curve-grid" x1="{LEFT}" x2="{width - RIGHT}" y1="{y_of(score):g}" y2="{y_of(score):g}"'
             f' stroke="currentColor" stroke-opacity="0.2" stroke-dasharray="3 3"/>' for score in range(1, 6)]
    for score, mood in MOODS.items():
        y = y_of(score)
        parts.append(f'<g class="cjm-curve-level cjm-curve-level--{mood}" transform="translate({LEFT - 16} {y:g})">'
                     f'<circle r="9" fill="none" stroke="currentColor"/><circle cx="-3" cy="-2" r="1.2"/>'
                     f'<circle cx="3" cy="-2" r="1.2"/><path d="{MOUTHS[score]}" fill="none" stroke="currentColor"/>'
                     f'<text x="-16" y="4" text-anchor="end">{html_text(labels[mood])}</text></g>')
    return parts


def _line(steps: list[Step]) -> str:
    points = " ".join(f"{x_of(index):g},{y_of(step.score):g}" for index, step in enumerate(steps))
    return (f'<polyline class="cjm-curve-line" points="{points}" fill="none" stroke="currentColor"'
            f' stroke-width="2.5" stroke-linejoin="round"/>')


def _earlier_lines(steps: list[Step], earlier: Mapping[str, int]) -> list[str]:
    """The earlier scores as dashed lines, broken where a step had none (it was added since)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for index, step in enumerate(steps):
        if step.id in earlier:
            runs[-1].append((x_of(index), y_of(earlier[step.id])))
        elif runs[-1]:
            runs.append([])
    style = 'fill="none" stroke="currentColor" stroke-opacity="0.55"'
    return [f'<polyline class="cjm-curve-earlier" points="{" ".join(f"{x:g},{y:g}" for x, y in run)}" {style}'
            f' stroke-width="2" stroke-dasharray="6 4" stroke-linejoin="round"/>' if len(run) > 1 else
            f'<circle class="cjm-curve-earlier" cx="{run[0][0]:g}" cy="{run[0][1]:g}" r="4" {style}/>'
            for run in runs if run]


def _earlier_summary(journey: Journey, earlier: Mapping[str, int], labels: Mapping[str, str]) -> str:
    """The steps rated otherwise earlier, as text."""
    moved = [f"{one_line(step.name)} {earlier[step.id]} → {step.score}" for step in journey.steps
             if step.id in earlier and earlier[step.id] != step.score]
    return f"{labels['curve_earlier']}: " + (", ".join(moved) or labels["curve_unchanged"]) + "."


def _step(step: Step, index: int, labels: Mapping[str, str]) -> str:
    x, y = x_of(index), y_of(step.score)
    moment = " cjm-curve-step--moment" if step.moment_of_truth else ""
    parts = [f'<g class="cjm-curve-step cjm-curve-step--{step.mood}{moment}">',
             f"<title>{html_text(_step_summary(step, labels))}</title>"]
    if step.moment_of_truth:
        parts.append(f'<circle class="cjm-curve-moment" cx="{x:g}" cy="{y:g}" r="12" fill="none"'
                     f' stroke="currentColor" stroke-width="2"/>')
    parts.append(f'<circle class="cjm-curve-point" cx="{x:g}" cy="{y:g}" r="6"/>')
    parts += _hints(step, x, y, labels)
    parts += [_step_label(step.name, x), "</g>"]
    return "".join(parts)


def _hints(step: Step, x: float, y: float, labels: Mapping[str, str]) -> list[str]:
    hints = []
    for kind, glyph, items, dy in (("love", "♥", step.love_points, -18), ("pain", "⚠", step.pain_points, 26)):
        if items:
            texts = "; ".join(shorten(item.text, 80) for item in items)
            label = labels[f"{kind}_points"]
            hints.append(f'<text class="cjm-curve-{kind}" x="{x + 10:g}" y="{y + dy:g}">'
                         f"<title>{html_text(f'{label}: {texts}')}</title>{glyph} {len(items)}</text>")
    return hints


def _step_label(name: str, x: float) -> str:
    lines = textwrap.wrap(one_line(name), LINE_CHARS) or ["–"]
    if len(lines) > 2:
        lines = [lines[0], shorten(" ".join(lines[1:]), LINE_CHARS)]
    spans = "".join(f'<tspan x="{x:g}" dy="{0 if number == 0 else 14}">{html_text(line)}</tspan>'
                    for number, line in enumerate(lines))
    return f'<text class="cjm-curve-label" x="{x:g}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{spans}</text>'
