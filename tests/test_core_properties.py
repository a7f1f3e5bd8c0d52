"""Random and hostile text in every text field: accepted unchanged or reported, never a crash."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm_mkdocs.core.loading import JourneyLoader
from journey_data import JOURNEY, PERSONA, write_data

BASE = yaml.safe_load(JOURNEY)
JOURNEY_TEXT_FIELDS = [
    ("title",), ("segment",), ("scenario",), ("start",), ("end",),
    ("stages", 0, "steps", 0, "name"), ("stages", 0, "steps", 0, "does"), ("stages", 0, "steps", 0, "thinks"),
    ("stages", 0, "steps", 0, "feels"), ("stages", 0, "steps", 0, "touchpoints", 0, "channel"),
    ("stages", 0, "steps", 0, "pain_points", 0, "text"), ("measures", 0, "title"),
]
HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "a: b; c # d %% e",
    "}%%", "%%{init: {}}%%", "section x", "title y", "click s1 call alert()", "line\nbreak", "no", "yes", "on",
    "12:30", "01234", "1.10", "2026-13-45", "null", "~", "- item", "*alias", "&anchor x", "!!python/object x",
    "'", '"', "\\", "‮rtl‬ عربى", "🙂🚀", "Grüße aus Köln, Straße", "x" * 3000, "\t", " lead", "trail ",
])
# What a person can type into a UTF-8 file; a YAML tool can also write any text, lone surrogates
# included (as escapes, which the loader must report).
TYPED = st.one_of(HOSTILE, st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
TEXT = st.one_of(TYPED, st.text(max_size=80))


def _set(data: dict, path: tuple, value: str) -> dict:
    data = copy.deepcopy(data)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


def _get(obj, path: tuple):
    for part in path:
        obj = obj[part] if isinstance(part, int) else getattr(obj, part)
    return obj


def _load(files: dict[str, str]):
    with tempfile.TemporaryDirectory() as folder:
        root = write_data(Path(folder), files)
        return JourneyLoader(root, base=root).load()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(JOURNEY_TEXT_FIELDS), value=TEXT)
def test_text_written_by_a_yaml_tool_is_kept_or_reported(path, value):
    text = yaml.safe_dump(_set(BASE, path, value), allow_unicode=True, sort_keys=False)
    catalog, problems = _load({"maps/shop.yml": text})
    located = [p for p in problems if p.file == "maps/shop.yml"]
    if located:
        assert all(p.line >= 1 and p.message for p in located)
    else:
        assert _get(catalog.journeys["shop"], path) == value


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=TYPED, key=st.sampled_from(["name", "segment", "description"]))
def test_text_typed_by_hand_never_crashes_the_loader(value, key):
    lines = [f"{key}: {value}" if line.startswith(f"{key}: ") else line for line in PERSONA.splitlines()]
    catalog, problems = _load({"personas/anna.yml": "\n".join(lines) + "\n"})
    if not problems:
        assert isinstance(getattr(catalog.personas["anna"], key), str)
    assert all(p.line >= 0 and p.message for p in problems)
