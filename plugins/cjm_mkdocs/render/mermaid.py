"""Mermaid source for a journey: the journey diagram and, for branching journeys, a flowchart.

Editor text only ever appears encoded by :func:`mermaid_text`; node and subgraph ids
are generated. No init directives: securityLevel strict comes from the site config.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.model import Journey, Step
from . import stage_name
from .escape import mermaid_text, shorten

TITLE_LENGTH = 80
TASK_LENGTH = 40
ACTOR_LENGTH = 30
NODE_LENGTH = 60
EMPTY = "–"
MOMENT_MARK = "★ "


def label(value: str, limit: int) -> str:
    """Editor text shortened to `limit` and encoded for Mermaid; never empty."""
    return mermaid_text(shorten(value, limit)) or EMPTY


def journey_diagram(journey: Journey, persona_names: dict[str, str], department_names: dict[str, str],
                    labels: dict[str, str]) -> str:
    """A Mermaid `journey`: a section per stage, a task per step scored 1–5 with its actors."""
    personas = [persona_names.get(persona, persona) for persona in journey.personas]
    lines = ["journey", f"  title {label(journey.title, TITLE_LENGTH)}"]
    for stage in journey.stages:
        lines.append(f"  section {label(stage_name(stage, labels), TASK_LENGTH)}")
        for step in stage.steps:
            owners = [department_names.get(t.department, t.department) for t in step.touchpoints if t.department]
            actors = ", ".join(dict.fromkeys(label(actor, ACTOR_LENGTH) for actor in [*personas, *owners]))
            task = f"    {label(step.name, TASK_LENGTH)}: {step.score}"
            lines.append(f"{task}: {actors}" if actors else task)
    return "\n".join(lines) + "\n"


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
