"""The emotion curve: well-formed, accessible SVG whose points follow the scores."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjm_mkdocs.core.labels import labels
from cjm_mkdocs.core.model import Journey
from cjm_mkdocs.render.curve import emotion_curve
from cjm_mkdocs.render.escape import one_line

SVG = "{http://www.w3.org/2000/svg}"
DE = labels("de")
HOSTILE = '<script>alert(1)</script> & "x" \'y\' ]]> &amp;'


def make_journey(stages: list[dict[str, Any]], title: str = "Kauf über Preisvergleich") -> Journey:
    return Journey.model_validate({
        "id": "kauf", "title": title, "personas": ["anna"], "segment": "Privat", "scenario": "Kauf",
        "start": "Suche", "end": "Lieferung", "department": "marketing", "last_reviewed": "2026-03-01",
        "stages": stages,
    })


def sample_journey() -> Journey:
    return make_journey([
        {"id": "awareness", "steps": [
            {"name": "Sieht Angebot", "rating": 3, "love_points": [{"text": "Günstig"}]},
            {"name": HOSTILE, "rating": 4},
        ]},
        {"id": "entscheidung", "name": "Wahl <i>x</i>", "steps": [
            {"name": "Vergleicht Versandkosten", "rating": "disappointing", "moment_of_truth": True,
             "pain_points": [{"text": "Versand <b>unklar</b>"}, {"text": "Zu teuer"}]},
        ]},
        {"id": "purchase", "steps": [
            {"name": "Bestellt", "rating": "delighting"},
            {"name": "Zahlt", "rating": 2},
        ]},
    ])


def parse(journey: Journey, words: dict[str, str] = DE) -> ET.Element:
    return ET.fromstring(str(emotion_curve(journey, words)))


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if name in el.get("class", "").split()]


def test_curve_is_an_accessible_scalable_svg() -> None:
    root = parse(sample_journey())

    assert root.tag == f"{SVG}svg"
    assert (root.get("role"), root.get("width")) == ("img", "100%")
    assert root.get("viewBox").startswith("0 0 ")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Emotionskurve: Kauf über Preisvergleich"
    assert not [el for el in root.iter() if el.tag in (f"{SVG}script", f"{SVG}foreignObject")]
    assert not [name for el in root.iter() for name in el.attrib if name.startswith("on")]


def test_one_point_per_step_placed_by_score() -> None:
    journey = sample_journey()
    points = by_class(parse(journey), "cjm-curve-point")
    xs = [float(point.get("cx")) for point in points]
    ys = [float(point.get("cy")) for point in points]
    scores = [step.score for step in journey.steps]

    assert len(points) == len(journey.steps) == 5
    assert xs == sorted(xs) and len(set(xs)) == 5
    for (score_a, y_a) in zip(scores, ys):
        for (score_b, y_b) in zip(scores, ys):
            assert (score_a > score_b) == (y_a < y_b) and (score_a == score_b) == (y_a == y_b)


def test_line_runs_through_the_points() -> None:
    root = parse(sample_journey())
    (line,) = by_class(root, "cjm-curve-line")
    points = [(float(p.get("cx")), float(p.get("cy"))) for p in by_class(root, "cjm-curve-point")]

    assert [tuple(map(float, pair.split(","))) for pair in line.get("points").split()] == points


def test_moments_of_truth_and_pain_and_love_points_are_marked() -> None:
    root = parse(sample_journey())
    (moment,) = by_class(root, "cjm-curve-moment")
    points = by_class(root, "cjm-curve-point")
    (love,), (pain,) = by_class(root, "cjm-curve-love"), by_class(root, "cjm-curve-pain")

    assert (moment.get("cx"), moment.get("cy")) == (points[2].get("cx"), points[2].get("cy"))
    assert "".join(love.itertext()).endswith("♥ 1")
    assert "".join(pain.itertext()) == "Painpoints: Versand <b>unklar</b>; Zu teuer⚠ 2"


def test_stages_are_bands_with_their_names() -> None:
    root = parse(sample_journey())
    bands = by_class(root, "cjm-curve-stage")

    assert ["".join(band.itertext()) for band in bands] == ["Bewusstsein", "Wahl <i>x</i>", "Kauf"]
    assert [float(band.find(f"{SVG}rect").get("width")) for band in bands] == [240, 120, 240]


def test_hostile_text_is_escaped_and_stays_visible() -> None:
    svg = str(emotion_curve(sample_journey(), DE))
    root = ET.fromstring(svg)
    labels_text = ["".join(label.itertext()) for label in by_class(root, "cjm-curve-label")]

    assert "<script>" not in svg and "<b>" not in svg
    assert HOSTILE in root.find(f"{SVG}desc").text
    assert labels_text[1] == "<script>alert(1)</script> &…"


def test_description_names_lowest_and_highest_points_in_the_label_language() -> None:
    desc = parse(sample_journey()).find(f"{SVG}desc").text

    assert desc.startswith("Emotionskurve. Bewusstsein: Sieht Angebot – okay (3), ")
    assert "Vergleicht Versandkosten – enttäuschend (1, Moment of Truth)" in desc
    assert desc.endswith("Tiefpunkt: Vergleicht Versandkosten (1). Höhepunkt: Bestellt (5).")


def test_an_english_curve_speaks_english_only() -> None:
    en = labels("en")
    root = parse(sample_journey(), en)

    assert root.find(f"{SVG}title").text == f"{en['curve']}: Kauf über Preisvergleich"
    assert "Vergleicht Versandkosten – disappointing (1, Moment of truth)" in root.find(f"{SVG}desc").text
    assert root.find(f"{SVG}desc").text.endswith("Lowest point: Vergleicht Versandkosten (1). "
                                                  "Highest point: Bestellt (5).")
    assert ["".join(band.itertext()) for band in by_class(root, "cjm-curve-stage")] == ["Awareness", "Wahl <i>x</i>",
                                                                                       "Purchase"]
    assert ["".join(level.itertext()) for level in by_class(root, "cjm-curve-level")] == [
        "delighting", "okay", "disappointing"]
    assert [hint.find(f"{SVG}title").text.split(":")[0] for hint in by_class(root, "cjm-curve-love")
            + by_class(root, "cjm-curve-pain")] == ["Love points", "Pain points"]


CURVE_WORDS = ("curve", "lowest_point", "highest_point", "moment_of_truth", "delighting", "okay", "disappointing",
               "love_points", "pain_points", "awareness", "purchase")
"""The labels the sample journey's curve shows."""


@pytest.mark.parametrize("key", CURVE_WORDS)
def test_a_missing_label_is_an_error_not_a_word_of_another_language(key: str) -> None:
    words = {name: word for name, word in DE.items() if name != key}
    with pytest.raises(KeyError, match=key):
        emotion_curve(sample_journey(), words)


def test_long_step_names_are_shortened_on_the_axis() -> None:
    name = "Donaudampfschifffahrtsgesellschaftskapitän vergleicht Angebote"
    root = parse(make_journey([{"id": "awareness", "steps": [{"name": name, "rating": 3}]}]))
    (label,) = by_class(root, "cjm-curve-label")
    lines = [span.text for span in label]

    assert len(lines) == 2 and all(len(line) <= 16 for line in lines)
    assert lines[-1].endswith("…") and name.startswith(lines[0])


# Names as a UTF-8 file can hold them: the model refuses lone surrogates.
NAMES = st.text(alphabet=st.characters(codec="utf-8"), min_size=1).filter(str.strip)


@given(NAMES, NAMES)
def test_any_names_give_well_formed_svg(title: str, name: str) -> None:
    root = parse(make_journey([{"id": "awareness", "name": name, "steps": [{"name": name, "rating": 1}]}],
                              title=title))

    assert root.find(f"{SVG}title").text == f"Emotionskurve: {one_line(title)}"
    assert one_line(name) in root.find(f"{SVG}desc").text
