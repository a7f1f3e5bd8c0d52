"""Problems found in journey data, and how they are reported."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .messages import t


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, with where it is and how to fix it."""

    file: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        """`file:line:column: error: field: message` and the fix below it, in the current language."""
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        what = f"{self.field}: {self.message}" if self.field else self.message
        text = f"{where}: {self._severity()}: {what}"
        fix = t("fix")
        return f"{text}\n    {fix}: {self.hint}" if self.hint else text

    def _severity(self) -> str:
        return t("error") if self.severity == "error" else t("warning")


def format_human(problems: list[Problem]) -> str:
    """Render problems as readable lines, one block per problem."""
    return "\n".join(str(p) for p in problems)


def format_json(problems: list[Problem]) -> str:
    """Render problems as a JSON list for tools."""
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: list[Problem]) -> str:
    """Render problems as GitHub Actions workflow annotations."""
    lines = []
    for p in problems:
        props = [f"file={_github_escape(p.file, property_value=True)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.column}"]
        if p.field:
            props.append(f"title={_github_escape(p.field, property_value=True)}")
        fix = t("Fix")
        body = f"{p.message} {fix}: {p.hint}" if p.hint else p.message
        level = "error" if p.severity == "error" else "warning"
        lines.append(f"::{level} {','.join(props)}::{_github_escape(body)}")
    return "\n".join(lines)
