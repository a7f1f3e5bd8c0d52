"""Dirty builds (`mkdocs serve --dirty`): MkDocs rebuilds only the pages whose file says it was modified.

A generated file always says so. Here a generated page says so only when its text differs from the one the site
folder holds from the last finished build; a hand-written page (besides MkDocs' own check of its file) when what
its `<!-- cjm:… -->` lines show changed; every page when the navigation did (its generated pages, their titles
and order). A page MkDocs skips keeps its title in the navigation of the others (:meth:`Rebuilds.restore`).
The first build of a plugin instance, and any build after one that failed while writing, is left to MkDocs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..site.keys import Embed, PageKeys, embeds


class UnchangedPage(File):
    """A generated page whose HTML in the site folder is up to date: dirty builds skip it."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)


class ChangedPage(File):
    """A hand-written page to rebuild although its file is older than its HTML."""

    def is_modified(self) -> bool:
        return True

    @classmethod
    def of(cls, file: File) -> ChangedPage:
        return cls(file.src_path, file.src_dir, file.dest_dir, file.use_directory_urls, dest_uri=file.dest_uri,
                   inclusion=file.inclusion)


@dataclass(frozen=True)
class Built:
    """A page as the site folder holds it."""

    key: str
    """A generated page: the digest of its text; a hand-written one: the key of its embeds (or "")."""
    embeds: tuple[Embed, ...] = ()
    title: str | None = None
    meta: dict = field(default_factory=dict)


class Rebuilds:
    """What the site folder holds of each page since the last finished build, and so what a build rebuilds."""

    def __init__(self) -> None:
        self._built: dict[str, Built] = {}
        self._nav = ""
        self._next_nav = ""
        self._nav_changed = False
        self._keys: dict[str, tuple[str, tuple[Embed, ...]]] = {}
        self._pages: list[Page] = []
        self._writing = False

    def start(self, files: Files, nav: str, keys: PageKeys) -> Files:
        """Begin a build with the navigation digest `nav`; `files` with the hand-written pages to rebuild marked."""
        self._keys, self._pages, self._writing = {}, [], False
        self._next_nav, self._nav_changed = nav, nav != self._nav
        if not self._built:
            return files
        return Files([ChangedPage.of(file) if self._stale(file, keys) else file for file in files])

    def generated(self, config: MkDocsConfig, uri: str, markdown: str, inclusion: InclusionLevel, text: str) -> File:
        """The file of a generated page with the text digest `text`: unchanged if the site folder holds it so."""
        self._keys[uri] = (text, ())
        built = self._built.get(uri)
        unchanged = built is not None and built.key == text and not self._nav_changed
        return (UnchangedPage if unchanged else File).generated(config, uri, content=markdown, inclusion=inclusion)

    def read(self, uri: str, markdown: str, keys: PageKeys) -> None:
        """Note what the embeds of the hand-written page `uri` show, as it is being rebuilt."""
        found = embeds(markdown)
        if found:
            self._keys[uri] = (keys.embedded(found), found)

    def restore(self, files: Files) -> None:
        """Give each page MkDocs skipped the title and metadata it had when it was built (for the navigation)."""
        self._pages = [file.page for file in files if file.is_documentation_page() and file.page is not None]
        for page in self.skipped():
            built = self._built.get(page.file.src_uri)
            if built is not None and page.title is None:
                page.title, page.meta = built.title, dict(built.meta)
        self._writing = True

    @property
    def pages(self) -> list[Page]:
        """The pages of this build, in MkDocs' order."""
        return self._pages

    def skipped(self) -> list[Page]:
        """The pages of this build that MkDocs did not rebuild."""
        return [page for page in self._pages if page.content is None]

    def finish(self) -> None:
        """The build is written: remember what the site folder holds now."""
        built = {}
        for page in self._pages:
            uri = page.file.src_uri
            if page.content is not None:
                key, found = self._keys.get(uri, ("", ()))
                built[uri] = Built(key, found, page.title, dict(page.meta))
            elif uri in self._built:
                built[uri] = self._built[uri]
        self._built, self._nav, self._writing = built, self._next_nav, False

    def failed(self) -> None:
        """The build failed: if it had begun to write pages, what the site folder holds is unknown."""
        if self._writing:
            self._built, self._writing = {}, False

    def _stale(self, file: File, keys: PageKeys) -> bool:
        """Whether a hand-written page must be rebuilt for what the plugin shows in it."""
        if not file.is_documentation_page() or file.generated_by is not None:
            return False
        built = self._built.get(file.src_uri)
        return self._nav_changed or (built is not None and bool(built.embeds)
                                     and keys.embedded(built.embeds) != built.key)
