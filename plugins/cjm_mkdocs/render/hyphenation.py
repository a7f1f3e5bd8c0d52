"""Soft hyphens in long words, so that narrow table columns break them between syllables ("Produkt-management")
rather than anywhere ("Produktmanage|ment").

Browsers hyphenate only with a dictionary for the page's language, and many (headless chromium among them) have
none for German; the site carries its own break points instead, from Pyphen's dictionaries, at build time. The
search index gets the words without them (:mod:`cjm_mkdocs.plugin.search`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

SOFT_HYPHEN = "\u00ad"
MIN_LENGTH = 10
"""Words shorter than this are left whole."""
DICTIONARIES = {"de": "de_DE", "en": "en_US"}
_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_LENGTH},}}")


def hyphenate(text: str, language: str) -> str:
    """`text` with soft hyphens between the syllables of each long word (letters only; `language`: de or en)."""
    return _LONG_WORD.sub(lambda found: _syllables(found.group(0), language), text)


@lru_cache(maxsize=65536)
def _syllables(word: str, language: str) -> str:
    return _dictionary(language).inserted(word, hyphen=SOFT_HYPHEN)


@lru_cache(maxsize=None)
def _dictionary(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=DICTIONARIES.get(language, "en_US"), left=3, right=3)
