"""Finding, reading and validating the journey data folder.

Layout of the data folder::

    departments.yml        every department
    personas/<id>.yml      one persona each (+ optional <id>.md prose)
    maps/<id>.yml          one journey each (+ optional <id>.md prose)

Parsed files are cached by content hash, so a rebuild re-reads only what changed.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from .catalog import Catalog, Source
from .model import DepartmentsFile, Journey, Persona
from .problems import Problem
from .references import check_references
from .strict_yaml import YamlDocument, read_yaml
from .validation import validate

DEPARTMENTS_FILE = "departments.yml"
PERSONAS_DIR = "personas"
JOURNEYS_DIR = "maps"
DEFAULT_MAX_BYTES = 1_048_576


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading, then freeze what was loaded.

    Loading builds millions of objects and no cycles; the collector's passes over them
    cost more than the parsing itself, and so would a full pass at interpreter exit.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@dataclass
class _Parsed:
    digest: str
    doc: YamlDocument
    model: BaseModel | None
    problems: list[Problem]


@dataclass
class JourneyLoader:
    """Loads a data folder into a :class:`Catalog`, caching unchanged files."""

    root: Path
    base: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    _cache: dict[Path, _Parsed] = field(default_factory=dict)
    _real_folders: dict[Path, Path] = field(default_factory=dict)
    parsed_files: int = 0

    def load(self) -> tuple[Catalog, list[Problem]]:
        """Read every file; return the catalog and all problems found."""
        with _no_cyclic_gc():
            return self._load()

    def _load(self) -> tuple[Catalog, list[Problem]]:
        self.parsed_files = 0
        self._real_folders.clear()
        problems: list[Problem] = []
        if not self.root.is_dir():
            missing = Problem(self._display(self.root), message="is not a folder",
                              hint="point the command or the plugin's `data_dir` at the journeys folder")
            return Catalog(), [missing]
        sources = self._departments(problems) + self._folder(PERSONAS_DIR, Persona, problems)
        sources += self._folder(JOURNEYS_DIR, Journey, problems)
        problems += self._strays()
        catalog = Catalog.from_sources(sources)
        problems += check_references(catalog)
        return catalog, sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.message))

    def _departments(self, problems: list[Problem]) -> list[Source]:
        path = self.root / DEPARTMENTS_FILE
        if not path.is_file():
            problems.append(Problem(self._display(path), message="is missing",
                                    hint="create it with a `departments:` list (see the README)"))
            return []
        return self._read(path, DepartmentsFile, problems)

    def _folder(self, name: str, model: type[BaseModel], problems: list[Problem]) -> list[Source]:
        folder = self.root / name
        sources: list[Source] = []
        for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
            sources += self._read(path, model, problems)
        return sources

    def _read(self, path: Path, model: type[BaseModel], problems: list[Problem]) -> list[Source]:
        file = self._display(path)
        parsed = self._parse(path, file, model)
        problems += parsed.problems
        if parsed.model is None:
            return []
        body, body_problems = self._body(path)
        problems += body_problems
        if body and hasattr(parsed.model, "body"):
            parsed.model.body = body
        return [Source(file, parsed.doc, parsed.model)]

    def _parse(self, path: Path, file: str, model: type[BaseModel]) -> _Parsed:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problem = Problem(file, message=f"cannot be read: {exc.strerror}")
            return _Parsed("", YamlDocument(file), None, [problem])
        digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        cached = self._cache.get(path)
        if cached and cached.digest == digest:
            return cached
        self.parsed_files += 1
        doc = read_yaml(raw, file, self.max_bytes)
        result, problems = self._validate(path, model, doc)
        if problems and doc.fast:
            doc = read_yaml(raw, file, self.max_bytes, fast=False)
            result, problems = self._validate(path, model, doc)
        self._cache[path] = parsed = _Parsed(digest, doc, result, problems)
        return parsed

    @staticmethod
    def _validate(path: Path, model: type[BaseModel], doc: YamlDocument) -> tuple[BaseModel | None, list[Problem]]:
        problems = list(doc.problems)
        if doc.data is None:
            return None, problems
        if model is not DepartmentsFile and isinstance(doc.data, dict):
            doc.data.setdefault("id", path.stem)
        result, invalid = validate(model, doc)
        problems += invalid
        return (None if problems else result), problems

    def _body(self, path: Path) -> tuple[str, list[Problem]]:
        prose = path.with_suffix(".md")
        if not prose.is_file():
            return "", []
        try:
            return prose.read_text(encoding="utf-8"), []
        except (OSError, UnicodeDecodeError):
            return "", [Problem(self._display(prose), 1, 1, "", "cannot be read as UTF-8 text",
                                "save the file with UTF-8 encoding")]

    def _strays(self) -> list[Problem]:
        known = {self.root / DEPARTMENTS_FILE}
        strays = [p for p in self.root.rglob("*.y*ml") if p not in known and p.parent.name not in (PERSONAS_DIR, JOURNEYS_DIR)]
        return [Problem(self._display(p), message="is not read: it is in no known folder", severity="warning",
                        hint=f"journeys go in `{JOURNEYS_DIR}/`, personas in `{PERSONAS_DIR}/`, departments in `{DEPARTMENTS_FILE}`")
                for p in sorted(strays)]

    def _display(self, path: Path) -> str:
        """How problems name `path`: relative to the base once links are resolved, else as given."""
        try:
            return self._resolve(path).relative_to(self._base).as_posix()
        except ValueError:
            return path.as_posix()

    def _resolve(self, path: Path) -> Path:
        """`path.resolve()`, resolving each folder once per load rather than once per file in it."""
        if path.name in ("", "..") or os.path.islink(path):
            return path.resolve()
        folder = self._real_folders.get(path.parent)
        if folder is None:
            folder = self._real_folders[path.parent] = path.parent.resolve()
        return folder / path.name

    @cached_property
    def _base(self) -> Path:
        return (self.base or Path.cwd()).resolve()
