"""Safe rendering primitives for journey pages: escaping, Mermaid diagrams, the emotion curve."""

from __future__ import annotations

from ..core.model import Stage


def stage_name(stage: Stage, labels: dict[str, str]) -> str:
    """The stage's own name, else the label of its id (default stages), else its id."""
    return stage.name or labels.get(stage.id, stage.id)
