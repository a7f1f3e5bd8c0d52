"""A journey's changes (:mod:`views.history`) in the words of the site's language, each value escaped for where
the sentence lands (plain text, Markdown)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from ..views.history import Change

_WORDS = {"status_changed": "status_", "measure_status": "measure_", "measure_added": "measure_",
          "pain_severity": "", "step_rerated": "", "step_support": "support_"}
"""Kinds whose values are words of the model (a status, a severity, a mood), and the prefix of their labels."""
_DAYS = {"reviewed": "after", "kpi_measured": "before"}
"""Kinds with a day (ISO) among their values, and which value it is."""


def change_text(change: Change, words: Mapping[str, str], escape: Callable[[str], str],
                department: Callable[[str], str] = str) -> str:
    """The sentence for `change`; `department` names a department by its id (owner changes)."""
    values = {"subject": change.subject, "before": change.before or "–", "after": change.after or "–",
              "where": change.where}
    if change.kind in _WORDS:
        prefix = _WORDS[change.kind]
        values |= {side: words.get(f"{prefix}{values[side]}", values[side]) for side in ("before", "after")}
    elif change.kind in _DAYS:
        side = _DAYS[change.kind]
        values[side] = dt.date.fromisoformat(values[side]).strftime(words["date_format"])
    elif change.kind == "owner_changed":
        values |= {side: department(values[side]) for side in ("before", "after")}
    elif change.kind == "step_texts":
        values["after"] = ", ".join(words[field] for field in change.after.split(","))
    return words[f"change_{change.kind}"].format(**{name: escape(value) for name, value in values.items()})
