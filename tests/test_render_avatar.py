"""Initials avatars: the persona's face without an image, inline SVG only, escaped, legible."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from cjm_mkdocs.render.avatar import COLOURS, initials, initials_avatar

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(("name", "expected"), [
    ("Anna Schneider", "AS"), ("Helga, die persönliche Beratung schätzt", "H"), ("Jean-Luc Picard", "JP"),
    ("Özlem Yılmaz-Kaya", "ÖY"), ("  ", "?"), ("(Gast) Müller", "M"), ("李 小龙", "李小"),
])
def test_initials_are_the_first_letters_of_the_first_and_last_word_before_a_comma(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_an_avatar_is_an_image_named_after_the_persona_with_its_initials() -> None:
    svg = ET.fromstring(str(initials_avatar("anna", "Anna Schneider")))
    assert svg.tag == f"{SVG}svg" and svg.get("role") == "img" and svg.get("aria-label") == "Anna Schneider"
    assert svg.find(f"{SVG}text").text == "AS"
    assert svg.find(f"{SVG}circle").get("fill") in COLOURS


def test_hostile_names_stay_text() -> None:
    name = '"><script>alert(1)</script><x a="'
    markup = str(initials_avatar("x", name))
    svg = ET.fromstring(markup)
    assert "<script" not in markup and svg.get("aria-label") == name
    assert [element.tag for element in svg.iter()] == [f"{SVG}svg", f"{SVG}circle", f"{SVG}text"]


def test_a_persona_keeps_its_colour_and_personas_get_different_ones() -> None:
    fill = lambda persona_id: ET.fromstring(str(initials_avatar(persona_id, "A"))).find(f"{SVG}circle").get("fill")  # noqa: E731
    assert fill("anna") == fill("anna")
    assert len({fill(f"persona-{n}") for n in range(40)}) >= len(COLOURS) - 2


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", COLOURS)
def test_white_initials_have_aa_contrast_on_every_colour(colour: str) -> None:
    assert (1.05) / (luminance(colour) + 0.05) >= 4.5
