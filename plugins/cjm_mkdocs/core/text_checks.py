"""Checks shared by YAML and prose files: line endings, and characters that hide in text."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from functools import cached_property

from .messages import t
from .problems import Problem

INVISIBLE = "\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
"""Direction marks, embeddings, overrides and isolates, and zero-width spaces and joiners other than U+200D
(which joins emoji): they make text read differently from how it shows (Trojan Source, CVE-2021-42574)."""
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_NEWLINE = re.compile("\n")
MAX_REPORTED = 20
"""Invisible characters reported one by one per file; the rest are counted in one more problem."""


def decode(raw: bytes, file: str, max_bytes: int) -> tuple[str | None, list[Problem]]:
    """The text of a file's bytes with every line ending as LF, or None and the problem that keeps it unread:
    more than `max_bytes`, or not UTF-8 (located at the first bad byte)."""
    if len(raw) > max_bytes:
        return None, [Problem(file, 1, 1, "", t("is {size:,} bytes, more than the limit of {limit:,}", size=len(raw), limit=max_bytes),
                              t("split the file, or raise `max_file_size` in the plugin configuration"))]
    try:
        return unify_line_breaks(raw.decode("utf-8-sig")), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(file, line, column, "", t("is not UTF-8 (byte 0x{byte:02x})", byte=raw[exc.start]),
                              t("save the file with UTF-8 encoding in your editor"))]


def unify_line_breaks(text: str) -> str:
    """`text` with CRLF and lone CR line endings as LF, so that every reader counts lines alike."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


class LineIndex:
    """Line and column of any offset in an LF-separated text, without counting from its start each time."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _starts(self) -> list[int]:
        return [0, *(found.end() for found in _NEWLINE.finditer(self.text))]

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column (both from 1) of `offset`."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def invisible_characters(lines: LineIndex) -> Iterator[tuple[int, int, str]]:
    """Line, column and character of each invisible character in a text (see :data:`INVISIBLE`).

    Looking for each character in turn is ten times faster than the regex on text that has none.
    """
    text = lines.text
    if text.isascii() or not any(char in text for char in INVISIBLE):
        return
    for found in _INVISIBLE.finditer(text):
        yield *lines.position(found.start()), found.group()


def invisible_problem(file: str, line: int, column: int, char: str, field: str = "") -> Problem:
    """The problem for an invisible character at `line`:`column`, named by its code point."""
    name = f"U+{ord(char):04X} {unicodedata.name(char)}"
    return Problem(file, line, column, field, t("contains the invisible character {name}", name=name),
                   t("it can make the text read differently from how it shows: delete the character"))


def capped(problems: list[Problem]) -> list[Problem]:
    """The first :data:`MAX_REPORTED` invisible-character problems of a file, and one that counts the others."""
    if len(problems) <= MAX_REPORTED:
        return problems
    first, rest = problems[:MAX_REPORTED], problems[MAX_REPORTED:]
    more = Problem(rest[0].file, rest[0].line, rest[0].column, rest[0].field,
                   t("contains {count:,} more invisible characters from here on", count=len(rest)),
                   t("delete them all, e.g. with a search for the code points listed above"))
    return [*first, more]
