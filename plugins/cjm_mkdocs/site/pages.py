"""Page assembly: the catalog as Markdown pages, rendered through Jinja2 templates.

Knows nothing of MkDocs: the plugin hands these pages to MkDocs as generated files.
Generated HTML is written as one-line blocks (:func:`html_block`) so that no line of
editor text can start a Markdown construct; links inside those blocks are final URLs
computed by :func:`relative_url`.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..render import export
from ..views import guide, journey as views, timeline
from .blocks import HtmlBlocks
from .fragments import CachedRows
from .inputs import Site
from .contexts.base import PageContext
from .contexts.department import department_page, moments_embed, responsibilities_page
from .contexts.guide import fields_embed
from .contexts.journey import catalog_page, journey_embed, journey_page, left_out_page
from .contexts.overview import BUILDERS as OVERVIEW_PAGES, key_figures_embed, overview_page
from .contexts.people import persona_page, personas_page
from .contexts.research import research_index_page, research_page
from .contexts.news import news_entries, news_page
from .links import download_uri, is_local, page_uri, relative_url, site_path
from .ids import PageIds
from ..core.catalog import Catalog
from ..core.fields import slugify
from ..core.messages import t
from ..core.model import FILE_KINDS, RESEARCH_FOLDER, Journey, Persona, ResearchSource, mood_of
from ..core.validation import did_you_mean
from ..render import escape, feed
from ..render.hyphenation import hyphenate

if TYPE_CHECKING:
    from .cache import PageCache

ASSETS = "assets/cjm"
"""Where the site serves the plugin's CSS, JavaScript and Mermaid."""
OVERVIEW = ("channels", "pain-points", "measures", "kpis", "reviews", "target-vs-current", "lifecycle", "assumptions")
"""The pages across all journeys (``overview/<view>.md``), each with a CSV download ``overview/<view>.csv``."""
NEWS, NEWS_FEED = page_uri("overview", "news"), download_uri("news.xml")
"""The news page (what changed lately, from git) and its Atom feed, in sites with a git history."""
JOURNEY_EMBEDS = ("diagram", "matrix", "curve")
EMBEDS = {**dict.fromkeys(JOURNEY_EMBEDS, "journey"), "fields": "file kind", "moments": "department", "key-figures": ""}
"""Each embed and what its argument names ("": it takes none); `moments` may go without (then: every department)."""
EMBED_LINE = re.compile(r"<!--\s*cjm:([a-z][a-z-]*)(?:\s+([a-z0-9-]+))?\s*-->")
FENCE = re.compile(r"\s*(`{3,}|~{3,})")
SECTION_HOMES = (("journey", "catalog.md.j2", "journeys", catalog_page, True),
                 ("persona", "personas.md.j2", "personas", personas_page, True),
                 ("department", "responsibilities.md.j2", "departments", responsibilities_page, False),
                 ("research", "research_index.md.j2", "research", research_index_page, True))
"""Each section's home page: its kind, template, title label, context and whether its source is the data folder."""


@dataclass(frozen=True)
class GeneratedPage:
    """One page to publish: where it goes, its title, its Markdown, the data file (or folder) behind it.

    With `blocks`, the Markdown holds placeholders for the page's HTML blocks (:mod:`cjm_mkdocs.site.blocks`).
    """

    uri: str
    title: str
    markdown: str
    source: str | None = None
    blocks: HtmlBlocks | None = None


def html_title(title: str) -> str:
    """A page title as escaped HTML text: themes print it unescaped (and `striptags` would unescape it)."""
    return str(escape.html_text(escape.one_line(title)))


def html_block(fragment: str) -> Markup:
    """Generated HTML as one line, framed by blank lines: Markdown passes it through untouched."""
    text = str(fragment).strip().replace("\r\n", "&#10;").replace("\r", "&#10;").replace("\n", "&#10;")
    return Markup(f"\n\n{text}\n\n")


@pass_context
def _page_block(context: Context, fragment: str) -> Markup:
    """:func:`html_block`, held by the page's :class:`HtmlBlocks` when it has one."""
    block = html_block(fragment)
    ids: PageIds | None = context.get("page_ids")
    if ids is not None:
        block = Markup(ids.distinct(block))
    blocks: HtmlBlocks | None = context.get("html_blocks")
    return Markup(f"\n\n{blocks.hold(block.strip())}\n\n") if blocks is not None else block


@pass_context
def _hyphenated(context: Context, value: str) -> Markup:
    """Editor text as HTML text with soft hyphens in its long words, in the site's language."""
    return escape.html_text(hyphenate(escape.plain(value), context["L"]["language"]))


def environment(template_dirs: Sequence[Path] = ()) -> Environment:
    """The Jinja2 environment: a site's own templates first, then the plugin's."""
    loaders = [FileSystemLoader([str(d) for d in template_dirs if d.is_dir()]), PackageLoader("cjm_mkdocs")]
    env = Environment(loader=ChoiceLoader(loaders), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, undefined=StrictUndefined, extensions=[CachedRows])
    env.filters.update(
        html_text=escape.html_text, inline_markdown=escape.inline_markdown, block_markdown=escape.block_markdown,
        safe_url=escape.safe_url, markdown_text=lambda value: Markup(escape.markdown_text(value)),
        mermaid_text=escape.mermaid_text, html_block=_page_block, slug=slugify, mood=mood_of,
        hyphenated=_hyphenated, step_anchor=views.step_anchor, blueprint_anchor=views.blueprint_anchor, pain_anchor=views.pain_anchor, love_anchor=views.love_anchor,
        measure_anchor=views.measure_anchor, kpi_anchor=views.kpi_anchor, yaml_value=guide.default_text,
    )
    env.globals.update(page_uri=page_uri, download_uri=download_uri, overview_views=OVERVIEW, is_local=is_local, fence=fence)
    return env


def generate(site: Site, env: Environment, hold_html: bool = False,
             cache: PageCache | None = None) -> list[GeneratedPage]:
    """Every generated page: the section homes, the overview pages, one per journey, persona, department and
    research source, the news.

    `hold_html` leaves placeholders for the HTML blocks in the Markdown (see :class:`GeneratedPage`); `cache` hands
    back the pages of an earlier build that show the same (see :mod:`cjm_mkdocs.site.cache`).
    """
    catalog = site.catalog

    def page(template: str, uri: str, title: str, source: str | None, context: Callable[[], PageContext],
             shows: Journey | Persona | ResearchSource | None = None, news: bool = False) -> GeneratedPage:
        def make() -> GeneratedPage:
            blocks = HtmlBlocks() if hold_html else None
            return GeneratedPage(uri, title, render_page(env, template, context(), blocks), source, blocks)
        return make() if cache is None else cache.page(make, template, uri, title, source, shows, news)

    labels = site.labels
    pages = []
    for kind, template, label, build, folder in SECTION_HOMES:
        here, source = page_uri(kind), data_source(catalog, kind, folder)
        pages.append(page(template, here, labels[label], source, partial(build, site, here, source)))
    here = page_uri("overview")
    pages.append(page("overview/index.md.j2", here, labels["overview"], None,
                      partial(overview_page, site, here, OVERVIEW)))
    for view in OVERVIEW:
        here = page_uri("overview", view)
        pages.append(page(f"overview/{view}.md.j2", here, labels["overview_" + view.replace("-", "_")], None,
                          partial(OVERVIEW_PAGES[view], site, here)))
    for journey in catalog.journeys.values():
        here, source = page_uri("journey", journey.id), catalog.source_file("journey", journey.id)
        pages.append(page("journey.md.j2", here, journey.title, source,
                          partial(journey_page, site, journey, here, source), journey))
    for journey in site.left_out.values():
        here = page_uri("journey", journey.id)
        pages.append(page("left_out.md.j2", here, journey.title, None, partial(left_out_page, site, journey, here),
                          journey))
    for persona in catalog.personas.values():
        here, source = page_uri("persona", persona.id), catalog.source_file("persona", persona.id)
        pages.append(page("persona.md.j2", here, persona.name, source, partial(persona_page, site, persona, here, source),
                          persona))
    for department in catalog.departments.values():
        here, source = page_uri("department", department.id), catalog.source_file("department", department.id)
        pages.append(page("department.md.j2", here, department.name, source,
                          partial(department_page, site, department, here, source)))
    for item in catalog.research.values():
        here, source = page_uri("research", item.id), catalog.source_file("research", item.id)
        pages.append(page("research.md.j2", here, item.title, source, partial(research_page, site, item, here, source),
                          item))
    if has_news(site):  # last: it waits for every journey's history, worked out while the pages before are made
        pages.append(page("overview/news.md.j2", NEWS, labels["news"], None, partial(news_page, site, NEWS, NEWS_FEED),
                          news=True))
    return pages


def media(site: Site) -> dict[str, bytes]:
    """The research folder's files the pages show or link to, by their site path (``research/media/x.png``)."""
    return {f"{RESEARCH_FOLDER}/{name}": content for name, content in site.catalog.media.items()}


def downloads(site: Site) -> dict[str, str]:
    """The files the overview pages link to: the JSON export with its schema, and a CSV per overview page."""
    schema = json.dumps(export.export_schema(site.labels["language"]), ensure_ascii=False, indent=2) + "\n"
    files = {"journeys.json": export.export_json(site.catalog), export.EXPORT_SCHEMA_FILE: schema,
             **export.view_tables(site.catalog, site.today)}
    found = {download_uri(name): text for name, text in files.items()}
    return {**found, NEWS_FEED: news_feed(site)} if has_news(site) else found


def has_news(site: Site) -> bool:
    """Whether the site has a git history to tell news from."""
    return site.history_state in ("complete", "shallow")


def news_feed(site: Site) -> str:
    """The news page's entries as an Atom feed."""
    labels = site.labels
    latest = timeline.news(site.histories, site.catalog, site.today)[:timeline.FEED_SHOWN]
    entries = [feed.FeedEntry(f"{entry.journey.id}/{entry.revision.sha}", f"{entry.journey.title}: {entry.revision.subject}",
                              _feed_link(site, page_uri("journey", entry.journey.id)), entry.revision.author,
                              entry.revision.when, feed.entry_html(entry.lines, labels))
               for entry in news_entries(site, latest)]
    return feed.atom_feed(labels["news"], _feed_link(site, NEWS), site.site_url, entries, site.today)


def _feed_link(site: Site, uri: str) -> str:
    """A page's address as the feed links it: absolute with the site's URL, else relative to the feed."""
    relative = relative_url(uri, NEWS_FEED, site.directory_urls)
    return urljoin(site.site_url, site_path(uri, site.directory_urls)) if site.site_url else relative


def data_source(catalog: Catalog, kind: str, folder: bool = False) -> str | None:
    """The data file of a kind's first item (``journeys/departments.yml``), or its folder (``journeys/maps/``)."""
    file = next((file for (of_kind, _), file in catalog.files.items() if of_kind == kind), None)
    return posixpath.dirname(file) + "/" if file and folder else file


def embed(site: Site, env: Environment, kind: str, journey: Journey, here: str,
          blocks: HtmlBlocks | None = None, ids: PageIds | None = None) -> str:
    """A journey's diagram, matrix or curve as Markdown for the page at `here`; `ids` keeps its ids unique there."""
    return render_page(env, f"embed/{kind}.md.j2", journey_embed(site, kind, journey, here), blocks, ids)


def expand_embeds(markdown: str, here: str, site: Site, env: Environment,
                  blocks: HtmlBlocks | None = None) -> tuple[str, list[str]]:
    """Replace each line `<!-- cjm:<embed> <argument> -->` outside code fences with the embed (:data:`EMBEDS`).

    Returns the new Markdown and a problem (``<here>:<line>: ...``) for every unknown embed or argument.
    With `blocks`, the embeds' HTML blocks are held there (see :class:`GeneratedPage`).
    """
    lines, problems, fence_mark, ids = markdown.split("\n"), [], "", PageIds()
    for number, line in enumerate(lines):
        fence_mark = _fence_state(line, fence_mark)
        found = EMBED_LINE.fullmatch(line.strip()) if not fence_mark else None
        if not found:
            continue
        kind, argument = found.group(1), found.group(2) or ""
        problem = _embed_problem(site, kind, argument)
        if problem:
            problems.append(f"{here}:{number + 1}: {problem}")
        elif kind in JOURNEY_EMBEDS and argument in site.left_out:
            lines[number] = f"*{escape.markdown_text(site.left_out[argument].title)}: {site.labels['left_out_of_preview']}*"
        elif kind in JOURNEY_EMBEDS:
            lines[number] = embed(site, env, kind, site.catalog.journeys[argument], here, blocks, ids)
        elif kind == "key-figures":
            lines[number] = render_page(env, "embed/key-figures.md.j2", key_figures_embed(site, here), blocks, ids)
        else:
            context = fields_embed(site, argument, here) if kind == "fields" else moments_embed(site, argument or None, here)
            lines[number] = render_page(env, f"guide/{kind}.md.j2", context, blocks, ids)
    return "\n".join(lines), problems


def _embed_problem(site: Site, kind: str, argument: str) -> str | None:
    """Why an embed line cannot be expanded, or None."""
    if kind not in EMBEDS:
        hint = did_you_mean(kind, EMBEDS) or t("embeds: {names}", names=", ".join(EMBEDS))
        return t("`cjm:{kind}` is no embed; {hint}", kind=kind, hint=hint)
    what = EMBEDS[kind]
    if not what:
        return t("cjm:{kind} takes no argument; write <!-- cjm:{kind} -->", kind=kind) if argument else None
    choices = {"journey": {**site.catalog.journeys, **site.left_out}, "file kind": FILE_KINDS,
               "department": site.catalog.departments}[what]
    named = {"journey": t("journey"), "file kind": t("file kind"), "department": t("department")}[what]
    if not argument:
        return None if kind == "moments" else t("cjm:{kind} needs a {what}: one of {ids}", kind=kind, what=named,
                                                 ids=", ".join(choices))
    if argument not in choices:
        hint = did_you_mean(argument, choices) or t("known: {ids}", ids=", ".join(choices))
        return t("cjm:{kind} names no {what} `{id}`; {hint}", kind=kind, what=named, id=argument, hint=hint)
    return None


def _fence_state(line: str, open_mark: str) -> str:
    """The opening mark of the code fence a line leaves open ("" outside fences)."""
    found = FENCE.match(line)
    if not found:
        return open_mark
    mark = found.group(1)
    if not open_mark:
        return mark
    closes = mark[0] == open_mark[0] and len(mark) >= len(open_mark) and not line.strip()[len(mark):].strip()
    return "" if closes else open_mark


def render_page(env: Environment, template: str, context: PageContext, blocks: HtmlBlocks | None = None,
                ids: PageIds | None = None) -> str:
    """A page's (or embed's) Markdown from its template and context; `blocks` and `ids` as in :func:`embed`."""
    return env.get_template(template).render(context.variables(), html_blocks=blocks, page_ids=ids)


def fence(text: str) -> str:
    """A backtick fence longer than any backtick run in `text`."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)
