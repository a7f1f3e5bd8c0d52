"""Generated pages kept from one build to the next, as `mkdocs serve` rebuilds with the same plugin.

A page is rendered again only when its key (:mod:`cjm_mkdocs.site.keys`) changed; most of a rebuild after one
journey was edited is then the pages across all journeys, and of those only the rows about it are rendered
again (:mod:`cjm_mkdocs.site.fragments`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment

from ..core.model import Journey, Persona, ResearchSource
from .fragments import Fragments
from .keys import PageKeys, digest
from .inputs import Site
from .pages import GeneratedPage


@dataclass(frozen=True)
class KeptPage:
    """A rendered page, the key it was rendered under, and a digest of its text."""

    key: str
    page: GeneratedPage
    text: str
    """Of the page's title and its Markdown with the HTML blocks in place: equal texts give equal pages."""

    @classmethod
    def of(cls, key: str, page: GeneratedPage) -> KeptPage:
        markdown = page.markdown if page.blocks is None else page.blocks.restore(page.markdown)
        return cls(key, page, digest(page.title, markdown))


class PageCache:
    """The pages of the last build, by source path; :meth:`start` each build, then :meth:`page` each page."""

    def __init__(self) -> None:
        self._keys: PageKeys | None = None
        self.fragments = Fragments()
        self.rendered: list[str] = []
        """The pages the current build rendered (the others were kept)."""
        self._previous: dict[str, KeptPage] = {}
        self._current: dict[str, KeptPage] = {}

    def start(self, site: Site, env: Environment) -> None:
        """Begin a build of `site` through the templates of `env`; pages it does not make are forgotten."""
        self._keys = PageKeys(site, env)
        self.fragments.start(self._keys)
        env.fragments = self.fragments  # type: ignore[attr-defined]
        self.rendered = []
        self._previous, self._current = self._current or self._previous, {}

    def page(self, make: Callable[[], GeneratedPage], template: str, uri: str, title: str, source: str | None,
             shows: Journey | Persona | ResearchSource | None = None, news: bool = False) -> GeneratedPage:
        """The page at `uri` (about the journey or persona `shows`, if any, or with `news` the history of all):
        kept from the last build if its key is the same, else `make()`."""
        key = self.keys.page(template, uri, title, source, shows, news)
        kept = self._previous.get(uri)
        if kept is None or kept.key != key:
            with self.fragments.rendering(uri):
                kept = KeptPage.of(key, make())
            self.rendered.append(uri)
        else:
            self.fragments.keep(uri)
        self._current[uri] = kept
        return kept.page

    @property
    def keys(self) -> PageKeys:
        """The keys of the current build."""
        assert self._keys is not None, "start() a build first"
        return self._keys

    def text(self, uri: str) -> str:
        """The digest of the text of the page at `uri`, as this build made it."""
        return self._current[uri].text
