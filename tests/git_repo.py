"""Real git repositories for tests of the history: commits with a chosen author and day, no network."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(repo: Path, *args: str, day: str = "2026-05-01T10:00:00", author: str = "Editor") -> str:
    """Run git in `repo` as `author` on `day` (ISO); its output."""
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "editor@example.com", "GIT_AUTHOR_DATE": day,
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "editor@example.com", "GIT_COMMITTER_DATE": day}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def first_commit(repo: Path, message: str = "First map", day: str = "2026-01-05T10:00:00") -> None:
    """Make `repo` a repository whose first commit holds everything in it."""
    git(repo, "init", "--quiet", "--initial-branch=main", day=day)
    git(repo, "add", ".", day=day)
    git(repo, "commit", "--quiet", "-m", message, day=day)
