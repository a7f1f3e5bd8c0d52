"""The contexts of the overview section: its home and the pages across all journeys (``overview/*.md``).

Every figure, list, grouping and chart these pages show is worked out here from :mod:`...views.portfolio`,
the one place that derives them; the templates in ``templates/overview/`` only format what they are given.
Charts are inline SVG (:mod:`...render.charts`), ready to print.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup

from ...core.fields import SUPPORT_LEVELS
from ...core.model import SEVERITY_ORDER, Department, Journey, Stage
from ...render import charts
from ...views import journey as views, lifecycle, portfolio, research
from ..inputs import Site
from ..links import page_uri
from .base import LinkedFigure, PageContext, page_fields
from .research import assumptions_page

# --- the section home ----------------------------------------------------------------------

@dataclass(frozen=True)
class ViewEntry:
    """An overview page as the section home lists it: its name (``pain-points``) and its key figures."""

    name: str
    figures: list[portfolio.Figure]
    """Each figure's value and the key of its label."""


@dataclass(frozen=True)
class OverviewPage(PageContext):
    """The overview section home (``overview/index.md.j2``): each page with its figures, and the downloads."""

    pages: list[ViewEntry]
    """The overview pages in order; each has a CSV download ``<name>.csv``."""


def overview_page(site: Site, here: str, names: Sequence[str]) -> OverviewPage:
    """The context of the overview section home listing the overview pages `names` in that order."""
    figures = {**portfolio.overview_figures(site.catalog, site.today), "assumptions": research.figures(site.catalog)}
    return OverviewPage(**page_fields(site, here), pages=[ViewEntry(name, figures[name]) for name in names])


# --- touchpoint and channel inventory --------------------------------------------------------

@dataclass(frozen=True)
class ChannelRow:
    """A channel in the channel × stage matrix."""

    channel: portfolio.Channel
    """The channel with its touchpoints, media, mean rating and whether it is mixed."""
    cells: list[portfolio.ChannelStage]
    """Its touchpoints in each stage of :attr:`ChannelsPage.stages`, in that order."""


@dataclass(frozen=True)
class ChannelsPage(PageContext):
    """The touchpoint and channel inventory (``overview/channels.md.j2``) of the journeys walked today."""

    figures: portfolio.ChannelFigures
    media: list[portfolio.MediumShare]
    """The touchpoints by medium: digital, then physical."""
    mixed: list[portfolio.Channel]
    """The channels that delight in one journey and disappoint in another, most used first."""
    stages: list[Stage]
    """The columns of the matrix: every stage of the journeys, default stages first."""
    rows: list[ChannelRow]
    """Every channel, most used first, then by name."""


def channels_page(site: Site, here: str) -> ChannelsPage:
    """The context of the channel inventory."""
    catalog = site.catalog
    found = portfolio.channels(catalog)
    stages = portfolio.stages(portfolio.as_is(catalog))
    return ChannelsPage(**page_fields(site, here), figures=portfolio.channel_figures(found),
                        media=portfolio.media_split(catalog), mixed=[channel for channel in found if channel.mixed],
                        stages=stages, rows=[ChannelRow(channel, portfolio.channel_stages(channel, stages))
                                             for channel in found])


# --- pain-point register ---------------------------------------------------------------------

@dataclass(frozen=True)
class PainRow:
    """A pain point in the register's table, with the keys it is sorted by."""

    entry: portfolio.PainEntry
    """The pain point at its place, with the measures addressing it and whether it is open."""
    severity_rank: int
    """0 for critical to 3 for low."""
    stage_rank: int
    """The position of its stage among :attr:`PainPointsPage.stages`."""
    measure_count: int
    """How many measures address it."""


@dataclass(frozen=True)
class PainPointsPage(PageContext):
    """The pain-point register (``overview/pain-points.md.j2``) of the journeys walked today."""

    figures: portfolio.RegisterFigures
    stages: list[Stage]
    """Every stage of the journeys, default stages first (the heatmap's columns, the stage filter)."""
    owners: list[str]
    """The departments owning a pain point, in the catalog's order (the heatmap's rows, the department filter)."""
    heatmap: Markup
    """Open pain points per stage and department, as inline SVG."""
    heat_rows: list[portfolio.HeatRow]
    """The heatmap as a table: a row per department of :attr:`owners`, a cell per stage."""
    unaddressed: list[portfolio.PainEntry]
    """The pain points no measure addresses, critical first."""
    severities: list[str]
    """Every severity, critical first (the severity filter)."""
    support_levels: tuple[str, ...]
    """Whether a step supports the customer enough: fully, partly, not (the filter by the pain point's step)."""
    journeys: list[Journey]
    """The journeys walked today (the journey filter)."""
    rows: list[PainRow]
    """Every pain point, critical first."""


def pain_points_page(site: Site, here: str) -> PainPointsPage:
    """The context of the pain-point register."""
    catalog = site.catalog
    entries = portfolio.pain_register(catalog)
    heat = portfolio.open_heatmap(catalog)
    stage_rank = {stage.id: rank for rank, stage in enumerate(heat.stages)}
    return PainPointsPage(
        **page_fields(site, here), figures=portfolio.register_figures(entries), stages=list(heat.stages),
        owners=list(heat.departments), heatmap=charts.heatmap(heat, catalog.departments, site.labels),
        heat_rows=list(heat.rows), unaddressed=[entry for entry in entries if not entry.addressed],
        severities=list(SEVERITY_ORDER), support_levels=SUPPORT_LEVELS, journeys=portfolio.as_is(catalog),
        rows=[PainRow(entry, SEVERITY_ORDER[entry.pain.severity], stage_rank[entry.place.stage.id], len(entry.measures))
              for entry in entries])


# --- measures backlog ------------------------------------------------------------------------

@dataclass(frozen=True)
class BacklogRow:
    """A measure in the backlog's table."""

    entry: portfolio.BacklogEntry
    """The measure with its journey, its number in the backlog and whether it is overdue."""
    addressed: list[tuple[str, str]]
    """(anchor on the journey's page, text) of each step and pain point it addresses."""
    flags: list[str]
    """``quick-win`` and ``overdue``, as far as they apply (the flags filter)."""
    effort_rank: int
    """0 for low to 2 for high effort."""
    impact_rank: int
    """0 for low to 2 for high impact."""


@dataclass(frozen=True)
class MeasuresPage(PageContext):
    """The measures backlog (``overview/measures.md.j2``): every measure of every journey."""

    figures: portfolio.BacklogFigures
    chart: Markup
    """The impact/effort grid as inline SVG."""
    statuses: list[str]
    """A measure's statuses in the order of its work (the status filter)."""
    owners: list[str]
    """The departments owning a measure, in the catalog's order (the owner filter)."""
    journeys: list[Journey]
    """The journeys with measures (the journey filter)."""
    rows: list[BacklogRow]
    """Every measure: quick wins first, then open before done, high impact, low effort, earliest due date."""


def measures_page(site: Site, here: str) -> MeasuresPage:
    """The context of the measures backlog."""
    catalog = site.catalog
    entries = portfolio.backlog(catalog, site.today)
    rank = portfolio.LEVEL_RANK
    return MeasuresPage(
        **page_fields(site, here), figures=portfolio.backlog_figures(entries),
        chart=charts.impact_effort(entries, site.labels), statuses=list(portfolio.MEASURE_STATUSES),
        owners=portfolio.in_catalog_order(catalog, (entry.measure.department for entry in entries)),
        journeys=[journey for journey in catalog.journeys.values() if journey.measures],
        rows=[BacklogRow(entry, views.addressed(entry.journey, entry.measure), portfolio.backlog_flags(entry),
                         rank[entry.measure.effort], rank[entry.measure.impact]) for entry in entries])


# --- KPI board -------------------------------------------------------------------------------

@dataclass(frozen=True)
class KpiRow:
    """A KPI as a table row shows it: with its trend and its measurements as a sparkline."""

    entry: portfolio.KpiEntry
    sparkline: Markup | None
    """The measured values over time (inline SVG named by its values); None with fewer than two."""


def kpi_rows(entries: Iterable[portfolio.KpiEntry], labels: Mapping[str, str]) -> list[KpiRow]:
    """The rows of `entries`, in their order."""
    return [KpiRow(entry, charts.sparkline(entry.kpi, labels)) for entry in entries]


@dataclass(frozen=True)
class KpiJourneyGroup:
    """A journey's KPIs on the board, with their bar chart."""

    journey: Journey
    entries: list[KpiRow]
    chart: Markup
    """The KPIs as bars (inline SVG, id ``cjm-kpis-<journey id>``)."""


@dataclass(frozen=True)
class KpiOwnerGroup:
    """The KPIs a department owns."""

    department: str
    entries: list[KpiRow]


@dataclass(frozen=True)
class KpisPage(PageContext):
    """The KPI board (``overview/kpis.md.j2``): every KPI by journey and by owner."""

    figures: portfolio.KpiFigures
    by_journey: list[KpiJourneyGroup]
    """The journeys with KPIs, in the catalog's order."""
    by_owner: list[KpiOwnerGroup]
    """The departments owning a KPI, in the catalog's order."""


def kpis_page(site: Site, here: str) -> KpisPage:
    """The context of the KPI board."""
    catalog = site.catalog
    entries = portfolio.kpi_board(catalog, site.today)
    labels = site.labels
    journeys = [KpiJourneyGroup(items[0].journey, kpi_rows(items, labels), charts.kpi_bars(items, labels, f"cjm-kpis-{key}"))
                for key, items in portfolio.by_journey(entries).items()]
    return KpisPage(**page_fields(site, here), figures=portfolio.kpi_figures(entries), by_journey=journeys,
                    by_owner=[KpiOwnerGroup(owner, kpi_rows(items, labels))
                              for owner, items in portfolio.by_owner(catalog, entries)])


# --- review status ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ReviewsPage(PageContext):
    """The review status (``overview/reviews.md.j2``) of every journey and persona on the site's day."""

    due_soon_days: int
    """How many days ahead a review counts as due soon."""
    figures: portfolio.ReviewFigures
    due: list[portfolio.ReviewEntry]
    """The overdue and due-soon journeys and personas, overdue first, then by due date."""


def reviews_page(site: Site, here: str) -> ReviewsPage:
    """The context of the review status."""
    entries = portfolio.review_status(site.catalog, site.today)
    return ReviewsPage(**page_fields(site, here), due_soon_days=portfolio.DUE_SOON_DAYS,
                       figures=portfolio.review_figures(entries), due=portfolio.needing_review(entries))


# --- current against target ------------------------------------------------------------------

@dataclass(frozen=True)
class TargetVsCurrentPage(PageContext):
    """Current against target (``overview/target-vs-current.md.j2``): each target journey beside its current one."""

    comparisons: list[portfolio.Comparison]
    """Every target journey against the current journey it improves, with its figures and pain-point changes."""


def target_vs_current_page(site: Site, here: str) -> TargetVsCurrentPage:
    """The context of the current-against-target page."""
    return TargetVsCurrentPage(**page_fields(site, here), comparisons=portfolio.comparisons(site.catalog))


# --- lifecycles ------------------------------------------------------------------------------

@dataclass(frozen=True)
class LifecyclePage(PageContext):
    """The lifecycles (``overview/lifecycle.md.j2``): each higher-level journey step by step, with the detailed
    journeys of its steps, nested."""

    lifecycles: list[lifecycle.Lifecycle]
    """Each journey with detailed journeys that is no other's detailed journey, in file order."""
    links: int
    """How many links from a step to a detailed journey the journeys hold."""


def lifecycle_page(site: Site, here: str) -> LifecyclePage:
    """The context of the lifecycle page."""
    return LifecyclePage(**page_fields(site, here), lifecycles=lifecycle.lifecycles(site.catalog),
                         links=lifecycle.links(site.catalog))


BUILDERS = {"channels": channels_page, "pain-points": pain_points_page, "measures": measures_page,
            "kpis": kpis_page, "reviews": reviews_page, "target-vs-current": target_vs_current_page,
            "lifecycle": lifecycle_page, "assumptions": assumptions_page}
"""The context builder of each overview page by its name."""


# --- the key figures embed (a start page) ------------------------------------------------------

PRESSING_SHOWN = 5
"""How many of the most pressing pain points the key figures show."""


@dataclass(frozen=True)
class DashboardLink:
    """A department's dashboard with its open pain points."""

    department: Department
    open: int


@dataclass(frozen=True)
class KeyFiguresEmbed(PageContext):
    """``<!-- cjm:key-figures -->``: what a visitor of a start page looks for first."""

    figures: list[LinkedFigure]
    """Journeys, open critical pain points, pain points without a measure, overdue reviews, open quick wins."""
    pressing: list[portfolio.PainEntry]
    """The :data:`PRESSING_SHOWN` most pressing open pain points (:func:`~cjm_mkdocs.views.portfolio.pressing`)."""
    open: int
    """How many pain points are open."""
    register: str
    """The register filtered to the open pain points."""
    dashboards: list[DashboardLink]
    """Every department, in catalog order."""


def key_figures_embed(site: Site, here: str) -> KeyFiguresEmbed:
    """The context of the key figures embed on the page at `here`."""
    fields = page_fields(site, here)
    catalog, url = site.catalog, fields["url"]
    register, backlog = page_uri("overview", "pain-points"), page_uri("overview", "measures")
    pressing = portfolio.pressing(portfolio.pain_register(catalog))
    counts = portfolio.start_figures(catalog, site.today)
    figures = [
        LinkedFigure("journeys", "journeys", counts.journeys, url(page_uri("journey"))),
        LinkedFigure("critical", "start_critical", counts.critical, url(register, open="yes", severity="critical")),
        LinkedFigure("not_addressed", "dashboard_not_addressed", counts.not_addressed, url(register, addressed="no")),
        LinkedFigure("reviews_overdue", "start_reviews_overdue", counts.reviews_overdue,
                     url(page_uri("overview", "reviews"))),
        LinkedFigure("quick_wins", "dashboard_quick_wins", counts.quick_wins,
                     url(backlog, status="open", flags="quick-win")),
    ]
    dashboards = [DashboardLink(department, site.dashboards[department.id].count("open_pain_points"))
                  for department in catalog.departments.values()]
    figures = [figure if figure.value else replace(figure, href=None) for figure in figures]
    return KeyFiguresEmbed(**fields, figures=figures, pressing=pressing[:PRESSING_SHOWN], open=len(pressing),
                           register=url(register, open="yes"), dashboards=dashboards)
