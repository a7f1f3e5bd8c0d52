"""The search index: of a dirty build, with the pages MkDocs skipped; of any build, read without the excluded parts.

MkDocs' `search` and mkdocs-material's index a page while they render it, so in a dirty build they see only the
pages it rebuilt (mkdocs-material then merges its previous index in, assuming that one page changed). Before they
write the index, :meth:`KeptSearch.complete` puts back the entries of every skipped page, kept from the build that
made it, in the order of a full build.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator, Mapping, Sequence

from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from ..render.hyphenation import SOFT_HYPHEN

Entry = dict[str, object]


class KeptSearch:
    """The search entries of each page, by search plugin and page."""

    def __init__(self) -> None:
        self._kept: dict[str, dict[str, list[Entry]]] = {}

    def complete(self, plugins: Mapping[str, BasePlugin], pages: Sequence[Page]) -> None:
        """Give each search plugin's index the kept entries of the `pages` this build did not render."""
        for name, plugin in plugins.items():
            entries = _entries(plugin)
            if entries is None:
                continue
            kept = self._kept[name] = _by_page(entries, pages, self._kept.get(name, {}))
            entries[:] = [entry for page in pages for entry in kept[page.file.src_uri]] + _others(entries, pages)
            if hasattr(plugin, "search_index_prev"):
                plugin.search_index_prev = None  # mkdocs-material's own merge would add the old entries once more


def without_soft_hyphens(plugins: Mapping[str, BasePlugin]) -> None:
    """Take the soft hyphens of narrow table columns (:mod:`cjm_mkdocs.render.hyphenation`) out of each search
    plugin's index: a word is searched for whole."""
    for plugin in plugins.values():
        for entry in _entries(plugin) or []:
            for key in ("title", "text"):
                value = entry.get(key)
                if isinstance(value, str) and SOFT_HYPHEN in value:
                    entry[key] = value.replace(SOFT_HYPHEN, "")


def _entries(plugin: BasePlugin) -> list[Entry] | None:
    """The entries of a search plugin's index (mkdocs-material's or MkDocs' own), None for other plugins."""
    index = getattr(plugin, "search_index", None)
    entries = getattr(index, "entries", getattr(index, "_entries", None))
    return entries if isinstance(entries, list) else None


def _by_page(entries: list[Entry], pages: Sequence[Page], kept: Mapping[str, list[Entry]]) -> dict[str, list[Entry]]:
    """Each page's entries: this build's if it was rendered, else those kept for it."""
    rendered: dict[str, list[Entry]] = {}
    for entry in entries:
        rendered.setdefault(_page_url(entry), []).append(entry)
    return {page.file.src_uri: rendered.get(page.url, []) if page.content is not None
            else kept.get(page.file.src_uri, []) for page in pages}


def _others(entries: list[Entry], pages: Sequence[Page]) -> list[Entry]:
    """Entries of no page (another plugin's), kept in place at the end."""
    urls = {page.url for page in pages}
    return [entry for entry in entries if _page_url(entry) not in urls]


def _page_url(entry: Entry) -> str:
    return str(entry.get("location", "")).partition("#")[0]


class ExcludedFromSearch:
    """Keeps the elements marked `data-search-exclude` out of mkdocs-material's search parser, which reads every tag
    of them only to drop them: on a page across 1,000 journeys that is most of its seconds.

    :meth:`hide` swaps the contents of each such element of a page for a comment (leaving its tags, so the index
    comes out the same) before the search plugin reads the page; :meth:`restore` puts the contents back after it.
    Elements the parser does not skip whole stay as they are (see :func:`_excluded`). MkDocs' own search ignores
    the mark, so nothing is hidden when a search plugin other than mkdocs-material's is in use.
    """

    def __init__(self) -> None:
        self._hidden: dict[str, list[str]] = {}
        self._mark = f"<!--cjm-search {secrets.token_hex(8)} {{}}-->"
        self._placeholder = re.compile(self._mark.replace("{}", r"(\d+)"))

    @staticmethod
    def applies(plugins: Mapping[str, BasePlugin]) -> bool:
        """Whether every search plugin in use is mkdocs-material's (and there is one)."""
        found = [plugin for plugin in plugins.values() if _entries(plugin) is not None]
        return bool(found) and all(type(plugin).__module__.startswith("material.") for plugin in found)

    def hide(self, page: Page) -> None:
        """Put a placeholder comment in place of the contents of each excluded element of the page."""
        content, hidden, parts, position = page.content or "", [], [], 0
        for inner, end in _excluded(content):
            parts += [content[position:inner], self._mark.format(len(hidden))]
            hidden.append(content[inner:end])
            position = end
        if hidden:
            page.content = "".join(parts) + content[position:]
            self._hidden[page.file.src_uri] = hidden

    def restore(self, page: Page) -> None:
        """Put back what :meth:`hide` took from the page."""
        hidden = self._hidden.pop(page.file.src_uri, None)
        if hidden:
            page.content = self._placeholder.sub(lambda found: hidden[int(found.group(1))], page.content or "")


_MARK = "data-search-exclude"
_START_TAG = re.compile(r"""<([a-z][a-z0-9]*)((?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""")
_ATTRIBUTE_NAME = re.compile(r"""\s([^\s"'=<>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_HEADING = re.compile(r"<h[1-6][\s>]")


def _excluded_tag(content: str, position: int) -> re.Match[str] | None:
    """The next start tag from `position` on that has the attribute `data-search-exclude` (not text that reads so,
    as in an attribute's value: editor text must not take anything out of search)."""
    while (found := content.find(_MARK, position)) >= 0:
        start = content.rfind("<", 0, found)
        tag = _START_TAG.match(content, start) if start >= 0 else None
        if tag and tag.end() > found and _MARK in _ATTRIBUTE_NAME.findall(tag.group(2)):
            return tag
        position = found + len(_MARK)
    return None


def _excluded(content: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the contents of each outermost excluded element, in order, but for those holding a heading or
    an element of their own tag: mkdocs-material's parser indexes what follows a nested element of the same tag."""
    position = 0
    while found := _excluded_tag(content, position):
        tag, inner = found.group(1), found.end()
        end = _closing(content, tag, inner)
        if end is None:
            return
        if not _HEADING.search(content, inner, end) and not re.search(rf"<{tag}\b", content[inner:end]):
            yield inner, end
        position = end


def _closing(content: str, tag: str, position: int) -> int | None:
    """Where the element `tag` opened before `position` closes (the start of its end tag), or None."""
    depth, pattern = 1, re.compile(rf"<(/?){tag}\b")
    while found := pattern.search(content, position):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.start()
        position = found.end()
    return None
