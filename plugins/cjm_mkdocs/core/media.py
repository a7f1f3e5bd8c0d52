"""The research folder's files the data shows: evidence photos, audio and video clips, and reports.

A link starting ``research/`` (an evidence item's image, video, audio or document, a research source's `file`)
names a file in the data folder's ``research/`` folder; the site serves it at the same path. Only files the data
names are read, only of known media kinds, each name of plain characters, never through a symbolic link and never
larger than the cap; every other case is a problem located at the link.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from .catalog import Catalog, Source
from .messages import t
from .model import Journey, ResearchSource, research_file
from .problems import Problem
from .strict_yaml import Path_

DEFAULT_MAX_MEDIA_BYTES = 20 * 1_048_576
"""The largest research file the site serves (a short clip, a report), unless the plugin says otherwise."""
MEDIA_KINDS = {".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".webp": "image",
               ".mp3": "audio", ".wav": "audio", ".ogg": "audio", ".oga": "audio", ".m4a": "audio",
               ".mp4": "video", ".webm": "video", ".ogv": "video", ".pdf": "document"}
"""The file name endings served, and the kind of evidence each is (any kind may be a `document` or a `file`)."""
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

Reader = Callable[[Path], "bytes | tuple[str, str]"]
"""Reads a regular file without following links: its bytes, or why not (message and fix)."""


def research_media(folder: Path, catalog: Catalog, read: Reader, max_bytes: int = DEFAULT_MAX_MEDIA_BYTES,
                   ) -> tuple[dict[str, bytes], list[Problem]]:
    """The files of the research `folder` the catalog names, by their path in it, and the problems of the others.

    `read` is the loader's way of reading a file (see :data:`Reader`).
    """
    found: dict[str, bytes] = {}
    problems: list[Problem] = []
    for source, path, kind, name in _links(catalog):
        if name in found:
            continue
        refused = _refused(folder, name, kind, max_bytes)
        read_or_refused = read(folder / name) if refused is None else refused
        if isinstance(read_or_refused, bytes):
            found[name] = read_or_refused
        else:
            problems.append(source.doc.problem(path, *read_or_refused))
    return found, problems


def _links(catalog: Catalog) -> Iterator[tuple[Source, Path_, str, str]]:
    """Each link to the research folder: its file, its place, the kind of file it must be, its path in the folder
    ("" for a report's `file` outside it)."""
    for source in catalog.sources:
        model = source.model
        if isinstance(model, ResearchSource) and model.file:
            yield source, ("file",), "file", research_file(model.file) or ""
        elif isinstance(model, Journey):
            for s, stage in enumerate(model.stages):
                for n, step in enumerate(stage.steps):
                    for e, item in enumerate(step.evidence):
                        if item.local_file is not None:
                            yield source, ("stages", s, "steps", n, "evidence", e, item.kind), item.kind, item.local_file


def _refused(folder: Path, name: str, kind: str, max_bytes: int) -> tuple[str, str] | None:
    """Why the file `name` of the research folder is not served as `kind`, as message and fix; None if it is."""
    if not name:
        return (t("a report's `file` must be in the research folder"),
                t("write the file's path as `research/<name>`, or use `link:` for an address"))
    parts = name.split("/")
    if not all(_NAME.fullmatch(part) for part in parts):
        return (t("`research/{name}` is no plain file name", name=name),
                t("name folders and files with letters, digits, `.`, `_` and `-` only, e.g. `research/media/clip.wav`"))
    ending = os.path.splitext(name)[1].lower()
    if ending not in MEDIA_KINDS:
        return (t("`research/{name}` is no media file the site serves", name=name),
                t("use one of: {endings}", endings=", ".join(MEDIA_KINDS)))
    if kind not in ("file", "document") and MEDIA_KINDS[ending] != kind:
        return (t("`research/{name}` is no {kind} file", name=name, kind=kind),
                t("use one of: {endings}", endings=", ".join(e for e, k in MEDIA_KINDS.items() if k == kind)))
    for depth in range(1, len(parts) + 1):
        try:
            mode = os.lstat(folder.joinpath(*parts[:depth]))
        except OSError:
            return (t("`research/{name}` is missing", name=name),
                    t("put the file into the data folder's `research/` folder, or correct the path"))
        if stat.S_ISLNK(mode.st_mode):
            return (t("`research/{name}` goes through a symbolic link", name=name),
                    t("replace the link with the file itself: links are not followed"))
    if mode.st_size > max_bytes:
        return (t("`research/{name}` has {size} MB, more than the {limit} MB the site serves", name=name,
                  size=round(mode.st_size / 1_048_576, 1), limit=round(max_bytes / 1_048_576, 1)),
                t("shorten the clip or make the file smaller"))
    return None
