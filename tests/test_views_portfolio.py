"""Views across all journeys (portfolio) and their SVG charts, on small data sets built for each rule."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cjm_mkdocs.views import portfolio
from cjm_mkdocs.core.catalog import Catalog
from cjm_mkdocs.core.labels import LABELS
from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.render import charts
from conftest import dump, sample_data

DE = LABELS["de"]
SVG = "{http://www.w3.org/2000/svg}"
TODAY = dt.date(2026, 6, 1)


def load(tmp_path: Path, data: dict) -> Catalog:
    for name, content in data.items():
        path = tmp_path / "journeys" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(content), encoding="utf-8")
    catalog, problems = JourneyLoader(tmp_path / "journeys").load()
    assert [p for p in problems if p.severity == "error"] == []
    return catalog


def journey(title: str, steps: list[dict], **fields: object) -> dict:
    """A journey with one stage per (stage id, step) pair, in order."""
    stages: dict[str, list[dict]] = {}
    for stage, step in steps:
        stages.setdefault(stage, []).append(step)
    return {"title": title, "personas": ["anna"], "segment": "Privatkunden", "scenario": "s", "start": "a", "end": "b",
            "department": "marketing", "last_reviewed": dt.date(2026, 3, 1),
            "stages": [{"id": key, "steps": items} for key, items in stages.items()], **fields}


def step(name: str, rating: int, *channels: str, **fields: object) -> dict:
    return {"name": name, "rating": rating, "touchpoints": [{"channel": c} for c in channels], **fields}


def svg_root(markup: object) -> ET.Element:
    root = ET.fromstring(str(markup))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    assert set(root.get("aria-labelledby").split()) <= ids
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    return root


# --- channels ----------------------------------------------------------------------------

def test_channels_group_by_name_ignoring_case_and_count_only_journeys_walked_today(tmp_path: Path) -> None:
    data = sample_data()
    data["maps/a.yml"] = journey("A", [("awareness", step("Sucht", 5, "Hotline", "Web")),
                                        ("purchase", step("Kauft", 1, "hotline "))])
    data["maps/b.yml"] = journey("B", [("awareness", step("Liest", 2, "HOTLINE"))], status="archived")
    catalog = load(tmp_path, data)
    found = {channel.name.casefold(): channel for channel in portfolio.channels(catalog)}
    hotline = found["hotline"]
    assert sorted((use.place.journey.id, use.place.stage.id) for use in hotline.uses) == [
        ("a", "awareness"), ("a", "purchase"), ("kauf", "awareness")]
    assert len(hotline.in_stage("awareness")) == 2 and hotline.average == round((5 + 1 + 1) / 3, 1)
    assert "preisportal" in found and "e-mail" in found  # kauf and einkauf are current journeys
    assert all(use.place.journey.id != "kauf-soll" for channel in found.values() for use in channel.uses)


def test_a_channel_is_mixed_only_when_it_delights_in_one_journey_and_disappoints_in_another(tmp_path: Path) -> None:
    data = sample_data()
    data["maps/a.yml"] = journey("A", [("awareness", step("Gut", 5, "Chat")), ("purchase", step("Schlecht", 1, "Chat")),
                                        ("awareness", step("Top", 4, "App"))])
    data["maps/b.yml"] = journey("B", [("awareness", step("Mies", 2, "App"))])
    found = {channel.name: channel for channel in portfolio.channels(load(tmp_path, data))}
    assert not found["Chat"].mixed  # good and bad in the same journey only
    assert found["App"].mixed
    assert [(j.id, mean, low, high) for j, mean, low, high in found["App"].journey_ratings] == [("a", 4, 4, 4),
                                                                                              ("b", 2, 2, 2)]


def test_media_split_counts_touchpoints_and_channels_per_medium(tmp_path: Path) -> None:
    catalog = load(tmp_path, sample_data())
    split = {share.medium: share for share in portfolio.media_split(catalog)}
    assert [share.medium for share in portfolio.media_split(catalog)] == ["digital", "physical"]
    assert len(split["physical"].uses) == 1 and split["physical"].channels == 1 and split["physical"].average == 1
    assert len(split["digital"].uses) == 4 and split["digital"].channels == 4


# --- pain points -------------------------------------------------------------------------

def test_pain_register_is_worst_first_and_knows_measures_and_open_state(tmp_path: Path) -> None:
    catalog = load(tmp_path, sample_data())
    entries = portfolio.pain_register(catalog)
    assert [e.pain.severity for e in entries] == ["critical", "high", "medium"]
    by_id = {e.pain.id: e for e in entries}
    assert by_id["versand-unklar"].addressed and not by_id["versand-unklar"].open  # done measure
    assert by_id["abbrechen-pain-1"].addressed and by_id["abbrechen-pain-1"].open  # planned measure on the step
    assert not by_id["angebot-sehen-pain-2"].addressed and by_id["angebot-sehen-pain-2"].open


def test_heatmap_counts_open_pain_points_per_stage_and_owner(tmp_path: Path) -> None:
    heat = portfolio.open_heatmap(load(tmp_path, sample_data()))
    assert heat.counts == {("awareness", "marketing"): 1, ("awareness", "service"): 1}
    assert heat.departments == ("marketing", "service")  # owners of any pain point, catalog order
    assert [stage.id for stage in heat.stages] == ["awareness", "purchase", "bedarf"]
    assert heat.total == 2 and heat.maximum == 1 and heat.department_total("service") == 1


# --- measures ----------------------------------------------------------------------------

def measure(title: str, **fields: object) -> dict:
    return {"title": title, **fields}


def test_backlog_orders_quick_wins_first_then_open_impact_effort_due(tmp_path: Path) -> None:
    data = sample_data()
    data["maps/einkauf.yml"]["measures"] = [
        measure("Groß", effort="high", impact="high", status="planned"),
        measure("Erledigt schnell", effort="low", impact="high", status="done"),
        measure("Schnell später", effort="low", impact="medium", due=dt.date(2026, 9, 1)),
        measure("Schnell früher", effort="low", impact="medium", due=dt.date(2026, 7, 1)),
        measure("Erzwungen", effort="high", impact="low", quick_win=True),
        measure("Mittel", effort="medium", impact="high"),
    ]
    data["maps/kauf.yml"]["measures"] = []
    entries = portfolio.backlog(load(tmp_path, data), TODAY)
    assert [e.measure.title for e in entries] == ["Schnell früher", "Schnell später", "Erzwungen", "Erledigt schnell",
                                                  "Mittel", "Groß"]
    assert [e.number for e in entries] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(("due", "status", "overdue"), [
    (TODAY - dt.timedelta(days=1), "planned", True),
    (TODAY, "planned", False),
    (TODAY - dt.timedelta(days=30), "done", False),
    (None, "idea", False),
])
def test_a_measure_is_overdue_after_its_due_day_unless_done(tmp_path: Path, due, status, overdue) -> None:
    data = sample_data()
    data["maps/kauf.yml"]["measures"] = [measure("M", status=status, **({"due": due} if due else {}))]
    [entry] = portfolio.backlog(load(tmp_path, data), TODAY)
    assert entry.overdue is overdue


# --- KPIs --------------------------------------------------------------------------------

def test_kpi_status_and_grouping_by_owner_in_catalog_order(tmp_path: Path) -> None:
    data = sample_data()
    kpi = {"definition": "d", "source": "s", "target": 10}
    data["maps/einkauf.yml"]["kpis"] = [{"name": "Leer", **kpi}, {"name": "Gut", "current": 3, "better": "lower", **kpi},
                                        {"name": "IT", "current": 9, "department": "it", **kpi}]
    entries = portfolio.kpi_board(load(tmp_path, data), TODAY)
    assert [(e.kpi.name, e.status) for e in entries] == [("Leer", "no_value"), ("Gut", "met"), ("IT", "not_met"),
                                                         ("Conversion", "not_met")]  # journeys in file order
    assert [(owner, [e.kpi.name for e in items]) for owner, items in portfolio.by_owner(load(tmp_path, data), entries)] \
        == [("marketing", ["Conversion"]), ("service", ["Leer", "Gut"]), ("it", ["IT"])]


# --- reviews -----------------------------------------------------------------------------

def test_review_states_around_the_due_day_and_the_window(tmp_path: Path) -> None:
    catalog = load(tmp_path, sample_data())  # kauf due 2027-03-01, einkauf 2027-05-01, kauf-soll 2025-01-01
    states = {e.id: (e.state, e.days) for e in portfolio.review_status(catalog, dt.date(2027, 1, 30), within=30)}
    assert states["kauf"] == ("due_soon", 30)
    assert states["einkauf"] == ("ok", 91)
    assert states["kauf-soll"] == ("overdue", -759)
    assert states["bernd"] == ("overdue", None)  # never reviewed
    assert {e.id: e.state for e in portfolio.review_status(catalog, dt.date(2027, 1, 30), within=29)}["kauf"] == "ok"
    assert {e.id: e.state for e in portfolio.review_status(catalog, dt.date(2027, 3, 2))}["kauf"] == "overdue"


def test_review_list_is_overdue_first_then_by_due_day(tmp_path: Path) -> None:
    entries = portfolio.review_status(load(tmp_path, sample_data()), TODAY)
    assert [(e.kind, e.id, e.state) for e in entries] == [
        ("persona", "bernd", "overdue"), ("journey", "kauf-soll", "overdue"), ("persona", "anna", "ok"),
        ("journey", "kauf", "ok"), ("journey", "einkauf", "ok")]
    assert [e.id for e in portfolio.needing_review(entries)] == ["bernd", "kauf-soll"]
    assert entries[0].owner is None and entries[1].owner == "marketing"


# --- current against target --------------------------------------------------------------

def test_comparison_per_stage_with_steps_added_removed_rerated_and_pain_points(tmp_path: Path) -> None:
    data = sample_data()
    target = data["maps/kauf-soll.yml"]
    target["stages"][0]["steps"][0]["pain_points"] = [{"id": "versand-unklar", "text": "bleibt"},
                                                      {"id": "neu", "text": "neu", "severity": "low"}]
    target["stages"].append({"id": "treue", "name": "Treue", "steps": [{"id": "wiederkaufen", "name": "W", "rating": "okay"}]})
    [comparison] = portfolio.comparisons(load(tmp_path, data))
    assert (comparison.current.id, comparison.target.id) == ("kauf", "kauf-soll")
    stages = {s.stage.id: s for s in comparison.stages}
    assert list(stages) == ["awareness", "purchase", "treue"]
    assert [(c.kind, c.current.id) for c in stages["awareness"].current] == [("rerated", "angebot-sehen"),
                                                                               ("removed", "abbrechen")]
    assert [(c.kind, c.target.id, c.delta) for c in stages["purchase"].target] == [("same", "bestellen", 0),
                                                                                  ("added", "bewerten", None)]
    assert stages["treue"].current == () and stages["treue"].stage.name == "Treue"
    assert {kind: comparison.count(kind) for kind in ("added", "removed", "rerated")} == {
        "added": 2, "removed": 1, "rerated": 1}
    assert [pain.id for _, pain in comparison.resolved] == ["angebot-sehen-pain-2", "abbrechen-pain-1"]
    assert [pain.id for _, pain in comparison.new] == ["neu"]


def test_comparison_lists_each_step_once_and_the_changed_ones_stage_by_stage(tmp_path: Path) -> None:
    catalog = load(tmp_path, sample_data())
    comparison = portfolio.compare(catalog.journeys["kauf"], catalog.journeys["kauf-soll"])
    steps = [(c.kind, (c.target or c.current).id, c.delta) for c in comparison.steps]
    # per stage: the steps the target drops, then the target's steps in its order
    assert steps == [("removed", "abbrechen", None), ("rerated", "angebot-sehen", 2), ("same", "bestellen", 0),
                     ("added", "bewerten", None)]
    assert comparison.changes == tuple(c for c in comparison.steps if c.kind != "same")
    assert {kind: comparison.count(kind) for kind in ("added", "removed", "rerated", "same")} == {
        "added": 1, "removed": 1, "rerated": 1, "same": 1}


def test_a_step_is_rerated_only_when_its_score_changes_pain_points_are_compared_on_their_own(tmp_path: Path) -> None:
    data = sample_data()
    target = data["maps/kauf-soll.yml"]
    target["stages"][0]["steps"][0]["rating"] = "okay"  # as in the current journey; both its pain points go
    target["stages"][1]["steps"][0]["pain_points"] = [{"id": "neu", "text": "neu", "severity": "low"}]
    catalog = load(tmp_path, data)
    comparison = portfolio.compare(catalog.journeys["kauf"], catalog.journeys["kauf-soll"])
    kinds = {(c.target or c.current).id: c.kind for c in comparison.steps}
    assert kinds == {"angebot-sehen": "same", "abbrechen": "removed", "bestellen": "same", "bewerten": "added"}
    assert [(c.kind, (c.target or c.current).id) for c in comparison.changes] == [("removed", "abbrechen"),
                                                                                 ("added", "bewerten")]
    assert [(step.id, pain.id) for step, pain in comparison.resolved] == [
        ("angebot-sehen", "versand-unklar"), ("angebot-sehen", "angebot-sehen-pain-2"), ("abbrechen", "abbrechen-pain-1")]
    assert [(step.id, pain.id) for step, pain in comparison.new] == [("bestellen", "neu")]


# --- charts ------------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script> & "x" ]]> \x07'


def test_charts_are_well_formed_accessible_svg_even_with_hostile_names(tmp_path: Path) -> None:
    data = sample_data()
    data["departments.yml"]["departments"][1]["name"] = HOSTILE
    data["maps/kauf.yml"]["kpis"][0]["name"] = HOSTILE
    data["maps/kauf.yml"]["measures"][0]["title"] = HOSTILE
    catalog = load(tmp_path, data)
    heat = svg_root(charts.heatmap(portfolio.open_heatmap(catalog), catalog.departments, DE))
    grid = svg_root(charts.impact_effort(portfolio.backlog(catalog, TODAY), DE))
    bars = svg_root(charts.kpi_bars(portfolio.kpi_board(catalog, TODAY), DE, "k"))
    texts = " ".join(t for root in (heat, grid, bars) for el in root.iter() for t in [el.text or ""])
    assert "<script>alert(1)</script>" in texts  # kept as text, never as markup
    assert not [el for root in (heat, grid, bars) for el in root.iter() if el.tag.endswith("script")]


def test_heatmap_cells_carry_the_counts_and_the_description_names_them(tmp_path: Path) -> None:
    catalog = load(tmp_path, sample_data())
    root = svg_root(charts.heatmap(portfolio.open_heatmap(catalog), catalog.departments, DE))
    cells = {(g.get("data-stage"), g.get("data-department")): int(g.get("data-count"))
             for g in root.iter(f"{SVG}g") if g.get("class") == "cjm-heat"}
    assert len(cells) == 3 * 2 and sum(cells.values()) == 2
    assert cells[("awareness", "service")] == 1 and cells[("purchase", "marketing")] == 0
    desc = root.find(f"{SVG}desc").text
    assert "Bewusstsein / Marketing: 1" in desc and "Bewusstsein / Kundenservice: 1" in desc and f"{DE['total']}: 2" in desc


def test_impact_effort_grid_has_a_numbered_dot_per_measure_in_its_cell(tmp_path: Path) -> None:
    data = sample_data()
    data["maps/einkauf.yml"]["measures"] = [measure(f"M{n}", effort="medium", impact="low") for n in range(40)]
    entries = portfolio.backlog(load(tmp_path, data), TODAY)
    root = svg_root(charts.impact_effort(entries, DE))
    dots = [g for g in root.iter(f"{SVG}g") if "cjm-dot" in (g.get("class") or "").split()]
    shown = {int(g.get("data-number")) for g in dots}
    crowded = [e for e in entries if e.measure.effort == "medium" and e.measure.impact == "low"]
    assert len(crowded) == 40 and len(dots) < len(entries)  # a full cell shows "+n" for the rest
    assert "+" + str(len(entries) - len(dots)) in [t.text for t in root.iter(f"{SVG}text")]
    assert {e.number for e in entries if e not in crowded} <= shown
    for dot in dots:
        left, top = charts.cell_origin(dot.get("data-effort"), dot.get("data-impact"))
        circle = dot.find(f"{SVG}circle[@r='{charts.DOT}']")
        assert left < float(circle.get("cx")) < left + charts.GRID_WIDTH
        assert top < float(circle.get("cy")) < top + charts.GRID_HEIGHT


@pytest.mark.parametrize(("target", "current"), [(30, -12), (5, 17), (80, None), (0, 0), (-5, -20)])
def test_kpi_bars_stay_inside_the_chart(tmp_path: Path, target: float, current: float | None) -> None:
    data = sample_data()
    data["maps/kauf.yml"]["kpis"][0].update(target=target, current=current)
    root = svg_root(charts.kpi_bars(portfolio.kpi_board(load(tmp_path, data), TODAY), DE, "k"))
    lowest, highest = charts.BAR_LEFT, charts.BAR_LEFT + charts.BAR_WIDTH
    for rect in root.iter(f"{SVG}rect"):
        assert lowest <= float(rect.get("x")) and float(rect.get("x")) + float(rect.get("width")) <= highest + 0.1
    marks = [el for el in root.iter(f"{SVG}path") if el.get("class") == "cjm-kpi-target"]
    assert len(marks) == 1 and lowest <= float(marks[0].get("d")[1:].split()[0]) <= highest
    assert len(list(root.iter(f"{SVG}rect"))) == (0 if current is None else 1)


def test_overview_figures_count_what_each_overview_page_lists(tmp_path: Path) -> None:
    catalog = load(tmp_path, sample_data())
    figures = {view: {f.label: f.value for f in found} for view, found in portfolio.overview_figures(catalog, TODAY).items()}
    pains, measures = portfolio.pain_register(catalog), portfolio.backlog(catalog, TODAY)
    states = [entry.state for entry in portfolio.review_status(catalog, TODAY)]
    assert figures["pain-points"] == {"pain_points": len(pains), "open": len([p for p in pains if p.open]),
                                      "not_addressed": len([p for p in pains if not p.addressed])}
    assert figures["measures"]["quick_wins"] == len([e for e in measures if e.measure.is_quick_win]) > 0
    assert figures["reviews"] == {"overdue": states.count("overdue"), "due_soon": states.count("due_soon")}
    assert figures["target-vs-current"] == {"target_journeys": 1}
    assert all(label in LABELS["de"] for found in figures.values() for label in found)
