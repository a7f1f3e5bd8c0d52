"""The fast reader (rapidyaml) never vouches for data the exact reader (libyaml) would read otherwise."""

from __future__ import annotations

import datetime as dt
import glob
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cjm_mkdocs.core.model import Journey
from cjm_mkdocs.core.scalars import PlainScalar
from cjm_mkdocs.core.strict_yaml import read_yaml
from cjm_mkdocs.core.validation import validate
from journey_data import JOURNEY

REPO = Path(__file__).resolve().parents[1]


def normal(value):
    """Data as the model sees it: numbers by value, canonical booleans as bool, dates as their text.

    The fast reader marks every date-looking string as a date, quoted or not: date fields
    take both alike, and every other field refuses the mark, which sends the file the exact way.
    """
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normal(v) for v in value]
    if isinstance(value, PlainScalar):
        if value.kind == "date":
            return value.text
        if value.kind == "number" and value.canonical:
            return ("number", float(value.text))
        if value.kind == "boolean" and value.canonical:
            return value.text.lower() == "true"
        return (value.kind, value.text)
    if isinstance(value, bool):
        return value
    return value


def same_as_exact(text: str) -> bool:
    """True when the fast reading equals the exact one, or the fast reader stood aside."""
    raw = text.encode("utf-8")
    fast, exact = read_yaml(raw, "x.yml"), read_yaml(raw, "x.yml", fast=False)
    if not fast.fast:
        return True
    assert not exact.problems, f"fast reader accepted what the exact one refuses: {exact.problems}"
    assert normal(fast.data) == normal(exact.data)
    return True


SCALARS = st.one_of(
    st.text(max_size=30), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["no", "yes", "On", "12:30", "01234", "1.10", ".5", "1e3", "0x1F", "1_000", "~", "2026-13-45",
                     "2026-01-01", "True", "null", "<<", "&a", "*a", "!tag", "a: b", "# c", "%%", "'", '"', "\\"]),
)
DOCS = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                    st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)),
                    max_leaves=20)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(st.text(min_size=1, max_size=8), DOCS, min_size=1, max_size=5), flow=st.booleans())
@example(data={"\ud800": ["a\udfff"]}, flow=False)  # lone surrogates: PyYAML writes them as escapes
def test_documents_written_by_a_yaml_tool_read_the_same(data, flow):
    same_as_exact(yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, sort_keys=False))


LINES = st.lists(st.sampled_from([
    "a: 1", "b: no", "c: '12:30'", "d: 12:30", "e: [1, x, 'y']", "f: {g: 2026-01-01}", "- item", "  h: i",
    "j: |", "  block", "k: >", "  folded", "l: \"q\\tr\"", "m: &x 1", "n: *x", "o: !!str 5", "<<: {p: 1}",
    "---", "...", "%YAML 1.1", "q: r: s", "t: 'u''v'", "w: x # y", "z:", "a: b", "  - c", "'k': v", "? k",
    "x: .inf", "y: 1.10", "z: 0o17", "A: True", "B: ~", "C: \"\"", "D: 'é ß 🙂'",
]), min_size=1, max_size=8)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=LINES)
def test_hand_typed_yaml_reads_the_same(lines):
    same_as_exact("\n".join(lines) + "\n")


@pytest.mark.parametrize("escape", ["\\uD800", "\\udfff", "\\U0000DC00", "\\uD83D\\uDE42"])
def test_an_escaped_lone_surrogate_goes_the_exact_way_and_is_reported(escape):
    # rapidyaml turns it into bytes that are no UTF-8; libyaml names the escape.
    document = read_yaml(f'title: "a{escape}b"\n'.encode(), "x.yml")

    assert not document.fast
    assert [problem.message for problem in document.problems] == [
        "is not valid YAML: found invalid Unicode character escape code (while parsing a quoted scalar)"]


def test_sample_files_take_the_fast_way_and_read_the_same():
    files = sorted(glob.glob(str(REPO / "journeys/**/*.yml"), recursive=True))
    assert files
    for file in files:
        text = Path(file).read_text(encoding="utf-8")
        assert read_yaml(text.encode(), file).fast, file
        same_as_exact(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=SCALARS, field=st.sampled_from(["title", "segment", "last_reviewed", "status", "review_interval_months"]))
def test_a_journey_validates_the_same_either_way(value, field):
    data = yaml.safe_load(JOURNEY) | {"id": "shop", field: value}
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    fast, exact = read_yaml(raw, "x.yml"), read_yaml(raw, "x.yml", fast=False)
    fast_model, fast_problems = validate(Journey, fast)
    exact_model, exact_problems = validate(Journey, exact)
    if fast.fast and not fast_problems:
        assert exact_problems == [] and fast_model.model_dump() == exact_model.model_dump()
