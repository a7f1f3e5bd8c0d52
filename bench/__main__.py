"""`python -m bench`: the journey site's benchmark (issue 5), figures side by side.

Default: 1,000 journeys × 25 steps, 200 personas, 30 departments, with the growth
series N/4, N/2, N (250, 500, 1,000). `--journeys N` runs one smaller size quickly;
add `--growth` for the series. Corpora and sites go under `bench/out/`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
from dataclasses import replace
from pathlib import Path

from .corpus import CorpusSpec
from .history import measure_history
from .measure import fit_exponent, machine, plugin_seconds
from .progress import say
from .report import markdown_table, text_table
from .runs import Bench

HERE = Path(__file__).resolve().parent
MERMAID2_JOURNEYS = 250


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    spec = CorpusSpec(args.journeys, args.steps, args.personas, args.departments)
    bench = Bench(args.out)
    load_before = os.getloadavg()[0]
    results = measure(bench, spec, args)
    results["machine"] = machine() | {"load_before": round(load_before, 2), "load_max": round(max(bench.loads), 2)}
    args.results.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    args.results.with_suffix(".md").write_text(markdown_table(results) + "\n", encoding="utf-8")
    say(f"wrote {args.results} and {args.results.with_suffix('.md')}")
    print(text_table(results))
    return 0


def measure(bench: Bench, spec: CorpusSpec, args: argparse.Namespace) -> dict[str, object]:
    """Every figure of the benchmark, in the order they are taken."""
    r: dict[str, object] = {"journeys": spec.journeys, "steps": spec.steps, "personas": spec.personas,
                            "departments": spec.departments}
    validate = bench.validate(spec)
    r["validate_s"], r["validate_runs_s"] = round(statistics.median(validate), 3), [round(s, 3) for s in validate]
    plugin, baseline = bench.build(spec, "plugin"), bench.build(spec, "baseline")
    r["plugin_build_s"], r["baseline_build_s"] = round(plugin.seconds, 2), round(baseline.seconds, 2)
    r["plugin_ratio"] = round(plugin.seconds / baseline.seconds, 4)
    r["plugin_build_cpu_s"], r["baseline_build_cpu_s"] = round(plugin.cpu_seconds, 2), round(baseline.cpu_seconds, 2)
    r["plugin_cpu_ratio"] = round(plugin.cpu_seconds / baseline.cpu_seconds, 4)
    r["plugin_own_s"] = plugin_seconds(plugin.output)
    r["plugin_own_share"] = round(r["plugin_own_s"] / baseline.seconds, 4)
    r["peak_rss_mb"] = round(plugin.peak_rss_mb, 1)
    if not args.no_history:
        r |= measure_history(bench.corpus(spec), bench.out, bench.loads)
    r["exponent"] = None
    if args.growth and spec.journeys >= 2:
        r |= growth(bench, spec, ("plugin", "baseline") if args.baseline_growth else ("plugin",))
    small = replace(spec, journeys=min(args.mermaid2_journeys, spec.journeys))
    mermaid2, default = bench.build(small, "mermaid2"), bench.build(small, "plugin")
    r["mermaid2_journeys"] = small.journeys
    r["mermaid2_build_s"], r["mermaid2_default_build_s"] = round(mermaid2.seconds, 2), round(default.seconds, 2)
    r["mermaid2_ratio"] = round(mermaid2.seconds / default.seconds, 3)
    r["mermaid2_cpu_ratio"] = round(mermaid2.cpu_seconds / default.cpu_seconds, 3)
    rebuild = bench.rebuild(spec)
    r["rebuild_s"], r["rebuild_parsed_files"] = rebuild["rebuild_s"], rebuild["rebuild_parsed_files"]
    r["rebuild_cpu_s"], r["rebuild_first_build_s"] = rebuild["rebuild_cpu_s"], rebuild["first_build_s"]
    r["preview_rebuild_s"] = bench.rebuild(spec, preview=True)["rebuild_s"]
    dirty = bench.rebuild(spec, dirty=True)
    r["dirty_rebuild_s"], r["dirty_rebuild_cpu_s"] = dirty["rebuild_s"], dirty["rebuild_cpu_s"]
    r["dirty_rebuild_rendered_pages"] = dirty["rebuild_rendered_pages"]
    size, render = bench.long_page(spec)
    r["page_40_steps_kb"], r["render_40_steps_s"] = round(size, 2), round(statistics.median(render), 3)
    r["render_40_steps_runs_s"] = [round(s, 3) for s in render]
    return r


def growth(bench: Bench, spec: CorpusSpec, sites: tuple[str, ...]) -> dict[str, object]:
    """Build times of `sites` at N/4, N/2 and N journeys, and their fitted exponents."""
    sizes = sorted({max(1, spec.journeys // 4), max(1, spec.journeys // 2), spec.journeys})
    r: dict[str, object] = {}
    for site in sites:
        prefix = "" if site == "plugin" else f"{site}_"
        runs = bench.growth(spec, sizes, site)
        r[f"{prefix}growth"] = {n: round(run.seconds, 2) for n, run in runs.items()}
        r[f"{prefix}exponent"] = round(fit_exponent(sizes, [run.seconds for run in runs.values()]), 3)
        r[f"{prefix}exponent_cpu"] = round(fit_exponent(sizes, [run.cpu_seconds for run in runs.values()]), 3)
    return r


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, help="journeys in the corpus (default 1000, with --growth)")
    parser.add_argument("--steps", type=int, default=25, help="steps per journey (default 25)")
    parser.add_argument("--personas", type=int, default=200, help="personas (default 200)")
    parser.add_argument("--departments", type=int, default=30, help="departments (default 30)")
    parser.add_argument("--growth", action="store_true", help="also build at N/4 and N/2 journeys and fit the exponent")
    parser.add_argument("--baseline-growth", action="store_true",
                        help="with the growth series, build the baseline at each size too (about 3 minutes more)")
    parser.add_argument("--mermaid2-journeys", type=int, default=MERMAID2_JOURNEYS,
                        help=f"corpus size for the mermaid2 comparison (default {MERMAID2_JOURNEYS}: "
                             "mermaid2 re-parses every page and is too slow at 1,000)")
    parser.add_argument("--no-history", action="store_true",
                        help="leave out the history figures (a git copy of the corpus with 20 revisions, 3 more builds)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where corpora and sites go")
    parser.add_argument("--results", type=Path, default=HERE / "results.json",
                        help="the JSON written (and the same table as Markdown beside it, .md)")
    args = parser.parse_args(argv)
    if args.journeys is None:
        args.journeys, args.growth = 1000, True
    args.out.mkdir(parents=True, exist_ok=True)
    return args


if __name__ == "__main__":
    raise SystemExit(main())
