"""Mermaid source for a journey: its journey diagrams and, for branching journeys, a flowchart.

Editor text only ever appears encoded by :func:`mermaid_text`; node and subgraph ids
are generated. No init directives: securityLevel strict comes from the site config.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..core.model import Journey, Step
from ..views.department import step_responsible
from . import stage_name
from .escape import mermaid_text, one_line, shorten

STEPS_PER_DIAGRAM = 4
"""At most this many steps to a journey diagram: drawn with the layout of `assets/mermaid-config.js` (which wraps the
legend's names), four steps fit the 998 px content column of a 1280 px window (measured in chromium)."""
TASK_LENGTH = 40
ACTOR_LENGTH = 30
NODE_LENGTH = 60
EMPTY = "–"
MOMENT_MARK = "★ "


def label(value: str, limit: int) -> str:
    """Editor text shortened to `limit` and encoded for Mermaid; never empty."""
    return mermaid_text(shorten(value, limit)) or EMPTY


@dataclass(frozen=True)
class JourneyChart:
    """One Mermaid `journey` of a journey's steps: `name` says which stages it shows (plain text, for its label)."""

    name: str
    source: str


def journey_diagrams(journey: Journey, department_names: dict[str, str], labels: dict[str, str]) -> list[JourneyChart]:
    """The journey as Mermaid `journey` diagrams of at most :data:`STEPS_PER_DIAGRAM` steps, in order.

    Consecutive stages share a diagram while their steps fit; a longer stage is split into even parts, named
    "(1/2)", "(2/2)". Each stage is a `section`, each step a task scored 1–5 whose actors are the departments
    responsible for it (:func:`~cjm_mkdocs.views.department.step_responsible`): one kind of thing in the legend.
    No title: the page names the journey and the personas whose scores these are.
    """
    return [_chart(journey, group, department_names) for group in _grouped(_stage_parts(journey, labels))]


StagePart = tuple[str, str, list[Step]]
"""A stage, or an even part of a long one: the stage's name, which part it is ("", "(1/2)") and its steps."""


def _stage_parts(journey: Journey, labels: dict[str, str]) -> list[StagePart]:
    parts = []
    for stage in journey.stages:
        name, steps = stage_name(stage, labels), stage.steps
        count = -(-len(steps) // STEPS_PER_DIAGRAM)
        for number in range(count):
            part = steps[len(steps) * number // count : len(steps) * (number + 1) // count]
            parts.append((name, f"({number + 1}/{count})" if count > 1 else "", part))
    return parts


def _grouped(parts: list[StagePart]) -> list[list[StagePart]]:
    """Consecutive parts, as many to a diagram as keep it within :data:`STEPS_PER_DIAGRAM` steps."""
    groups: list[list[StagePart]] = []
    for part in parts:
        if groups and sum(len(steps) for _, _, steps in groups[-1]) + len(part[2]) <= STEPS_PER_DIAGRAM:
            groups[-1].append(part)
        else:
            groups.append([part])
    return groups


def _chart(journey: Journey, group: list[StagePart], department_names: dict[str, str]) -> JourneyChart:
    lines = ["journey"]
    for name, which, steps in group:
        lines.append(f"  section {_joined(label(name, TASK_LENGTH), mermaid_text(which))}")
        for step in steps:
            owners = [department_names.get(department, department) for department in step_responsible(journey, step)]
            actors = ", ".join(dict.fromkeys(label(owner, ACTOR_LENGTH) for owner in owners))
            lines.append(f"    {label(step.name, TASK_LENGTH)}: {step.score}: {actors}")
    return JourneyChart(" · ".join(_joined(one_line(name), which) for name, which, _ in group), "\n".join(lines) + "\n")


def _joined(name: str, which: str) -> str:
    return f"{name} {which}" if which else name


def branch_flowchart(journey: Journey, labels: dict[str, str]) -> str | None:
    """A `flowchart TB` of the paths through the steps, or None when no step branches.

    Top to bottom, stage under stage: at its natural size (legible labels) it is about as wide as a branch
    point's paths side by side; left to right, a journey of 13 steps was 3,200 px wide.
    """
    steps = journey.steps
    if not any(step.next for step in steps):
        return None
    nodes = [f"s{number}" for number in range(1, len(steps) + 1)]
    lines = ["flowchart TB", *_subgraphs(journey, labels, iter(nodes))]
    lines += [f"  {nodes[index]} --> {target}" for index, target in _edges(steps, nodes)]
    moments = [node for node, step in zip(nodes, steps) if step.moment_of_truth]
    if moments:
        lines += ["  classDef moment stroke-width:3px", f"  class {','.join(moments)} moment"]
    return "\n".join(lines) + "\n"


def _subgraphs(journey: Journey, labels: dict[str, str], nodes: Iterator[str]) -> list[str]:
    lines = []
    for number, stage in enumerate(journey.stages, 1):
        lines.append(f'  subgraph g{number}["{label(stage_name(stage, labels), NODE_LENGTH)}"]')
        for step in stage.steps:
            mark = MOMENT_MARK if step.moment_of_truth else ""
            lines.append(f'    {next(nodes)}["{mark}{label(step.name, NODE_LENGTH)}"]')
        lines.append("  end")
    return lines


def _edges(steps: list[Step], nodes: list[str]) -> list[tuple[int, str]]:
    """(step index, target node): to the `next` steps if given, else to the following step."""
    node_of = {}
    for node, step in zip(nodes, steps):
        node_of.setdefault(step.id, node)
    edges = []
    for index, step in enumerate(steps):
        if step.next:
            targets = [node_of[target] for target in step.next if target in node_of]
        else:
            targets = nodes[index + 1 : index + 2]
        edges += [(index, target) for target in dict.fromkeys(targets)]
    return edges
