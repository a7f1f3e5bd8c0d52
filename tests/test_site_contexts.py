"""The typed page contexts of site/contexts/: what each page's template gets, checked against values worked out
here from the catalog's journeys by hand (not through views/portfolio.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from pathlib import Path
from statistics import mean

import pytest

from cjm_mkdocs.core.catalog import Catalog
from cjm_mkdocs.core.labels import LABELS
from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.core.model import add_months
from cjm_mkdocs.site import pages
from cjm_mkdocs.site.contexts import department, news, overview
from cjm_mkdocs.views import timeline
from cjm_mkdocs.site.contexts.base import page_fields
from conftest import dump, sample_data

TODAY = dt.date(2026, 6, 1)
TEMPLATES = Path(pages.__file__).parents[1] / "templates"


# --- overview pages --------------------------------------------------------------------------

def _journey(title: str, stages: list[dict], **fields: object) -> dict:
    return {"title": title, "personas": ["anna"], "segment": "Privatkunden", "scenario": "s", "start": "a", "end": "b",
            "department": "service", "last_reviewed": dt.date(2026, 5, 20), "stages": stages, **fields}


def _overview_data() -> dict:
    """The sample, plus a journey sharing the sample's hotline (delighting there: a mixed channel), an archived
    journey (not walked today, but its measures and KPIs count), a new pain point in the target journey and
    measures that are overdue, due later and done."""
    data = sample_data()
    data["maps/rueckruf.yml"] = _journey("Rückruf", [
        {"id": "awareness", "steps": [
            {"id": "ruft-an", "name": "Ruft an", "rating": 5,
             "touchpoints": [{"channel": " hotline ", "medium": "physical"}, {"channel": "App", "department": "it"}],
             "pain_points": [{"id": "warteschleife", "text": "Warteschleife", "severity": "low", "department": "it"}]},
        ]},
        {"id": "service", "name": "Nachsorge", "steps": [
            {"id": "bekommt-rueckruf", "name": "Bekommt Rückruf", "rating": 2, "touchpoints": [{"channel": "App"}],
             "pain_points": [{"id": "zu-spaet", "text": "Zu spät", "severity": "critical"}]},
        ]},
    ], measures=[
        {"id": "bot", "title": "Rückruf-Bot", "addresses": ["warteschleife"], "department": "it", "effort": "low",
         "impact": "medium", "status": "in-progress", "due": dt.date(2026, 4, 1)},
        {"id": "team", "title": "Mehr Personal", "addresses": ["bekommt-rueckruf"], "effort": "high", "impact": "high",
         "status": "idea", "due": dt.date(2026, 9, 1)},
    ], kpis=[
        {"name": "Rückrufquote", "definition": "d", "source": "s", "target": 90, "current": 95, "unit": "%",
         "department": "service"},
        {"name": "Wartezeit", "definition": "d", "source": "s", "target": 60, "better": "lower",
         "department": "it"},
    ], last_reviewed=dt.date(2025, 6, 20))
    data["maps/alt.yml"] = _journey("Alter Weg", [
        {"id": "awareness", "steps": [{"id": "faxt", "name": "Faxt", "rating": 1, "touchpoints": [{"channel": "Fax"}],
                                       "pain_points": [{"text": "Fax kaputt", "severity": "high"}]}]},
    ], status="archived", measures=[{"id": "fax-weg", "title": "Fax abschaffen", "addresses": ["faxt"], "effort": "low",
                                     "impact": "high", "status": "done"}],
        kpis=[{"name": "Faxe", "definition": "d", "source": "s", "target": 0, "current": 4, "better": "lower"}],
        last_reviewed=dt.date(2024, 6, 1))
    data["maps/kauf-soll.yml"]["stages"][1]["steps"][1]["pain_points"] = [
        {"id": "bewertung-lang", "text": "Bewertung zu lang", "severity": "medium"}]
    return data


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> pages.Site:
    root = tmp_path_factory.mktemp("overview-contexts")
    for name, content in _overview_data().items():
        path = root / "journeys" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(content), encoding="utf-8")
    catalog, problems = JourneyLoader(root / "journeys", base=root).load()
    assert [p for p in problems if p.severity == "error"] == []
    return pages.Site(catalog, LABELS["de"], TODAY)


def _walked(catalog: Catalog) -> list:
    return [j for j in catalog.journeys.values() if j.kind == "current" and j.status != "archived"]


def _touchpoints(catalog: Catalog) -> list[tuple]:
    """(journey, stage, step, touchpoint) of every journey walked today."""
    return [(j, stage, step, tp) for j in _walked(catalog) for stage in j.stages for step in stage.steps
            for tp in step.touchpoints]


def _pains(catalog: Catalog) -> list[dict]:
    """Every pain point of the journeys walked today, with whether a measure addresses it and whether one is done."""
    found = []
    for journey in _walked(catalog):
        for stage in journey.stages:
            for step in stage.steps:
                for pain in step.pain_points:
                    measures = [m for m in journey.measures if step.id in m.addresses or pain.id in m.addresses]
                    found.append({"journey": journey, "stage": stage, "step": step, "pain": pain, "measures": measures,
                                  "open": not any(m.status == "done" for m in measures)})
    return found


def test_overview_home_lists_every_page_with_the_figures_the_page_itself_shows(site: pages.Site) -> None:
    home = overview.overview_page(site, "overview/index.md", pages.OVERVIEW)
    assert [entry.name for entry in home.pages] == list(pages.OVERVIEW)
    shown = {entry.name: {figure.label: figure.value for figure in entry.figures} for entry in home.pages}
    channels = overview.channels_page(site, "overview/channels.md").figures
    pains = overview.pain_points_page(site, "overview/pain-points.md").figures
    measures = overview.measures_page(site, "overview/measures.md").figures
    kpis = overview.kpis_page(site, "overview/kpis.md").figures
    reviews = overview.reviews_page(site, "overview/reviews.md").figures
    compared = overview.target_vs_current_page(site, "overview/target-vs-current.md").comparisons
    lifecycles = overview.lifecycle_page(site, "overview/lifecycle.md")
    assumed = overview.assumptions_page(site, "overview/assumptions.md")
    assert shown == {
        "channels": {"channel_count": channels.channels},
        "pain-points": {"pain_points": pains.total, "open": pains.open, "not_addressed": pains.unaddressed},
        "measures": {"measures": measures.total, "quick_wins": measures.quick_wins, "overdue": measures.overdue},
        "kpis": {"kpis": kpis.total, "met": kpis.met},
        "reviews": {"overdue": reviews.overdue, "due_soon": reviews.due_soon},
        "target-vs-current": {"target_journeys": len(compared)},
        "lifecycle": {"lifecycles": len(lifecycles.lifecycles), "detail_links": lifecycles.links},
        "assumptions": {"assumed_statements": sum(len(group.statements) for group in assumed.journeys),
                        "validated_statements": assumed.confidence.validated},
    }
    assert all(label in LABELS["de"] for figures in shown.values() for label in figures)


@pytest.mark.parametrize("language", sorted(LABELS))
def test_counted_takes_the_singular_label_for_one_and_the_plural_else(site: pages.Site, language: str) -> None:
    words = LABELS[language]
    counted = page_fields(pages.Site(site.catalog, words, TODAY), "overview/index.md")["counted"]
    assert counted(1, "owns_kpi") == f"1 {words['owns_kpi_one']}" == "1 KPI"
    assert [counted(n, "owns_kpi") for n in (0, 2, 12)] == [f"{n} {words['owns_kpi']}" for n in (0, 2, 12)]
    assert counted(1, "target_journeys") == f"1 {words['kind_target']}"
    assert counted(1, "overdue") == f"1 {words['overdue']}"  # an adjective: no singular of its own


def test_every_singular_label_belongs_to_a_plural_one() -> None:
    for words in LABELS.values():
        assert [key for key in words if key.endswith("_one") and key.removesuffix("_one") not in words] == []


def test_channels_page_counts_channels_touchpoints_and_mixed_ones(site: pages.Site) -> None:
    page = overview.channels_page(site, "overview/channels.md")
    uses = _touchpoints(site.catalog)
    by_key: dict[str, list[tuple]] = {}
    for use in uses:
        by_key.setdefault(use[3].channel.strip().casefold(), []).append(use)
    assert (page.figures.channels, page.figures.touchpoints) == (len(by_key), len(uses)) == (6, 8)
    mixed = {key for key, found in by_key.items()
             if any(a[0].id != b[0].id for a in found if a[2].mood == "delighting"
                    for b in found if b[2].mood == "disappointing")}
    assert mixed == {"hotline"} and {channel.name.casefold() for channel in page.mixed} == mixed
    assert page.figures.mixed == len(mixed)
    assert {share.medium: share.touchpoints for share in page.media} == dict(Counter(u[3].medium for u in uses))
    assert [row.channel.name.casefold() for row in page.rows][:2] == ["app", "hotline"]  # most used first
    for row in page.rows:
        found = by_key[row.channel.name.casefold()]
        assert row.channel.touchpoints == len(found) == sum(cell.touchpoints for cell in row.cells)
        assert [cell.stage.id for cell in row.cells] == [stage.id for stage in page.stages]
        for cell in row.cells:
            here = [u for u in found if u[1].id == cell.stage.id]
            assert cell.touchpoints == len(here) == len(cell.uses)
            assert cell.average == (round(mean(u[2].score for u in here), 1) if here else None)
            assert cell.departments == list(dict.fromkeys(u[3].department for u in here))


def test_pain_points_page_counts_open_unaddressed_and_each_severity(site: pages.Site) -> None:
    page = overview.pain_points_page(site, "overview/pain-points.md")
    pains = _pains(site.catalog)
    assert page.figures.total == len(pains) == len(page.rows) == 5
    assert page.figures.open == sum(p["open"] for p in pains) == 4
    assert page.figures.unaddressed == sum(not p["measures"] for p in pains) == len(page.unaddressed) == 1
    severities = Counter(p["pain"].severity for p in pains)
    assert page.figures.by_severity == tuple((s, severities[s]) for s in ("critical", "high", "medium", "low"))
    assert page.severities == ["critical", "high", "medium", "low"]
    assert page.owners == [d for d in site.catalog.departments if d in {p["pain"].department for p in pains}]
    assert [row.department for row in page.heat_rows] == page.owners
    for row in page.heat_rows:
        assert [cell.stage.id for cell in row.cells] == [stage.id for stage in page.stages]
        for cell in row.cells:
            assert cell.count == sum(p["open"] and p["stage"].id == cell.stage.id and p["pain"].department == row.department
                                     for p in pains)
        assert row.total == sum(cell.count for cell in row.cells)
    assert sum(row.total for row in page.heat_rows) == page.figures.open
    stage_ids = [stage.id for stage in page.stages]
    for row in page.rows:
        entry = row.entry
        assert row.severity_rank == ["critical", "high", "medium", "low"].index(entry.pain.severity)
        assert row.stage_rank == stage_ids.index(entry.place.stage.id)
        assert row.measure_count == len(entry.measures)
    assert [row.severity_rank for row in page.rows] == sorted(row.severity_rank for row in page.rows)
    assert page.journeys == _walked(site.catalog)
    assert page.heatmap.startswith("<svg") and 'id="cjm-heatmap"' in page.heatmap


def test_measures_page_counts_quick_wins_overdue_and_done_measures_of_every_journey(site: pages.Site) -> None:
    page = overview.measures_page(site, "overview/measures.md")
    measures = [(j, m) for j in site.catalog.journeys.values() for m in j.measures]  # archived journeys too
    quick = [m for _, m in measures if m.quick_win or (m.quick_win is None and m.effort == "low" and m.impact != "low")]
    overdue = [m for _, m in measures if m.due and m.due < TODAY and m.status != "done"]
    assert (page.figures.total, page.figures.quick_wins, page.figures.overdue, page.figures.done) == \
        (len(measures), len(quick), len(overdue), sum(m.status == "done" for _, m in measures)) == (5, 3, 1, 2)
    assert page.statuses == ["idea", "planned", "in-progress", "done"]
    assert page.owners == [d for d in site.catalog.departments if d in {m.department for _, m in measures}]
    assert page.journeys == [j for j in site.catalog.journeys.values() if j.measures]
    assert [row.entry.number for row in page.rows] == list(range(1, len(measures) + 1))
    levels = ["low", "medium", "high"]
    for row in page.rows:
        measure = row.entry.measure
        assert row.flags == [flag for flag, on in (("quick-win", measure in quick), ("overdue", measure in overdue)) if on]
        assert (row.effort_rank, row.impact_rank) == (levels.index(measure.effort), levels.index(measure.impact))
        assert len(row.addressed) == len(measure.addresses)
    assert page.chart.startswith("<svg") and 'id="cjm-impact-effort"' in page.chart


def test_kpis_page_counts_each_status_and_groups_by_journey_and_owner(site: pages.Site) -> None:
    page = overview.kpis_page(site, "overview/kpis.md")
    kpis = [(j, k) for j in site.catalog.journeys.values() for k in j.kpis]

    def status(kpi: object) -> str:
        if kpi.current is None:
            return "no_value"
        met = kpi.current >= kpi.target if kpi.better == "higher" else kpi.current <= kpi.target
        return "met" if met else "not_met"
    counted = Counter(status(k) for _, k in kpis)
    assert (page.figures.total, page.figures.met, page.figures.not_met, page.figures.no_value) == \
        (len(kpis), counted["met"], counted["not_met"], counted["no_value"]) == (4, 1, 2, 1)
    assert [group.journey.id for group in page.by_journey] == [j.id for j in site.catalog.journeys.values() if j.kpis]
    for group in page.by_journey:
        assert [row.entry.kpi for row in group.entries] == group.journey.kpis
        assert f'id="cjm-kpis-{group.journey.id}"' in group.chart
    owners = {k.department for _, k in kpis}
    assert [group.department for group in page.by_owner] == [d for d in site.catalog.departments if d in owners]
    for group in page.by_owner:
        assert [row.entry.kpi for row in group.entries] == [k for _, k in kpis if k.department == group.department]


def test_reviews_page_counts_each_state_and_lists_the_reviews_due(site: pages.Site) -> None:
    page = overview.reviews_page(site, "overview/reviews.md")
    items = [("journey", j.id, j.last_reviewed, j.review_interval_months) for j in site.catalog.journeys.values()]
    items += [("persona", p.id, p.last_reviewed, p.review_interval_months) for p in site.catalog.personas.values()]
    states = {}
    for kind, key, last, months in items:
        due = add_months(last, months) if last else None
        states[kind, key] = ("overdue" if due is None or due < TODAY else
                             "due_soon" if (due - TODAY).days <= 30 else "ok")
    counted = Counter(states.values())
    assert (page.figures.overdue, page.figures.due_soon, page.figures.ok) == \
        (counted["overdue"], counted["due_soon"], counted["ok"]) == (3, 1, 3)
    assert page.due_soon_days == 30
    assert {(entry.kind, entry.id) for entry in page.due} == {key for key, state in states.items() if state != "ok"}
    for entry in page.due:
        assert entry.days_overdue == ((TODAY - entry.due).days if entry.due and entry.due < TODAY else None)


def test_target_vs_current_page_counts_step_and_pain_point_changes(site: pages.Site) -> None:
    page = overview.target_vs_current_page(site, "overview/target-vs-current.md")
    assert [(c.current.id, c.target.id) for c in page.comparisons] == [("kauf", "kauf-soll")]
    comparison = page.comparisons[0]
    before = {step.id: step.score for step in comparison.current.steps}
    after = {step.id: step.score for step in comparison.target.steps}
    pains_before = {pain.id for _, pain in comparison.current.pain_points}
    pains_after = {pain.id for _, pain in comparison.target.pain_points}
    figures = comparison.figures
    assert (figures.added, figures.removed, figures.rerated) == \
        (len(after.keys() - before.keys()), len(before.keys() - after.keys()),
         sum(before[key] != after[key] for key in before.keys() & after.keys())) == (1, 1, 1)
    assert (figures.resolved, figures.new) == (len(pains_before - pains_after), len(pains_after - pains_before)) == (3, 1)
    assert [(c.kind, c.journey.id, len(c.pains)) for c in comparison.pain_changes] == \
        [("resolved_pain_points", "kauf", 3), ("new_pain_points", "kauf-soll", 1)]


def test_overview_contexts_render_through_their_templates(site: pages.Site) -> None:
    env = pages.environment()
    contexts = {"index": overview.overview_page(site, "overview/index.md", pages.OVERVIEW)}
    contexts |= {view: overview.BUILDERS[view](site, f"overview/{view}.md") for view in pages.OVERVIEW}
    for view, context in contexts.items():
        assert not {"site", "catalog"} & context.variables().keys()
        markdown = pages.render_page(env, f"overview/{view}.md.j2", context)
        title = site.labels["overview" if view == "index" else "overview_" + view.replace("-", "_")]
        assert re.search(rf"^# {re.escape(title)}$", markdown, re.MULTILINE)


# --- department dashboards ---------------------------------------------------------------------

def test_a_dashboard_lists_every_journey_owned_and_ten_it_takes_part_in(tmp_path: Path) -> None:
    data = sample_data()
    for number in range(14):  # owned by service, the IT department takes part in each through a touchpoint
        data[f"maps/extra-{number:02}.yml"] = _journey(f"Extra {number}", [{"id": "awareness", "steps": [
            {"name": "Schritt", "rating": 3, "touchpoints": [{"channel": "App", "department": "it"}]}]}])
    data["maps/eigen.yml"] = _journey("Eigen", [{"id": "awareness", "steps": [{"name": "S", "rating": 2}]}],
                                      department="it")
    for name, content in data.items():
        path = tmp_path / "journeys" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(content), encoding="utf-8")
    catalog, _ = JourneyLoader(tmp_path / "journeys", base=tmp_path).load()
    site = pages.Site(catalog, LABELS["de"], TODAY)
    def involved(journey) -> set:
        items = [*journey.measures, *journey.kpis]
        for step in journey.steps:
            items += [step, *step.touchpoints, *step.love_points, *step.pain_points, *step.frontstage, *step.backstage,
                      *step.support_processes]
        return {item.department for item in items}

    taking_part = [j.id for j in catalog.journeys.values() if j.department != "it" and "it" in involved(j)]
    owned = [j.id for j in catalog.journeys.values() if j.department == "it"]
    context = department.department_page(site, catalog.departments["it"], "departments/it.md", None)
    assert [role.journey.id for role in context.journeys.entries] == owned + taking_part[:10]
    assert (context.journeys.total, context.journeys.more) == (len(owned) + len(taking_part), len(taking_part) - 10)
    assert context.journeys.href == "../../journeys/?departments=it"


def test_the_news_page_and_its_feed_keep_to_the_latest_changes(site: pages.Site, monkeypatch) -> None:
    """One commit touching every journey would list them all: the page shows the latest NEWS_SHOWN and says how
    many there are, the feed holds the latest FEED_SHOWN."""
    journeys = list(site.catalog.journeys)
    revisions = {journey_id: timeline.JourneyHistory(tuple(
        timeline.Revision(f"{n:040x}", "Editor", dt.datetime(2026, 5, 1 + n, 10, tzinfo=dt.timezone.utc), f"edit {n}", ())
        for n in range(3))) for journey_id in journeys}
    with_news = dataclasses.replace(site, histories=revisions, history_state="complete", today=dt.date(2026, 6, 1))
    monkeypatch.setattr(timeline, "NEWS_SHOWN", 4)
    monkeypatch.setattr(timeline, "FEED_SHOWN", 2)
    page = news.news_page(with_news, "overview/news.md", "overview/news.xml")
    assert page.total == 3 * len(journeys) > 4
    assert [entry.revision.subject for entry in page.entries] == ["edit 2"] * min(4, len(journeys)) + \
        ["edit 1"] * (4 - min(4, len(journeys)))
    assert pages.news_feed(with_news).count("<entry>") == 2
