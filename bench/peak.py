"""`python bench/peak.py REPORT SCRIPT ARGS…`: run a Python script in this process, then write its peak memory.

The peak is this process's own high-water mark (`VmHWM` in /proc/self/status). getrusage's
`ru_maxrss` would also count the memory the parent process had when it started the child.
"""

from __future__ import annotations

import atexit
import resource
import runpy
import sys
from pathlib import Path


def peak_mb() -> float:
    """This process's peak resident memory in MB."""
    status = Path("/proc/self/status")
    for line in status.read_text(encoding="utf-8").splitlines() if status.exists() else []:
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    report, script, *args = sys.argv[1:]
    atexit.register(lambda: Path(report).write_text(f"{peak_mb():.1f}\n", encoding="utf-8"))
    sys.argv = [script, *args]
    sys.path[0] = str(Path(script).resolve().parent)
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
