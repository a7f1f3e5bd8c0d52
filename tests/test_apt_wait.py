"""`make test` waits while another apt process holds apt's lock, instead of failing at once."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FAKE_APT = """#!/usr/bin/env bash
# Holds the lock for the first {busy} calls, then succeeds; logs each call's arguments.
echo "$*" >> "{log}"
calls=$(wc -l < "{log}")
if [ "$calls" -le {busy} ]; then
  echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4711 (apt-get)" >&2
  exit 100
fi
[ "{fail}" = 1 ] && {{ echo "E: Unable to locate package chromium" >&2; exit 100; }}
exit 0
"""


def apt_get_waiting(tmp_path: Path, busy: int, fail: bool = False, wait: int = 60) -> subprocess.CompletedProcess[str]:
    """scripts/apt-get-waiting with a fake apt-get (and sudo) first on PATH."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir(parents=True)
    (bin_dir / "apt-get").write_text(FAKE_APT.format(busy=busy, log=log, fail=int(fail)), encoding="utf-8")
    (bin_dir / "sudo").write_text('#!/usr/bin/env bash\nexec "$@"\n', encoding="utf-8")
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "APT_LOCK_RETRY": "0.1",
           "APT_LOCK_WAIT": str(wait)}
    log.touch()
    return subprocess.run([str(REPO / "scripts/apt-get-waiting"), "update", "-qq"], env=env, capture_output=True,
                          text=True, timeout=120)


def calls(tmp_path: Path) -> list[str]:
    return (tmp_path / "calls.log").read_text(encoding="utf-8").splitlines()


def test_a_held_lock_is_waited_for(tmp_path):
    result = apt_get_waiting(tmp_path, busy=3)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("another apt process holds its lock; waiting") == 3
    assert calls(tmp_path) == ["-o DPkg::Lock::Timeout=60 update -qq"] * 4


def test_other_failures_and_a_lock_held_too_long_are_reported(tmp_path):
    broken = apt_get_waiting(tmp_path / "a", busy=0, fail=True)
    assert broken.returncode == 1 and "Unable to locate package chromium" in broken.stderr
    assert len(calls(tmp_path / "a")) == 1
    held = apt_get_waiting(tmp_path / "b", busy=10_000, wait=1)
    assert held.returncode == 1 and "Could not get lock" in held.stderr
