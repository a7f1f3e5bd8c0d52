"""The results as a table against the issue's targets, in plain text and Markdown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Row = tuple[str, str, str, bool | None]


def rows(r: Mapping[str, Any]) -> list[Row]:
    """(figure, value, target, met) for every figure the run measured."""
    n = r["journeys"]
    table: list[Row] = [
        (f"cjm validate, {n} journeys", f"{r['validate_s']:.2f} s ({_runs(r['validate_runs_s'])})", "≤ 2 s",
         r["validate_s"] <= 2),
        (f"mkdocs build with cjm, {n} journeys", f"{r['plugin_build_s']:.1f} s", "", None),
        ("baseline: the same Markdown without cjm", f"{r['baseline_build_s']:.1f} s", "", None),
        ("plugin ÷ baseline", f"{r['plugin_ratio']:.3f} (CPU time: {r['plugin_cpu_ratio']:.3f})", "≤ 1.05",
         r["plugin_ratio"] <= 1.05),
        ("the plugin's own work (reading the data, making the pages)",
         f"{r['plugin_own_s']:.1f} s = {r['plugin_own_share']:.1%} of the baseline build", "", None),
        (f"with mermaid2 ÷ default, {r['mermaid2_journeys']} journeys",
         f"{r['mermaid2_ratio']:.2f} ({r['mermaid2_build_s']:.1f} s ÷ {r['mermaid2_default_build_s']:.1f} s; "
         f"CPU time: {r['mermaid2_cpu_ratio']:.2f})", "", None),
    ]
    if r.get("history_cold_s") is not None:
        revisions = r["history_revisions"]
        table += [
            (f"history ({revisions} revisions per journey), cold build ÷ build without history "
             f"(medians of {r['history_rounds']} interleaved rounds)",
             f"{r['history_cold_ratio']:.3f} ({r['history_cold_s']:.1f} s ÷ {r['history_without_s']:.1f} s; "
             f"CPU time: {r['history_cold_cpu_ratio']:.3f})", "≤ 1.15", r["history_cold_ratio"] <= 1.15),
            ("history, warm build (its cache kept) ÷ build without history",
             f"{r['history_warm_ratio']:.3f} ({r['history_warm_s']:.1f} s)", "≤ 1.03", r["history_warm_ratio"] <= 1.03),
            (f"cjm diff, {n} journeys, first → last revision", f"{r['diff_s']:.2f} s", "< 3 s", r["diff_s"] < 3),
        ]
    if r.get("exponent") is not None:
        series = ", ".join(f"{size}: {seconds:.1f} s" for size, seconds in r["growth"].items())
        table.append((f"growth exponent ({series})", f"{r['exponent']:.2f} (CPU time: {r['exponent_cpu']:.2f})",
                      "≤ 1.15", r["exponent"] <= 1.15))
    if r.get("baseline_exponent") is not None:
        table.append(("growth exponent of the baseline", f"{r['baseline_exponent']:.2f} "
                      f"(CPU time: {r['baseline_exponent_cpu']:.2f})", "", None))
    table += [
        ("serve rebuild after editing one journey", f"{r['rebuild_s']:.1f} s (CPU {r['rebuild_cpu_s']:.1f} s; "
         f"{r['rebuild_parsed_files']} file(s) re-parsed)", "1 file re-parsed", r["rebuild_parsed_files"] == 1),
        ("the same with `preview` set to the edited journey", f"{r['preview_rebuild_s']:.1f} s", "", None),
        ("the same, whole site, with `mkdocs serve --dirty`", f"{r['dirty_rebuild_s']:.1f} s (CPU "
         f"{r['dirty_rebuild_cpu_s']:.1f} s; {r['dirty_rebuild_rendered_pages']} page(s) rendered)", "≤ 10 s",
         r["dirty_rebuild_s"] <= 10),
        (f"peak memory of the {n}-journey build", f"{r['peak_rss_mb']:.0f} MB", "< 2048 MB", r["peak_rss_mb"] < 2048),
        ("40-step journey page, HTML", f"{r['page_40_steps_kb']:.0f} KB", "< 200 KB", r["page_40_steps_kb"] < 200),
        ("40-step journey page, diagrams rendered in chromium",
         f"{r['render_40_steps_s']:.2f} s ({_runs(r['render_40_steps_runs_s'])})", "< 1 s",
         r["render_40_steps_s"] < 1),
    ]
    return table


def text_table(r: Mapping[str, Any]) -> str:
    """The table for the terminal."""
    table = rows(r)
    width = max(len(figure) for figure, *_ in table)
    value_width = max(len(value) for _, value, *_ in table)
    lines = [f"{figure:<{width}}  {value:<{value_width}}  {target} {_verdict(met)}".rstrip()
             for figure, value, target, met in table]
    return "\n".join(lines + [_machine_line(r)])


def markdown_table(r: Mapping[str, Any]) -> str:
    """The table for the README."""
    lines = ["| figure | value | target | |", "|---|---|---|---|"]
    lines += [f"| {figure} | {value} | {target} | {_verdict(met)} |" for figure, value, target, met in rows(r)]
    return "\n".join(lines + ["", _machine_line(r)])


def _runs(seconds: list[float]) -> str:
    """A median's runs, e.g. "median of 3: 2.1, 1.9, 2.0 s"."""
    return f"median of {len(seconds)}: {', '.join(f'{s:.2f}' for s in seconds)} s"


def _verdict(met: bool | None) -> str:
    return {True: "met", False: "MISSED", None: ""}[met]


def _machine_line(r: Mapping[str, Any]) -> str:
    m = r["machine"]
    return (f"Measured {m['date']} on {m['cpu_count']} × {m['cpu']}, Python {m['python']}, mkdocs {m['mkdocs']}, "
            f"mkdocs-material {m['mkdocs_material']}, mkdocs-mermaid2-plugin {m['mkdocs_mermaid2_plugin']}; "
            f"one-minute load average {m['load_before']:.1f} at the start, at most {m['load_max']:.1f} "
            "after a measured command (above 1 the CPU was shared and wall times are inflated; CPU times much less).")
