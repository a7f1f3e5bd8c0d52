"""`python -m bench`: the journey site's benchmark (issue 5), figures side by side.

Default: 1,000 journeys × 25 steps with the growth series; `--journeys N` runs one
smaller size quickly (add `--growth` for the series). Corpora go under `bench/out/`.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from .corpus import CorpusSpec, write_corpus
from .measure import machine, run_timed, tool
from .progress import say

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    spec = CorpusSpec(journeys=args.journeys, steps=args.steps, personas=args.personas, departments=args.departments)
    results: dict[str, object] = {"journeys": spec.journeys, "steps": spec.steps, "personas": spec.personas,
                                  "departments": spec.departments}
    root = corpus(spec, args.out)
    results["validate_s"] = validate(root, args.out)
    results["machine"] = machine()
    args.results.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    say(f"wrote {args.results}")
    return 0


def corpus(spec: CorpusSpec, out: Path) -> Path:
    """A fresh corpus for `spec` under `out`."""
    root = out / f"corpus-{spec.journeys}x{spec.steps}"
    shutil.rmtree(root, ignore_errors=True)
    say(f"writing {spec.journeys} journeys × {spec.steps} steps, {spec.personas} personas, "
        f"{spec.departments} departments to {root}")
    write_corpus(spec, root)
    return root


def validate(root: Path, out: Path) -> float:
    """Wall time of `cjm validate` on the corpus, as a fresh process."""
    say("cjm validate …")
    run = run_timed([tool("cjm"), "validate", "journeys"], root, out / "validate.log")
    say(f"cjm validate: {run.seconds:.2f} s ({run.output.strip().splitlines()[-1]})")
    return round(run.seconds, 3)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=1000, help="journeys in the corpus (default 1000)")
    parser.add_argument("--steps", type=int, default=25, help="steps per journey (default 25)")
    parser.add_argument("--personas", type=int, default=200, help="personas (default 200)")
    parser.add_argument("--departments", type=int, default=30, help="departments (default 30)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where corpora and sites go")
    parser.add_argument("--results", type=Path, default=HERE / "results.json", help="the JSON written")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    return args


if __name__ == "__main__":
    raise SystemExit(main())
