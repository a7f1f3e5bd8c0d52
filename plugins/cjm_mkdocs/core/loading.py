"""Finding, reading and validating the journey data folder.

Layout of the data folder::

    departments.yml        every department
    personas/<id>.yml      one persona each (+ optional <id>.md prose)
    maps/<id>.yml          one journey each (+ optional <id>.md prose)
    maps/<id>[.<kpi>].csv  KPI measurements of a journey (optional; see :mod:`measurements`)
    research/<id>.yml      one research source each (+ optional <id>.md prose); optional
    research/media/…       photos, audio and video clips the evidence shows (see :mod:`media`)

Parsed files are cached by content hash, so a rebuild re-reads only what changed.
Only regular files and folders are read, the data folder itself included: a symbolic link could bring any file of
the machine (`/proc/self/environ`, a key) onto the site, and a pipe or device
could block or never end.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from .catalog import Catalog, Source
from .measurements import Table, kpi_of, merge_measurements, tables_by_journey
from .media import DEFAULT_MAX_MEDIA_BYTES, research_media
from .messages import SOURCE_LANGUAGE, speaking, t
from .model import RESEARCH_FOLDER, DepartmentsFile, Journey, Persona, ResearchSource
from .problems import Problem
from .prose import read_prose
from .references import check_references
from .strict_yaml import YamlDocument, read_yaml
from .validation import validate

DEPARTMENTS_FILE = "departments.yml"
PERSONAS_DIR = "personas"
JOURNEYS_DIR = "maps"
RESEARCH_DIR = RESEARCH_FOLDER
KINDS = {Persona: "persona", Journey: "journey", ResearchSource: "research"}
"""The kind of item each model of one item per file holds, as references and the catalog name it."""
DEFAULT_MAX_BYTES = 1_048_576
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class NotAFile(Exception):
    """A path the loader does not read; the message says what it is instead, the hint how to fix it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def read_regular_file(path: Path) -> bytes:
    """The bytes of `path` if it is a regular file; never through a symbolic link, never waiting on a pipe."""
    if path.is_symlink():
        raise NotAFile(t("is a symbolic link"), _no_link())
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAFile(t("is a symbolic link"), _no_link()) from None
        raise NotAFile(t("cannot be read: {reason}", reason=exc.strerror)) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise NotAFile(t("is a folder, expected a file"), t("rename or move the folder; this name is for a file"))
        if not stat.S_ISREG(mode):
            raise NotAFile(t("is not a regular file"), t("replace it with a plain text file"))
        with open(descriptor, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as exc:
        raise NotAFile(t("cannot be read: {reason}", reason=exc.strerror)) from None
    finally:
        os.close(descriptor)


def _read_or_refused(path: Path) -> bytes | tuple[str, str]:
    """:func:`read_regular_file`, or why it refused (message and fix)."""
    try:
        return read_regular_file(path)
    except NotAFile as exc:
        return exc.message, exc.hint


def folder_problem(path: Path) -> tuple[str, str] | None:
    """Message and fix when `path` exists but is no folder the loader reads (a link, a file), else None."""
    if path.is_symlink():
        return t("is a symbolic link"), t("replace the link with the folder itself: links are not followed")
    if path.exists() and not path.is_dir():
        return t("is a file, expected a folder"), t("move the file away and create the folder `{name}/`", name=path.name)
    return None


def _no_link() -> str:
    return t("replace the link with the file itself: links are not followed, so no file from elsewhere can reach the site")


def read_version(raw: bytes, path: str, model: type[BaseModel] = Journey) -> BaseModel | None:
    """One version of a data file (from git, say) as its model, its id from the file name unless set; None when the
    version has problems (`cjm validate` tells them for the working tree)."""
    doc = read_yaml(raw, path)
    result, problems = _validated(Path(path), model, doc)
    if problems and doc.fast:
        result, _ = _validated(Path(path), model, read_yaml(raw, path, fast=False))
    return result


def _validated(path: Path, model: type[BaseModel], doc: YamlDocument) -> tuple[BaseModel | None, list[Problem]]:
    """The document's model (None with problems) and its problems, the id taken from the file name unless set."""
    problems = list(doc.problems)
    if doc.data is None:
        return None, problems
    if model is not DepartmentsFile and isinstance(doc.data, dict):
        doc.data.setdefault("id", path.stem)
    result, invalid = validate(model, doc)
    problems += invalid
    return (None if problems else result), problems


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


def _ids_of(data: object, model: type[BaseModel]) -> set[tuple[str, str]]:
    """(kind, id) of the departments, persona or journey a file that failed validation names, as far as it reads."""
    if not isinstance(data, dict):
        return set()
    if model is DepartmentsFile:
        entries = data.get("departments")
        return {("department", str(d["id"])) for d in entries if isinstance(d, dict) and "id" in d} \
            if isinstance(entries, list) else set()
    return {(KINDS[model], str(data["id"]))} if "id" in data else set()


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
    max_media_bytes: int = DEFAULT_MAX_MEDIA_BYTES
    """The largest research file (photo, clip, report) the site serves."""
    language: str = SOURCE_LANGUAGE
    """The language of the problems' messages and fixes."""
    _cache: dict[Path, _Parsed] = field(default_factory=dict)
    _real_folders: dict[Path, Path] = field(default_factory=dict)
    _tables_of: dict[str, list[Path]] = field(default_factory=dict)
    """The KPI measurement tables in the journeys folder, by journey file stem (listed once per load)."""
    _unloaded: set[tuple[str, str]] = field(default_factory=set)
    """(kind, id) of what the files left out of this load would have held: their own problems explain it."""
    parsed_files: int = 0

    def load(self) -> tuple[Catalog, list[Problem]]:
        """Read every file; return the catalog and all problems found."""
        with _no_cyclic_gc(), speaking(self.language):
            return self._load()

    def _load(self) -> tuple[Catalog, list[Problem]]:
        self.parsed_files = 0
        self._real_folders.clear()
        problems: list[Problem] = []
        refused = folder_problem(self.root)
        if refused or not self.root.is_dir():
            message, hint = refused or (t("is not a folder"), "")
            return Catalog(), [Problem(self._display(self.root), message=message, hint=hint or
                                       t("point the command or the plugin's `data_dir` at the journeys folder"))]
        self._unloaded = set()
        self._tables_of = tables_by_journey(self.root / JOURNEYS_DIR)
        sources = self._departments(problems) + self._folder(PERSONAS_DIR, Persona, problems)
        sources += self._folder(JOURNEYS_DIR, Journey, problems)
        sources += self._folder(RESEARCH_DIR, ResearchSource, problems)
        problems += self._strays()
        catalog = Catalog.from_sources(sources)
        problems += check_references(catalog, self._unloaded)
        catalog.media, unserved = research_media(self.root / RESEARCH_DIR, catalog, _read_or_refused, self.max_media_bytes)
        problems += unserved
        return catalog, sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.message))

    def _departments(self, problems: list[Problem]) -> list[Source]:
        path = self.root / DEPARTMENTS_FILE
        if not os.path.lexists(path):
            problems.append(Problem(self._display(path), message=t("is missing"),
                                    hint=t("create it with a `departments:` list (see the README)")))
            return []
        return self._read(path, DepartmentsFile, problems)

    def _folder(self, name: str, model: type[BaseModel], problems: list[Problem]) -> list[Source]:
        folder = self.root / name
        refused = folder_problem(folder)
        if refused:
            problems.append(Problem(self._display(folder), message=refused[0], hint=refused[1]))
            return []
        sources: list[Source] = []
        for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
            sources += self._read(path, model, problems)
        return sources

    def _read(self, path: Path, model: type[BaseModel], problems: list[Problem]) -> list[Source]:
        file = self._display(path)
        parsed = self._parse(path, file, model)
        problems += parsed.problems
        body, body_problems = self._body(path) if model is not DepartmentsFile else ("", [])
        problems += body_problems
        if parsed.model is None:
            self._unloaded |= _ids_of(parsed.doc.data, model)
            return []
        if model is not DepartmentsFile:
            parsed.model.body = body  # also when the prose file is gone: the model is kept from build to build
        return [Source(file, parsed.doc, parsed.model, parsed.digest)]

    def _parse(self, path: Path, file: str, model: type[BaseModel]) -> _Parsed:
        try:
            raw = read_regular_file(path)
        except NotAFile as exc:
            problem = Problem(file, message=exc.message, hint=exc.hint)
            return _Parsed("", YamlDocument(file), None, [problem])
        tables, unread = self._tables(path) if model is Journey else ([], [])
        digest = hashlib.blake2b(raw + b"".join(t.file.encode() + b"\0" + t.raw for t in tables), digest_size=16).hexdigest()
        cached = self._cache.get(path)
        if cached and cached.digest == digest:
            return _Parsed(digest, cached.doc, cached.model, cached.problems + unread)
        self.parsed_files += 1
        doc = read_yaml(raw, file, self.max_bytes)
        result, problems = self._measured_and_validated(path, model, doc, tables)
        if problems and doc.fast:
            doc = read_yaml(raw, file, self.max_bytes, fast=False)
            result, problems = self._measured_and_validated(path, model, doc, tables)
        self._cache[path] = parsed = _Parsed(digest, doc, result, problems)
        return _Parsed(digest, doc, result, problems + unread)

    def _measured_and_validated(self, path: Path, model: type[BaseModel], doc: YamlDocument,
                                tables: list[Table]) -> tuple[BaseModel | None, list[Problem]]:
        """:func:`_validated`, the tables' measurements added to the journey's KPIs first."""
        measured = merge_measurements(doc.data, tables, self.max_bytes) if tables and doc.data is not None else []
        result, problems = _validated(path, model, doc)
        return result, problems + measured

    def _tables(self, path: Path) -> tuple[list[Table], list[Problem]]:
        """The KPI measurement tables beside a journey file, and the problems of those that cannot be read."""
        tables, unread = [], []
        for table in self._tables_of.get(path.stem, []):
            try:
                tables.append(Table(self._display(table), read_regular_file(table), kpi_of(table, path)))
            except NotAFile as exc:
                unread.append(Problem(self._display(table), message=exc.message, hint=exc.hint))
        return tables, unread

    def _body(self, path: Path) -> tuple[str, list[Problem]]:
        prose = path.with_suffix(".md")
        if not os.path.lexists(prose):
            return "", []
        try:
            raw = read_regular_file(prose)
        except NotAFile as exc:
            return "", [Problem(self._display(prose), message=exc.message, hint=exc.hint)]
        return read_prose(raw, self._display(prose), self.max_bytes)

    def _strays(self) -> list[Problem]:
        known = {self.root / DEPARTMENTS_FILE}
        strays = [p for p in self.root.rglob("*.y*ml")
                  if p not in known and p.parent.name not in (PERSONAS_DIR, JOURNEYS_DIR, RESEARCH_DIR)]
        return [Problem(self._display(p), message=t("is not read: it is in no known folder"), severity="warning",
                        hint=t("journeys go in `{journeys}/`, personas in `{personas}/`, research sources in `{research}/`, "
                               "departments in `{departments}`", journeys=JOURNEYS_DIR, personas=PERSONAS_DIR,
                               research=RESEARCH_DIR, departments=DEPARTMENTS_FILE))
                for p in sorted(strays)] + self._stray_tables()

    def _stray_tables(self) -> list[Problem]:
        """Warnings for the CSV files in the journeys folder that belong to no journey file."""
        folder = self.root / JOURNEYS_DIR
        stems = {p.stem for p in folder.glob("*.y*ml")} if folder.is_dir() else set()
        return [Problem(self._display(p), message=t("is not read: no journey file `{name}.yml` beside it", name=stem),
                        severity="warning",
                        hint=t("name it `<journey>.csv` or `<journey>.<kpi>.csv` after the journey whose KPIs it measures"))
                for stem, paths in sorted(self._tables_of.items()) if stem not in stems for p in paths]

    def _display(self, path: Path) -> str:
        """How problems name `path`: relative to the base once links are resolved, else as given."""
        try:
            return self._resolve(path).relative_to(self._base).as_posix()
        except ValueError:
            return path.as_posix()

    def _resolve(self, path: Path) -> Path:
        """`path` with its folder resolved (once per load, not once per file in it); a link keeps its own name."""
        if path.name in ("", ".."):
            return path.resolve()
        folder = self._real_folders.get(path.parent)
        if folder is None:
            folder = self._real_folders[path.parent] = path.parent.resolve()
        return folder / path.name

    @cached_property
    def _base(self) -> Path:
        return (self.base or Path.cwd()).resolve()
