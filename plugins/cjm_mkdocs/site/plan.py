"""One plan of everything the journey data adds to a site, used by the MkDocs plugin and by `cjm generate`.

So the two cannot drift: the same pages, downloads and assets, and the same embeds in hand-written pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib.resources import files as package_files

from jinja2 import Environment

from .blocks import HtmlBlocks
from .cache import PageCache
from .keys import PageKeys
from .pages import ASSETS, GeneratedPage, Site, downloads, expand_embeds, generate, media
from .posters import PosterShelf

STYLES = ("cjm.css",)
SCRIPTS = ("catalog-filter.js", "table-sort.js", "table-scroll.js", "sidebar.js")
"""The site's own stylesheet and scripts (in the package's `assets/`), served from :data:`ASSETS`."""
MERMAID_CONFIG = "mermaid-config.js"
"""The script that wraps Mermaid's initialize and render (classic build or ES modules)."""
MERMAID_LOADER = "mermaid-load.mjs"
"""The loader module of Mermaid's ES module build."""


class SitePlan:
    """Every generated page, download, research file and asset of a site, and the embeds of its hand-written pages."""

    def __init__(self, site: Site, env: Environment, hold_html: bool = False, cache: PageCache | None = None,
                 shelf: PosterShelf | None = None) -> None:
        """`cache` keeps the pages from one plan to the next (see :mod:`cjm_mkdocs.site.cache`), `shelf` the posters
        (made when `site.posters` says so)."""
        self.site = site
        self.env = env
        if cache is not None:
            cache.start(site, env)
        self.pages: list[GeneratedPage] = generate(site, env, hold_html, cache)
        self.downloads: dict[str, str] = downloads(site)
        self.media: dict[str, bytes] = media(site)
        """The research folder's files the pages show (photos, clips, reports), by site path."""
        keys = cache.keys if cache is not None else PageKeys(site, env)
        self.posters: dict[str, bytes] = (shelf or PosterShelf(None)).posters(site, env, keys) if site.posters else {}
        """Site path → PDF of each journey's poster."""

    def uris(self) -> list[str]:
        """The source path of every page, download, research file and poster the plan adds."""
        return [*(page.uri for page in self.pages), *self.downloads, *self.media, *self.posters]

    def clashes(self, hand_written: Iterable[str]) -> list[str]:
        """Hand-written files that would hide a page or download of the plan."""
        planned = set(self.uris())
        return sorted(uri for uri in hand_written if uri in planned)

    @staticmethod
    def assets(mermaid: Sequence[str]) -> dict[str, str]:
        """Site URI → text of the stylesheet and scripts, with the Mermaid scripts named in `mermaid`."""
        folder = package_files("cjm_mkdocs").joinpath("assets")
        return {f"{ASSETS}/{name}": folder.joinpath(name).read_text(encoding="utf-8")
                for name in (*STYLES, *mermaid, *SCRIPTS)}

    def expand(self, markdown: str, here: str, blocks: HtmlBlocks | None = None) -> tuple[str, list[str]]:
        """A hand-written page with its `<!-- cjm:… -->` lines expanded, and a problem per broken one."""
        return expand_embeds(markdown, here, self.site, self.env, blocks)
