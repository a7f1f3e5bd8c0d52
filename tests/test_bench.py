"""The benchmark: its corpus is valid and deterministic, and a small run reports every figure."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bench.corpus import CorpusSpec, journey_id, write_corpus
from bench.measure import fit_exponent
from cjm_mkdocs.core.loading import JourneyLoader

REPO = Path(__file__).resolve().parent.parent
SMALL = CorpusSpec(journeys=12, steps=11, personas=7, departments=20, long_steps=17)


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_corpus_validates_cleanly_with_the_requested_size(tmp_path):
    write_corpus(SMALL, tmp_path)
    catalog, problems = JourneyLoader(tmp_path / "journeys", base=tmp_path).load()
    assert problems == []
    assert (len(catalog.journeys), len(catalog.personas), len(catalog.departments)) == (12, 7, 20)
    assert sorted(len(journey.steps) for journey in catalog.journeys.values()) == [11] * 11 + [17]
    journey = catalog.journeys[journey_id(1)]
    assert [stage.id for stage in journey.stages] == ["awareness", "consideration", "decision", "purchase",
                                                      "post-purchase"]
    assert [len(stage.steps) for stage in journey.stages] == [3, 2, 2, 2, 2]
    assert len(catalog.journeys[journey_id(0)].steps) == 17
    steps = [step for j in catalog.journeys.values() for step in j.steps]
    assert all(step.touchpoints and step.backstage for step in steps)
    assert any(step.pain_points for step in steps) and any(step.love_points for step in steps)
    assert any(step.evidence for step in steps)
    assert all(j.measures and j.kpis for j in catalog.journeys.values())
    targets = [j for j in catalog.journeys.values() if j.kind == "target"]
    assert targets and all(catalog.journeys[j.improves].kind == "current" for j in targets)


def test_corpus_is_the_same_bytes_on_every_run(tmp_path):
    write_corpus(SMALL, tmp_path / "first")
    write_corpus(SMALL, tmp_path / "second")
    first = tree_bytes(tmp_path / "first")
    assert len([name for name in first if name.startswith("journeys/maps/") and name.endswith(".yml")]) == 12
    assert first == tree_bytes(tmp_path / "second")
    write_corpus(replace(SMALL, seed=6), tmp_path / "other")
    assert tree_bytes(tmp_path / "other") != first


def test_step_text_is_german_and_of_realistic_length(tmp_path):
    write_corpus(SMALL, tmp_path)
    catalog, _ = JourneyLoader(tmp_path / "journeys").load()
    steps = [step for j in catalog.journeys.values() for step in j.steps]
    lengths = sorted(len(step.does or "") for step in steps)
    assert 40 <= lengths[len(lengths) // 2] <= 200
    assert any("ü" in step.does or "ä" in step.does or "ö" in step.does for step in steps)
    assert len({step.name for step in steps}) > len(steps) // 3


def test_fitted_exponent_of_exact_power_laws():
    sizes = [250, 500, 1000]
    assert abs(fit_exponent(sizes, [0.01 * n for n in sizes]) - 1.0) < 1e-9
    assert abs(fit_exponent(sizes, [3e-5 * n ** 1.5 for n in sizes]) - 1.5) < 1e-9


def test_a_small_run_reports_every_figure(tmp_path):
    out, results = tmp_path / "out", tmp_path / "results.json"
    command = [sys.executable, "-m", "bench", "--journeys", "6", "--steps", "10", "--personas", "5",
               "--departments", "4", "--growth", "--baseline-growth", "--out", str(out), "--results", str(results)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    r = json.loads(results.read_text(encoding="utf-8"))
    assert (r["journeys"], r["steps"], r["mermaid2_journeys"], r["rebuild_parsed_files"]) == (6, 10, 6, 1)
    for key in ("validate_s", "plugin_build_s", "baseline_build_s", "mermaid2_build_s", "rebuild_s",
                "render_40_steps_s"):
        assert 0 < r[key] < 600, key
    assert r["plugin_ratio"] == pytest.approx(r["plugin_build_s"] / r["baseline_build_s"], rel=0.01)
    assert 0 < r["plugin_own_s"] < r["plugin_build_s"]
    assert len(r["validate_runs_s"]) == 3 and r["validate_s"] == sorted(r["validate_runs_s"])[1]
    assert len(r["render_40_steps_runs_s"]) == 5 and r["render_40_steps_s"] == sorted(r["render_40_steps_runs_s"])[2]
    assert r["preview_rebuild_s"] > 0  # (6 journeys are too few to tell it from the full rebuild)
    assert 0 < r["dirty_rebuild_s"] < 600 and 0 < r["dirty_rebuild_cpu_s"] <= r["dirty_rebuild_s"] * 1.5
    assert 0 < r["dirty_rebuild_rendered_pages"] < 6 + 5 + 4 + 10  # of all pages, as the others were kept
    assert "mkdocs serve --dirty" in done.stdout
    assert r["plugin_own_share"] == pytest.approx(r["plugin_own_s"] / r["baseline_build_s"], rel=0.05)
    assert r["plugin_cpu_ratio"] == pytest.approx(r["plugin_build_cpu_s"] / r["baseline_build_cpu_s"], rel=0.01)
    assert 0 < r["plugin_build_cpu_s"] < 600
    assert r["mermaid2_ratio"] == pytest.approx(r["mermaid2_build_s"] / r["mermaid2_default_build_s"], rel=0.01)
    assert 0 < r["mermaid2_cpu_ratio"] < 100 and 0 < r["rebuild_cpu_s"] <= r["rebuild_s"] * 1.5
    assert list(r["growth"]) == list(r["baseline_growth"]) == ["1", "3", "6"]
    assert math.isfinite(r["exponent"]) and math.isfinite(r["baseline_exponent"])
    assert 20 < r["peak_rss_mb"] < 2048
    assert 20 < r["page_40_steps_kb"] < 2048
    assert {"cpu_count", "python", "mkdocs", "mkdocs_material", "date", "load_max"} <= set(r["machine"])
    assert "plugin ÷ baseline" in done.stdout
    assert r["history_revisions"] == 20 and 0 < r["history_without_s"] < 600 and 0 < r["diff_s"] < 120
    assert r["history_cold_ratio"] == pytest.approx(r["history_cold_s"] / r["history_without_s"], rel=0.01)
    assert r["history_warm_ratio"] == pytest.approx(r["history_warm_s"] / r["history_without_s"], rel=0.01)
    assert {kind: len(found) for kind, found in r["history_runs_s"].items()} == {"without": 2, "cold": 2, "warm": 2}
    assert r["history_cold_s"] == pytest.approx(sum(r["history_runs_s"]["cold"]) / 2, rel=0.01)  # median of two
    assert "cjm diff, 6 journeys" in done.stdout
    assert "| plugin ÷ baseline |" in results.with_suffix(".md").read_text(encoding="utf-8")
    corpus = out / "corpus-6x10"
    plugin_pages = {p.relative_to(corpus / "site-plugin") for p in (corpus / "site-plugin").rglob("*.html")}
    baseline_site = corpus / "baseline" / "site-baseline"
    assert plugin_pages == {p.relative_to(baseline_site) for p in baseline_site.rglob("*.html")}
    journey_page = Path("journeys", journey_id(0), "index.html")
    history = out / "history-corpus-6x10"
    revisions = _article(history / "site" / journey_page).count('<p class="cjm-history__head">')
    assert revisions == 12 and (history / ".cache/plugin/cjm/changes.json").is_file()
    plugin_article, baseline_article = (_article(site / journey_page) for site in (corpus / "site-plugin", baseline_site))
    assert "cjm-matrix" in baseline_article and "cjm-block" not in baseline_article
    assert plugin_article == baseline_article
    personas = [p.stem for p in (corpus / "journeys" / "personas").glob("*.yml")]
    expected = {f"journeys/{journey_id(n)}/index.html" for n in range(6)} | {f"personas/{p}/index.html" for p in personas}
    assert len(personas) == 5 and expected <= {p.as_posix() for p in plugin_pages}


def _article(page: Path) -> str:
    """The article of a built page, whitespace collapsed."""
    html = page.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html[html.index("<article"):html.index("</article>")])
