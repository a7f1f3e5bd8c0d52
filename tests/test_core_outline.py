"""core.outline: the fast, lenient reading of a journey version for its history tells the same as the strict one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from cjm_mkdocs.core.loading import DEFAULT_MAX_BYTES, read_version
from cjm_mkdocs.core.outline import journey_outline
from cjm_mkdocs.views.history import journey_changes
from conftest import ROOT
from journey_data import JOURNEY

JOURNEY_FILES = sorted((ROOT / "journeys" / "maps").glob("*.yml")) + [ROOT / "tests/fixtures/hostile/maps/angriff.yml"]


@pytest.mark.parametrize("path", JOURNEY_FILES, ids=lambda path: path.stem)
def test_the_outline_of_a_valid_journey_tells_no_change_against_its_strict_reading(path: Path) -> None:
    raw = path.read_bytes()
    strict, outline = read_version(raw, path.name), journey_outline(raw, path.name)
    assert strict is not None and outline is not None
    assert journey_changes(strict, outline) == [] and journey_changes(outline, strict) == []
    assert [(s.id, s.score, s.supported) for s in outline.steps] == [(s.id, s.score, s.supported) for s in strict.steps]
    assert [(p.id, p.text) for _, p in outline.pain_points] == [(p.id, p.text) for _, p in strict.pain_points]
    assert [(m.id, m.status, m.done_on) for m in outline.measures] == [(m.id, m.status, m.done_on) for m in strict.measures]
    assert [(k.id, k.current, [(m.date, m.value) for m in k.measured]) for k in outline.kpis] == \
        [(k.id, k.current, [(m.date, m.value) for m in k.measured]) for k in strict.kpis]


def test_an_old_version_today_s_model_refuses_still_tells_what_changed_in_it() -> None:
    old = JOURNEY.replace("title:", "sponsor: Vorstand\ntitle:", 1)  # a key the model has dropped since, say
    new = old.replace("rating: okay", "rating: disappointing")
    assert read_version(old.encode(), "shop.yml") is None
    before, after = journey_outline(old.encode(), "shop.yml"), journey_outline(new.encode(), "shop.yml")
    assert before.id == "shop"
    assert [(c.kind, c.item, c.before, c.after) for c in journey_changes(before, after)] == [
        ("step_rerated", "angebot-sehen", "okay", "disappointing")]


@pytest.mark.parametrize("text", ["title: [unclosed\n", "- a list\n", "", "title: Kauf\n", b"\xff\xfe".decode("latin-1"),
                                  JOURNEY.replace("rating: okay", "rating: [okay]"),
                                  JOURNEY.replace("last_reviewed: 2026-03-01", "last_reviewed: März")])
def test_a_version_without_what_a_change_is_told_by_has_no_outline(text: str) -> None:
    assert journey_outline(text.encode("latin-1" if "\xff" in text else "utf-8"), "shop.yml") is None


@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda text: (JOURNEY + text).encode()))
def test_any_bytes_give_an_outline_or_none_never_an_error(raw: bytes) -> None:
    outline = journey_outline(raw, "shop.yml")
    assert outline is None or outline.id


def test_an_oversized_or_too_deep_version_has_no_outline_and_prints_nothing(capfd) -> None:
    big = JOURNEY.encode() + b"# " + b"x" * DEFAULT_MAX_BYTES + b"\n"
    assert read_version(JOURNEY.encode(), "shop.yml") is not None and journey_outline(big, "shop.yml") is None
    assert journey_outline(b"[" * 100_000 + b"]" * 100_000, "shop.yml") is None
    assert capfd.readouterr().err == ""
