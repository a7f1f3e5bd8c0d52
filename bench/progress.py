"""Progress messages on stderr, stamped with the time since the benchmark started."""

from __future__ import annotations

import sys
import time

_START = time.perf_counter()


def say(message: str) -> None:
    """Print one progress line now (the benchmark runs for minutes)."""
    print(f"[{time.perf_counter() - _START:7.1f} s] {message}", file=sys.stderr, flush=True)
