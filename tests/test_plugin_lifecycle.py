"""Journeys linked into a lifecycle, in real strict builds: each figure a page shows at a parent step is compared
with one worked out here from the YAML (read with `yaml.safe_load`, the rules applied by hand)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from statistics import mean

import pytest
import yaml

from cjm_mkdocs.core.labels import LABELS
from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.site import pages
from conftest import ROOT, TODAY, BuiltSite, dump, lifecycle_data, make_project, run_mkdocs, sample_data, write_project
from test_plugin_overview import addressing, measure_status, pains, places, score

DE = LABELS["de"]


def build(tmp_path_factory: pytest.TempPathFactory, name: str, data: dict) -> BuiltSite:
    config = make_project(tmp_path_factory.mktemp(name), data)
    result = run_mkdocs(config)
    built = BuiltSite(config.parent, result.returncode, result.stdout + result.stderr)
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="module")
def sample() -> dict[str, str | bytes]:
    """The repository's journeys/ as files: the data as text, the research media as bytes."""
    return {path.relative_to(ROOT / "journeys").as_posix():
            path.read_text(encoding="utf-8") if path.suffix in (".yml", ".md", ".csv") else path.read_bytes()
            for path in (ROOT / "journeys").rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory, sample: dict[str, str | bytes]) -> BuiltSite:
    return build(tmp_path_factory, "sample", sample)


def nested() -> dict[str, object]:
    """:func:`lifecycle_data` with `einkauf`'s second step zooming into `kauf-soll` (a detailed journey's own)."""
    data = lifecycle_data()
    data["maps/einkauf.yml"]["stages"][0]["steps"][1] |= {"id": "angebot", "details": ["kauf-soll"]}
    return data


@pytest.fixture(scope="module")
def nested_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build(tmp_path_factory, "nested", nested())


def journeys_of(files: dict[str, object]) -> dict[str, dict]:
    """Journey id → its YAML as plain data (ids default to file names)."""
    found = {}
    for name, content in sorted(files.items()):
        if name.startswith("maps/") and name.endswith(".yml"):
            item = yaml.safe_load(dump(content))
            found[item.get("id", name.removeprefix("maps/").removesuffix(".yml"))] = item
    return found


# --- the rules, by hand --------------------------------------------------------------------------

def own(journey: dict) -> dict:
    """A detailed journey's own figures: mean step score, open pain points, moments of truth."""
    steps = [step for _, step in places(journey)]
    open_pains = [pain_id for _, step, pain_id, _ in pains(journey)
                  if not any(measure_status(m) == "done" for m in addressing(journey, step, pain_id))]
    return {"mean": mean(score(step) for step in steps), "open": len(open_pains),
            "moments": sum(bool(step.get("moment_of_truth")) for step in steps)}


def expected_steps(journeys: dict[str, dict], journey: dict) -> dict[str, dict]:
    """Step id → its detailed journeys' figures and the step's roll-up, for each step naming some."""
    found = {}
    for _, step in places(journey):
        children = [own(journeys[i]) | {"id": i} for i in step.get("details", [])]
        if children:
            found[step["id"]] = {"children": children, "mean": round(mean(c["mean"] for c in children), 1),
                                 "open": sum(c["open"] for c in children),
                                 "moments": sum(c["moments"] for c in children)}
    return found


def rating(text: str) -> float:
    """The score of a rating as the site writes it: `3,2/5 · okay`."""
    return float(text.split("/")[0].replace(",", "."))


# --- the sample -------------------------------------------------------------------------------

def test_the_sample_has_a_lifecycle_linking_at_least_three_detailed_journeys(sample: dict[str, str | bytes]) -> None:
    journeys = journeys_of(sample)
    lifecycles = {key: {i for _, step in places(j) for i in step.get("details", [])} for key, j in journeys.items()}
    lifecycles = {key: linked for key, linked in lifecycles.items() if linked}
    assert "kundenlebenszyklus" in lifecycles and len(lifecycles["kundenlebenszyklus"]) >= 3


def test_a_lifecycle_page_rolls_up_each_steps_detailed_journeys(sample_site: BuiltSite, sample: dict[str, str | bytes]) -> None:
    journeys = journeys_of(sample)
    for key, journey in journeys.items():
        expected = expected_steps(journeys, journey)
        rows = sample_site.soup(f"journeys/{key}/").select(".cjm-details tbody tr")
        assert [row["data-step"] for row in rows] == list(expected), key
        for row in rows:
            step = expected[row["data-step"]]
            assert rating(row.select_one("[data-figure=mean]").get_text()) == step["mean"]
            assert int(row.select_one("[data-figure=open]").get_text()) == step["open"]
            assert int(row.select_one("[data-figure=moments]").get_text()) == step["moments"]
            shown = [(item["data-detail"], rating(item.select_one(".cjm-rating").get_text()),
                      int(item.select_one("small").get_text().split()[0])) for item in row.select("li[data-detail]")]
            assert shown == [(c["id"], round(c["mean"], 1), c["open"]) for c in step["children"]]


def test_a_detailed_journey_links_each_step_it_is_part_of(sample_site: BuiltSite, sample: dict[str, str | bytes]) -> None:
    journeys = journeys_of(sample)
    parents: dict[str, list[tuple[str, str]]] = {}
    for key, journey in journeys.items():
        for _, step in places(journey):
            for child in step.get("details", []):
                parents.setdefault(child, []).append((key, step["id"]))
    assert len(parents) >= 3
    for key in journeys:
        links = sample_site.soup(f"journeys/{key}/").select(".cjm-part-of a")
        assert [(a["data-journey"], a["data-step"]) for a in links] == parents.get(key, []), key
        assert all(a["href"] == f"../{parent}/#step-{step}" for a, (parent, step) in zip(links, parents.get(key, [])))


def test_the_lifecycle_overview_shows_every_step_with_its_roll_up(sample_site: BuiltSite, sample: dict[str, str | bytes]) -> None:
    journeys = journeys_of(sample)
    page = sample_site.soup("overview/lifecycle/")
    lifecycle = journeys["kundenlebenszyklus"]
    expected = expected_steps(journeys, lifecycle)
    rows = page.select("#lifecycle-kundenlebenszyklus tbody > tr")
    assert [row["data-step"] for row in rows] == [step["id"] for _, step in places(lifecycle)]
    for row in rows:
        step = expected.get(row["data-step"])
        mean_cell, open_cell = row.select_one("[data-figure=mean]").get_text(), row.select_one("[data-figure=open]").get_text()
        if step is None:
            assert (mean_cell, open_cell) == ("–", "–") and not row.select("li[data-detail]")
            continue
        assert (rating(mean_cell), int(open_cell)) == (step["mean"], step["open"])
        assert [item["data-detail"] for item in row.select("li[data-detail]")] == [c["id"] for c in step["children"]]
    figures = {dd["data-figure"]: int(dd.get_text()) for dd in page.select("dd[data-figure]")}
    links = sum(len(step.get("details", [])) for journey in journeys.values() for _, step in places(journey))
    assert figures == {"lifecycles": 1, "links": links}


def test_the_lifecycle_csv_has_a_row_per_link(sample_site: BuiltSite, sample: dict[str, str | bytes]) -> None:
    journeys = journeys_of(sample)
    rows = list(csv.DictReader(io.StringIO((sample_site.site / "overview/lifecycle.csv").read_text(encoding="utf-8"))))
    expected = [(key, stage["id"], step["id"], child["id"], str(step_figures["mean"]), str(step_figures["open"]),
                 str(round(child["mean"], 1)), str(child["open"]), str(child["moments"]))
                for key, journey in journeys.items()
                for stage, step in places(journey)
                if (step_figures := expected_steps(journeys, journey).get(step["id"]))
                for child in step_figures["children"]]
    assert [(r["lifecycle"], r["stage"], r["step"], r["detail_journey"], r["step_mean"], r["step_open_pain_points"],
             r["detail_mean"], r["detail_open_pain_points"], r["detail_moments_of_truth"]) for r in rows] == expected


# --- nesting, words and scores, no lifecycle ------------------------------------------------------

def test_nested_detailed_journeys_show_below_theirs_and_roll_up_their_own_steps(nested_site: BuiltSite) -> None:
    journeys = journeys_of(nested())
    page = nested_site.soup("overview/lifecycle/")
    first = page.select_one("#lifecycle-leben tr[data-step=erster-kauf]")
    expected = expected_steps(journeys, journeys["leben"])["erster-kauf"]
    assert rating(first.select_one("[data-figure=mean]").get_text()) == expected["mean"]  # kauf in words, einkauf in scores
    assert int(first.select_one("[data-figure=open]").get_text()) == expected["open"]
    einkauf = first.select_one("li[data-detail=einkauf]")
    inner = einkauf.select_one("li[data-journey=einkauf][data-step]")
    assert inner["data-step"] == "angebot"
    assert [item["data-detail"] for item in inner.select("li[data-detail]")] == ["kauf-soll"]
    assert not page.select("li[data-detail=kauf] li[data-detail]")  # kauf zooms into nothing
    einkauf_page = nested_site.soup("journeys/einkauf/")
    assert [a["data-journey"] for a in einkauf_page.select(".cjm-part-of a")] == ["leben", "leben"]
    row = einkauf_page.select_one(".cjm-details tr[data-step=angebot]")
    assert rating(row.select_one("[data-figure=mean]").get_text()) == round(own(journeys["kauf-soll"])["mean"], 1)
    assert not nested_site.soup("overview/lifecycle/").select("#lifecycle-einkauf")  # a detailed journey is no root


def test_without_lifecycles_the_page_says_so_and_journey_pages_show_none(tmp_path: Path) -> None:
    write_project(tmp_path, sample_data(), {}, {})
    catalog, _ = JourneyLoader(tmp_path / "journeys", base=tmp_path).load()
    site = pages.Site(catalog, DE, TODAY)
    generated = {page.uri: page.markdown for page in pages.generate(site, pages.environment())}
    assert DE["no_lifecycles"] in generated["overview/lifecycle.md"]
    assert not any(DE["part_of"] in generated[f"journeys/{key}.md"] or "cjm-details" in generated[f"journeys/{key}.md"]
                   for key in catalog.journeys)
