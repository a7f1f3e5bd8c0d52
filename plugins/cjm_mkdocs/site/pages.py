"""Page assembly: the catalog as Markdown pages, rendered through Jinja2 templates.

Knows nothing of MkDocs: the plugin hands these pages to MkDocs as generated files.
Generated HTML is written as one-line blocks (:func:`html_block`) so that no line of
editor text can start a Markdown construct; links inside those blocks are final URLs
computed by :func:`relative_url`.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..render import export
from ..views import guide, portfolio, journey as views
from .blocks import HtmlBlocks
from .ids import PageIds
from ..core.catalog import Catalog
from ..core.fields import SECTION_PAGE, slugify
from ..core.model import FILE_KINDS, Journey, mood_of
from ..core.schema import schema_file
from ..core.validation import did_you_mean
from ..render import charts, curve, escape, mermaid, number, stage_name

if TYPE_CHECKING:
    from .cache import PageCache

SECTIONS = {"journey": "journeys", "persona": "personas", "department": "departments", "overview": "overview"}
ASSETS = "assets/cjm"
"""Where the site serves the plugin's CSS, JavaScript and Mermaid."""
OVERVIEW = ("channels", "pain-points", "measures", "kpis", "reviews", "target-vs-current")
"""The pages across all journeys (``overview/<view>.md``), each with a CSV download ``overview/<view>.csv``."""
JOURNEY_EMBEDS = ("diagram", "matrix", "curve")
EMBEDS = {**dict.fromkeys(JOURNEY_EMBEDS, "journey"), "fields": "file kind", "moments": "department"}
"""Each embed and what its argument names; only `moments` may go without (then: every department)."""
EMBED_LINE = re.compile(r"<!--\s*cjm:([a-z][a-z-]*)(?:\s+([a-z0-9-]+))?\s*-->")
FENCE = re.compile(r"\s*(`{3,}|~{3,})")


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


@dataclass(frozen=True)
class Site:
    """Everything pages are made from besides the templates."""

    catalog: Catalog
    labels: Mapping[str, str]
    today: dt.date
    edit_base: str | None = None
    directory_urls: bool = True
    left_out: Mapping[str, Journey] = field(default_factory=dict)
    """Journeys the plugin's `preview` leaves out of `catalog`: they get a page with a note only."""


def page_uri(kind: str, item_id: str = SECTION_PAGE) -> str:
    """The source path of a generated page, e.g. ``journeys/<id>.md``."""
    return f"{SECTIONS[kind]}/{item_id}.md"


def site_path(uri: str, directory_urls: bool) -> str:
    """Where a page or file lands in the site, as MkDocs places it."""
    if not uri.endswith(".md"):
        return uri
    stem = uri[:-3]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return f"{stem}/"


def relative_url(target: str, here: str, directory_urls: bool, anchor: str = "") -> str:
    """The link from page `here` to page or file `target` (both source paths), with an optional anchor."""
    to, at = site_path(target, directory_urls), site_path(here, directory_urls)
    folder = at.rstrip("/") if at.endswith("/") or not at else posixpath.dirname(at)
    url = posixpath.relpath(to or ".", folder or ".")
    if to.endswith("/") or not to:
        url = "./" if url == "." else f"{url}/"
    return f"{url}#{anchor}" if anchor else url


def edit_url(edit_base: str | None, source: str | None) -> str | None:
    """The "edit this file" link for a data file, if the site has a repository."""
    if not edit_base or not source:
        return None
    return urljoin(edit_base if edit_base.endswith("/") else edit_base + "/", quote(source))


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


def environment(template_dirs: Sequence[Path] = ()) -> Environment:
    """The Jinja2 environment: a site's own templates first, then the plugin's."""
    loaders = [FileSystemLoader([str(d) for d in template_dirs if d.is_dir()]), PackageLoader("cjm_mkdocs")]
    env = Environment(loader=ChoiceLoader(loaders), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, undefined=StrictUndefined)
    env.filters.update(
        html_text=escape.html_text, inline_markdown=escape.inline_markdown, block_markdown=escape.block_markdown,
        safe_url=escape.safe_url, markdown_text=lambda value: Markup(escape.markdown_text(value)),
        mermaid_text=escape.mermaid_text, html_block=_page_block, slug=slugify, mood=mood_of,
    )
    env.globals.update(views=views, guide=guide, page_uri=page_uri, edit_url=edit_url, portfolio=portfolio, charts=charts,
                       overview_views=OVERVIEW, download_uri=download_uri)
    return env


def generate(site: Site, env: Environment, hold_html: bool = False,
             cache: PageCache | None = None) -> list[GeneratedPage]:
    """Every generated page: the section homes, the overview pages, then one per journey, persona and department.

    `hold_html` leaves placeholders for the HTML blocks in the Markdown (see :class:`GeneratedPage`); `cache` hands
    back the pages of an earlier build that show the same (see :mod:`cjm_mkdocs.site.cache`).
    """
    catalog = site.catalog

    def render(template: str, uri: str, title: str, source: str | None = None, **extra: object) -> GeneratedPage:
        def make() -> GeneratedPage:
            return _render(env, site, template, uri, title, source, HtmlBlocks() if hold_html else None, **extra)
        return make() if cache is None else cache.page(make, template, uri, title, source, **extra)

    pages = [render("catalog.md.j2", page_uri("journey"), site.labels["journeys"],
                    data_source(catalog, "journey", folder=True)),
             render("personas.md.j2", page_uri("persona"), site.labels["personas"],
                    data_source(catalog, "persona", folder=True)),
             render("responsibilities.md.j2", page_uri("department"), site.labels["departments"],
                    data_source(catalog, "department"), rows=views.responsibility_rows(catalog),
                    journeys=list(catalog.journeys.values())),
             render("overview/index.md.j2", page_uri("overview"), site.labels["overview"],
                    figures=portfolio.overview_figures(catalog, site.today))]
    pages += [render(f"overview/{view}.md.j2", page_uri("overview", view),
                     site.labels["overview_" + view.replace("-", "_")]) for view in OVERVIEW]
    for journey in catalog.journeys.values():
        pages.append(render("journey.md.j2", page_uri("journey", journey.id), journey.title,
                            catalog.source_file("journey", journey.id), journey=journey))
    pages += [render("left_out.md.j2", page_uri("journey", journey.id), journey.title, journey=journey)
              for journey in site.left_out.values()]
    for persona in catalog.personas.values():
        pages.append(render("persona.md.j2", page_uri("persona", persona.id), persona.name,
                            catalog.source_file("persona", persona.id), persona=persona))
    owned = views.responsibilities(catalog)
    for department in catalog.departments.values():
        pages.append(render("department.md.j2", page_uri("department", department.id), department.name,
                            catalog.source_file("department", department.id), department=department,
                            owned=owned.get(department.id, [])))
    return pages


def download_uri(name: str) -> str:
    """Where a download of the overview section lands, e.g. ``overview/journeys.json``."""
    return f"{SECTIONS['overview']}/{name}"


def downloads(site: Site) -> dict[str, str]:
    """The files the overview pages link to: the JSON export with its schema, and a CSV per overview page."""
    schema = json.dumps(export.export_schema(), ensure_ascii=False, indent=2) + "\n"
    files = {"journeys.json": export.export_json(site.catalog), export.EXPORT_SCHEMA_FILE: schema,
             **export.view_tables(site.catalog, site.today)}
    return {download_uri(name): text for name, text in files.items()}


def data_source(catalog: Catalog, kind: str, folder: bool = False) -> str | None:
    """The data file of a kind's first item (``journeys/departments.yml``), or its folder (``journeys/maps/``)."""
    file = next((file for (of_kind, _), file in catalog.files.items() if of_kind == kind), None)
    return posixpath.dirname(file) + "/" if file and folder else file


def embed(site: Site, env: Environment, kind: str, journey: Journey, here: str,
          blocks: HtmlBlocks | None = None, ids: PageIds | None = None) -> str:
    """A journey's diagram, matrix or curve as Markdown for the page at `here`; `ids` keeps its ids unique there."""
    return env.get_template(f"embed/{kind}.md.j2").render(_context(site, here, html_blocks=blocks, page_ids=ids,
                                                                   journey=journey))


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
        else:
            extra = ({"kind": argument, "schema": schema_file(argument), "tables": guide.tables(argument)} if kind == "fields"
                     else {"department_id": argument or None})
            lines[number] = env.get_template(f"guide/{kind}.md.j2").render(_context(site, here, html_blocks=blocks,
                                                                                   page_ids=ids, **extra))
    return "\n".join(lines), problems


def _embed_problem(site: Site, kind: str, argument: str) -> str | None:
    """Why an embed line cannot be expanded, or None."""
    if kind not in EMBEDS:
        return f"`cjm:{kind}` is no embed; {did_you_mean(kind, EMBEDS) or 'embeds: ' + ', '.join(EMBEDS)}"
    what = EMBEDS[kind]
    choices = {"journey": {**site.catalog.journeys, **site.left_out}, "file kind": FILE_KINDS,
               "department": site.catalog.departments}[what]
    if not argument:
        return None if kind == "moments" else f"cjm:{kind} needs a {what}: one of {', '.join(choices)}"
    if argument not in choices:
        hint = did_you_mean(argument, choices) or f"{what}s: {', '.join(choices)}"
        return f"cjm:{kind} names no {what} `{argument}`; {hint}"
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


def _render(env: Environment, site: Site, template: str, uri: str, title: str, source: str | None,
            blocks: HtmlBlocks | None, **extra: object) -> GeneratedPage:
    markdown = env.get_template(template).render(_context(site, uri, source=source, html_blocks=blocks, **extra))
    return GeneratedPage(uri, title, markdown, source, blocks)


def _context(site: Site, here: str, source: str | None = None, **extra: object) -> dict[str, object]:
    catalog = site.catalog
    return {
        "site": site, "catalog": catalog, "L": site.labels, "today": site.today, "source": source,
        "url": _linker(site, here), "date": _date_formatter(site.labels),
        "number": lambda value: number(value, site.labels), "is_local": is_local,
        "stage_name": lambda stage: stage_name(stage, site.labels),
        "diagram": lambda journey: Markup(mermaid.journey_diagram(
            journey, {p.id: p.name for p in catalog.personas.values()},
            {d.id: d.name for d in catalog.departments.values()}, site.labels)),
        "flowchart": lambda journey: _markup_or_none(mermaid.branch_flowchart(journey, site.labels)),
        "curve": lambda journey: curve.emotion_curve(journey, site.labels),
        "fence": fence,
        **extra,
    }


def _linker(site: Site, here: str) -> Callable[..., str]:
    """`url(target, anchor)` for the page at `here`; each target's path is worked out once per page."""
    paths: dict[str, str] = {}

    def url(target: str, anchor: str = "") -> str:
        path = paths.get(target)
        if path is None:
            path = paths[target] = relative_url(target, here, site.directory_urls)
        return f"{path}#{anchor}" if anchor else path
    return url


def _date_formatter(labels: Mapping[str, str]) -> Callable[[dt.date | None], str]:
    def date(day: dt.date | None) -> str:
        return day.strftime(labels["date_format"]) if day else labels["never_reviewed"]
    return date


def is_local(url: str) -> bool:
    """Whether a (safe) URL points into the site rather than to another host."""
    return not re.match(r"[a-z][a-z0-9+.\-]*:|[/\\]", url, re.IGNORECASE)


def _markup_or_none(text: str | None) -> Markup | None:
    return Markup(text) if text is not None else None


def fence(text: str) -> str:
    """A backtick fence longer than any backtick run in `text`."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)
