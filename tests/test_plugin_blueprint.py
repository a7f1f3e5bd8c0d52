"""The service blueprint and touchpoint figures, on real builds: each page compared with the YAML read by hand."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from cjm_mkdocs.core.labels import LABELS
from conftest import ROOT, BuiltSite, build_site
from test_core_loading import load, write_data
from test_plugin_site import owned_from_site, owned_from_yaml, step_id

DE = LABELS["de"]
LANES = ("physical-evidence", "customer-actions", "line-of-interaction", "frontstage", "line-of-visibility",
         "backstage", "line-of-internal-interaction", "support")
COUNTS, PERCENTAGES = {"visits", "contacts", "mentions"}, {"conversion", "drop-off", "sentiment"}


def sample_journeys() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((ROOT / "journeys" / "maps").glob("*.yml"))}


def steps_of(journey: dict) -> list[dict]:
    return [step for stage in journey["stages"] for step in stage["steps"]]


def lanes_from_yaml(journey: dict, step: dict, departments: dict) -> dict[str, list[str]]:
    """Each lane's entries of a step as the page should list them: text, actor or system, department name."""
    owner = step.get("department", journey["department"])
    names = {d["id"]: d["name"] for d in departments["departments"]}

    def entries(key: str, text: str, by: str) -> list[str]:
        return [" ".join(filter(None, (item[text], item.get(by), names[item.get("department", owner)])))
                for item in step.get(key, [])]
    return {"physical-evidence": list(step.get("physical_evidence", [])),
            "customer-actions": [step.get("does") or step["name"]],
            "frontstage": entries("frontstage", "action", "actor"), "backstage": entries("backstage", "process", "system"),
            "support": entries("support_processes", "process", "system")}


def lanes_on_page(site: BuiltSite, journey_id: str) -> tuple[list[str], list[dict[str, list[str]]]]:
    """The blueprint's row order, and per step column each lane's entries as text."""
    table = site.soup(f"journeys/{journey_id}/").select_one("#cjm-blueprint table.cjm-blueprint")
    rows = table.select("tbody tr")
    order = [next(c.removeprefix("cjm-lane-").removeprefix("cjm-") for c in row["class"] if c != "cjm-blueprint-line")
             for row in rows]
    columns: list[dict[str, list[str]]] = [{} for _ in table.select("thead tr.cjm-row-steps th[id]")]
    for row, lane in zip(rows, order):
        if "cjm-blueprint-line" in row["class"]:
            continue
        for column, cell in zip(columns, row.select("td")):
            items = cell.select("li")
            column[lane] = [" ".join(i.get_text(" ").split()) for i in items] if items else (
                [" ".join(cell.get_text(" ").split())] if cell.get_text(strip=True) else [])
    return order, columns


def test_the_blueprint_shows_every_lane_of_every_step_as_the_yaml_has_it(sample_site: BuiltSite) -> None:
    assert sample_site.returncode == 0, sample_site.log
    journeys = sample_journeys()
    departments = yaml.safe_load((ROOT / "journeys/departments.yml").read_text(encoding="utf-8"))
    lanes = ("physical_evidence", "frontstage", "backstage", "support_processes")
    with_blueprint = [key for key, j in journeys.items() if any(s.get(lane) for s in steps_of(j) for lane in lanes)]
    assert len([key for key, j in journeys.items() if any(s.get("frontstage") for s in steps_of(j))]) >= 2
    for key, journey in journeys.items():
        soup = sample_site.soup(f"journeys/{key}/")
        if key not in with_blueprint:
            assert soup.select_one("#cjm-blueprint") is None, key
            continue
        order, columns = lanes_on_page(sample_site, key)
        assert order == list(LANES), key
        assert columns == [lanes_from_yaml(journey, step, departments) for step in steps_of(journey)], key
        header_ids = [th["id"] for th in soup.select("#cjm-blueprint thead th[id]")]
        assert header_ids == [f"blueprint-{step_id(step)}" for step in steps_of(journey)]
        line = soup.select_one("#cjm-blueprint tr.cjm-line-of-visibility th")
        assert line.get_text() == DE["line_of_visibility"]


def test_department_dashboards_count_frontstage_backstage_and_support_work(sample_site: BuiltSite) -> None:
    data = {f"maps/{key}.yml": journey for key, journey in sample_journeys().items()}
    expected = owned_from_yaml(data)
    departments = sorted({department for department, _, _ in expected})
    assert owned_from_site(sample_site, departments) == expected
    kinds = Counter(kind for _, _, kind in expected.elements())
    assert kinds["frontstage"] and kinds["support"] and kinds["backstage"]


def test_a_journey_with_only_backstage_processes_keeps_them_in_its_blueprint(tmp_path: Path, data: dict) -> None:
    step = data["maps/kauf.yml"]["stages"][1]["steps"][0]
    step["backstage"] = [{"process": "<script>alert(1)</script> | a `b`", "system": "SAP"}]
    site = build_site(tmp_path, data)
    assert site.returncode == 0, site.log
    _, columns = lanes_on_page(site, "kauf")
    assert columns == [lanes_from_yaml(data["maps/kauf.yml"], s, data["departments.yml"])
                       for s in steps_of(data["maps/kauf.yml"])]
    assert columns[len(data["maps/kauf.yml"]["stages"][0]["steps"])]["backstage"] == [
        "<script>alert(1)</script> | a `b` SAP Marketing"]
    assert "<script>alert(1)" not in site.html("journeys/kauf/")


def figures_from_yaml(journeys: dict[str, dict]) -> tuple[dict[tuple[str, str], dict[str, float]], dict]:
    """Each touchpoint's latest value per metric, and per channel the sums of counts and means of percentages."""
    latest: dict[tuple[str, str], dict[str, float]] = {}
    per_channel: dict[str, dict[str, list[float]]] = {}
    for key, journey in journeys.items():
        for step in steps_of(journey):
            for touchpoint in step.get("touchpoints", []):
                newest: dict[str, tuple] = {}
                for figure in touchpoint.get("figures", []):
                    if figure["metric"] not in newest or figure["date"] >= newest[figure["metric"]][0]:
                        newest[figure["metric"]] = (figure["date"], figure["value"])
                if newest:
                    latest[(key, touchpoint.get("name") or touchpoint["channel"])] = {m: v for m, (_, v) in newest.items()}
                for metric, (_, value) in newest.items():
                    per_channel.setdefault(touchpoint["channel"].casefold(), {}).setdefault(metric, []).append(value)
    channels = {name: {m: sum(v) if m in COUNTS else round(sum(v) / len(v), 1) for m, v in metrics.items()}
                for name, metrics in per_channel.items()}
    return latest, channels


def test_touchpoint_figures_show_their_latest_values_in_the_matrix_and_add_up_per_channel(
        sample_site: BuiltSite) -> None:
    journeys = sample_journeys()
    latest, channels = figures_from_yaml(journeys)
    assert {m for values in latest.values() for m in values} == COUNTS | PERCENTAGES
    for (key, label), values in latest.items():
        cells = sample_site.soup(f"journeys/{key}/").select("tr.cjm-row-touchpoints li")
        [item] = [li for li in cells if li.get_text(" ").split("(")[0].replace("★", "").replace(DE["important"] + ":", "").strip() == label]
        shown = {span["data-metric"]: float(span["data-value"]) for span in item.select(".cjm-touchpoint-figures [data-metric]")}
        assert shown == values, (key, label)
    rows = sample_site.soup("overview/channels/").select("table#cjm-channels tbody tr")
    shown = {row["data-channel"].casefold(): {s["data-metric"]: float(s["data-value"])
                                             for s in row.select("th .cjm-touchpoint-figures [data-metric]")}
             for row in rows}
    assert {name: values for name, values in shown.items() if values} == channels
    assert channels["website"]["visits"] == 21250 + 9800 + 6400 + 5200  # the August visits are not the latest


@pytest.mark.parametrize(("figure", "message"), [
    ({"metric": "conversion", "value": 140, "date": "2026-09-30"}, "conversion is 140, outside 0 to 100"),
    ({"metric": "visits", "value": -3, "date": "2026-09-30"}, "visits is -3, but a count cannot be negative"),
    ({"metric": "likes", "value": 3, "date": "2026-09-30"}, "likes"),
])
def test_a_bad_touchpoint_figure_is_a_located_problem(tmp_path: Path, figure: dict, message: str) -> None:
    journey = yaml.safe_load((ROOT / "journeys/maps/umzug-strom-gas.yml").read_text(encoding="utf-8"))
    journey["stages"][0]["steps"][0]["touchpoints"][0]["figures"] = [figure]
    files = {"maps/umzug.yml": yaml.safe_dump(journey, allow_unicode=True, sort_keys=False),
             "departments.yml": (ROOT / "journeys/departments.yml").read_text(encoding="utf-8"),
             **{f"personas/{p.name}": p.read_text(encoding="utf-8")
                for p in (ROOT / "journeys/personas").glob("*.yml")}}
    _, problems = load(write_data(tmp_path, files))
    [problem] = [p for p in problems if "figures" in p.field]
    assert problem.file == "maps/umzug.yml" and problem.line > 0 and problem.column > 0
    assert problem.field.startswith("stages[0].steps[0].touchpoints[0].figures[0]")
    assert message in problem.message + problem.field + problem.hint and problem.hint
