"""Messages for editors in the site's language: English in the source, German from a gettext catalogue.

Code writes `t("`{value}` is not a valid date", value=value)`; while a `speaking("de")` block runs, the
German text of ``locale/de/LC_MESSAGES/messages.po`` is used, with the same placeholders (a literal
brace is written twice, as in `str.format`).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator
from importlib.resources import files

from babel.messages.pofile import read_po

SOURCE_LANGUAGE = "en"
_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("cjm_language", default=SOURCE_LANGUAGE)


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Let the messages made inside this block speak `language` ("de" or "en")."""
    token = _LANGUAGE.set(language)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def language() -> str:
    """The language messages are made in right now."""
    return _LANGUAGE.get()


def t(message: str, /, **values: object) -> str:
    """`message` in the current language, its `{placeholders}` filled from `values`."""
    text = translations(_LANGUAGE.get()).get(message, message)
    return (text if isinstance(text, str) else text[0]).format(**values)


def tn(singular: str, plural: str, count: int, /, **values: object) -> str:
    """`singular` for a `count` of 1, else `plural`, in the current language (German counts as English does);
    `{count}` and the other placeholders filled in."""
    forms = translations(_LANGUAGE.get()).get(singular, (singular, plural))
    return forms[0 if count == 1 else 1].format(count=count, **values)


@functools.cache
def translations(lang: str) -> dict[str, str | tuple[str, ...]]:
    """The catalogue of `lang`: English message (a plural's singular) → translated message (its forms)."""
    if lang == SOURCE_LANGUAGE:
        return {}
    with files("cjm_mkdocs").joinpath(*catalogue_path(lang)).open("rb") as po:
        catalog = read_po(po, locale=lang)
    return {message.id[0] if message.pluralizable else message.id: message.string
            for message in catalog if message.id and (all(message.string) if message.pluralizable else message.string)}


def catalogue_path(lang: str) -> tuple[str, ...]:
    """Where the catalogue of `lang` lies in the package."""
    return ("locale", lang, "LC_MESSAGES", "messages.po")
