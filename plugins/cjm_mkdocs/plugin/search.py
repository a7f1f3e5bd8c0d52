"""The search index of a dirty build, with the pages MkDocs skipped.

MkDocs' `search` and mkdocs-material's index a page while they render it, so in a dirty build they see only the
pages it rebuilt (mkdocs-material then merges its previous index in, assuming that one page changed). Before they
write the index, :meth:`KeptSearch.complete` puts back the entries of every skipped page, kept from the build that
made it, in the order of a full build.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

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
