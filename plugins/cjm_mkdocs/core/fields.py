"""Field types that keep YAML's surprises out of the journey model.

Each type takes the values :mod:`strict_yaml` produces and either accepts them
unchanged or rejects them with a message and a fix (`ctx["hint"]`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Strict, StringConstraints
from pydantic_core import PydanticCustomError

from .messages import t
from .scalars import PlainScalar

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NOT_BLANK = r"\S"
MOODS = ("disappointing", "okay", "delighting")
URL_SCHEMES = ("http://", "https://", "mailto:")
MAX_ID_LENGTH = 100
"""Longest id of a journey, persona or department: it names a page's file, and file names end at 255 bytes."""
SECTION_PAGE = "index"
"""The page the plugin makes at the head of each section (``journeys/index.md``); no id may take its name."""
_INTEGER = re.compile(r"[-+]?\d+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fail(message: str, hint: str) -> PydanticCustomError:
    """A validation error whose context carries the fix."""
    return PydanticCustomError("cjm", "{message}", {"message": message, "hint": hint})


def not_text(value: Any) -> tuple[str, str]:
    """Message and fix for a value where text is expected."""
    if isinstance(value, PlainScalar):
        return (t("`{value}` is read as a {kind} by YAML, not as text", value=value, kind=_kind(value)),
                t('put it in quotes: "{value}"', value=value))
    return t("must be text, not {found}", found=describe(value)), t("write the text after the colon, e.g. `name: Anna`")


def not_an_id(value: str) -> tuple[str, str]:
    """Message and fix for text that is not a slug."""
    return t("`{value}` is not an id", value=value), t("ids use a-z, 0-9 and single hyphens, e.g. `{id}`", id=slugify(value))


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise fail(*not_text(value))
    if not value.strip():
        raise fail(t("is empty"), t("write the text, or remove the key"))
    return value


def _page_id(value: str) -> str:
    if len(value) > MAX_ID_LENGTH:
        raise fail(t("is {length} characters long, more than the limit of {limit}", length=len(value), limit=MAX_ID_LENGTH),
                   t("shorten the id: it names the page's file (a file's id is its file name unless `id:` is set)"))
    if value == SECTION_PAGE:
        raise fail(t("`{value}` is the name of the section's own overview page", value=value),
                   t("choose another id, e.g. `{value}-1` (a file's id is its file name unless `id:` is set)", value=value))
    return value


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, PlainScalar) and value.kind == "boolean":
        if value.canonical:
            return value.text.lower() == "true"
        raise fail(t("`{value}` means different things to different YAML readers", value=value), t("write true or false"))
    raise fail(t("must be true or false, not {found}", found=describe(value)), t("write true or false"))


def _number(value: Any) -> float | int:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, PlainScalar) and value.kind == "number":
        if value.canonical:
            return int(value.text) if _INTEGER.fullmatch(value.text) else float(value.text)
        raise fail(t("`{value}` is not a plain number (YAML 1.1 reads it as octal, base-60 or similar)", value=value),
                   t("write a plain decimal number such as 42 or 12.5"))
    raise fail(t("must be a number, not {found}", found=describe(value)),
               t("write a plain number such as 42 or 12.5, without quotes"))


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) or (isinstance(value, PlainScalar) and value.kind == "date"):
        value = str(value)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise fail(t("`{value}` is not a valid date", value=value), t("write an existing date as YYYY-MM-DD, e.g. 2026-03-31"))
    raise fail(t("must be a date, not {found}", found=describe(value)), t("write the date as YYYY-MM-DD, e.g. 2026-03-31"))


def describe(value: Any) -> str:
    """How a value that has the wrong type reads to an editor."""
    if isinstance(value, PlainScalar):
        return t("the {kind} `{value}`", kind=_kind(value), value=value)
    names = {dict: t("a block of keys"), list: t("a list"), type(None): t("nothing"), str: t("text"), bool: t("true/false")}
    return names.get(type(value), type(value).__name__)


def _kind(value: PlainScalar) -> str:
    """What YAML 1.1 reads a plain scalar as, in words."""
    return {"boolean": t("boolean"), "number": t("number"), "date": t("date")}.get(value.kind, value.kind)


def slugify(text: str) -> str:
    """A readable id for `text` (umlauts spelled out; four replaces are faster than a translate table)."""
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return _NOT_SLUG.sub("-", text).strip("-") or "id"


def _positive(value: Any) -> int:
    number = _number(value)
    if number != int(number) or number < 1:
        raise fail(t("`{value}` must be a whole number of 1 or more", value=value), t("write a whole number such as 12"))
    return int(number)


def _score(value: Any) -> int:
    number = _number(value)
    if number not in (1, 2, 3, 4, 5):
        raise fail(t("`{value}` is not a score from 1 to 5", value=value),
                   t("use a whole number 1–5, or delighting / okay / disappointing"))
    return int(number)


def _url(value: Any) -> str:
    text = _text(value)
    head = re.split(r"[/?#]", re.sub(r"[\x00-\x20\x7f]", "", text), maxsplit=1)[0]
    if ":" in head and not text.lower().startswith(URL_SCHEMES):
        raise fail(t("`{link}` is not an allowed link", link=text[:60]),
                   t("use an http(s):// or mailto: address, or a relative path"))
    return text


def _https(value: Any) -> str:
    text = _url(value)
    if not text.lower().startswith("https://"):
        raise fail(t("`{link}` is not an https:// address", link=text[:60]), t("link the ticket with its https:// address"))
    return text


def _rating(value: Any) -> int | str:
    if isinstance(value, (int, float)) or (isinstance(value, PlainScalar) and value.kind == "number"):
        return _score(value)
    if isinstance(value, str) and value in MOODS:
        return value
    raise fail(t("`{value}` is not a rating", value=value), t("use delighting, okay or disappointing, or a score from 1 to 5"))


def _value(value: Any) -> str | float | int:
    if isinstance(value, PlainScalar) and value.kind == "number" and value.canonical:
        return _number(value)
    return _text(value)


Text = Annotated[str, Strict(), StringConstraints(pattern=NOT_BLANK)]
Slug = Annotated[str, Strict(), StringConstraints(pattern=SLUG.pattern)]
PageId = Annotated[Slug, AfterValidator(_page_id)]
"""The id of a journey, persona or department, which names its page."""
SUPPORT_LEVELS = ("fully", "partly", "not")
"""Whether a step supports and informs the customer enough: fully, partly, not (shown as yes, partly, no).

Not yes and no: YAML 1.1 reads those as booleans, and files using them could not take the fast way in."""


def _support(value: Any) -> str:
    """fully, partly or not."""
    if isinstance(value, str) and value in SUPPORT_LEVELS:
        return value
    raise fail(t("must be fully, partly or not, not {found}", found=describe(value)), t("write fully, partly or not"))


Flag = Annotated[bool, BeforeValidator(_flag)]
Support = Annotated[Literal["fully", "partly", "not"], BeforeValidator(_support)]
Number = Annotated[float, BeforeValidator(_number)]
Day = Annotated[dt.date, BeforeValidator(_date)]
PositiveInt = Annotated[int, BeforeValidator(_positive)]
Url = Annotated[str, BeforeValidator(_url)]
HttpsUrl = Annotated[str, BeforeValidator(_https)]
Rating = Annotated[int | Literal["delighting", "okay", "disappointing"], BeforeValidator(_rating)]
TextOrNumber = Annotated[str | float, BeforeValidator(_value)]
