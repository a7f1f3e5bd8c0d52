"""The context of the news page: what changed in the journeys lately, from git."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...core.model import Journey
from ...render import changes, escape
from ...views import timeline
from ..inputs import Site
from .base import PageContext, page_fields


@dataclass(frozen=True)
class NewsEntry:
    """A commit that changed a journey, with each change in the site's words."""

    journey: Journey
    revision: timeline.Revision
    lines: list[Markup]
    """Each change in the site's words, editor text escaped."""


@dataclass(frozen=True)
class NewsPage(PageContext):
    """What changed in the journeys in the last days (``overview/news.md.j2``), newest first."""

    entries: list[NewsEntry]
    """The latest :data:`~cjm_mkdocs.views.timeline.NEWS_SHOWN` of them."""
    total: int
    """How many changes the period holds."""
    days: int
    """How many days back it goes."""
    feed: str
    """The source path of its Atom feed (``overview/news.xml``), for ``url``."""
    history_state: str
    """``complete`` or ``shallow`` (older commits missing)."""


def news_page(site: Site, here: str, feed: str) -> NewsPage:
    """The context of the news page."""
    found = timeline.news(site.histories, site.catalog, site.today)
    return NewsPage(**page_fields(site, here), entries=news_entries(site, found[:timeline.NEWS_SHOWN]), total=len(found),
                    days=timeline.NEWS_DAYS, feed=feed, history_state=site.history_state)


def news_entries(site: Site, found: list[tuple[Journey, timeline.Revision]]) -> list[NewsEntry]:
    """Each (journey, revision) with its changes in the site's words."""
    return [NewsEntry(journey, revision, change_lines(site, revision)) for journey, revision in found]


def change_lines(site: Site, revision: timeline.Revision) -> list[Markup]:
    """Each change of `revision` in the site's words, as HTML."""
    names = {department.id: department.name for department in site.catalog.departments.values()}
    return [Markup(changes.change_text(change, site.labels, escape.html_text, lambda i: names.get(i, i)))
            for change in revision.changes]
