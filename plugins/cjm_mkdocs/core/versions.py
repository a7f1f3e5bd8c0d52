"""The journey files of a git revision or of the working tree, by blob id, and the commits that changed them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .loading import JOURNEYS_DIR, NotAFile, read_regular_file
from .revisions import Commit, GitUnavailable, Repository

Versions = dict[str, str]
"""Journey file (repository-relative path) → blob id."""


def blob_id(raw: bytes) -> str:
    """The id git gives a file with these bytes."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


def is_journey_file(path: str, folder: str) -> bool:
    """Whether the repository path `path` is a journey file of the data folder `folder` (string work: a build asks
    once per file of every commit)."""
    prefix = f"{JOURNEYS_DIR}/" if folder in ("", ".") else f"{folder}/{JOURNEYS_DIR}/"
    return path.startswith(prefix) and "/" not in path[len(prefix):] and path.endswith((".yml", ".yaml"))


class JourneyVersions:
    """Lists the journey files of one data folder at a git revision or in the working tree, with their blob ids;
    keeps the bytes of the working tree's files (git does not hold them)."""

    def __init__(self, repository: Repository, data_dir: Path) -> None:
        self.repository, self.data_dir = repository, data_dir
        self.folder = repository.relative(data_dir)
        self.disk: dict[str, bytes] = {}
        """Blob id → bytes, of the working tree's journey files."""

    def files(self, revision: str | None) -> Versions:
        """The journey files at `revision`, or in the working tree (None), with their blob ids."""
        if revision is not None:
            return {path: blob for path, blob in self.repository.files_at(revision, self.folder).items()
                    if is_journey_file(path, self.folder)}
        found = {}
        for path in sorted((self.data_dir / JOURNEYS_DIR).glob("*.y*ml")):
            try:
                raw = read_regular_file(path)
            except NotAFile:
                continue
            blob = blob_id(raw)
            self.disk[blob] = raw
            found[f"{self.folder}/{JOURNEYS_DIR}/{path.name}"] = blob
        return found


@dataclass
class DataHistory:
    """The commits that changed a data folder, and how complete they are."""

    state: str
    """``complete``, ``shallow`` (a shallow clone: older commits are missing) or ``none`` (no git, no repository)."""
    commits: list[Commit] = field(default_factory=list)
    repository: Repository | None = None
    folder: str = ""
    """The data folder, as the repository names it."""

    def path_of(self, file: str) -> str:
        """The repository path of a journey file the catalog names (``journeys/maps/x.yml``, relative to the site)."""
        return f"{self.folder}/{JOURNEYS_DIR}/{PurePosixPath(file).name}"


def data_history(data_dir: Path) -> DataHistory:
    """The history of `data_dir` in git, newest commit first."""
    try:
        repository = Repository.of(data_dir)
        folder = repository.relative(data_dir)
        commits = repository.log(folder)
        shallow = repository.shallow()
    except GitUnavailable:
        return DataHistory("none")
    if shallow:
        boundary = repository.boundary()
        commits = [commit for commit in commits if commit.sha not in boundary]
    return DataHistory("shallow" if shallow else "complete", commits, repository, folder)
