"""Each journey's latest revisions in git with what they changed, and the news across journeys.

What changed between two versions of a file depends only on the two versions: it is worked out once per pair of
blob ids and kept (:class:`ChangeCache`, in memory across `mkdocs serve` builds and in a file across runs). Many
pairs are worked out in parallel processes, each reading its own blobs from git.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import astuple, dataclass
from multiprocessing import get_context
from pathlib import Path, PurePosixPath
from typing import TypeVar

from ..core.atomic import replace_text
from ..core.catalog import Catalog
from ..core.outline import journey_outline
from ..core.model import Journey, Measure, PainPoint, Step
from ..core.revisions import Commit, FileChange, Repository
from ..core.versions import DataHistory, is_journey_file
from .journey import addresses
from .history import CHANGE_KINDS, Change, JourneyDiff, journey_changes, rating_score

HISTORY_DEPTH = 12
"""The most revisions shown per journey; older ones are left to `git log`."""
NEWS_DAYS = 90
"""How far back the news page goes."""
NEWS_SHOWN = 200
"""The most changes the news page lists (one commit that touches every journey would otherwise list them all)."""
FEED_SHOWN = 50
"""The most changes its Atom feed holds, as feeds keep to the latest."""
PARALLEL_FROM = 200
"""From this many new pairs of versions on, they are compared in parallel processes."""
CHUNK = 10
"""Journeys a worker process works out at a time, in the history's background work."""
CACHE_FORMAT = f"3:{len(CHANGE_KINDS)}"
"""Bumped when the changes of a pair would come out differently; a cache of another format is not read."""

T = TypeVar("T")
R = TypeVar("R")
Diff = tuple[bool, tuple[Change, ...]]
"""Whether both versions could be read, and the changes from one to the other."""
WorkedOut = tuple[str, bool, tuple[Change, ...]]
"""A pair of versions (``<old blob>..<new blob>``) with its :data:`Diff`."""


@dataclass(frozen=True)
class Revision:
    """A commit that changed a journey: when, by whom, why (its message's first line) and what."""

    sha: str
    author: str
    when: dt.datetime
    subject: str
    changes: tuple[Change, ...]
    readable: bool = True
    """False when a version on either side has problems: then its changes are unknown."""

    @property
    def day(self) -> dt.date:
        """The day it was made."""
        return self.when.date()


@dataclass(frozen=True)
class JourneyHistory:
    """A journey's latest revisions, newest first."""

    revisions: tuple[Revision, ...]
    more: bool = False
    """Whether older revisions than those listed exist."""

    def since(self, day: dt.date) -> tuple[Revision, ...]:
        """The revisions made after `day` (e.g. the last review)."""
        return tuple(revision for revision in self.revisions if revision.day > day)


class ChangeCache:
    """The changes of each pair of versions (``<old blob>..<new blob>``), read from and written to `file`."""

    def __init__(self, file: Path | None = None) -> None:
        self.file, self.known, self.added = file, self._read(file), False

    def save(self) -> None:
        """Write the cache file, if there is one and something was added (atomically: never half written)."""
        if self.file is None or not self.added:
            return
        self.added = False
        data = {key: [readable, [astuple(change) for change in changes]] for key, (readable, changes) in self.known.items()}
        try:
            replace_text(self.file, json.dumps({"format": CACHE_FORMAT, "pairs": data}, ensure_ascii=False))
        except OSError:  # a read-only checkout: the next run works the changes out again
            pass

    @staticmethod
    def _read(file: Path | None) -> dict[str, Diff]:
        try:
            data = json.loads(file.read_text(encoding="utf-8")) if file and file.is_file() else {}
            if data.get("format") != CACHE_FORMAT:
                return {}
            return {key: (bool(readable), tuple(Change(*change) for change in changes))
                    for key, (readable, changes) in data["pairs"].items()}
        except (OSError, ValueError, TypeError, KeyError):
            return {}


def journey_histories(history: DataHistory, catalog: Catalog, cache: ChangeCache | None = None) -> Histories:
    """Each journey's latest revisions (at most :data:`HISTORY_DEPTH`), following renamed files; worked out in the
    background, journey by journey in the catalog's order, and waited for only where one is asked for."""
    if history.repository is None:
        return Histories({}, ChangeCache())
    alias = {history.path_of(file): journey_id for (kind, journey_id), file in catalog.files.items() if kind == "journey"}
    chosen = _chosen(history.commits, alias, history.folder)
    found = Histories(chosen, cache or ChangeCache())
    found.work_out(history.repository.root, [journey_id for journey_id in catalog.journeys if journey_id in chosen])
    return found


class Histories(Mapping[str, JourneyHistory]):
    """Journey id → its :class:`JourneyHistory`. The changes of many new pairs of versions are worked out by worker
    processes in chunks while the pages of other journeys are made; asking for a journey waits for its chunk only."""

    def __init__(self, chosen: dict[str, tuple[list[tuple[Commit, FileChange]], bool]], cache: ChangeCache) -> None:
        self._chosen, self.cache = chosen, cache
        self._made: dict[str, JourneyHistory] = {}
        self._waiting: dict[str, Future[list[WorkedOut]]] = {}
        self._work: dict[Future[list[WorkedOut]], list[list[FileChange]]] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._root = ""

    def work_out(self, root: Path, order: list[str]) -> None:
        """Start working out the pairs `cache` lacks, the journeys in `order` first; few of them at once, here."""
        first = set(order)
        missing = {journey_id: changes for journey_id in [*order, *(i for i in self._chosen if i not in first)]
                   if (changes := [c for _, c in self._chosen[journey_id][0] if _key(c) not in self.cache.known])}
        count = sum(map(len, missing.values()))
        self._root = str(root)
        if not count:
            return None
        if count < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
            return self._absorb(diff_versions(self._root, list(missing.values())))
        try:
            self._pool = ProcessPoolExecutor(_background_workers(), mp_context=get_context("spawn"))
            ids = list(missing)
            for start in range(0, len(ids), CHUNK):
                part = ids[start:start + CHUNK]
                work = [missing[journey_id] for journey_id in part]
                future = self._pool.submit(diff_versions, self._root, work)
                self._work[future] = work
                self._waiting.update(dict.fromkeys(part, future))
        except OSError:
            self._absorb(diff_versions(self._root, list(missing.values())))

    def finish(self) -> None:
        """Wait for the work still out and let the worker processes go."""
        for journey_id in list(self._waiting):
            self._wait(journey_id)
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __getitem__(self, journey_id: str) -> JourneyHistory:
        if journey_id not in self._made:
            pairs, more = self._chosen[journey_id]
            self._wait(journey_id)
            self._made[journey_id] = JourneyHistory(tuple(_revision(c, change, self.cache) for c, change in pairs), more)
        return self._made[journey_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._chosen)

    def __len__(self) -> int:
        return len(self._chosen)

    def _wait(self, journey_id: str) -> None:
        future = self._waiting.get(journey_id)
        if future is None:
            return
        try:
            found = future.result()
        except (OSError, BrokenProcessPool):
            found = diff_versions(self._root, self._work[future])
        del self._work[future]
        self._absorb(found)
        for other in [i for i, waiting in self._waiting.items() if waiting is future]:
            del self._waiting[other]
        if not self._waiting:
            self.finish()

    def _absorb(self, found: list[WorkedOut]) -> None:
        if found:
            self.cache.known.update((key, (readable, changes)) for key, readable, changes in found)
            self.cache.added = True


def _background_workers() -> int:
    """Worker processes beside a build that goes on meanwhile: a core is left to it."""
    return max(1, min((os.cpu_count() or 1) - 1, 8))


def scores_on(history: JourneyHistory, journey: Journey, day: dt.date) -> dict[str, int] | None:
    """Step id → score at the end of `day`, worked back from `journey` (its latest version) through the revisions made
    since; steps added since are left out. None when the listed revisions may not reach back to `day` or one of them
    could not be read."""
    since = history.since(day)
    if history.more and len(since) == len(history.revisions):
        return None
    scores = {step.id: step.score for step in journey.steps}
    for revision in since:
        if not revision.readable:
            return None
        for change in revision.changes:
            if change.kind == "journey_added":
                return {}
            if change.kind == "step_added":
                scores.pop(change.item, None)
            elif change.kind == "step_rerated" and change.item in scores:
                scores[change.item] = rating_score(change.before)
    return scores


@dataclass(frozen=True)
class Unimproved:
    """A pain point's step rated no better now than on the day a measure addressing it was done."""

    measure: Measure
    before: int
    """The step's score on the day the measure was done."""
    now: int


def unimproved(history: JourneyHistory, journey: Journey, step: Step, pain: PainPoint) -> Unimproved | None:
    """The latest done measure addressing `pain` (or its step) when the step's rating has not improved since the day it
    was done; None when it has, when no such measure is done, or when the history cannot tell."""
    done = [m for m in journey.measures if m.done_on and addresses(m, step, pain)]
    if not done:
        return None
    measure = max(done, key=lambda m: m.done_on or dt.date.min)
    scores = scores_on(history, journey, measure.done_on or dt.date.min)
    if not scores or step.id not in scores or step.score > scores[step.id]:
        return None
    return Unimproved(measure, scores[step.id], step.score)


def news(histories: Mapping[str, JourneyHistory], catalog: Catalog, today: dt.date,
         days: int = NEWS_DAYS) -> list[tuple[Journey, Revision]]:
    """Each journey's revisions of the last `days` days, newest first (a commit changing two journeys is two entries)."""
    since = today - dt.timedelta(days=days)
    found = [(journey, revision) for journey_id, history in histories.items()
             if (journey := catalog.journeys.get(journey_id)) for revision in history.revisions if revision.day > since]
    return sorted(found, key=lambda entry: (entry[1].when, entry[0].id), reverse=True)


def _chosen(commits: list[Commit], alias: dict[str, str], folder: str) -> dict[str, tuple[list[tuple[Commit, FileChange]], bool]]:
    """Journey id → its latest (commit, file change) pairs, newest first, and whether there are more."""
    chosen: dict[str, tuple[list[tuple[Commit, FileChange]], bool]] = {}
    for commit in commits:
        for change in commit.files:
            path = change.new_path or change.old_path or ""
            journey_id = alias.get(path)
            if journey_id is None or not is_journey_file(path, folder):
                continue
            if change.old_path and change.old_path != path:
                alias[change.old_path] = journey_id
            pairs, _ = chosen.setdefault(journey_id, ([], False))
            if len(pairs) < HISTORY_DEPTH:
                pairs.append((commit, change))
            else:
                chosen[journey_id] = (pairs, True)
    return chosen


def _key(change: FileChange) -> str:
    return f"{change.old_blob or '-'}..{change.new_blob or '-'}"


def _spread(worker: Callable[..., list[R]], root: str, items: list[T], count: int,
            arguments: Callable[[list[T]], tuple[object, ...]]) -> list[R]:
    """`worker(root, part, *arguments(part))` over parts of `items`, in parallel processes from :data:`PARALLEL_FROM`
    pieces of work (`count`) on, else (or where no processes are to be had) over all of them in this one."""
    workers = min(os.cpu_count() or 1, 8)
    if count < PARALLEL_FROM or workers < 2:
        return worker(root, items, *arguments(items))
    parts = [items[n::workers * 2] for n in range(workers * 2)]
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            futures = [pool.submit(worker, root, part, *arguments(part)) for part in parts if part]
            return [result for future in futures for result in future.result()]
    except (OSError, BrokenProcessPool):
        return worker(root, items, *arguments(items))


def diff_versions(root: str, journeys: Sequence[Sequence[FileChange]]) -> list[WorkedOut]:
    """(key, readable, changes) of each file change, its versions read from the repository at `root` (a process's
    work: its arguments and results are small)."""
    repository = Repository(Path(root))
    paths = {blob: path for changes in journeys for c in changes
             for blob, path in ((c.old_blob, c.old_path), (c.new_blob, c.new_path)) if blob and path}
    raw = repository.blobs(set(paths))
    read: dict[str, Journey | None] = {}
    found = []
    for changes in journeys:
        for change in changes:
            sides = [_version(blob, paths, raw, read) for blob in (change.old_blob, change.new_blob)]
            readable = all(model is not None for blob, model in zip((change.old_blob, change.new_blob), sides) if blob)
            found.append((_key(change), readable, tuple(journey_changes(*sides)) if readable else ()))
    return found


Side = tuple[str, str]
"""A journey file's path and blob id on one side of a comparison."""
Pair = tuple[Side | None, Side | None]
"""A journey file on each side of a comparison (None: it is not there)."""


def changed_files(before: Mapping[str, str], after: Mapping[str, str]) -> list[Pair]:
    """Each journey file (path → blob id on each side) whose version differs between the sides, by path."""
    paths = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    return [((path, before[path]) if path in before else None, (path, after[path]) if path in after else None)
            for path in paths]


def compare(root: Path, pairs: list[Pair], raws: dict[str, bytes]) -> list[JourneyDiff]:
    """What changed in the journey of each pair of file versions (`raws`: the bytes of blobs git does not hold, from
    the working tree), by journey id; a file renamed between the sides is one journey. Many pairs are compared in
    parallel processes."""
    found = _spread(compare_pairs, str(root), pairs, len(pairs), lambda part: (_needed(part, raws),))
    removed = {old_id: pair[0] for pair, old_id, _, _ in found if pair[1] is None and old_id}
    moved: list[Pair] = [(removed[new_id], pair[1]) for pair, _, new_id, _ in found
                         if pair[0] is None and new_id in removed]
    renamed = {item for old, new in moved for item in ((old, None), (None, new))}
    found = [entry for entry in found if entry[0] not in renamed]
    found += compare_pairs(str(root), moved, _needed(moved, raws)) if moved else []
    return sorted((diff for *_, diff in found), key=lambda diff: diff.journey)


def _needed(pairs: list[Pair], raws: dict[str, bytes]) -> dict[str, bytes]:
    """The part of `raws` that the files of `pairs` need."""
    return {side[1]: raws[side[1]] for pair in pairs for side in pair if side and side[1] in raws}


def compare_pairs(root: str, pairs: list[Pair],
                  raws: dict[str, bytes]) -> list[tuple[Pair, str | None, str | None, JourneyDiff]]:
    """(pair, old journey id, new journey id, what changed) of each pair, the blobs not in `raws` read from the
    repository at `root` (a process's work)."""
    missing = {side[1] for pair in pairs for side in pair if side and side[1] not in raws}
    raw = {**(Repository(Path(root)).blobs(missing) if missing else {}), **raws}
    found = []
    for pair in pairs:
        old, new = (journey_outline(raw[side[1]], side[0]) if side and side[1] in raw else None for side in pair)
        ids = [(model.id if model else PurePosixPath(side[0]).stem) if side else None
               for side, model in zip(pair, (old, new))]
        readable = all(model is not None for side, model in zip(pair, (old, new)) if side)
        title = (new or old).title if new or old else ids[1] or ids[0] or ""
        changes = tuple(journey_changes(old, new)) if readable else ()
        found.append((pair, ids[0], ids[1], JourneyDiff(ids[1] or ids[0] or "", title, changes, readable)))
    return found


def _version(blob: str | None, paths: dict[str, str], raw: dict[str, bytes], read: dict[str, Journey | None]) -> Journey | None:
    if blob is None:
        return None
    if blob not in read:
        read[blob] = journey_outline(raw[blob], paths[blob]) if blob in raw else None
    return read[blob]


def _revision(commit: Commit, change: FileChange, cache: ChangeCache) -> Revision:
    readable, changes = cache.known[_key(change)]
    return Revision(commit.sha, commit.author, commit.when, commit.subject, changes, readable)
