"""The overview pages of a real strict build of the sample, checked against counts computed here from the YAML.

The YAML is read with `yaml.safe_load` and its rules (inherited departments, step scores, open pain points,
quick wins, review dates) are applied by hand below, not through the plugin's model.
"""

from __future__ import annotations

import calendar
import contextlib
import csv
import datetime as dt
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from statistics import mean
from urllib.parse import urljoin

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from cjm_mkdocs.core.labels import LABELS
from conftest import ROOT, BuiltSite, build_site, make_project, run_mkdocs, sample_data
from test_plugin_site import broken_links, outside_requests

TODAY = dt.date(2026, 12, 20)
DE = LABELS["de"]
VIEWS = ("channels", "pain-points", "measures", "kpis", "reviews", "target-vs-current", "lifecycle", "assumptions")
SCORES = {"disappointing": 1, "okay": 3, "delighting": 5}
SEVERITY = {"critical": 0, "high": 1, "medium": 2, "low": 3}
LEVEL = {"low": 0, "medium": 1, "high": 2}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's journeys/ built strict with `today` fixed at :data:`TODAY`; the start page shows the key figures."""
    config = make_project(tmp_path_factory.mktemp("overview"), {}, plugin={"today": TODAY},
                          docs={"index.md": "# Start\n\n<!-- cjm:key-figures -->\n"})
    shutil.copytree(ROOT / "journeys", config.parent / "journeys")  # the research media are bytes
    result = run_mkdocs(config)
    built = BuiltSite(config.parent, result.returncode, result.stdout + result.stderr)
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="module")
def data() -> dict:
    """departments, personas and journeys straight from the YAML files, ids defaulting to file names."""
    folder = ROOT / "journeys"
    load = yaml.safe_load
    departments = {d["id"]: d for d in load((folder / "departments.yml").read_text(encoding="utf-8"))["departments"]}
    personas = {}
    for path in sorted((folder / "personas").glob("*.yml")):
        item = load(path.read_text(encoding="utf-8"))
        personas[item.get("id", path.stem)] = item
    journeys = {}
    for path in sorted((folder / "maps").glob("*.yml")):
        item = load(path.read_text(encoding="utf-8"))
        journeys[item.get("id", path.stem)] = item
    for path in sorted((folder / "maps").glob("*.*.csv")):
        journey_id, kpi_id = path.stem.split(".")
        kpi = next(k for k in journeys[journey_id]["kpis"] if k["id"] == kpi_id)
        kpi.setdefault("history", []).extend(measurements(path))
    return {"departments": departments, "personas": personas, "journeys": journeys}


def measurements(table: Path) -> list[dict]:
    """The rows of a German BI export (`Datum;Wert;…`, DD.MM.YYYY, decimal comma) as YAML measurements."""
    rows = list(csv.DictReader(table.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    return [{"date": dt.datetime.strptime(row["Datum"], "%d.%m.%Y").date(), "value": float(row["Wert"].replace(",", "."))}
            for row in rows]


# --- the rules, by hand --------------------------------------------------------------------

def score(step: dict) -> int:
    return step["rating"] if isinstance(step["rating"], int) else SCORES[step["rating"]]


def places(journey: dict):
    for stage in journey["stages"]:
        for step in stage["steps"]:
            yield stage, step


def as_is(data: dict) -> dict:
    return {key: j for key, j in data["journeys"].items()
            if j.get("kind", "current") == "current" and j.get("status", "draft") != "archived"}


def owner(journey: dict, step: dict, item: dict) -> str:
    return item.get("department") or step.get("department") or journey["department"]


def pains(journey: dict):
    """(stage, step, pain id, pain) with default ids `<step>-pain-<n>`."""
    for stage, step in places(journey):
        for number, pain in enumerate(step.get("pain_points", []), 1):
            yield stage, step, pain.get("id", f"{step['id']}-pain-{number}"), pain


def measure_status(measure: dict) -> str:
    """The status of its latest change when it lists its history, else the one written (default idea)."""
    changes = sorted(measure.get("history", []), key=lambda change: change["date"])
    return changes[-1]["status"] if changes else measure.get("status", "idea")


def addressing(journey: dict, step: dict, pain_id: str) -> list[dict]:
    return [m for m in journey.get("measures", []) if {step["id"], pain_id} & set(m.get("addresses", []))]


def quick_win(measure: dict) -> bool:
    if "quick_win" in measure:
        return measure["quick_win"]
    return measure.get("effort", "medium") == "low" and measure.get("impact", "medium") != "low"


def plus_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def fragment(href: str) -> str:
    return href.split("#", 1)[1]


def raw_svgs(html: str) -> list[ET.Element]:
    """Every chart exactly as the page carries it, parsed as XML."""
    return [ET.fromstring(svg) for svg in re.findall(r'<svg[^>]*class="cjm-chart .*?</svg>', html, re.DOTALL)]


# --- channels ------------------------------------------------------------------------------

def test_channel_inventory_matches_the_yaml(site: BuiltSite, data: dict) -> None:
    cells, media, channels, uses_by_channel = {}, Counter(), {}, {}
    for key, journey in as_is(data).items():
        for stage, step in places(journey):
            for touchpoint in step.get("touchpoints", []):
                name = touchpoint["channel"].strip().casefold()
                cells.setdefault((name, stage["id"]), []).append((score(step), owner(journey, step, touchpoint)))
                media[touchpoint.get("medium", "digital")] += 1
                channels.setdefault(touchpoint.get("medium", "digital"), set()).add(name)
                uses_by_channel.setdefault(name, []).append((key, score(step)))
    page = site.soup("overview/channels/")
    found = {}
    for row in page.select("table#cjm-channels tbody tr"):
        for cell in row.select("td[data-stage]"):
            if int(cell["data-count"]):
                owners = [a["href"].split("/")[-2] for a in cell.select(".cjm-owners a")]
                found[(row["data-channel"].casefold(), cell["data-stage"])] = (
                    int(cell["data-count"]), float(cell["data-average"]), owners, len(cell.select("li")))
    expected = {key: (len(items), round(mean(s for s, _ in items), 1), list(dict.fromkeys(o for _, o in items)),
                      len(items)) for key, items in cells.items()}
    assert found == expected
    split = {row["data-medium"]: (int(row.select_one("[data-figure=touchpoints]").get_text()),
                                  int(row.select_one("[data-figure=channels]").get_text()))
             for row in page.select("table.cjm-media tbody tr")}
    assert split == {medium: (media[medium], len(channels.get(medium, ()))) for medium in ("digital", "physical")}
    figures = {dd["data-figure"]: int(dd.get_text()) for dd in page.select(".cjm-figures dd")}
    assert figures["channels"] == len(uses_by_channel) and figures["touchpoints"] == sum(media.values())
    mixed = {name for name, uses in uses_by_channel.items()
             if any(a != b for a, good in uses if good >= 4 for b, bad in uses if bad <= 2)}
    assert mixed and {li["data-channel"].casefold() for li in page.select(".cjm-mixed li")} == mixed
    assert figures["mixed"] == len(mixed)


# --- pain points ---------------------------------------------------------------------------

def expected_pains(data: dict) -> list[tuple]:
    found = []
    for key, journey in as_is(data).items():
        for stage, step, pain_id, pain in pains(journey):
            measures = addressing(journey, step, pain_id)
            is_open = not any(measure_status(m) == "done" for m in measures)
            found.append((key, pain_id, pain.get("severity", "medium"), owner(journey, step, pain), stage["id"],
                          "yes" if measures else "no", "yes" if is_open else "no"))
    return found


def test_pain_point_register_matches_the_yaml(site: BuiltSite, data: dict) -> None:
    page = site.soup("overview/pain-points/")
    rows = page.select("table#cjm-register tbody tr")
    found = [(row["data-journey"], fragment(row.select("td")[1].a["href"]).removeprefix("pain-"), row["data-severity"],
              row["data-departments"], row["data-stage"], row["data-addressed"], row["data-open"]) for row in rows]
    expected = expected_pains(data)
    assert Counter(found) == Counter(expected)
    assert [SEVERITY[item[2]] for item in found] == sorted(SEVERITY[item[2]] for item in found)
    figures = {dd["data-figure"]: int(dd.get_text()) for dd in page.select(".cjm-figures dd")}
    assert figures["total"] == len(expected) and figures["open"] == sum(item[6] == "yes" for item in expected)
    for severity in SEVERITY:
        assert figures[severity] == sum(item[2] == severity for item in expected)
    unaddressed = {(li["data-journey"], li["data-pain"]) for li in page.select(".cjm-unaddressed li")}
    assert unaddressed and unaddressed == {(item[0], item[1]) for item in expected if item[5] == "no"}
    assert figures["without_measure"] == len(unaddressed)
    selects = {select["name"] for select in page.select("form[data-cjm-filter=cjm-register] select")}
    assert selects == {"severity", "departments", "stage", "journey", "open", "supported", "addressed"}
    assert all(row.has_attr(f"data-{name}") for row in rows for name in selects)


def test_heatmap_counts_open_pain_points_per_stage_and_department(site: BuiltSite, data: dict) -> None:
    expected = Counter((item[4], item[3]) for item in expected_pains(data) if item[6] == "yes")
    page = site.soup("overview/pain-points/")
    table = {(cell["data-stage"], row["data-department"]): int(cell["data-count"])
             for row in page.select("table.cjm-heatmap-table tbody tr") for cell in row.select("td[data-stage]")}
    assert {key: n for key, n in table.items() if n} == dict(expected)
    [chart] = raw_svgs(site.html("overview/pain-points/"))
    cells = {(g.get("data-stage"), g.get("data-department")): int(g.get("data-count"))
             for g in chart.iter(f"{SVG}g") if g.get("class") == "cjm-heat"}
    assert cells == table
    owners = {item[3] for item in expected_pains(data)}
    assert {row["data-department"] for row in page.select("table.cjm-heatmap-table tbody tr")} == owners


# --- measures ------------------------------------------------------------------------------

def test_measures_backlog_puts_quick_wins_first_and_marks_overdue(site: BuiltSite, data: dict) -> None:
    measures = [(key, m) for key, journey in data["journeys"].items() for m in journey.get("measures", [])]
    order = sorted(measures, key=lambda pair: (not quick_win(pair[1]), measure_status(pair[1]) == "done",
                                               -LEVEL[pair[1].get("impact", "medium")],
                                               LEVEL[pair[1].get("effort", "medium")], pair[1].get("due", dt.date.max)))
    page = site.soup("overview/measures/")
    rows = page.select("table#cjm-backlog tbody tr")
    assert [(row["data-journey"], fragment(row.select("td")[1].a["href"]).removeprefix("measure-")) for row in rows] \
        == [(key, m["id"]) for key, m in order]
    flags = [quick_win(m) for _, m in order]
    assert flags == sorted(flags, reverse=True) and any(flags) and not all(flags)
    lead_times = []
    for row, (_, m) in zip(rows, order):
        changes = sorted(m.get("history", []), key=lambda change: change["date"])
        done = bool(changes) and changes[-1]["status"] == "done"
        lead_times.append(str((changes[-1]["date"] - changes[0]["date"]).days) if done else "")
        assert row.select("td")[-1].get_text() == lead_times[-1]
    assert any(lead_times)
    overdue = {m["id"] for _, m in measures if m.get("due") and m["due"] < TODAY and measure_status(m) != "done"}
    marked = {fragment(row.select("td")[1].a["href"]).removeprefix("measure-") for row in rows
              if "cjm-overdue" in row.get("class", [])}
    assert overdue and marked == overdue
    figures = {dd["data-figure"]: int(dd.get_text()) for dd in page.select(".cjm-figures dd")}
    assert figures == {"total": len(measures), "quick_wins": sum(flags), "overdue": len(overdue),
                       "done": sum(measure_status(m) == "done" for _, m in measures)}
    [chart] = raw_svgs(site.html("overview/measures/"))
    dots = {int(g.get("data-number")): g for g in chart.iter(f"{SVG}g") if "cjm-dot" in g.get("class", "").split()}
    assert sorted(dots) == list(range(1, len(measures) + 1))
    for number, (_, m) in enumerate(order, 1):
        assert (dots[number].get("data-effort"), dots[number].get("data-impact")) == (
            m.get("effort", "medium"), m.get("impact", "medium"))
        assert ("cjm-dot--overdue" in dots[number].get("class")) == (m["id"] in overdue)


# --- department dashboards and the key figures ----------------------------------------------

SHOWN = 10


def pressing(data: dict) -> list[tuple]:
    """The open pain points, most pressing first: severity, moment of truth, no measure; then file order."""
    found = []
    for key, journey in as_is(data).items():
        for _, step, pain_id, pain in pains(journey):
            measures = addressing(journey, step, pain_id)
            if not any(measure_status(m) == "done" for m in measures):
                found.append((SEVERITY[pain.get("severity", "medium")], not step.get("moment_of_truth", False),
                              bool(measures), key, pain_id, owner(journey, step, pain)))
    return sorted(found, key=lambda item: item[:3])


def measures_of(data: dict) -> list[tuple[str, dict, str]]:
    """(journey id, measure, owning department) of every journey."""
    return [(key, m, m.get("department") or journey["department"])
            for key, journey in data["journeys"].items() for m in journey.get("measures", [])]


def step_departments(journey: dict, step: dict) -> set[str]:
    owners = {step.get("department") or journey["department"]}
    for group in ("touchpoints", "love_points", "pain_points", "frontstage", "backstage", "support_processes"):
        owners |= {owner(journey, step, item) for item in step.get(group, [])}
    return owners


def expected_dashboard(data: dict, department: str) -> dict[str, int]:
    mine = [item for item in pressing(data) if item[5] == department]
    measures = [m for _, m, who in measures_of(data) if who == department]
    open_measures = [m for m in measures if measure_status(m) != "done"]
    kpis = [k for journey in data["journeys"].values() for k in journey.get("kpis", [])
            if (k.get("department") or journey["department"]) == department]
    moments = [step for journey in as_is(data).values() for _, step in places(journey)
               if step.get("moment_of_truth") and department in step_departments(journey, step)]
    return {"open_pain_points": len(mine), "critical": sum(item[0] == 0 for item in mine),
            "not_addressed": sum(item[3] == department and item[5] == "no" for item in expected_pains(data)),
            "open_measures": len(open_measures),
            "overdue": sum(bool(m.get("due")) and m["due"] < TODAY for m in open_measures),
            "quick_wins": sum(quick_win(m) for m in open_measures),
            "kpis_not_met": sum(kpi_status(k) == "not_met" for k in kpis), "moments_of_truth": len(moments)}


def tiles(page: BeautifulSoup) -> dict[str, int]:
    return {dd["data-figure"]: int(dd.get_text()) for dd in page.select(".cjm-tile dd")}


def test_each_department_dashboard_ranks_and_counts_what_the_yaml_gives_it(site: BuiltSite, data: dict) -> None:
    for department in data["departments"]:
        page = site.soup(f"departments/{department}/")
        assert tiles(page) == expected_dashboard(data, department), department
        ranked = [(key, pain_id) for *_, key, pain_id, who in pressing(data) if who == department]
        rows = [(row["data-journey"], row["data-pain"]) for row in page.select("table.cjm-dashboard-pains tbody tr")]
        assert rows == ranked[:SHOWN], department
        more = page.select_one("#dashboard-pains .cjm-show-all a")
        assert (more is not None) == (len(ranked) > SHOWN)
        owned = {key for key, journey in data["journeys"].items() if journey["department"] == department}
        roles = {row["data-journey"]: row["data-owner"] for row in page.select("table.cjm-dashboard-journeys tbody tr")}
        assert {key for key, role in roles.items() if role == "yes"} == owned
        listed = [row["data-journey"] for row in page.select("table.cjm-dashboard-journeys tbody tr")]
        assert listed[:len(owned)] == [key for key in listed if key in owned]
    assert any(tiles(site.soup(f"departments/{d}/"))["open_pain_points"] for d in data["departments"])


def test_a_dashboard_lists_its_open_measures_in_backlog_order_and_its_kpis_off_target_first(site: BuiltSite,
                                                                                             data: dict) -> None:
    backlog = [fragment(row.select("td")[1].a["href"]).removeprefix("measure-")
               for row in site.soup("overview/measures/").select("table#cjm-backlog tbody tr")]
    for department in data["departments"]:
        page = site.soup(f"departments/{department}/")
        mine = {m["id"] for _, m, who in measures_of(data) if who == department and measure_status(m) != "done"}
        shown = [row["data-measure"] for row in page.select("table.cjm-dashboard-measures tbody tr")]
        assert shown == [measure for measure in backlog if measure in mine][:SHOWN], department
        statuses = [row["data-status"] for row in page.select("#dashboard-kpis tbody tr")]
        order = {"not_met": 0, "no_value": 1, "met": 2}
        assert statuses == sorted(statuses, key=order.get), department


def test_dashboard_figures_link_to_the_register_and_backlog_filtered_to_what_they_count(site: BuiltSite) -> None:
    page = site.soup("departments/kundenservice/")
    links = {dd["data-figure"]: dd.a["href"] for dd in page.select(".cjm-tile dd") if dd.a}
    assert {dd["data-figure"] for dd in page.select(".cjm-tile dd") if not dd.a} == {
        key for key, value in tiles(page).items() if not value}
    assert links["critical"] == "../../overview/pain-points/?departments=kundenservice&open=yes&severity=critical"
    assert links["quick_wins"] == "../../overview/measures/?departments=kundenservice&status=open&flags=quick-win"
    assert links["kpis_not_met"] == "../../overview/kpis/#owner-kundenservice"
    register = site.soup("overview/pain-points/").select("form[data-cjm-filter] select")
    backlog = site.soup("overview/measures/").select("form[data-cjm-filter] select")
    offered = {(select["name"], option["value"]) for select in register + backlog for option in select.select("option")}
    for href in links.values():
        query = href.partition("?")[2].partition("#")[0]
        assert all(tuple(pair.split("=")) in offered for pair in query.split("&") if pair), href


def test_the_start_page_shows_the_key_figures_and_the_five_most_pressing_pain_points(site: BuiltSite,
                                                                                       data: dict) -> None:
    page = site.soup("")
    measures = [m for _, m, _ in measures_of(data) if measure_status(m) != "done"]
    ranked = pressing(data)
    reviews = sum(state == "overdue" for state, _ in expected_reviews(data).values())
    assert tiles(page) == {"journeys": len(data["journeys"]), "critical": sum(item[0] == 0 for item in ranked),
                           "not_addressed": sum(item[5] == "no" for item in expected_pains(data)),
                           "reviews_overdue": reviews, "quick_wins": sum(quick_win(m) for m in measures)}
    listed = [(li["data-journey"], li["data-pain"]) for li in page.select(".cjm-pressing-list li")]
    assert listed == [(key, pain_id) for *_, key, pain_id, _ in ranked[:5]]
    dashboards = [li["data-department"] for li in page.select(".cjm-dashboard-links li")]
    assert dashboards == list(data["departments"])


# --- KPIs ----------------------------------------------------------------------------------

def measured(kpi: dict) -> list[dict]:
    """A KPI's measurements, oldest first (the YAML may list them in any order)."""
    return sorted(kpi.get("history", []), key=lambda m: m["date"])


def current(kpi: dict) -> float | None:
    return measured(kpi)[-1]["value"] if kpi.get("history") else kpi.get("current")


def kpi_status(kpi: dict) -> str:
    value = current(kpi)
    if value is None:
        return "no_value"
    met = value >= kpi["target"] if kpi.get("better", "higher") == "higher" else value <= kpi["target"]
    return "met" if met else "not_met"


def kpi_trend(kpi: dict) -> tuple[str, str]:
    """(direction, stale) by hand: the last two measurements in the better direction; the interval since the last."""
    values = measured(kpi)
    direction = "unknown"
    if len(values) > 1:
        change = values[-1]["value"] - values[-2]["value"]
        better = 1 if kpi.get("better", "higher") == "higher" else -1
        direction = "steady" if change == 0 else "improving" if change * better > 0 else "worsening"
    stale = bool(values and kpi.get("interval_months")
                 and plus_months(values[-1]["date"], kpi["interval_months"]) < TODAY)
    return direction, "yes" if stale else "no"


def test_done_measures_show_their_day_lead_time_ticket_and_their_kpis_before_and_after(site: BuiltSite,
                                                                                      data: dict) -> None:
    checked = 0
    for key, journey in data["journeys"].items():
        for measure in journey.get("measures", []):
            changes = sorted(measure.get("history", []), key=lambda change: change["date"])
            if not changes or changes[-1]["status"] != "done":
                continue
            done, row = changes[-1]["date"], site.soup(f"journeys/{key}/").select_one(f"tr#measure-{measure['id']}")
            text = " ".join(row.get_text(" ").split())
            assert done.strftime("%d.%m.%Y") in text and f"{(done - changes[0]['date']).days} Tagen" in text
            assert row.select_one(f"a[href='{measure['issue']}']") if measure.get("issue") else True
            targets = [k for k in journey.get("kpis", []) if not measure.get("kpis") or k["id"] in measure["kpis"]]
            for kpi in targets:
                before = [m for m in measured(kpi) if m["date"] <= done]
                after = [m for m in measured(kpi) if m["date"] > done]
                effect = row.select_one(f"p.cjm-effect[data-kpi={kpi['id']}]")
                if before and after:
                    change = (after[-1]["value"] - before[-1]["value"]) * (1 if kpi.get("better", "higher") == "higher" else -1)
                    assert effect["data-direction"] == ("improving" if change > 0 else "worsening" if change else "steady")
                    assert f"{before[-1]['value']:g}" in effect.get_text() and f"{after[-1]['value']:g}" in effect.get_text()
                else:
                    assert effect["data-direction"] == "unknown"
                checked += 1
    assert checked, "the sample has a done measure whose KPI was measured before and after"


def test_kpi_trends_latest_values_and_stale_marks_follow_the_measurements(site: BuiltSite, data: dict) -> None:
    page = site.soup("overview/kpis/")
    seen = Counter()
    for key, journey in data["journeys"].items():
        for kpi in journey.get("kpis", []):
            row = page.select_one(f"div#kpis-{key} tr[data-kpi={kpi['id']}]")
            direction, stale = kpi_trend(kpi)
            assert (row["data-trend"], row["data-stale"]) == (direction, stale), (key, kpi["id"])
            seen[direction] += 1
            seen["stale"] += stale == "yes"
            if kpi.get("history"):
                latest = measured(kpi)[-1]
                cells = row.select("td")
                assert latest["date"].strftime("%d.%m.%Y") in cells[3].get_text()
                assert f"{latest['value']:g}" in cells[3].get_text()
                spark = row.select_one("svg.cjm-sparkline") if len(measured(kpi)) > 1 else None
                if spark:
                    assert all(m["date"].strftime("%d.%m.%Y") in spark["aria-label"] for m in measured(kpi))
    assert seen["improving"] and seen["worsening"] and seen["stale"], "the sample shows each"
    sortable = [th.get_text() for th in page.select("div.cjm-kpi-group table thead th[data-sortable]")][:4]
    assert DE["trend"] in sortable and DE["status"] in sortable


def test_kpi_board_groups_by_journey_and_by_owner(site: BuiltSite, data: dict) -> None:
    page = site.soup("overview/kpis/")
    by_owner: dict[str, set] = {}
    for key, journey in data["journeys"].items():
        kpis = journey.get("kpis", [])
        group = page.select_one(f"div#kpis-{key}")
        if not kpis:
            assert group is None
            continue
        rows = group.select("table tbody tr")
        assert [(row["data-kpi"], row["data-status"]) for row in rows] == [(k["id"], kpi_status(k)) for k in kpis]
        [chart] = raw_svgs(str(group))
        bars = [g.get("class").split()[1] for g in chart.iter(f"{SVG}g")]
        assert bars == [f"cjm-kpi--{kpi_status(k)}" for k in kpis]
        for kpi in kpis:
            by_owner.setdefault(kpi.get("department", journey["department"]), set()).add((key, kpi["id"]))
    found = {div["data-department"]: {(row["data-journey"], row["data-kpi"]) for row in div.select("tbody tr")}
             for div in page.select("div.cjm-kpi-group[data-department]")}
    assert found == by_owner
    statuses = Counter(kpi_status(k) for j in data["journeys"].values() for k in j.get("kpis", []))
    figures = {dd["data-figure"]: int(dd.get_text()) for dd in page.select(".cjm-figures dd")}
    assert figures == {"total": sum(statuses.values()), **{s: statuses[s] for s in ("met", "not_met", "no_value")}}
    assert statuses["met"] and statuses["not_met"] and statuses["no_value"]


# --- reviews -------------------------------------------------------------------------------

def expected_reviews(data: dict, within: int = 30) -> dict:
    found = {}
    for kind, items in (("journey", data["journeys"]), ("persona", data["personas"])):
        for key, item in items.items():
            last = item.get("last_reviewed")
            due = plus_months(last, item.get("review_interval_months", 12)) if last else None
            state = "overdue" if due is None or due < TODAY else "due_soon" if (due - TODAY).days <= within else "ok"
            if state != "ok":
                found[(kind, key)] = (state, item.get("department"))
    return found


def test_review_status_lists_overdue_and_due_soon_with_owners(site: BuiltSite, data: dict) -> None:
    page = site.soup("overview/reviews/")
    found = {(row["data-kind"], row["data-id"]): (row["data-state"], (row.select("td")[3].a or {}).get("href"))
             for row in page.select("table.cjm-reviews tbody tr")}
    expected = expected_reviews(data)
    assert {state for state, _ in expected.values()} == {"overdue", "due_soon"}
    assert {key: state for key, (state, _) in found.items()} == {key: state for key, (state, _) in expected.items()}
    for key, (_, department) in expected.items():
        assert found[key][1] == (f"../../departments/{department}/" if department else None)


def test_review_command_prints_the_same_list(site: BuiltSite, data: dict) -> None:
    result = subprocess.run([sys.executable, "-m", "cjm_mkdocs.cli", "review", "journeys", "--today", TODAY.isoformat(),
                             "--fail-on-overdue", "--language", "en"], cwd=site.root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1  # the sample has an overdue journey
    listed = {tuple(re.search(r": (\w+) `([a-z0-9-]+)`", line).groups()) for line in result.stdout.splitlines()[:-1]}
    assert listed == set(expected_reviews(data))


# --- current against target ----------------------------------------------------------------

def test_current_vs_target_shows_changes_per_stage(site: BuiltSite, data: dict) -> None:
    page = site.soup("overview/target-vs-current/")
    targets = {key: j for key, j in data["journeys"].items() if j.get("kind") == "target"}
    assert targets and len(page.select("div.cjm-comparison")) == len(targets)
    for key, target in targets.items():
        current = data["journeys"][target["improves"]]
        before = {step["id"]: score(step) for _, step in places(current)}
        after = {step["id"]: score(step) for _, step in places(target)}
        block = page.select_one(f"div#compare-{key}")
        figures = {dd["data-figure"]: int(dd.get_text()) for dd in block.select("dd[data-figure]")}
        resolved = {pain_id for *_, pain_id, _ in pains(current)} - {pain_id for *_, pain_id, _ in pains(target)}
        assert figures == {"added": len(after.keys() - before.keys()), "removed": len(before.keys() - after.keys()),
                           "rerated": sum(before[s] != after[s] for s in before.keys() & after.keys()),
                           "resolved": len(resolved),
                           "new": len({p for *_, p, _ in pains(target)} - {p for *_, p, _ in pains(current)})}
        assert {fragment(a["href"]).removeprefix("pain-")
                for a in block.select("[data-list=resolved_pain_points] a")} == resolved
        for row in block.select("tbody tr"):
            stage = row["data-stage"]
            sides = [[li["data-step"] for li in td.select("li")] for td in row.select("td")]
            assert sides == [[s["id"] for st in j["stages"] if st["id"] == stage for s in st["steps"]]
                             for j in (current, target)]


# --- exports, navigation, charts -----------------------------------------------------------

def test_the_site_publishes_journeys_json_valid_against_its_schema_and_csv_per_view(site: BuiltSite,
                                                                                    data: dict) -> None:
    folder = site.site / "overview"
    exported = json.loads((folder / "journeys.json").read_text(encoding="utf-8"))
    jsonschema.validate(exported, json.loads((folder / "export.schema.json").read_text(encoding="utf-8")))
    assert exported["schema_version"] == "1"
    assert sorted(j["id"] for j in exported["journeys"]) == sorted(data["journeys"])
    rows = {view: (folder / f"{view}.csv").read_text(encoding="utf-8").splitlines() for view in VIEWS}
    assert len(rows["pain-points"]) - 1 == len(expected_pains(data))
    assert len(rows["measures"]) - 1 == sum(len(j.get("measures", [])) for j in data["journeys"].values())
    assert len(rows["kpis"]) - 1 == sum(len(j.get("kpis", [])) for j in data["journeys"].values())
    assert len(rows["reviews"]) - 1 == len(data["journeys"]) + len(data["personas"])
    index = site.soup("overview/")
    for view in VIEWS:
        assert site.soup(f"overview/{view}/").select_one("a[download]")["href"] == f"../{view}.csv"
        assert index.select_one(f'a[href="{view}.csv"]') is not None
    assert index.select_one('a[href="journeys.json"]') and index.select_one('a[href="export.schema.json"]')


def test_views_are_in_the_navigation_and_linked_from_catalog_journey_and_department_pages(site: BuiltSite,
                                                                                        data: dict) -> None:
    nav = site.soup("journeys/").select_one("nav.md-nav--primary")
    [section] = [item for item in nav.select("li.md-nav__item--section")
                 if item.select_one(".md-nav__link").get_text(" ", strip=True) == DE["overview"]]
    pages = [urljoin("/journeys/", a["href"]) for a in section.select("a.md-nav__link[href]")]
    assert pages == ["/overview/", *(f"/overview/{view}/" for view in VIEWS)]
    catalog = {a["href"] for a in site.soup("journeys/").select("nav.cjm-overview-links a")}
    assert {f"../overview/{view}/" for view in VIEWS} <= catalog
    for key, journey in data["journeys"].items():
        links = {a["href"] for a in site.soup(f"journeys/{key}/").select("nav.cjm-overview-links a")}
        assert "../../overview/pain-points/" in links and "../../overview/measures/" in links
        assert ("../../overview/kpis/#kpis-" + key in links) == bool(journey.get("kpis"))
    for key in data["departments"]:
        links = {a["href"] for a in site.soup(f"departments/{key}/").select("nav.cjm-overview-links a")}
        assert "../../overview/pain-points/#heatmap-open" in links and "../../overview/measures/" in links
    assert broken_links(site) == []
    assert outside_requests(site) == []


def test_charts_are_accessible_inline_svg_with_a_table_beside_them(site: BuiltSite) -> None:
    counted = 0
    for view in ("pain-points", "measures", "kpis"):
        html = site.html(f"overview/{view}/")
        for svg in raw_svgs(html):
            counted += 1
            ids = {el.get("id") for el in svg.iter() if el.get("id")}
            assert svg.get("role") == "img" and set(svg.get("aria-labelledby").split()) <= ids
            assert svg.find(f"{SVG}title").text.strip() and svg.find(f"{SVG}desc").text.strip()
            assert svg.get("fill") == "currentColor" and svg.get("viewBox")
            assert not [el for el in svg.iter() if el.tag in (f"{SVG}script", f"{SVG}foreignObject")]
            wrap = BeautifulSoup(html, "html.parser").find(id=svg.get("id")).find_parent("div", class_="cjm-chart-wrap")
            assert wrap.find_next("table") is not None
    assert counted == 2 + sum(1 for path in (ROOT / "journeys" / "maps").glob("*.yml")
                              if yaml.safe_load(path.read_text(encoding="utf-8")).get("kpis"))


def test_english_labels_and_an_empty_portfolio_build(tmp_path: Path) -> None:
    data = sample_data()
    for name in ("maps/kauf.yml", "maps/einkauf.yml"):
        data[name]["measures"], data[name]["kpis"] = [], []
        for stage in data[name]["stages"]:
            for step in stage["steps"]:
                step.pop("pain_points", None)
                step.pop("touchpoints", None)
    del data["maps/kauf-soll.yml"]
    site = build_site(tmp_path, data, plugin={"language": "en"})
    assert site.returncode == 0, site.log
    en = LABELS["en"]
    assert site.soup("overview/").h1.get_text() == en["overview"]
    for view in VIEWS:
        assert site.soup(f"overview/{view}/").h1.get_text() == en["overview_" + view.replace("-", "_")]
    assert en["no_targets"] in site.soup("overview/target-vs-current/").get_text()
    assert en["no_lifecycles"].replace("`", "") in site.soup("overview/lifecycle/").get_text()  # `details:` as code
    assert broken_links(site) == []


# --- in a browser --------------------------------------------------------------------------

def test_register_sorts_and_filters_in_a_browser(site: BuiltSite, chromium) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with contextlib.closing(chromium.new_context()) as context:
            page = context.new_page()
            page.goto(base + "overview/pain-points/")
            rows = page.locator("#cjm-register tbody tr")
            page.click("#cjm-register thead th:nth-child(3) button")
            journeys = [rows.nth(i).locator("td").nth(2).inner_text() for i in range(rows.count())]
            assert journeys == sorted(journeys, key=str.casefold) and len(set(journeys)) > 1
            page.select_option("form[data-cjm-filter=cjm-register] select[name=severity]", "critical")
            shown = page.locator("#cjm-register tbody tr:not([hidden])")
            assert 0 < shown.count() < rows.count()
            assert {shown.nth(i).get_attribute("data-severity") for i in range(shown.count())} == {"critical"}
    finally:
        server.shutdown()
