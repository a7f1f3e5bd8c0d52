"""Checks on an editor's prose (`<id>.md`) before Markdown sees it.

Python-Markdown recurses once per nested list and scans ahead from every open
bracket: 3,000 nested list markers exhaust Python's recursion, and a few
thousand `[` keep it busy for minutes. Prose is therefore held to the YAML size
limit, to :data:`MAX_DEPTH` nested lists, quotes and brackets, and to
:data:`MAX_BLOCK` characters between blank lines, which keeps the rendering of
the largest allowed file within seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .messages import t
from .problems import Problem
from .text_checks import LineIndex, capped, decode, invisible_characters, invisible_problem

MAX_DEPTH = 16
"""Deepest nesting of lists and quotes, and of open brackets `[` or parentheses `(` within a paragraph."""
MAX_BLOCK = 20_000
"""Most characters of a paragraph, list or table without a blank line (about 3,000 words)."""
_CONTAINER = re.compile(r" {0,3}(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?| {4}|\t")
"""One level of nesting at the start of a line: a quote `>`, a list marker, or one indentation step."""
_BRACKET = re.compile(r"[\[\]()]")
_OPENING = {"]": "[", ")": "("}


def read_prose(raw: bytes, file: str, max_bytes: int) -> tuple[str, list[Problem]]:
    """The prose of `raw`, or "" with the problems that keep it from being rendered."""
    text, problems = decode(raw, file, max_bytes)
    if text is None:
        return "", problems
    lines = LineIndex(text)
    problems = capped([invisible_problem(file, *found) for found in invisible_characters(lines)])
    problems += [problem for start, end in _blocks(text) if (problem := _block_problem(file, lines, start, end))]
    return ("", problems) if problems else (text, [])


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Start and end of each paragraph, list or table: each run of lines that are not blank."""
    start, offset = -1, 0
    for line in text.split("\n"):
        if line.strip(" \t") and start < 0:
            start = offset
        elif not line.strip(" \t") and start >= 0:
            yield start, offset - 1
            start = -1
        offset += len(line) + 1
    if start >= 0:
        yield start, len(text)


def _block_problem(file: str, lines: LineIndex, start: int, end: int) -> Problem | None:
    """What keeps one block from being rendered quickly: its length, its nesting or its brackets."""
    if end - start > MAX_BLOCK:
        return Problem(file, *lines.position(start), "", t("has {count:,} characters without a blank line, more than the limit of {limit:,}",
                         count=end - start, limit=MAX_BLOCK), t("split it into paragraphs with blank lines"))
    return _nesting(file, lines, start, end) or _brackets(file, lines, start, end)


def _nesting(file: str, lines: LineIndex, start: int, end: int) -> Problem | None:
    """A problem where a line of the block first nests deeper than :data:`MAX_DEPTH`, if one does."""
    text, offset = lines.text, start
    for line in text[start:end].split("\n"):
        depth, at = 0, offset
        while found := _CONTAINER.match(text, at, offset + len(line)):
            depth, at = depth + 1, found.end()
            if depth > MAX_DEPTH:
                message = t("nests lists, quotes or indentation more than {depth} levels deep", depth=MAX_DEPTH)
                return Problem(file, *lines.position(found.start()), "", message,
                               t("flatten the list or quote, or indent less"))
        offset += len(line) + 1
    return None


def _brackets(file: str, lines: LineIndex, start: int, end: int) -> Problem | None:
    """A problem where open `[` or `(` first exceed :data:`MAX_DEPTH` in the block, if they do."""
    text = lines.text
    if text.count("[", start, end) <= MAX_DEPTH and text.count("(", start, end) <= MAX_DEPTH:
        return None
    depth = {"[": 0, "(": 0}
    for found in _BRACKET.finditer(text, start, end):
        char = found.group()
        kind = _OPENING.get(char, char)
        depth[kind] = max(0, depth[kind] + (1 if kind == char else -1))
        if depth[kind] > MAX_DEPTH:
            closing = "]" if kind == "[" else ")"
            return Problem(file, *lines.position(found.start()), "", t("has more than {depth} `{kind}` open at once", depth=MAX_DEPTH, kind=kind),
                           t("close each `{kind}` with `{closing}`, or start a new paragraph", kind=kind, closing=closing))
    return None
