"""Strict YAML reading: plain data plus the line and column of every value.

PyYAML follows YAML 1.1 and silently turns `no` into False, `12:30` into 750,
`01234` into an octal number, repeats anchored values and keeps the last of two
duplicate keys. Here the document is only *composed* (by libyaml where present),
then converted by hand: quoted text stays text, a plain value that YAML 1.1 would
read as something else becomes a :class:`PlainScalar` that the model's field
types accept or reject with a clear message, and duplicate keys, aliases, tags,
tabs, invisible characters, nesting deeper than :data:`MAX_DEPTH`, bad encodings
and oversized files become problems. CRLF and CR line endings read as LF.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import yaml

from .messages import t
from .problems import Problem
from .scalars import PLAIN_KINDS, TAG, PlainScalar, plain_value
from .text_checks import LineIndex, capped, decode, invisible_characters, invisible_problem
from .yaml_fast import NOT_FAST, fast_data

__all__ = ["PlainScalar", "YamlDocument", "read_yaml", "dotted"]

MAX_DEPTH = 20
"""Deepest nesting of blocks and lists read (a journey needs 7); deeper data would exhaust Python's recursion."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]


@dataclass
class YamlDocument:
    """One file's data; the position of each value and key is worked out when first asked for."""

    file: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    text: str = field(default="", repr=False)
    fast: bool = False
    _values: dict[Path_, Mark] | None = field(default=None, repr=False)
    _keys: dict[Path_, Mark] | None = field(default=None, repr=False)

    @property
    def values(self) -> dict[Path_, Mark]:
        if self._values is None:
            self._locate()
        return self._values  # type: ignore[return-value]

    @property
    def keys(self) -> dict[Path_, Mark]:
        if self._keys is None:
            self._locate()
        return self._keys  # type: ignore[return-value]

    def _locate(self) -> None:
        located = YamlDocument(self.file, _values={}, _keys={})
        if self.text:
            _Converter(located).run(self.text)
        self._values, self._keys = located._values, located._keys

    def has(self, path: Path_) -> bool:
        """Whether the editor wrote a value at `path` (defaults filled in later do not count)."""
        node = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return False
        return True

    def position(self, path: Path_) -> Mark:
        """Line and column of the deepest known part of `path`."""
        values = self.values
        for end in range(len(path), -1, -1):
            if path[:end] in values:
                return values[path[:end]]
        return (1, 1)

    def key_position(self, path: Path_) -> Mark:
        """Line and column of the key that names `path`, else of its value."""
        return self.keys.get(path) or self.position(path)

    def problem(self, path: Path_, message: str, hint: str = "", *, at_key: bool = False) -> Problem:
        """A problem located at `path` in this document."""
        line, column = self.key_position(path) if at_key else self.position(path)
        return Problem(self.file, line, column, dotted(path), message, hint)


def dotted(path: Path_) -> str:
    """`('stages', 0, 'steps')` as `stages[0].steps`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_yaml(raw: bytes, file: str, max_bytes: int = 1_048_576, *, fast: bool = True) -> YamlDocument:
    """Read one YAML file's bytes strictly; problems are collected, never raised.

    With `fast`, a clean file is read by rapidyaml (see :mod:`yaml_fast`); whatever
    it cannot vouch for goes the exact, slower way through libyaml.
    """
    doc = YamlDocument(file)
    text, doc.problems = decode(raw, file, max_bytes)
    if text is None or not _check_text(text, doc):
        return doc
    doc.text = text
    data = fast_data(text) if fast else NOT_FAST
    if data is NOT_FAST:
        doc._values, doc._keys = {}, {}
        _Converter(doc).run(text)
    else:
        doc.data, doc.fast = data, True
    doc.problems += capped(_invisible(doc))
    return doc


def _invisible(doc: YamlDocument) -> list[Problem]:
    """A problem for each invisible character, naming the field it is in: the last key or value before it."""
    found = list(invisible_characters(LineIndex(doc.text)))
    if not found:
        return []
    starts = sorted(((start, len(path), path) for table in (doc.values, doc.keys) for path, start in table.items()),
                    key=lambda start: start[:2])
    marks = [start[:2] for start in starts]
    problems = []
    for line, column, char in found:
        before = bisect_right(marks, ((line, column), MAX_DEPTH + 2)) - 1
        field = dotted(starts[before][2]) if before >= 0 else ""
        problems.append(invisible_problem(doc.file, line, column, char, field))
    return problems


_HIDDEN_BREAKS = {"\x85": "U+0085", "\u2028": "U+2028", "\u2029": "U+2029"}
_CONTENT_LINE = re.compile(r"^[^\S\n]*[^\s#]", re.MULTILINE)
"""A line whose first character after whitespace is not `#`: not blank, not a comment."""


def _check_text(text: str, doc: YamlDocument) -> bool:
    if not _CONTENT_LINE.search(text):
        doc.problems.append(Problem(doc.file, 1, 1, "", t("is empty"), t("fill it in from the example in the README, or delete it")))
        return False
    if "\t" not in text and not any(char in text for char in _HIDDEN_BREAKS):
        return True
    for number, line in enumerate(text.split("\n"), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            doc.problems.append(Problem(doc.file, number, indent.index("\t") + 1, "", t("is indented with a tab"),
                                        t("YAML indents with spaces only: replace the tab with spaces")))
        for column, char in enumerate(line, 1):
            if char in _HIDDEN_BREAKS:
                doc.problems.append(Problem(doc.file, number, column, "", t("contains the invisible line break {code}", code=_HIDDEN_BREAKS[char]),
                                            t("YAML would silently break the text there: delete the character")))
    return not doc.problems


class _Converter:
    """Turns a composed node tree into plain data, recording positions."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.seen: set[int] = set()
        self.alias_reported = False
        self.depth_reported = False
        self.text = ""

    def run(self, text: str) -> None:
        self.text = text
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError as exc:
            self.doc.problems.append(_syntax_problem(self.doc.file, exc, text))
            return
        if node is None:
            self.doc.problems.append(Problem(self.doc.file, 1, 1, "", t("is empty"), t("fill it in, or delete the file")))
            return
        self.doc.data = self.convert(node, ())

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.doc._values[path] = _mark(node)  # type: ignore[index]
        if len(path) > MAX_DEPTH:
            self._report_depth(node, path)
            return None
        if id(node) in self.seen:
            self._report_alias(node, path)
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if node.tag not in (TAG + "seq", TAG + "map"):
            return self._report_tag(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.mapping(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == TAG + "merge":
                self.doc.problems.append(self.doc.problem(path, t("uses a merge key `<<`"),
                                                          t("write the keys out instead of merging them")))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.doc.problems.append(Problem(self.doc.file, *_mark(key_node), dotted(path), t("has a key that is not a name"),
                                                 t("keys are plain words such as `name:`")))
                continue
            key = key_node.value
            child = path + (key,)
            if key in result:
                first = self.doc._keys[child]  # type: ignore[index]
                self.doc.problems.append(Problem(self.doc.file, *_mark(key_node), dotted(child),
                                                 t("duplicate key `{key}` (first at line {line})", key=key, line=first[0]),
                                                 t("keep one of the two; YAML would silently use only the last")))
                continue
            self.doc._keys[child] = _mark(key_node)  # type: ignore[index]
            result[key] = self.convert(value_node, child)
        return result

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        if node.tag == TAG + "str":
            return node.value
        if node.tag not in PLAIN_KINDS or node.style:
            return self._report_tag(node, path)
        return plain_value(node.value, node.tag)

    def _report_alias(self, node: yaml.Node, path: Path_) -> None:
        if self.alias_reported:
            return
        self.alias_reported = True
        line, column = _first_alias(self.text) or _mark(node)
        self.doc.problems.append(Problem(self.doc.file, line, column, dotted(path),
                                         t("repeats a value with an anchor and alias (`&name` / `*name`)"),
                                         t("aliases are not allowed: write the value out where it is needed")))

    def _report_depth(self, node: yaml.Node, path: Path_) -> None:
        if self.depth_reported:
            return
        self.depth_reported = True
        self.doc.problems.append(Problem(self.doc.file, *_mark(node), dotted(path[:MAX_DEPTH]),
                                         t("is nested more than {depth} levels deep", depth=MAX_DEPTH),
                                         t("journey files need no more than 7 levels: check the indentation "
                                           "and the brackets `[ ]` and `{{ }}` of this value")))

    def _report_tag(self, node: yaml.Node, path: Path_) -> None:
        self.doc.problems.append(Problem(self.doc.file, *_mark(node), dotted(path), t("uses the YAML tag `{tag}`", tag=node.tag),
                                         t("tags are not allowed: remove it and write plain text, numbers or lists")))


def _first_alias(text: str) -> Mark | None:
    """Where the first alias (`*name`) stands; the composed tree has lost it."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return (event.start_mark.line + 1, event.start_mark.column + 1)
    return None


def _mark(node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _syntax_problem(file: str, exc: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    elif isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    else:
        line, column = 1, 1
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = t("is not valid YAML: {what}", what=what) + (f" ({context})" if context else "")
    if "expected a single document" in str(exc):
        message = t("holds more than one YAML document (`---`)")
    return Problem(file, line, column, "", message,
                   t("check indentation and quoting on this line; put text with `: ` or `#` in quotes"))
