"""The `cjm` MkDocs plugin: journey data in, generated pages and navigation out.

Event hooks only; the pages are made by :mod:`cjm_mkdocs.site.pages`.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import nest_paths

from ..site import csp, links, pages
from ..site.plan import SCRIPTS, STYLES, SitePlan
from ..site.blocks import HtmlBlocks
from ..site.cache import PageCache
from ..site.posters import PosterShelf
from ..render.pdf import PdfUnavailable
from ..site.keys import digest
from ..core.catalog import Catalog
from .config import JourneyPluginConfig
from ..core.labels import labels
from ..core.loading import JourneyLoader
from ..core.messages import speaking, t
from ..core.versions import data_history
from .mermaid_library import MermaidLibrary, with_preloads
from .rebuilds import Rebuilds
from .search import ExcludedFromSearch, KeptSearch, without_soft_hyphens
from ..core.model import Journey
from ..views.timeline import ChangeCache, Histories, JourneyHistory, journey_histories
from ..views.journey import current_before_target

log = get_plugin_logger(__name__)
CACHE_FILE = ".cache/plugin/cjm/changes.json"
"""What each commit changed in a journey, kept between runs (beside mkdocs.yml, like mkdocs-material's caches)."""
POSTER_FOLDER = ".cache/plugin/cjm/posters"
"""The journeys' posters (the `posters` option), kept between runs under the key of what each shows."""



class JourneyPlugin(BasePlugin[JourneyPluginConfig]):
    """Validates the journey data and publishes it as pages of the site."""

    def __init__(self) -> None:
        self.loader: JourneyLoader | None = None
        self.changes: ChangeCache | None = None
        self.histories: Histories | None = None
        self.plan: SitePlan | None = None
        self.env = pages.environment()
        self.template_dirs: tuple[tuple[Path | str, ...], ...] = ((),)
        self.titles: dict[str, str] = {}
        self.held: dict[str, HtmlBlocks] = {}
        self.mermaid = MermaidLibrary(None, esm=False)
        self.preloads: list[str] = []
        self.policies: csp.Policies | None = None
        self.cache = PageCache()
        self.rebuilds = Rebuilds()
        self.search = KeptSearch()
        self.excluded = ExcludedFromSearch()
        self.search_excluded_hidden = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Declared so MkDocs keeps this instance (and its caches) across `serve` rebuilds; only those keep the rows
        of the pages across all journeys (a single build would hold them for nothing)."""
        self.cache.fragments.keeping = command == "serve"

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Set up the loader and templates; register the plugin's CSS and JavaScript."""
        root = self._base(config) / self.config.data_dir
        if self.loader is None or (self.loader.root, self.loader.language) != (root, self.config.language):
            self.loader = JourneyLoader(root, base=self._base(config), max_bytes=self.config.max_file_size,
                                        max_media_bytes=self.config.max_media_size, language=self.config.language)
        self._templates([Path(folder) / "cjm" for folder in config.theme.dirs])
        self.mermaid = MermaidLibrary.configured(self.config.mermaid_js, self.config.mermaid_esm, self._base(config),
                                                 config.plugins)
        config.extra_css.extend(f"{pages.ASSETS}/{name}" for name in STYLES)
        config.extra_javascript.extend([*self.mermaid.scripts(), *(f"{pages.ASSETS}/{name}" for name in SCRIPTS)])
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Load and check the data, then add every generated page and asset."""
        with speaking(self.config.language):
            return self._files(files, config)

    def _files(self, files: Files, config: MkDocsConfig) -> Files:
        start = time.perf_counter()
        # now, not in on_config: the search plugins make their index in their own on_config or on_pre_build
        self.search_excluded_hidden = ExcludedFromSearch.applies(config.plugins)
        catalog = self._load()
        self.plan = self._plan(catalog, config)
        generated = self.plan.pages
        self.titles = {page.uri: page.title for page in generated}
        self.held = {page.uri: page.blocks for page in generated if page.blocks}
        taken = self.plan.clashes(file.src_uri for file in files)
        if taken:
            raise PluginError(t("{files} in {folder} would hide pages the cjm plugin generates; move or rename them",
                                files=", ".join(taken), folder=self._docs(config)))
        config.nav = self._nav(config, files, catalog)
        listed = _uris(config.nav)
        in_nav = set(listed)
        for file in [f for f in files if self._is_template(f, config)]:
            files.remove(file)
        nav = digest(config.nav, [self.titles.get(uri) for uri in listed])
        files = self.rebuilds.start(files, nav, self.cache.keys)
        for page in generated:
            inclusion = InclusionLevel.UNDEFINED if page.uri in in_nav else InclusionLevel.NOT_IN_NAV
            text = self.cache.text(page.uri)
            files.append(self.rebuilds.generated(config, page.uri, page.markdown, inclusion, text))
        made = {**self.plan.downloads, **self.plan.media, **self.plan.posters,
                **self.plan.assets(self.mermaid.own_assets())}
        for uri, content in made.items():
            files.append(File.generated(config, uri, content=content))
        for uri, path in self.mermaid.files().items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        self.preloads = self.mermaid.preloads()
        log.info(f"{self.plan.site.catalog.summary()} ({self.loader.parsed_files} changed data file(s) read): "
                 f"{len(generated)} pages made in {time.perf_counter() - start:.2f} s")
        log.debug(f"{len(self.cache.rendered)} of {len(generated)} pages rendered, the others kept from the last build")
        return files

    def _plan(self, catalog: Catalog, config: MkDocsConfig) -> SitePlan:
        """The site's pages, downloads and (with the `posters` option) posters."""
        shelf = PosterShelf(self._base(config) / POSTER_FOLDER) if self.config.posters else None
        try:
            plan = SitePlan(self._site(catalog, config), self.env, hold_html=True, cache=self.cache, shelf=shelf)
        except PdfUnavailable as exc:
            raise PluginError(t("posters: {reason}; or set `posters: false`", reason=exc)) from None
        finally:
            self._history_done()
        if shelf is not None:
            log.info(t("posters: {made} of {count} written in {seconds} s, the others kept in {folder}",
                       made=len(shelf.made), count=len(plan.posters), seconds=round(shelf.seconds, 1),
                       folder=POSTER_FOLDER))
        return plan

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Title generated pages safely; expand `<!-- cjm:diagram|matrix|curve <id> -->` lines in hand-written ones."""
        if page.file.src_uri in self.titles:
            page.meta["title"] = pages.html_title(self.titles[page.file.src_uri])
            return markdown
        if self.plan is None:
            return markdown
        self.rebuilds.read(page.file.src_uri, markdown, self.cache.keys)
        blocks = HtmlBlocks()
        with speaking(self.config.language):
            expanded, problems = self.plan.expand(markdown, page.file.src_uri, blocks)
        for problem in problems:
            log.warning(f"{self._docs(config)}/{problem}")
        if blocks:
            self.held[page.file.src_uri] = blocks
        return expanded

    @event_priority(100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put the page's HTML blocks back, before other plugins see the page; register their anchors."""
        blocks = self.held.get(page.file.src_uri)
        if blocks is None:
            return html
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= blocks.anchor_ids()
        return blocks.restore(html)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Find the theme's inline scripts, which the Content-Security-Policy allows (with the `csp` option); give
        the pages a dirty build skips their titles in the navigation."""
        self.rebuilds.restore(files)
        earlier, self.policies = self.policies, csp.Policies(csp.ThemeScripts.of(env)) if self.config.csp else None
        if self.policies is not None and earlier is not None:
            self.policies.keep(earlier, [page.file.src_uri for page in self.rebuilds.skipped()])
        return env

    @event_priority(100)
    def _on_page_context_first(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        """Render the theme's inline scripts as they appear in this page; keep what search excludes out of its way."""
        if self.policies is not None:
            self.policies.render(page.file.src_uri, context)
        if self.search_excluded_hidden:
            self.excluded.hide(page)
        return context

    @event_priority(-100)
    def _on_page_context_last(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        """Put back what search excludes, once the search plugin has read the page."""
        self.excluded.restore(page)
        return context

    on_page_context = CombinedEvent(_on_page_context_first, _on_page_context_last)

    def on_template_context(self, context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
        """Render the theme's inline scripts as they appear in a page of the theme's own (404.html)."""
        if self.policies is not None and template_name.endswith(".html"):
            self.policies.render(template_name, context)
        return context

    @event_priority(100)
    def _on_post_page_first(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Let pages that draw diagrams fetch Mermaid's modules while they are parsed; report inline scripts that
        are not the theme's, before other plugins add theirs."""
        if self.policies is not None:
            self._report(page.file.src_uri, self.policies.rendered(page.file.src_uri, output))
        return with_preloads(output, self.preloads, page)

    @event_priority(-100)
    def _on_post_page_last(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Declare the page's Content-Security-Policy once every plugin has changed the page."""
        return output if self.policies is None else self.policies.protect(page.file.src_uri, output)

    on_post_page = CombinedEvent(_on_post_page_first, _on_post_page_last)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """Declare the Content-Security-Policy of a page of the theme's own (404.html)."""
        if self.policies is None or not template_name.endswith(".html"):
            return output_content
        self._report(template_name, self.policies.rendered(template_name, output_content))
        return self.policies.protect(template_name, output_content)

    @event_priority(50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the policy of all pages together, as the HTTP header a web server may send instead; before the
        search plugins write their index, put back the entries of the pages a dirty build skipped and take the
        soft hyphens out."""
        if self.policies is not None:
            Path(config.site_dir, csp.HEADER_FILE).write_text(csp.header(self.policies.allowed) + "\n",
                                                               encoding="utf-8")
        self.search.complete(config.plugins, self.rebuilds.pages)
        without_soft_hyphens(config.plugins)
        self.rebuilds.finish()

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build may have written some pages: the next one does not rely on what the site folder holds."""
        self.rebuilds.failed()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        """Rebuild when the journey data changes."""
        if self.loader is not None:
            server.watch(str(self.loader.root))
        return server

    def _report(self, page: str, scripts: set[str]) -> None:
        if scripts:
            with speaking(self.config.language):
                log.warning(t("{page}: {count} inline script(s) that are not the theme's; the site's "
                              "Content-Security-Policy keeps browsers from running them (put the code in a file listed "
                              "in extra_javascript)", page=page, count=len(scripts)))

    def _templates(self, folders: list[Path]) -> None:
        """The templates of the site's overrides, then the plugin's; kept from build to build (Jinja reloads an edited
        template itself), made anew when an override comes or goes."""
        found = tuple((folder, *sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")))
                      for folder in folders if folder.is_dir())
        if found != self.template_dirs:
            self.env, self.template_dirs = pages.environment(folders), found

    def _load(self) -> Catalog:
        assert self.loader is not None
        catalog, problems = self.loader.load()
        for problem in problems:
            (log.error if problem.severity == "error" else log.warning)(str(problem))
        errors = sum(problem.severity == "error" for problem in problems)
        if errors:
            raise PluginError(t("the journey data has {count} error(s), listed above; `cjm validate {folder}` shows "
                                "the same list", count=errors, folder=self.config.data_dir))
        return catalog

    def _site(self, catalog: Catalog, config: MkDocsConfig) -> pages.Site:
        """What the pages are made from: the catalog (or its preview), the labels, the day, the links."""
        shown = self._preview(catalog)
        left_out = {i: journey for i, journey in catalog.journeys.items() if i not in shown.journeys}
        histories, state = self._history(catalog, config)
        return pages.Site(shown, labels(self.config.language), self.config.today or dt.date.today(),
                          self._edit_base(config), config.use_directory_urls, left_out,
                          links.tracker(config.repo_url, self.config.discuss, config.site_url), histories, state,
                          config.site_url, self.config.posters)

    def _history(self, catalog: Catalog, config: MkDocsConfig) -> tuple[Mapping[str, JourneyHistory], str]:
        """Each journey's latest revisions and how complete the history is, worked out while the pages are made (see
        :meth:`_files`); what each commit changed is kept, for the next build and (in `.cache/plugin/cjm/`) the next
        run."""
        if not self.config.history:
            return {}, "off"
        assert self.loader is not None
        if self.changes is None:
            self.changes = ChangeCache(self._base(config) / CACHE_FILE)
        found = data_history(self.loader.root)
        self.histories = journey_histories(found, catalog, self.changes)
        return self.histories, found.state

    def _history_done(self) -> None:
        """Let the history's workers go and keep what they worked out."""
        if self.histories is not None and self.changes is not None:
            self.histories.finish()
            self.changes.save()
            self.histories = None

    def _preview(self, catalog: Catalog) -> Catalog:
        """The catalog, or the part of it the `preview` option names (the other journeys get a page with a note)."""
        patterns = [p.strip() for p in self.config.preview.split(",") if p.strip()]
        if not patterns:
            return catalog
        shown = catalog.only(patterns)
        if not shown.journeys:
            raise PluginError(t("preview: `{patterns}` names no journey; ids look like {examples}",
                                patterns=self.config.preview, examples=", ".join(list(catalog.journeys)[:3])))
        log.info(t("preview: pages for {shown} of {count} journeys ({patterns})", shown=len(shown.journeys),
                   count=len(catalog.journeys), patterns=self.config.preview))
        return shown

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
        """The journeys by segment, the personas, the departments and the research sources, each kind listed up to
        `nav_items`."""
        words = labels(self.config.language)
        segments: dict[str, list[str]] = {}
        for journey in current_before_target(sorted(catalog.journeys.values(), key=_journey_order)):
            segments.setdefault(journey.segment, []).append(links.page_uri("journey", journey.id))
        grouped: list = [{str(escape(name)): uris} for name, uris in segments.items()]
        journeys = grouped if len(segments) > 1 else [uri for uris in segments.values() for uri in uris]
        return [
            {words["journeys"]: self._listed("journey", journeys, len(catalog.journeys))},
            {words["personas"]: self._listed("persona", [links.page_uri("persona", i) for i in catalog.personas])},
            {words["departments"]: self._listed("department",
                                                [links.page_uri("department", i) for i in catalog.departments])},
            {words["research"]: self._listed("research", [links.page_uri("research", i) for i in catalog.research])},
            {words["overview"]: [links.page_uri("overview"), *(links.page_uri("overview", v) for v in pages.OVERVIEW),
                                 *([pages.NEWS] if pages.NEWS in self.titles else [])]},
        ]

    def _listed(self, kind: str, items: list, count: int | None = None) -> list:
        """A kind's overview page, followed by its items while there are no more than `nav_items`."""
        many = (len(items) if count is None else count) > self.config.nav_items
        return [links.page_uri(kind), *([] if many else items)]

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


def _uris(nav: object) -> list[str]:
    """Every page path of a `nav` setting (lists, single-key mappings, strings)."""
    if isinstance(nav, str):
        return [nav]
    values = nav.values() if isinstance(nav, dict) else nav if isinstance(nav, list) else []
    return [uri for value in values for uri in _uris(value)]
