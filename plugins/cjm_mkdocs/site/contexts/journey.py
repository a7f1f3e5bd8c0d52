"""The contexts of a journey's page, its embeds in hand-written pages, and the journeys section home."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ...core.model import STEP_TEXTS, Journey, LovePoint, Measure, PainPoint, Step
from ...render import curve, mermaid
from ...render.pdf import SHEETS
from ...views import department as ownership, journey as views, lifecycle, portfolio, research, timeline
from ..inputs import Site
from ..links import poster_uri
from .base import PageContext, page_fields
from .news import change_lines
from .overview import KpiRow, kpi_rows


@dataclass(frozen=True)
class PainPointEntry:
    """A pain point of the journey with its step, whether it is open and the measures that address it."""

    step: Step
    pain: PainPoint
    open: bool
    measures: list[Measure]
    unimproved: timeline.Unimproved | None = None
    """A done measure addressing it after which the step's rating did not improve (known from the git history)."""


@dataclass(frozen=True)
class LovePointEntry:
    """A love point with its step and its number within the step (its anchor: ``step | love_anchor(number)``)."""

    step: Step
    number: int
    love: LovePoint


@dataclass(frozen=True)
class MeasureEntry:
    """A measure with the (anchor, text) of each step and pain point it addresses."""

    measure: Measure
    addressed: list[tuple[str, str]]
    effects: list[views.KpiEffect]
    """Once it is done: the KPIs it targets before and after the day it was done."""


@dataclass(frozen=True)
class DiagramPart:
    """One Mermaid journey diagram of a journey: a few consecutive stages (or part of a long one)."""

    name: str
    """The stages it shows, as plain text ("Bewusstsein · Überlegung", "Kauf (1/2)")."""
    source: Markup
    """Its Mermaid source (editor text escaped for Mermaid)."""


@dataclass(frozen=True)
class DiagramEmbed(PageContext):
    """``<!-- cjm:diagram <journey> -->``: the journey's Mermaid diagrams."""

    journey: Journey
    diagrams: list[DiagramPart]


@dataclass(frozen=True)
class CurveEmbed(PageContext):
    """``<!-- cjm:curve <journey> -->``: the journey's emotion curve."""

    journey: Journey
    curve: Markup
    """The emotion curve as inline SVG with its text alternative."""
    curve_earlier: bool = False
    """Whether the curve shows the one at the last review behind it (never in an embed)."""


@dataclass(frozen=True)
class MatrixEmbed(PageContext):
    """``<!-- cjm:matrix <journey> -->``: the journey's touchpoint matrix."""

    journey: Journey
    owners: Mapping[str, list[str]]
    """Step id → the departments owning something in the step, the step's owner first."""
    step_texts: tuple[str, ...]
    """The step fields shown as text rows (:data:`~cjm_mkdocs.core.model.STEP_TEXTS`)."""


@dataclass(frozen=True)
class RevisionEntry:
    """A commit that changed the journey, as its history lists it."""

    revision: timeline.Revision
    lines: list[Markup]
    """Each change in the site's words, editor text escaped."""
    since_review: bool
    """Whether it was made after the journey's last review."""


@dataclass(frozen=True)
class JourneyPage(PageContext):
    """A journey's page (``journey.md.j2``)."""

    journey: Journey
    summary: views.JourneySummary
    diagrams: list[DiagramPart]
    curve: Markup
    curve_earlier: bool
    """Whether the curve shows the one at the last review behind it (the ratings changed since)."""
    owners: Mapping[str, list[str]]
    step_texts: tuple[str, ...]
    paths: Markup | None
    """The Mermaid flowchart of the journey's alternative paths, if a step branches."""
    current: Journey | None
    """The current journey this target journey improves."""
    target: Journey | None
    """The target journey that improves this (current) journey."""
    compared: Journey | None
    """The target journey of the comparison on the target-vs-current page (this one, or its target)."""
    comparison: portfolio.Comparison | None
    """This target journey against its current journey."""
    part_of: list[lifecycle.PartOf]
    """The steps of higher-level journeys (a lifecycle) this journey zooms into, in file order."""
    roll_ups: Mapping[str, lifecycle.RollUp]
    """Step id → its detailed journeys with their figures rolled up, for each step that names some."""
    pain_points: list[PainPointEntry]
    """Every pain point, worst first."""
    love_points: list[LovePointEntry]
    """Every love point, strongest first."""
    measures: list[MeasureEntry]
    """Every measure, quick wins first."""
    evidence: list[Step]
    """The steps with evidence."""
    assumed: list[research.Statement]
    """The statements (ratings, pain points, love points, KPIs) that cite no research source, in page order."""
    confidence: research.Confidence
    """How many of the journey's statements research backs."""
    kpis: list[KpiRow]
    """The journey's KPIs with their trends and sparklines, in file order."""
    history: list[RevisionEntry]
    """The latest commits that changed the journey, newest first."""
    history_state: str
    """``complete``, ``shallow`` (older commits missing), ``none`` (no git repository) or ``off``."""
    history_more: bool
    """Whether older commits than those listed changed it."""
    changed_since_review: int
    """How many of the listed commits came after its last review."""
    poster: str | None
    """The source path of its poster (PDF), when the site makes posters (the `posters` option)."""


POSTER_TYPE = 6.5
"""The size of an A3 poster's body text, in points (its headings and table scale with it)."""


@dataclass(frozen=True)
class PosterPage(JourneyPage):
    """A journey as a wall poster (``poster.html.j2``): its page's context, laid out on one landscape sheet."""

    size: str
    """``a3`` or ``a1``."""
    type_size: str
    """The size of its body text as CSS (``6.5pt`` on A3, twice that on A1), shrunk where the journey needs it to fit
    one sheet."""


@dataclass(frozen=True)
class LeftOutPage(PageContext):
    """A journey the `preview` option leaves out: a page with its title and a note."""

    journey: Journey


@dataclass(frozen=True)
class CatalogRow:
    """A journey in the catalog, with the departments owning something in it (for the filter)."""

    journey: Journey
    departments: list[str]


@dataclass(frozen=True)
class CatalogPage(PageContext):
    """The journeys section home: a filterable table of every journey."""

    rows: list[CatalogRow]
    segments: list[str]
    """Every segment, in order of appearance, case ignored (the segment filter)."""
    walking: list[str]
    """The ids of the personas that walk a journey (the persona filter)."""


def journey_page(site: Site, journey: Journey, here: str, source: str | None) -> JourneyPage:
    """The context of a journey's page."""
    catalog = site.catalog
    current = catalog.journeys.get(journey.improves) if journey.kind == "target" and journey.improves else None
    target = catalog.target_of(journey.id)
    history = _known_history(site, journey)
    pains = [PainPointEntry(step, pain, views.is_open(journey, step, pain), views.measures_for(journey, step, pain),
                            timeline.unimproved(history, journey, step, pain) if history else None)
             for step, pain in views.by_severity(journey.pain_points)]
    earlier = _earlier_scores(history, journey)
    return JourneyPage(
        **page_fields(site, here, source), journey=journey, summary=site.summaries[journey.id],
        diagrams=diagrams(site, journey), curve=curve.emotion_curve(journey, site.labels, earlier=earlier),
        curve_earlier=bool(earlier), owners=step_owners(journey),
        step_texts=STEP_TEXTS,
        paths=_markup_or_none(mermaid.branch_flowchart(journey, site.labels)), current=current, target=target,
        compared=journey if current else target,
        comparison=portfolio.compare(current, journey) if current else None,
        part_of=lifecycle.parents(catalog, journey), roll_ups=lifecycle.roll_ups(catalog, journey), pain_points=pains,
        love_points=[LovePointEntry(*item) for item in views.love_points(journey)],
        measures=[MeasureEntry(m, views.addressed(journey, m), views.effects(journey, m))
                  for m in views.measures_in_order(journey)],
        evidence=[step for step in journey.steps if step.evidence], assumed=research.assumed(journey),
        confidence=research.confidence(research.statements(journey)),
        kpis=kpi_rows(portfolio.journey_kpis(journey, site.today), site.labels), **_history(site, journey),
        poster=poster_uri(journey.id) if site.posters else None)


def poster_page(site: Site, journey: Journey, size: str, shrink: float = 1.0) -> PosterPage:
    """The context of a journey's poster of `size` (:data:`~cjm_mkdocs.render.pdf.SHEETS`), its type `shrink`-ed to
    fit one sheet: its page's, placed where the poster lands, without the edit link (paper links nothing)."""
    page = journey_page(site, journey, poster_uri(journey.id), site.catalog.source_file("journey", journey.id))
    points = POSTER_TYPE * SHEETS[size] * shrink
    return PosterPage(**{**page.variables(), "edit_link": None}, size=size, type_size=f"{points:.2f}pt")


def _known_history(site: Site, journey: Journey) -> timeline.JourneyHistory | None:
    """The journey's history when git tells it (None outside git, with history off, or for a file never committed)."""
    return site.histories.get(journey.id) if site.history_state in ("complete", "shallow") else None


def _earlier_scores(history: timeline.JourneyHistory | None, journey: Journey) -> dict[str, int] | None:
    """The step scores at the last review, when some step present then is rated otherwise now."""
    earlier = timeline.scores_on(history, journey, journey.last_reviewed) if history else None
    if earlier and any(earlier[step.id] != step.score for step in journey.steps if step.id in earlier):
        return earlier
    return None


def _history(site: Site, journey: Journey) -> dict[str, object]:
    """The history fields of a journey's page."""
    found = site.histories.get(journey.id, timeline.JourneyHistory(()))
    entries = [RevisionEntry(revision, change_lines(site, revision), revision.day > journey.last_reviewed)
               for revision in found.revisions]
    return {"history": entries, "history_state": site.history_state, "history_more": found.more,
            "changed_since_review": sum(entry.since_review for entry in entries)}


def journey_embed(site: Site, kind: str, journey: Journey, here: str) -> PageContext:
    """The context of a journey's diagram, matrix or curve embedded in the page at `here`."""
    common = page_fields(site, here)
    if kind == "diagram":
        return DiagramEmbed(**common, journey=journey, diagrams=diagrams(site, journey))
    if kind == "curve":
        return CurveEmbed(**common, journey=journey, curve=curve.emotion_curve(journey, site.labels))
    return MatrixEmbed(**common, journey=journey, owners=step_owners(journey), step_texts=STEP_TEXTS)


def catalog_page(site: Site, here: str, source: str | None) -> CatalogPage:
    """The context of the journeys section home."""
    catalog = site.catalog
    journeys = views.current_before_target(catalog.journeys.values())
    return CatalogPage(
        **page_fields(site, here, source),
        rows=[CatalogRow(journey, ownership.departments_of(journey)) for journey in journeys],
        segments=_unique(journey.segment for journey in journeys),
        walking=[persona for persona in catalog.personas if catalog.journeys_of_persona(persona)])


def left_out_page(site: Site, journey: Journey, here: str) -> LeftOutPage:
    """The context of a journey's page under `preview` when the journey is left out."""
    return LeftOutPage(**page_fields(site, here), journey=journey)


def diagrams(site: Site, journey: Journey) -> list[DiagramPart]:
    """The journey's Mermaid journey diagrams, a few stages each."""
    names = {department.id: department.name for department in site.catalog.departments.values()}
    return [DiagramPart(chart.name, Markup(chart.source))
            for chart in mermaid.journey_diagrams(journey, names, site.labels)]


def step_owners(journey: Journey) -> dict[str, list[str]]:
    """Step id → the departments owning something in the step."""
    return {step.id: ownership.step_departments(journey, step) for step in journey.steps}


def _unique(texts: Iterable[str]) -> list[str]:
    """Each text once, case ignored, the first spelling kept."""
    found: dict[str, str] = {}
    for text in texts:
        found.setdefault(text.lower(), text)
    return list(found.values())


def _markup_or_none(text: str | None) -> Markup | None:
    return Markup(text) if text is not None else None
