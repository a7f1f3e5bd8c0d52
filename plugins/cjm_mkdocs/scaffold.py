"""New, valid, commented data files for editors (`cjm new`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from .loading import DEPARTMENTS_FILE, JOURNEYS_DIR, PERSONAS_DIR
from .model import DEFAULT_STAGES

_ENV = Environment(loader=PackageLoader("cjm_mkdocs", "scaffolds"), undefined=StrictUndefined,
                   keep_trailing_newline=True, autoescape=False)
_ENV.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)


class ScaffoldError(Exception):
    """A file could not be created; the message says why."""


def new_journey(data_dir: Path, journey_id: str, today: dt.date, **fields: str) -> Path:
    """Write `maps/<id>.yml` with all default stages and one step each."""
    text = _ENV.get_template("journey.yml.j2").render(today=today.isoformat(), stages=DEFAULT_STAGES, **fields)
    return _create(data_dir / JOURNEYS_DIR / f"{journey_id}.yml", text)


def new_persona(data_dir: Path, persona_id: str, today: dt.date, **fields: str) -> Path:
    """Write `personas/<id>.yml`."""
    text = _ENV.get_template("persona.yml.j2").render(today=today.isoformat(), **fields)
    return _create(data_dir / PERSONAS_DIR / f"{persona_id}.yml", text)


def new_department(data_dir: Path, department_id: str, known: set[str], **fields: str) -> Path:
    """Append a department to `departments.yml` (created if missing); existing text is kept."""
    if department_id in known:
        raise ScaffoldError(f"a department with the id `{department_id}` exists already")
    path = data_dir / DEPARTMENTS_FILE
    block = _ENV.get_template("department.yml.j2").render(id=department_id, **fields)
    if not path.exists():
        return _create(path, "# yaml-language-server: $schema=../schema/departments.schema.json\ndepartments:\n" + block)
    existing = path.read_text(encoding="utf-8")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(("" if existing.endswith("\n") else "\n") + block)
    return path


def _create(path: Path, text: str) -> Path:
    if path.exists():
        raise ScaffoldError(f"{path} exists already; nothing was changed (choose another id, or edit the file)")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path
