"""Rows kept from build to build: `{% cached journey, … %}…{% endcached %}` in a template.

The pages across all journeys change whenever any journey does, but each of their rows shows one journey. A
row wrapped in the tag is rendered again only when a part of its key changed: a journey stands for what its
page shows (:meth:`cjm_mkdocs.site.keys.PageKeys.journey`), any other part for itself. The page, the tag (its
template and line) and what every page is rendered with (labels, day, links, templates) belong to each key,
so a row's key needs only what the row shows beyond its journey (a rank, a count taken across journeys).
Rows are kept only while :class:`cjm_mkdocs.site.cache.PageCache` renders a page on `mkdocs serve`;
elsewhere (a single build, `cjm generate`, the embeds of hand-written pages) the tag only renders its
body. A tag belongs inside `html_block` (its placeholders are the page's own) and around markup without
ids of the page.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

from ..core.model import Journey

if TYPE_CHECKING:
    from .keys import PageKeys

FragmentKey = tuple[Hashable, ...]


class Fragments:
    """The rendered rows of the last build and of this one, by page; :meth:`start` each build."""

    def __init__(self) -> None:
        self._keys: PageKeys | None = None
        self._common = ""
        self._page: str | None = None
        self.keeping = True
        """Whether rows are kept at all (the plugin keeps them on `mkdocs serve` only)."""
        self._previous: dict[str, dict[FragmentKey, Markup]] = {}
        self._current: dict[str, dict[FragmentKey, Markup]] = {}

    def start(self, keys: PageKeys) -> None:
        """Begin a build with `keys`; rows no page of the last build used are forgotten."""
        previous = self._current or self._previous
        self._previous = previous if keys.common == self._common else {}
        self._keys, self._common, self._current = keys, keys.common, {}

    def keep(self, uri: str) -> None:
        """The page at `uri` was kept whole: keep its rows for when it is rendered again."""
        if uri in self._previous:
            self._current[uri] = self._previous[uri]

    @contextmanager
    def rendering(self, uri: str) -> Iterator[None]:
        """While the page at `uri` is rendered, its rows are kept (under its uri: their links are relative)."""
        self._page = uri if self.keeping else None
        try:
            yield
        finally:
            self._page = None

    def row(self, tag: str, parts: Sequence[object], render: Callable[[], Markup]) -> Markup:
        """The row of the tag at `tag` (``template:line``) keyed by `parts` on the page being rendered: kept, or
        `render()`."""
        if self._keys is None or self._page is None:
            return render()
        key = (tag, *(self._keys.journey(part) if isinstance(part, Journey) else part for part in parts))
        kept = self._current.setdefault(self._page, {})
        text = kept.get(key)
        if text is None:
            text = self._previous.get(self._page, {}).get(key)
            kept[key] = text = render() if text is None else text
        return text


class CachedRows(Extension):
    """The `{% cached part, … %}` tag (see the module's docstring); the store is `environment.fragments`."""

    tags = {"cached"}

    def __init__(self, environment) -> None:
        super().__init__(environment)
        environment.extend(fragments=None)

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        parts = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            parts.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcached",), drop_needle=True)
        call = self.call_method("_row", [nodes.Const(f"{parser.name}:{lineno}"), nodes.List(parts)])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _row(self, tag: str, parts: list[object], caller: Callable[[], Markup]) -> Markup:
        fragments: Fragments | None = self.environment.fragments  # type: ignore[attr-defined]
        return caller() if fragments is None else fragments.row(tag, parts, caller)
