"""The fast way to read a clean YAML file: rapidyaml (C++) to JSON, then Python's json.

It only ever vouches for a file when the result is what the exact reader in
:mod:`strict_yaml` would produce: anything that could differ (aliases, anchors,
tags, merge keys, directives, several documents, duplicate keys, values YAML 1.1
reads as something other than text or a date, characters JSON cannot carry)
returns :data:`NOT_FAST`, and the caller reads the file the exact way. A file
that then fails validation is read again the exact way too, so every problem is
told from the exact reading.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .scalars import TAG, PlainScalar, plain_value, yaml11_tag

try:
    import ryml
except ImportError:  # pragma: no cover - rapidyaml is a dependency; without it every file goes the exact way
    ryml = None

NOT_FAST = object()
_DATE_KEY = "\x00date"
_ANCHOR_ALIAS_TAG = re.compile(r"[&*!](?<![^\s\[{,][&*!])[^\s,\[\]{}]")
_LINE_STARTS = ("%", "---", "...")
# A double-quoted \uD800-\uDFFF escape: libyaml refuses it, rapidyaml turns it into bytes that are no UTF-8.
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")
_MAYBE_TYPED = re.compile(r'"([-+.0-9<=~][^"\\]*|[yYnNtTfFoO][a-zA-Z]{0,4})"(?=\s*[,\]}])')


class _NotFast(Exception):
    pass


def fast_data(text: str) -> Any:
    """The data of `text`, or NOT_FAST when only the exact reader can tell."""
    if ryml is None or _risky(text):
        return NOT_FAST
    try:
        with silent_stderr():
            tree = ryml.parse_in_arena(text.encode("utf-8"))
        if tree.is_stream(tree.root_id()):
            return NOT_FAST
        return json.loads(_mark_dates(ryml.emit_json(tree)), object_pairs_hook=_mapping,
                          parse_int=_number, parse_float=_number, parse_constant=_refuse)
    except Exception:  # _NotFast, json's ValueError, and rapidyaml's own parse errors
        return NOT_FAST


@contextmanager
def silent_stderr() -> Iterator[None]:
    """Keep rapidyaml from printing its parse errors (C++ source lines) to the process's stderr.

    The file then goes the exact way, which reports the problem properly.
    """
    try:
        saved = os.dup(2)
    except OSError:  # no stderr to silence
        yield
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)


def _risky(text: str) -> bool:
    """Syntax only the exact reader handles: anchors, aliases, tags, merge keys, directives, documents,
    and escapes of lone UTF-16 surrogates, which only the exact reader reports.

    Looking for one character is many times faster than for two or for the regex, so a check
    whose characters are rare in journey files asks for one of them first.
    """
    return (("<" in text and "<<" in text) or text.startswith(_LINE_STARTS)
            or ("%" in text and "\n%" in text) or "\n---" in text or "\n..." in text
            or (any(char in text for char in "&*!") and _ANCHOR_ALIAS_TAG.search(text) is not None)
            or ("\\" in text and _SURROGATE_ESCAPE.search(text) is not None))


def _mark_dates(json_text: str) -> str:
    """Wrap string values YAML 1.1 reads as dates; refuse on any other typed-looking string."""
    def replace(match: re.Match[str]) -> str:
        tag = yaml11_tag(match.group(1))
        if tag == TAG + "str":
            return match.group(0)
        if tag == TAG + "timestamp":
            return '{"\\u0000date": %s}' % match.group(0)
        raise _NotFast
    return _MAYBE_TYPED.sub(replace, json_text)


def _mapping(pairs: list[tuple[str, Any]]) -> Any:
    if len(pairs) == 1 and pairs[0][0] == _DATE_KEY:
        return PlainScalar(pairs[0][1], "date", True)
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _NotFast
    return mapping


def _number(text: str) -> Any:
    tag = yaml11_tag(text)
    if tag not in (TAG + "int", TAG + "float"):
        raise _NotFast
    return plain_value(text, tag)


def _refuse(text: str) -> Any:
    raise _NotFast
