"""Workshop posters: a journey's header, emotion curve and touchpoint matrix as a landscape PDF (A3 or A1).

Rendered from the journey page's own context (:func:`~cjm_mkdocs.site.contexts.journey.poster_page`) through
``poster.html.j2``, then written by WeasyPrint, offline (:mod:`cjm_mkdocs.render.pdf`). WeasyPrint takes a second
or more per poster, so a site keeps each poster in a folder (`.cache/plugin/cjm/posters/`) under the key of what
it shows (:mod:`cjm_mkdocs.site.keys`) and writes only those whose key changed.
"""

from __future__ import annotations

import time
from functools import partial
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from jinja2 import Environment

from ..core.atomic import replace_text
from ..core.model import Journey
from ..render import pdf
from .contexts.journey import poster_page
from .inputs import Site
from .keys import PageKeys, digest
from .links import poster_uri

TEMPLATE = "poster.html.j2"
SITE_SIZE = "a3"
"""The size of the posters a site links from its journey pages."""


def asset_folder() -> Path:
    """The package's assets: the only folder a poster may read files from (relative addresses point there)."""
    return Path(str(package_files("cjm_mkdocs").joinpath("assets")))


def poster_html(site: Site, env: Environment, journey: Journey, size: str, shrink: float = 1.0) -> str:
    """The poster of `journey` as HTML, its type `shrink`-ed, every editor string escaped by the page's partials."""
    return env.get_template(TEMPLATE).render(poster_page(site, journey, size, shrink).variables())


def poster_pdf(site: Site, env: Environment, journey: Journey, size: str, fetcher: Any = None) -> bytes:
    """The poster of `journey` as a PDF of `size` (`fetcher`: see :func:`cjm_mkdocs.render.pdf.write_pdf`)."""
    return pdf.write_pdf(partial(poster_html, site, env, journey, size), [asset_folder()], fetcher)


class PosterShelf:
    """The site's posters, kept in `folder` (None: nowhere) from build to build under the key of what each shows."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.made: list[str] = []
        """The journeys whose poster the last :meth:`posters` wrote anew (the others were kept)."""
        self.seconds = 0.0
        """How long the last :meth:`posters` took."""

    def posters(self, site: Site, env: Environment, keys: PageKeys) -> dict[str, bytes]:
        """Site path → PDF of every journey's poster in the site's size."""
        start, self.made = time.perf_counter(), []
        found = {poster_uri(journey.id): self._poster(site, env, keys, journey)
                 for journey in site.catalog.journeys.values()}
        self.seconds = time.perf_counter() - start
        return found

    def _poster(self, site: Site, env: Environment, keys: PageKeys, journey: Journey) -> bytes:
        uri, source = poster_uri(journey.id), site.catalog.source_file("journey", journey.id)
        key = digest(keys.page(TEMPLATE, uri, journey.title, source, journey), SITE_SIZE, pdf.version())
        kept = self._kept(journey, key)
        if kept is not None:
            return kept
        made = poster_pdf(site, env, journey, SITE_SIZE)
        self.made.append(journey.id)
        self._keep(journey, key, made)
        return made

    def _file(self, journey: Journey, key: str) -> Path | None:
        """Where the poster of `journey` under `key` is kept (ids hold no dot: ``<id>.a3.<key>.pdf`` is theirs)."""
        return self.folder / f"{journey.id}.{SITE_SIZE}.{key}.pdf" if self.folder else None

    def _kept(self, journey: Journey, key: str) -> bytes | None:
        file = self._file(journey, key)
        try:
            return file.read_bytes() if file and file.is_file() and not file.is_symlink() else None
        except OSError:
            return None

    def _keep(self, journey: Journey, key: str, made: bytes) -> None:
        """Keep the new poster and drop the journey's older ones; a folder that cannot be written keeps none."""
        file = self._file(journey, key)
        if file is None:
            return
        try:
            for older in file.parent.glob(f"{journey.id}.{SITE_SIZE}.*.pdf"):
                older.unlink()
            replace_text(file, made)
        except OSError:
            return
