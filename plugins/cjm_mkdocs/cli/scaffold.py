"""New, valid, commented data files for editors (`cjm new`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..core.atomic import create_text, replace_text
from ..core.loading import DEPARTMENTS_FILE, JOURNEYS_DIR, PERSONAS_DIR, RESEARCH_DIR
from ..core.messages import t
from ..core.model import DEFAULT_STAGES

_YAML_BREAKS = {0x85: "\\N", 0x2028: "\\L", 0x2029: "\\P"}
"""Line breaks JSON leaves as they are and YAML would break a line at: YAML's escapes instead."""


def _yaml(text: object) -> str:
    """`text` as a double-quoted YAML string (JSON's escapes are YAML's)."""
    return json.dumps(str(text), ensure_ascii=False).translate(_YAML_BREAKS)


def _comment(text: object) -> str:
    """`text` on one line, for a `#` comment: every kind of line break and run of spaces becomes one space."""
    return " ".join(str(text).split())


_ENV = Environment(loader=PackageLoader("cjm_mkdocs", "scaffolds"), undefined=StrictUndefined,
                   keep_trailing_newline=True, autoescape=False)
_ENV.filters.update(yaml=_yaml, comment=_comment)
_ENV.globals.update(t=t)


class ScaffoldError(Exception):
    """A file could not be created; the message says why."""


def new_journey(data_dir: Path, journey_id: str, today: dt.date, **fields: str) -> Path:
    """Write `maps/<id>.yml` with all default stages and one step each."""
    text = _ENV.get_template("journey.yml.j2").render(today=today.isoformat(), stages=DEFAULT_STAGES, **fields)
    return _create(data_dir, data_dir / JOURNEYS_DIR / f"{journey_id}.yml", text)


def new_persona(data_dir: Path, persona_id: str, today: dt.date, **fields: str) -> Path:
    """Write `personas/<id>.yml`."""
    text = _ENV.get_template("persona.yml.j2").render(today=today.isoformat(), **fields)
    return _create(data_dir, data_dir / PERSONAS_DIR / f"{persona_id}.yml", text)


def new_research(data_dir: Path, research_id: str, today: dt.date, **fields: str) -> Path:
    """Write `research/<id>.yml`."""
    text = _ENV.get_template("research.yml.j2").render(today=today.isoformat(), **fields)
    return _create(data_dir, data_dir / RESEARCH_DIR / f"{research_id}.yml", text)


def new_department(data_dir: Path, department_id: str, known: set[str], **fields: str) -> Path:
    """Append a department to `departments.yml` (created if missing); existing text is kept."""
    if department_id in known:
        raise ScaffoldError(t("a department with the id `{id}` exists already", id=department_id))
    path = data_dir / DEPARTMENTS_FILE
    block = _ENV.get_template("department.yml.j2").render(id=department_id, **fields)
    _refuse_links(data_dir, path)
    if not path.exists():
        return _create(data_dir, path, "# yaml-language-server: $schema=../schema/departments.schema.json\n"
                                       "departments:\n" + block)
    if not path.is_file():
        raise ScaffoldError(t("{path} is not a file; nothing was changed (remove or rename it, then run again)", path=path))
    existing = path.read_text(encoding="utf-8")
    replace_text(path, existing + ("" if existing.endswith("\n") else "\n") + block)
    return path


def _create(data_dir: Path, path: Path, text: str) -> Path:
    """Create `path` inside `data_dir`, never through a link, never over anything already there."""
    _refuse_links(data_dir, path)
    try:
        create_text(path, text)
    except FileExistsError:
        raise ScaffoldError(t("{path} exists already; nothing was changed (choose another id, or edit the file)",
                              path=path)) from None
    except OSError as exc:
        raise ScaffoldError(t("{path} cannot be written: {reason}", path=path, reason=exc.strerror)) from None
    return path


def _refuse_links(data_dir: Path, path: Path) -> None:
    """Refuse a target below `data_dir` reached through a symbolic link (a dangling one too)."""
    for part in [path, *path.parents]:
        if part == data_dir:
            return
        if part.is_symlink():
            raise ScaffoldError(t("{path} is a symbolic link; nothing was changed (cjm new writes no file through a "
                                  "link: replace it with a real file or folder)", path=part))
    raise ScaffoldError(t("{path} is outside {folder}; nothing was changed", path=path, folder=data_dir))
