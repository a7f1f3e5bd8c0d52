"""The `cjm` MkDocs plugin: journey data in, generated pages and navigation out.

Event hooks only; the pages are made by :mod:`cjm_mkdocs.pages`.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib.resources import files as package_files
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.structure.pages import Page
from mkdocs.utils import nest_paths

from . import pages
from .catalog import Catalog
from .config import JourneyPluginConfig
from .labels import labels
from .loading import JourneyLoader
from .mermaid_library import MermaidLibrary, with_preloads
from .model import Journey

log = get_plugin_logger(__name__)

ASSETS = pages.ASSETS
STYLES = ("cjm.css",)
SCRIPTS = ("catalog-filter.js", "table-sort.js")


class JourneyPlugin(BasePlugin[JourneyPluginConfig]):
    """Validates the journey data and publishes it as pages of the site."""

    def __init__(self) -> None:
        self.loader: JourneyLoader | None = None
        self.site: pages.Site | None = None
        self.env = pages.environment()
        self.titles: dict[str, str] = {}
        self.mermaid = MermaidLibrary(None, esm=False)
        self.preloads: list[str] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Declared so MkDocs keeps this instance (and the loader's cache) across `serve` rebuilds."""

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Set up the loader and templates; register the plugin's CSS and JavaScript."""
        root = self._base(config) / self.config.data_dir
        if self.loader is None or self.loader.root != root:
            self.loader = JourneyLoader(root, base=self._base(config), max_bytes=self.config.max_file_size)
        self.env = pages.environment([Path(folder) / "cjm" for folder in config.theme.dirs])
        self.mermaid = MermaidLibrary.configured(self.config.mermaid_js, self.config.mermaid_esm, self._base(config),
                                                 config.plugins)
        config.extra_css.extend(f"{ASSETS}/{name}" for name in STYLES)
        config.extra_javascript.extend([*self.mermaid.scripts(), *(f"{ASSETS}/{name}" for name in SCRIPTS)])
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Load and check the data, then add every generated page and asset."""
        catalog = self._load()
        self.site = pages.Site(catalog, labels(self.config.language), self.config.today or dt.date.today(),
                               self._edit_base(config), config.use_directory_urls)
        generated = pages.generate(self.site, self.env)
        downloads = pages.downloads(self.site)
        self.titles = {page.uri: page.title for page in generated}
        taken = sorted(uri for uri in [*self.titles, *downloads] if files.get_file_from_path(uri))
        if taken:
            raise PluginError(f"{', '.join(taken)} in {self._docs(config)} would hide pages the cjm plugin "
                              "generates; move or rename them")
        config.nav = self._nav(config, files, catalog)
        for file in [f for f in files if self._is_template(f, config)]:
            files.remove(file)
        for page in generated:
            files.append(File.generated(config, page.uri, content=page.markdown))
        for uri, content in downloads.items():
            files.append(File.generated(config, uri, content=content))
        for name in (*STYLES, *self.mermaid.own_assets(), *SCRIPTS):
            content = package_files("cjm_mkdocs").joinpath("assets", name).read_text(encoding="utf-8")
            files.append(File.generated(config, f"{ASSETS}/{name}", content=content))
        for uri, path in self.mermaid.files().items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        self.preloads = self.mermaid.preloads()
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Title generated pages safely; expand `<!-- cjm:diagram|matrix|curve <id> -->` lines in hand-written ones."""
        if page.file.src_uri in self.titles:
            page.meta["title"] = pages.html_title(self.titles[page.file.src_uri])
            return markdown
        if self.site is None:
            return markdown
        expanded, problems = pages.expand_embeds(markdown, page.file.src_uri, self.site, self.env)
        for problem in problems:
            log.warning(f"{self._docs(config)}/{problem}")
        return expanded

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Let pages that draw diagrams fetch Mermaid's modules while they are parsed."""
        return with_preloads(output, self.preloads, page)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        """Rebuild when the journey data changes."""
        if self.loader is not None:
            server.watch(str(self.loader.root))
        return server

    def _load(self) -> Catalog:
        assert self.loader is not None
        catalog, problems = self.loader.load()
        for problem in problems:
            (log.error if problem.severity == "error" else log.warning)(str(problem))
        errors = sum(problem.severity == "error" for problem in problems)
        if errors:
            raise PluginError(f"the journey data has {errors} error(s), listed above; "
                              f"`cjm validate {self.config.data_dir}` shows the same list")
        log.debug(f"read {self.loader.parsed_files} changed data file(s)")
        return catalog

    def _nav(self, config: MkDocsConfig, files: Files, catalog: Catalog) -> list:
        """The site's navigation with the journey, persona and department sections inserted."""
        if config.nav is not None:
            nav = list(config.nav)
        else:
            documents = sorted(files.documentation_pages(), key=file_sort_key)
            nav = nest_paths(f.src_uri for f in documents if f.inclusion.is_in_nav())
        position = self.config.nav_position
        return nav[:position] + self._sections(catalog) + nav[position:]

    def _sections(self, catalog: Catalog) -> list[dict]:
        words = labels(self.config.language)
        segments: dict[str, list[str]] = {}
        for journey in sorted(catalog.journeys.values(), key=_journey_order):
            segments.setdefault(journey.segment, []).append(pages.page_uri("journey", journey.id))
        grouped: list = [{str(escape(name)): uris} for name, uris in segments.items()]
        journeys = grouped if len(segments) > 1 else [uri for uris in segments.values() for uri in uris]
        return [
            {words["journeys"]: [pages.page_uri("journey"), *journeys]},
            {words["personas"]: [pages.page_uri("persona"), *(pages.page_uri("persona", i) for i in catalog.personas)]},
            {words["departments"]: [pages.page_uri("department"),
                                    *(pages.page_uri("department", i) for i in catalog.departments)]},
            {words["overview"]: [pages.page_uri("overview"), *(pages.page_uri("overview", v) for v in pages.OVERVIEW)]},
        ]

    def _edit_base(self, config: MkDocsConfig) -> str | None:
        base = self.config.edit_uri
        if base and re.match(r"https?://", base):
            return base
        if not config.repo_url:
            return None
        return urljoin(config.repo_url.rstrip("/") + "/", base or "edit/main/")

    @staticmethod
    def _is_template(file: File, config: MkDocsConfig) -> bool:
        """Whether a theme file is one of the site's cjm template overrides (not published)."""
        folders = [Path(folder, "cjm") for folder in config.theme.dirs]
        return file.abs_src_path is not None and any(Path(file.abs_src_path).is_relative_to(f) for f in folders)

    @staticmethod
    def _base(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _docs(self, config: MkDocsConfig) -> str:
        """docs_dir as written relative to mkdocs.yml where possible, for messages."""
        docs = Path(config.docs_dir).resolve()
        return docs.relative_to(self._base(config)).as_posix() if docs.is_relative_to(self._base(config)) else str(docs)


def _journey_order(journey: Journey) -> tuple[str, str]:
    return journey.segment.casefold(), journey.title.casefold()
