"""Timing a command, fitting growth, and describing the machine it ran on."""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CJM_PREVIEW": ""}
PEAK = Path(__file__).resolve().parent / "peak.py"


@dataclass(frozen=True)
class Run:
    """One finished command: wall time, CPU time (user + system), its peak memory, what it printed.

    CPU time barely moves when other processes share the machine; wall time does.
    """

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    output: str
    load: float
    """The machine's one-minute load average when the command ended."""


class CommandFailed(RuntimeError):
    """A measured command exited non-zero; the message carries its output."""


def run_timed(script: str, args: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> Run:
    """Run a Python `script` in a fresh process (`env` added to its environment); its wall time, CPU time and peak
    memory (see bench/peak.py)."""
    report = log.with_suffix(".peak")
    report.unlink(missing_ok=True)
    command = [sys.executable, str(PEAK), str(report), script, *args]
    with log.open("w+", encoding="utf-8") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=ENV | (env or {}), stdout=out,
                                 stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read()
    if child.returncode != 0:
        raise CommandFailed(f"`{' '.join(command)}` exited {child.returncode}:\n{output[-4000:]}")
    peak = float(report.read_text(encoding="utf-8"))
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak, output, os.getloadavg()[0])


def plugin_seconds(output: str) -> float:
    """The plugin's own time in a build (loading the data and making the pages), from its log line."""
    found = re.search(r"cjm_mkdocs: .* pages made in (\d+(?:\.\d+)?) s", output)
    if not found:
        raise CommandFailed(f"the build's output has no 'pages made in' line from cjm:\n{output[-2000:]}")
    return float(found.group(1))


def tool(name: str) -> str:
    """A console script of this virtual environment, e.g. `cjm` or `mkdocs`."""
    return str(Path(sys.executable).parent / name)


def fit_exponent(sizes: list[int], seconds: list[float]) -> float:
    """The slope of log(time) over log(size), by least squares: 1.0 is linear growth."""
    xs, ys = [math.log(n) for n in sizes], [math.log(s) for s in seconds]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    return covariance / sum((x - mean_x) ** 2 for x in xs)


def machine() -> dict[str, str | int]:
    """What the figures were measured on."""
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count() or 0,
        "cpu": _cpu_model(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs_material": version("mkdocs-material"),
        "mkdocs_mermaid2_plugin": version("mkdocs-mermaid2-plugin"),
        "pydantic": version("pydantic"),
    }


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.processor()
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.processor())
