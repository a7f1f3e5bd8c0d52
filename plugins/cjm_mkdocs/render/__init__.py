"""Safe rendering primitives for journey pages: escaping, Mermaid diagrams, the emotion curve."""

from __future__ import annotations

from collections.abc import Mapping

from ..core.model import DEFAULT_STAGES, Stage


def number(value: float, labels: Mapping[str, str]) -> str:
    """A number as the site's language writes it (decimal mark), without trailing zeros."""
    return f"{value:.12g}".replace(".", labels["decimal_mark"])


def stage_name(stage: Stage, labels: Mapping[str, str]) -> str:
    """The stage's own name, else the label of a default stage, else its id (an own stage's id is no label key)."""
    return stage.name or (labels[stage.id] if stage.id in DEFAULT_STAGES else stage.id)
