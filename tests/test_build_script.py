"""`make build` (scripts/build.sh) publishes only a complete site: a failed or interrupted build leaves the old one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def project(tmp_path: Path, page: str) -> Path:
    """A small MkDocs project with the repository's build script and virtual environment, and an old site/."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts/build.sh", tmp_path / "scripts/build.sh")
    (tmp_path / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text(page, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\ntheme: mkdocs\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("the published site", encoding="utf-8")
    return tmp_path


def build(root: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(["bash", "scripts/build.sh"], cwd=root, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(("site.tmp-", "site.old-")))


def test_a_failed_build_leaves_the_published_site_whole(tmp_path):
    root = project(tmp_path, "# Start\n\n[kaputt](missing.md)\n")
    done = build(root)
    output, _ = done.communicate(timeout=300)
    assert done.returncode != 0 and "missing.md" in output
    assert (root / "site/index.html").read_text(encoding="utf-8") == "the published site"
    assert sorted(p.name for p in (root / "site").iterdir()) == ["index.html"] and leftovers(root) == []


def test_a_passing_build_replaces_the_site_at_once(tmp_path):
    root = project(tmp_path, "# Start\n")
    done = build(root)
    output, _ = done.communicate(timeout=300)
    assert done.returncode == 0, output
    assert "Start" in (root / "site/index.html").read_text(encoding="utf-8") and leftovers(root) == []
    assert (root / "site").stat().st_mode & 0o755 == 0o755


HOLD = """\
import time
from pathlib import Path


def on_post_build(config):
    Path("building").touch()
    while not Path("go-on").exists():
        time.sleep(0.01)
"""
"""A hook that holds the build until the test has sent its signal, so the signal always comes mid-build."""


def test_an_interrupted_build_leaves_the_published_site_whole(tmp_path):
    root = project(tmp_path, "# Start\n")
    (root / "hold.py").write_text(HOLD, encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Test\ntheme: mkdocs\nhooks: [hold.py]\n", encoding="utf-8")
    running = build(root)
    deadline = time.monotonic() + 120
    while not (root / "building").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    running.send_signal(signal.SIGTERM)
    (root / "go-on").touch()
    running.communicate(timeout=300)
    assert running.returncode == 130
    assert (root / "site/index.html").read_text(encoding="utf-8") == "the published site" and leftovers(root) == []
