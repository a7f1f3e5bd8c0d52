"""The benchmark: its corpus is valid and deterministic, and a small run reports every figure."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bench.corpus import CorpusSpec, journey_id, write_corpus
from bench.measure import fit_exponent
from cjm_mkdocs.loading import JourneyLoader

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
