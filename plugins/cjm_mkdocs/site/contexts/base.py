"""What every page template gets: the site's words, the day, the page's data file, names to link, helpers.

The fields of :class:`PageContext` and its subclasses are the contract for templates a site overrides in
``overrides/cjm/`` (TEMPLATES.md lists them); templates only format what they are given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import urlencode

from ...core.model import Department, Persona, ResearchSource, Stage
from ...render import counted, escape, number, stage_name
from ...views.journey import JourneySummary
from ..inputs import Site
from ..links import edit_url, relative_url, site_path


@dataclass(frozen=True)
class LinkedFigure:
    """A key figure that links to the entries it counts."""

    key: str
    """What it counts (``data-figure``)."""
    label: str
    """The key of its label."""
    value: int
    href: str | None
    """The register, backlog or board filtered to what it counts, or a section of the page; None when it counts none."""


@dataclass(frozen=True)
class PageContext:
    """The fields every page and embed has."""

    L: Mapping[str, str]
    """The site's words (labels) in its language."""
    today: dt.date
    """The day the site is built for (review dates, overdue marks)."""
    source: str | None
    """The page's data file (``journeys/maps/x.yml``) or folder (ending in ``/``); None for pages of all data."""
    edit_link: str | None
    """The safe "edit this file" URL of `source`, when the site has a repository and `source` is a file."""
    departments: Mapping[str, Department]
    """Every department by id (for names and links)."""
    personas: Mapping[str, Persona]
    """Every persona by id."""
    research: Mapping[str, ResearchSource]
    """Every research source by id (for the titles and links of the sources a statement cites)."""
    summaries: Mapping[str, JourneySummary]
    """Every published journey's summary by id: overall rating, open pain points, review status."""
    url: Callable[..., str]
    """``url(target, anchor="", **query)``: the link from this page to a page or file (a source path such as
    ``page_uri(…)``); `query` sets the filters of the catalog, register or backlog (``departments="it"``)."""
    date: Callable[[dt.date | None], str]
    """A date as the site writes it; None gives the "never reviewed" label."""
    number: Callable[[float], str]
    """A number with the language's decimal mark."""
    stage_name: Callable[[Stage], str]
    """A stage's name (its own, else the label of a default stage)."""
    counted: Callable[[int, str], str]
    """``counted(n, key)``: the number with the label `key` (a plural), or its singular (``key_one``) when n is 1."""
    discuss: Callable[[str, str], str | None]
    """``discuss(title, anchor)``: the safe URL of a new issue in the site's tracker about what `anchor` marks on
    this page, titled `title`; None when the site has no tracker."""

    def variables(self) -> dict[str, Any]:
        """The template variables: each field by name."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


def page_fields(site: Site, here: str, source: str | None = None) -> dict[str, Any]:
    """The :class:`PageContext` fields of the page at `here` (a source path)."""
    labels = site.labels
    return {
        "L": labels, "today": site.today, "source": source, "edit_link": _edit_link(site, source),
        "departments": site.catalog.departments, "personas": site.catalog.personas,
        "research": site.catalog.research, "summaries": site.summaries,
        "url": _linker(site, here), "date": _date_formatter(labels),
        "number": lambda value: number(value, labels), "stage_name": lambda stage: stage_name(stage, labels),
        "counted": _counter(labels), "discuss": _discussion(site, here),
    }


def _discussion(site: Site, here: str) -> Callable[[str, str], str | None]:
    """`discuss(title, anchor)` for the page at `here`."""
    tracker, page = site.tracker, site_path(here, site.directory_urls)

    def discuss(title: str, anchor: str) -> str | None:
        return escape.safe_url(tracker.new_issue(escape.one_line(title), page, anchor)) if tracker else None
    return discuss


def _edit_link(site: Site, source: str | None) -> str | None:
    if source is None or source.endswith("/"):
        return None
    return escape.safe_url(edit_url(site.edit_base, source))


def _linker(site: Site, here: str) -> Callable[..., str]:
    """`url(target, anchor, **query)` for the page at `here`; each target's path is worked out once per page."""
    paths: dict[str, str] = {}

    def url(target: str, anchor: str = "", **query: str) -> str:
        path = paths.get(target)
        if path is None:
            path = paths[target] = relative_url(target, here, site.directory_urls)
        if query:
            path = f"{path}?{urlencode(query)}"
        return f"{path}#{anchor}" if anchor else path
    return url


def _date_formatter(labels: Mapping[str, str]) -> Callable[[dt.date | None], str]:
    def date(day: dt.date | None) -> str:
        return day.strftime(labels["date_format"]) if day else labels["never_reviewed"]
    return date


def _counter(labels: Mapping[str, str]) -> Callable[[int, str], str]:
    """`counted(n, key)`: "1 KPI", "3 KPIs"; a label without a singular (``key_one``) stays as it is."""
    return lambda value, key: counted(value, key, labels)
