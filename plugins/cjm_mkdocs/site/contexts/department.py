"""The contexts of the department pages, the responsibility index and the `cjm:moments` embed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from ...core.model import Department, Journey
from ...views import department as ownership, guide, portfolio
from ...views.department import JourneyRole, ResponsibilityRow
from ..inputs import Site
from ..links import page_uri
from .base import LinkedFigure, PageContext, page_fields
from .overview import KpiRow, kpi_rows

KINDS = ownership.OWNED_KINDS[1:]
"""What a department owns in a journey, counted (owning the journey itself is a badge instead)."""
SHOWN = 10
"""How many entries each list of a dashboard shows; the rest are a link away."""
T = TypeVar("T")


@dataclass(frozen=True)
class Listing(Generic[T]):
    """The first :data:`SHOWN` entries of a dashboard list, and where to see them all."""

    entries: list[T]
    total: int
    more: int
    """How many are not among `entries`."""
    href: str | None
    """The filtered register, backlog or board with every entry; None when the entries here are all."""


@dataclass(frozen=True)
class DepartmentPage(PageContext):
    """A department's dashboard (``department.md.j2``): what it owns across the journeys, what to act on first."""

    department: Department
    figures: list[LinkedFigure]
    """Its figures (:data:`~cjm_mkdocs.views.department.DASHBOARD_FIGURES`), label keys ``dashboard_<key>``."""
    pains: Listing[portfolio.PainEntry]
    """Its open pain points, most pressing first: severity, then moments of truth, then those without a measure."""
    measures: Listing[portfolio.BacklogEntry]
    """Its measures not done yet, in backlog order (quick wins first)."""
    kpis: Listing[KpiRow]
    """Its KPIs, off target first."""
    moments: Listing[portfolio.Place]
    """The moments of truth it takes part in, worst rated first; `href`: the catalog of its journeys."""
    journeys: Listing[JourneyRole]
    """Every journey it owns, then the first of those it takes part in, with what it owns in each; `href`: the
    catalog of its journeys."""
    kinds: tuple[str, ...]
    """The kinds a journey's counts list, in order."""
    owns_kpis: bool


@dataclass(frozen=True)
class ResponsibilitiesPage(PageContext):
    """The departments section home: the responsibility index, departments × journeys."""

    journeys: list[Journey]
    """The columns."""
    rows: list[ResponsibilityRow]
    kinds: tuple[str, ...]
    """The kinds a cell counts, in order."""


@dataclass(frozen=True)
class MomentGroup:
    """A department's moments of one kind, grouped by journey."""

    kind: str
    journeys: list[tuple[Journey, list[guide.Moment]]]


@dataclass(frozen=True)
class DepartmentMoments:
    """A department with its customer moments."""

    department: Department
    any: bool
    """Whether it has any moment at all."""
    groups: list[MomentGroup]
    """The kinds it has moments of, in :data:`~cjm_mkdocs.views.guide.MOMENT_KINDS` order."""


@dataclass(frozen=True)
class MomentsEmbed(PageContext):
    """``<!-- cjm:moments [department] -->``: customer moments per department."""

    sections: list[DepartmentMoments]


def department_page(site: Site, department: Department, here: str, source: str | None) -> DepartmentPage:
    """The context of a department's dashboard."""
    fields = page_fields(site, here, source)
    dashboard, url, wanted = site.dashboards[department.id], fields["url"], {"departments": department.id}
    register, backlog = page_uri("overview", "pain-points"), page_uri("overview", "measures")
    board = url(page_uri("overview", "kpis"), f"owner-{department.id}")
    links = {"open_pain_points": url(register, **wanted, open="yes"),
             "critical": url(register, **wanted, open="yes", severity="critical"),
             "not_addressed": url(register, **wanted, addressed="no"),
             "open_measures": url(backlog, **wanted, status="open"),
             "overdue": url(backlog, **wanted, flags="overdue"),
             "quick_wins": url(backlog, **wanted, status="open", flags="quick-win"),
             "kpis_not_met": board, "moments_of_truth": "#moments-of-truth"}
    counts = {key: dashboard.count(key) for key in ownership.DASHBOARD_FIGURES}
    figures = [LinkedFigure(key, f"dashboard_{key}", count, links[key] if count else None) for key, count in counts.items()]
    return DepartmentPage(**fields, department=department, figures=figures,
                          pains=_listing(dashboard.pains, links["open_pain_points"]),
                          measures=_listing(portfolio.open_measures(dashboard.measures), links["open_measures"]),
                          kpis=_listing(kpi_rows(dashboard.kpis, site.labels), board),
                          moments=_listing(dashboard.moments, url(page_uri("journey"), **wanted)),
                          journeys=_journeys(dashboard.journeys, url(page_uri("journey"), **wanted)), kinds=KINDS,
                          owns_kpis=bool(dashboard.kpis))


def _journeys(roles: list[JourneyRole], href: str) -> Listing[JourneyRole]:
    """Every journey owned, then the first :data:`SHOWN` taken part in."""
    owned = [role for role in roles if role.owner]
    shown = owned + [role for role in roles if not role.owner][:SHOWN]
    more = len(roles) - len(shown)
    return Listing(shown, len(roles), more, href if more else None)


def _listing(entries: list[T], href: str | None) -> Listing[T]:
    shown = entries[:SHOWN]
    more = len(entries) - len(shown)
    return Listing(shown, len(entries), more, href if more else None)


def responsibilities_page(site: Site, here: str, source: str | None) -> ResponsibilitiesPage:
    """The context of the responsibility index."""
    catalog = site.catalog
    return ResponsibilitiesPage(**page_fields(site, here, source), journeys=list(catalog.journeys.values()),
                                rows=ownership.responsibility_rows(catalog, site.responsibilities), kinds=KINDS)


def moments_embed(site: Site, department_id: str | None, here: str) -> MomentsEmbed:
    """The context of the moments embed: every department, or the one named."""
    found = guide.moments(site.catalog)
    sections = [_department_moments(department, found[department.id])
                for department in site.catalog.departments.values() if department_id in (None, department.id)]
    return MomentsEmbed(**page_fields(site, here), sections=sections)


def _department_moments(department: Department, moments: list[guide.Moment]) -> DepartmentMoments:
    groups = []
    for kind in guide.MOMENT_KINDS:
        of_kind = [moment for moment in moments if moment.kind == kind]
        if of_kind:
            groups.append(MomentGroup(kind, ownership.by_journey(of_kind)))
    return DepartmentMoments(department, bool(moments), groups)
