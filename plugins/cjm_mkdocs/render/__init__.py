"""Safe rendering primitives for journey pages: escaping, Mermaid diagrams, the emotion curve."""

from __future__ import annotations

from collections.abc import Mapping

from ..core.model import Stage


def number(value: float, labels: Mapping[str, str]) -> str:
    """A number as the site's language writes it (decimal mark), without trailing zeros."""
    return f"{value:.12g}".replace(".", labels["decimal_mark"])


def stage_name(stage: Stage, labels: dict[str, str]) -> str:
    """The stage's own name, else the label of its id (default stages), else its id."""
    return stage.name or labels.get(stage.id, stage.id)
