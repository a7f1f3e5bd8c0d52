"""Unquoted YAML values: what YAML 1.1 makes of them, kept as text with that verdict."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

TAG = "tag:yaml.org,2002:"
PLAIN_KINDS = {
    TAG + "null": "null",
    TAG + "bool": "boolean",
    TAG + "int": "number",
    TAG + "float": "number",
    TAG + "timestamp": "date",
}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_TRUE_FALSE = {"true", "True", "TRUE", "false", "False", "FALSE"}
_RESOLVER = yaml.resolver.Resolver()


class PlainScalar:
    """An unquoted value that YAML 1.1 would not read as text.

    `kind` is what YAML 1.1 makes of it ("boolean", "number", "date");
    `canonical` says whether the text means the same in every YAML reader.
    Not a `str`, so no text field takes it by accident.
    """

    __slots__ = ("text", "kind", "canonical")

    def __init__(self, text: str, kind: str, canonical: bool) -> None:
        self.text, self.kind, self.canonical = text, kind, canonical

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"{self.text!r} ({self.kind})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlainScalar) and (self.text, self.kind) == (other.text, other.kind)

    def __hash__(self) -> int:
        return hash((self.text, self.kind))


@lru_cache(maxsize=4096)
def yaml11_tag(text: str) -> str:
    """The tag YAML 1.1 (PyYAML) gives the unquoted `text` (cached: ratings and dates recur in every file)."""
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))


def plain_value(text: str, tag: str) -> Any:
    """None, text or a :class:`PlainScalar` for an unquoted value with a YAML 1.1 `tag`."""
    kind = PLAIN_KINDS[tag]
    if kind == "null":
        return None
    if kind == "boolean":
        return PlainScalar(text, kind, text in _TRUE_FALSE)
    if kind == "number":
        return PlainScalar(text, kind, bool(_INT.fullmatch(text) or _FLOAT.fullmatch(text)))
    return PlainScalar(text, kind, True)
