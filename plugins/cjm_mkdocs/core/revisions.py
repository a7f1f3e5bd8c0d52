"""The data folder's history in git, through the git command line (no network): the commits that changed its
files, the versions (blobs) of each file, and their bytes. Outside git, or without git, there is no history."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

GIT_TIMEOUT = 120
"""Seconds a git command may take before the history counts as unavailable."""
_RECORD, _FIELD = "\x1e", "\x1f"
_LOG_FORMAT = f"--format={_RECORD}%H{_FIELD}%an{_FIELD}%aI{_FIELD}%s"
_NO_BLOB = "0" * 40


class GitUnavailable(Exception):
    """git is missing, the folder is in no repository, or a command failed; the message says which."""


@dataclass(frozen=True)
class FileChange:
    """One file of a commit: its path before and after (None: added or deleted), and its blob before and after."""

    old_path: str | None
    new_path: str | None
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class Commit:
    """A commit that changed the data folder, newest first in :meth:`Repository.log`."""

    sha: str
    author: str
    when: dt.datetime
    subject: str
    files: tuple[FileChange, ...]


@dataclass(frozen=True)
class Repository:
    """The git repository a data folder lies in."""

    root: Path

    @classmethod
    def of(cls, folder: Path) -> Repository:
        """The repository holding `folder`; :class:`GitUnavailable` when there is none."""
        if shutil.which("git") is None:
            raise GitUnavailable("git is not installed")
        top = _git(folder, "rev-parse", "--show-toplevel").strip()
        return cls(Path(top))

    def relative(self, path: Path) -> str:
        """`path` as git names it: relative to the repository's root, with forward slashes."""
        return PurePosixPath(path.resolve().relative_to(self.root.resolve())).as_posix()

    def shallow(self) -> bool:
        """Whether this is a shallow clone (its history is cut off)."""
        return _git(self.root, "rev-parse", "--is-shallow-repository").strip() == "true"

    def boundary(self) -> set[str]:
        """The commits a shallow clone ends at: their parents are missing, so their changes are unknown."""
        shallow = Path(_git(self.root, "rev-parse", "--git-path", "shallow").strip())
        shallow = shallow if shallow.is_absolute() else self.root / shallow
        return set(shallow.read_text(encoding="ascii").split()) if shallow.is_file() else set()

    def resolve(self, revision: str) -> str:
        """The commit id `revision` names; :class:`GitUnavailable` when it names none."""
        return _git(self.root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()

    def log(self, folder: str, *, since: str | None = None, until: str = "HEAD") -> list[Commit]:
        """The commits from `since` (exclusive; None: the beginning) to `until` that changed files below `folder`,
        newest first, renames followed."""
        span = f"{since}..{until}" if since else until
        out = _git(self.root, "log", "--raw", "-M", "--no-abbrev", "-z", "--no-merges", _LOG_FORMAT, span, "--",
                   folder)
        return [_commit(record) for record in out.split(_RECORD) if record.strip("\0\n")]

    def files_at(self, revision: str, folder: str) -> dict[str, str]:
        """Path → blob id of every file below `folder` at `revision`."""
        out = _git(self.root, "ls-tree", "-r", "-z", "--full-tree", revision, "--", folder)
        files = {}
        for entry in filter(None, out.split("\0")):
            meta, path = entry.split("\t", 1)
            kind, blob = meta.split()[1:3]
            if kind == "blob":
                files[path] = blob
        return files

    def blobs(self, ids: set[str]) -> dict[str, bytes]:
        """The bytes of each blob in `ids`, read in one `git cat-file --batch`."""
        if not ids:
            return {}
        ordered = sorted(ids)
        try:
            done = subprocess.run(["git", "cat-file", "--batch"], cwd=self.root, input="\n".join(ordered).encode() + b"\n",
                                  capture_output=True, timeout=GIT_TIMEOUT, check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            raise GitUnavailable(f"git cat-file failed: {exc}") from None
        return dict(_batch(done.stdout))


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitUnavailable(f"git {args[0]} failed: {exc}") from None
    if done.returncode != 0:
        raise GitUnavailable(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout.decode("utf-8", "replace")


def _commit(record: str) -> Commit:
    header, _, raw = record.partition("\0")
    sha, author, when, subject = header.split(_FIELD, 3)
    tokens = raw.lstrip("\n").split("\0")
    files, index = [], 0
    while index < len(tokens):
        meta = tokens[index]
        if not meta.startswith(":"):
            index += 1
            continue
        _, _, old_blob, new_blob, status = meta[1:].split(" ")
        paired = status[0] in "RC"
        old_path, new_path = tokens[index + 1], tokens[index + 2] if paired else tokens[index + 1]
        index += 3 if paired else 2
        files.append(FileChange(None if status == "A" else old_path, None if status == "D" else new_path,
                                None if old_blob == _NO_BLOB else old_blob, None if new_blob == _NO_BLOB else new_blob))
    return Commit(sha, author, dt.datetime.fromisoformat(when), subject, tuple(files))


def _batch(out: bytes) -> list[tuple[str, bytes]]:
    """(blob id, bytes) of each object in `git cat-file --batch` output; missing objects are left out."""
    found, at = [], 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].decode().split()
        at = end + 1
        if len(header) < 3 or header[1] == "missing":
            continue
        size = int(header[2])
        found.append((header[0], out[at: at + size]))
        at += size + 1
    return found
