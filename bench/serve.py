"""A `mkdocs serve` rebuild, driven as serve drives it, in one process.

`python bench/serve.py CONFIG JOURNEY_FILE [--dirty]` loads the config, calls the plugins'
`on_startup(command="serve")`, builds, edits one journey file, loads the config again
(MkDocs hands back the same plugin instances, as in serve) and builds again; with `--dirty`
both builds are dirty ones, as `mkdocs serve --dirty` makes them. It prints JSON: both build
times, how many data files the second build re-parsed and how many pages it rendered.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def rebuild(config_file: Path, journey_file: Path, dirty: bool = False) -> dict[str, float | int]:
    """Build, change `journey_file`, rebuild; wall and CPU times, the re-parsed file and rendered page counts."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as site_dir:
        config = load_config(str(config_file), site_dir=site_dir)
        config.plugins.on_startup(command="serve", dirty=dirty)
        first, _ = _timed_build(config, dirty)
        _edit(journey_file)
        config = load_config(str(config_file), site_dir=site_dir)
        second, second_cpu = _timed_build(config, dirty)
        plugin = config.plugins["cjm"]
        config.plugins.on_shutdown()
    return {"first_build_s": round(first, 3), "rebuild_s": round(second, 3), "rebuild_cpu_s": round(second_cpu, 3),
            "rebuild_parsed_files": plugin.loader.parsed_files, "rebuild_rendered_pages": len(plugin.cache.rendered)}


def _timed_build(config, dirty: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one build."""
    start, start_cpu = time.perf_counter(), time.process_time()
    build(config, dirty=dirty)
    return time.perf_counter() - start, time.process_time() - start_cpu


def _edit(journey_file: Path) -> None:
    """What an editor does: change the journey's title."""
    text = journey_file.read_text(encoding="utf-8")
    journey_file.write_text(text.replace("title: ", "title: Geändert – ", 1), encoding="utf-8")


if __name__ == "__main__":
    print(json.dumps(rebuild(Path(sys.argv[1]), Path(sys.argv[2]), "--dirty" in sys.argv[3:])))
