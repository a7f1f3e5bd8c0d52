"""The history's cost (issue 12): the corpus as a git repository in which every journey has 20 versions; builds
with and without the history (cold: no cache; warm: the cache of an earlier build), and `cjm diff` between the
first and the last revision."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
from pathlib import Path

from .measure import Run, run_timed, tool
from .progress import say

REVISIONS = 20
ROUNDS = 2
"""How often the three builds (without, cold, warm) are taken, one after the other."""
CHANGES = Path(".cache/plugin/cjm/changes.json")
"""The history's cache (in the site's folder): without it a build is cold."""
RATING = re.compile(r"^(\s*rating: )(\d|disappointing|okay|delighting)$", re.MULTILINE)
NEXT_MOOD = {"disappointing": "okay", "okay": "delighting", "delighting": "disappointing"}
_GIT_ENV = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com", "GIT_COMMITTER_NAME": "Bench",
            "GIT_COMMITTER_EMAIL": "bench@example.com"}


def history_corpus(corpus: Path, out: Path, revisions: int = REVISIONS) -> Path:
    """A copy of `corpus` as a git repository with `revisions` commits, each rerating a step of every journey."""
    root = out / f"history-{corpus.name}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(corpus / "journeys", root / "journeys")
    shutil.copytree(corpus / "docs", root / "docs")
    config = (corpus / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "mkdocs-no-history.yml").write_text(config.replace("  - cjm:\n", "  - cjm:\n      history: false\n"),
                                                encoding="utf-8")
    _git(root, "init", "--quiet", "--initial-branch=main")
    _commit(root, 1, revisions)
    maps = sorted((root / "journeys" / "maps").glob("*.yml"))
    for number in range(2, revisions + 1):
        for path in maps:
            path.write_text(_rerated(path.read_text(encoding="utf-8"), number), encoding="utf-8")
        _commit(root, number, revisions)
    return root


def _rerated(text: str, number: int) -> str:
    """`text` with the rating of one step (a different one each revision) moved by one."""
    found = list(RATING.finditer(text))
    if not found:
        return text
    match = found[number % len(found)]
    old = match.group(2)
    rating = NEXT_MOOD.get(old) or str(int(old) % 5 + 1)
    return text[: match.start(2)] + rating + text[match.end(2):]


def _commit(root: Path, number: int, revisions: int) -> None:
    say(f"history corpus: commit {number} of {revisions} …")
    _git(root, "add", "--all")
    day = f"2026-{1 + (number - 1) // 4:02d}-{1 + 7 * ((number - 1) % 4):02d}T10:00:00"
    _git(root, "commit", "--quiet", "-m", f"Workshop {number}", env={"GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day})


def _git(root: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(["git", *args], cwd=root, env={**os.environ, **_GIT_ENV, **(env or {})}, check=True,
                   capture_output=True)


def measure_history(corpus: Path, out: Path, loads: list[float]) -> dict[str, object]:
    """Builds with and without the history (cold and warm), interleaved :data:`ROUNDS` times so that a slow minute of
    the machine does not fall on one side only, and `cjm diff` of the whole corpus; an uncounted build first, so
    that the first counted one does not pay for reading the new copy from disk."""
    root = history_corpus(corpus, out)
    _build(root, "mkdocs-no-history.yml", "warm-up, not counted", out, loads)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    runs: dict[str, list[Run]] = {"without": [], "cold": [], "warm": []}
    for number in range(1, ROUNDS + 1):
        runs["without"].append(_build(root, "mkdocs-no-history.yml", f"without history {number}", out, loads))
        (root / CHANGES).unlink(missing_ok=True)
        runs["cold"].append(_build(root, "mkdocs.yml", f"with history, cold {number}", out, loads))
        runs["warm"].append(_build(root, "mkdocs.yml", f"with history, warm {number}", out, loads))
    say("cjm diff between the first and the last revision …")
    diff = run_timed(tool("cjm"), ["diff", "HEAD~19", "HEAD", "--data-dir", "journeys", "--format", "json"], root,
                     out / "history-diff.log")
    loads.append(diff.load)
    say(f"cjm diff: {diff.seconds:.2f} s")
    without, cold, warm = (_median(runs[kind]) for kind in ("without", "cold", "warm"))
    cpu = {kind: statistics.median(run.cpu_seconds for run in found) for kind, found in runs.items()}
    return {"history_revisions": REVISIONS, "history_rounds": ROUNDS, "history_without_s": round(without, 2),
            "history_cold_s": round(cold, 2), "history_warm_s": round(warm, 2),
            "history_runs_s": {kind: [round(run.seconds, 2) for run in found] for kind, found in runs.items()},
            "history_cold_ratio": round(cold / without, 4),
            "history_cold_cpu_ratio": round(cpu["cold"] / cpu["without"], 4),
            "history_warm_ratio": round(warm / without, 4), "diff_s": round(diff.seconds, 2)}


def _median(runs: list[Run]) -> float:
    return statistics.median(run.seconds for run in runs)


def _build(root: Path, config: str, what: str, out: Path, loads: list[float]) -> Run:
    say(f"mkdocs build ({what}) …")
    run = run_timed(tool("mkdocs"), ["build", "--strict", "-f", str(root / config), "-d", str(root / "site")], root,
                    out / f"history-build-{what.replace(' ', '-').replace(',', '')}.log")
    loads.append(run.load)
    say(f"mkdocs build ({what}): {run.seconds:.1f} s (CPU {run.cpu_seconds:.1f} s)")
    return run
