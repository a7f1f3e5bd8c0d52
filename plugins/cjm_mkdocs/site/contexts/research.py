"""The contexts of the research pages: a page per research source, the research section home, and the overview
page of the statements that rest on assumptions only."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.model import Journey, ResearchSource
from ...render import escape
from ...views import research as views
from ..inputs import Site
from .base import PageContext, page_fields


@dataclass(frozen=True)
class JourneyStatements:
    """Statements of one journey, in page order."""

    journey: Journey
    statements: list[views.Statement]


@dataclass(frozen=True)
class ResearchPage(PageContext):
    """A research source's page (``research.md.j2``): what it is and everything that cites it."""

    item: ResearchSource
    """The research source."""
    link: str | None
    """Its `link` as a safe URL, if it has one."""
    file: str | None
    """The site path of its report in the research folder (``research/x.pdf``), if it has one."""
    citing: list[JourneyStatements]
    """The statements citing it, journey by journey."""


@dataclass(frozen=True)
class ResearchIndexPage(PageContext):
    """The research section home (``research_index.md.j2``): every source and the share of validated statements."""

    rows: list[views.SourceRow]
    """Every research source, newest first, with how many statements cite it."""
    confidence: views.Confidence
    """How many statements of all journeys research backs."""


@dataclass(frozen=True)
class AssumptionsPage(PageContext):
    """The statements resting on assumptions only (``overview/assumptions.md.j2``), journey by journey."""

    confidence: views.Confidence
    """How many statements of all journeys research backs."""
    journeys: list[JourneyStatements]
    """Each journey with assumed statements, and those statements."""


def research_page(site: Site, item: ResearchSource, here: str, source: str | None) -> ResearchPage:
    """The context of a research source's page."""
    link = escape.safe_url(item.link) if item.link else None
    return ResearchPage(**page_fields(site, here, source), item=item, link=link or None, file=item.file,
                        citing=_by_journey(views.citations(site.catalog).get(item.id, [])))


def research_index_page(site: Site, here: str, source: str | None) -> ResearchIndexPage:
    """The context of the research section home."""
    return ResearchIndexPage(**page_fields(site, here, source), rows=views.source_rows(site.catalog),
                             confidence=views.overall(site.catalog))


def assumptions_page(site: Site, here: str) -> AssumptionsPage:
    """The context of the overview page of the statements resting on assumptions."""
    return AssumptionsPage(**page_fields(site, here), confidence=views.overall(site.catalog),
                           journeys=_by_journey(views.all_assumed(site.catalog)))


def _by_journey(statements: list[views.Statement]) -> list[JourneyStatements]:
    grouped: dict[str, JourneyStatements] = {}
    for statement in statements:
        grouped.setdefault(statement.journey.id, JourneyStatements(statement.journey, [])).statements.append(statement)
    return list(grouped.values())
