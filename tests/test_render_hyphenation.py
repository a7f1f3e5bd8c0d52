"""Soft hyphens for narrow columns: long words get break points between syllables, nothing else changes."""

from __future__ import annotations

import pytest

from cjm_mkdocs.render.hyphenation import MIN_LENGTH, SOFT_HYPHEN, hyphenate


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("de", "Produktmanagement", "Pro-dukt-ma-na-ge-ment"),
    ("de", "Mobilfunkvertrag für die Familie", "Mobil-funk-ver-trag für die Familie"),
    ("de", "Qualitätsmanagement", "Qua-li-täts-ma-na-ge-ment"),
    ("en", "Responsibilities", "Respon-si-bil-i-ties"),
])
def test_long_words_break_between_syllables(language: str, text: str, expected: str) -> None:
    assert hyphenate(text, language).replace(SOFT_HYPHEN, "-") == expected


@pytest.mark.parametrize("text", ["Kundenservice", "IT & Digitale Kanäle", "2026-12-01", "mobilfunkvertrag-soll_2",
                                  "Familien-Kombi", "x" * (MIN_LENGTH - 1), ""])
def test_nothing_but_soft_hyphens_is_added_and_only_to_long_runs_of_letters(text: str) -> None:
    result = hyphenate(text, "de")
    assert result.replace(SOFT_HYPHEN, "") == text
    words = [word for word in text.replace("-", " ").replace("_", " ").split() if word.isalpha()]
    if not any(len(word) >= MIN_LENGTH for word in words):
        assert result == text


def test_an_unknown_language_falls_back_to_english() -> None:
    assert hyphenate("Responsibilities", "fr") == hyphenate("Responsibilities", "en")
