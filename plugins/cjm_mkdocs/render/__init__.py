"""Safe rendering primitives for journey pages: escaping, Mermaid diagrams, the emotion curve."""

from __future__ import annotations

from collections.abc import Mapping

from ..core.model import DEFAULT_STAGES, Stage


def number(value: float, labels: Mapping[str, str]) -> str:
    """A number as the site's language writes it (decimal mark), without trailing zeros."""
    return f"{value:.12g}".replace(".", labels["decimal_mark"])


def counted(value: int, key: str, labels: Mapping[str, str]) -> str:
    """The number with the label `key` (a plural), or its singular (``key_one``) when it is 1: "1 KPI", "3 KPIs"."""
    word = labels.get(f"{key}_one", labels[key]) if value == 1 else labels[key]
    return f"{number(value, labels)} {word}"


def stage_name(stage: Stage, labels: Mapping[str, str]) -> str:
    """The stage's own name, else the label of a default stage, else its id (an own stage's id is no label key)."""
    return stage.name or (labels[stage.id] if stage.id in DEFAULT_STAGES else stage.id)
