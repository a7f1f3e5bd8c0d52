"""The contexts of the department pages, the responsibility index and the `cjm:moments` embed."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.model import Department, Journey
from ...views import department as ownership, guide
from ...views.department import Owned, ResponsibilityRow
from ..inputs import Site
from .base import PageContext, page_fields

KINDS = ownership.OWNED_KINDS[1:]
"""What a department page lists and counts (the journeys it owns are marked with a badge instead)."""


@dataclass(frozen=True)
class OwnedCount:
    """How many items of a kind a department owns across the journeys."""

    kind: str
    count: int


@dataclass(frozen=True)
class OwnedInJourney:
    """What a department owns in one journey."""

    journey: Journey
    owns_journey: bool
    """Whether the department owns the journey itself."""
    items: list[Owned]
    """The items it owns there, by kind (in :data:`KINDS` order), each kind in file order."""


@dataclass(frozen=True)
class DepartmentPage(PageContext):
    """A department's page (``department.md.j2``)."""

    department: Department
    counts: list[OwnedCount]
    """The kinds it owns anything of, with their counts."""
    journeys_owned: list[OwnedInJourney]
    """Per journey it takes part in (catalog order), what it owns there."""
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


def department_page(site: Site, department: Department, owned: list[Owned], here: str,
                    source: str | None) -> DepartmentPage:
    """The context of a department's page; `owned` is what it owns across the journeys."""
    by_kind = ownership.by_kind(owned)
    groups = []
    for journey, items in ownership.by_journey(owned):
        grouped = ownership.by_kind(items)
        groups.append(OwnedInJourney(journey, bool(grouped["journey"]), [item for kind in KINDS for item in grouped[kind]]))
    return DepartmentPage(**page_fields(site, here, source), department=department,
                          counts=[OwnedCount(kind, len(by_kind[kind])) for kind in KINDS if by_kind[kind]],
                          journeys_owned=groups, owns_kpis=bool(by_kind["kpi"]))


def responsibilities_page(site: Site, here: str, source: str | None) -> ResponsibilitiesPage:
    """The context of the responsibility index."""
    catalog = site.catalog
    return ResponsibilitiesPage(**page_fields(site, here, source), journeys=list(catalog.journeys.values()),
                                rows=ownership.responsibility_rows(catalog), kinds=KINDS)


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
