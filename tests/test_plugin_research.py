"""Research and assumptions on the built site: each page's figures against counts worked out here from the YAML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, BuiltSite, make_project, run_mkdocs

SAMPLE = ROOT / "journeys"


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def journeys() -> dict[str, dict]:
    return {data.get("id", path.stem): data for path in sorted((SAMPLE / "maps").glob("*.yml")) for data in [read(path)]}


def statements(journey: dict) -> list[tuple[str, str, list[str]]]:
    """(kind, text, sources) of every rating, pain point, love point and KPI of a journey, straight from its YAML."""
    found = []
    for stage in journey["stages"]:
        for step in stage["steps"]:
            found.append(("rating", step["name"], step.get("sources", [])))
            found += [("pain_point", pain["text"], pain.get("sources", [])) for pain in step.get("pain_points", [])]
            found += [("love_point", love["text"], love.get("sources", [])) for love in step.get("love_points", [])]
    return found + [("kpi", kpi["name"], kpi.get("sources", [])) for kpi in journey.get("kpis", [])]


def walked_today(journey: dict) -> bool:
    return journey.get("kind", "current") == "current" and journey.get("status", "draft") != "archived"


def test_the_sample_builds_and_most_pain_points_rest_on_research(sample_site: BuiltSite) -> None:
    assert sample_site.returncode == 0, sample_site.log
    pains = [s for j in journeys().values() if walked_today(j) for s in statements(j) if s[0] == "pain_point"]
    assumed = [s for s in pains if not s[2]]
    assert 3 <= len(assumed) <= len(pains) / 4
    assert len(list((SAMPLE / "research").glob("*.yml"))) in range(5, 8)


@pytest.mark.parametrize("journey_id", sorted(journeys()))
def test_each_journey_page_marks_every_statement_and_lists_its_assumptions(sample_site: BuiltSite, journey_id: str) -> None:
    journey, soup = journeys()[journey_id], sample_site.soup(f"journeys/{journey_id}/")
    found = statements(journey)
    figures = soup.select_one(".cjm-assumptions .cjm-confidence-figures")
    assert (int(figures["data-validated"]), int(figures["data-total"])) == (sum(bool(s[2]) for s in found), len(found))
    listed = [li.a.get_text() for li in soup.select(".cjm-assumed-list li")]
    backed = any(sources for _, _, sources in found)
    assert listed == ([text for _, text, sources in found if not sources] if backed else [])
    assert (soup.select_one(".cjm-assumptions .cjm-all-assumed") is None) == backed
    for stage in journey["stages"]:
        for step in stage["steps"]:
            for pain in step.get("pain_points", []):
                mark = soup.select_one(f"#pain-{pain['id']} .cjm-confidence")
                assert_mark(mark, pain.get("sources", []))
    for kpi in journey.get("kpis", []):
        assert_mark(soup.select_one(f"#kpi-{kpi['id']} .cjm-confidence"), kpi.get("sources", []))
    ratings = soup.select(".cjm-row-rating .cjm-confidence")
    assert [bool(r.select("a")) for r in ratings] == [bool(s[2]) for s in found if s[0] == "rating"]


def assert_mark(mark, sources: list[str]) -> None:
    """A validated mark links each source's page and says so in words; an assumed one says that in words."""
    label = mark.get_text(" ", strip=True)
    if sources:
        assert "belegt" in label and "cjm-confidence-validated" in mark["class"]
        assert [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in mark.select("a")] == list(dict.fromkeys(sources))
        titles = [read(SAMPLE / "research" / f"{source}.yml")["title"] for source in dict.fromkeys(sources)]
        assert [a.get_text() for a in mark.select("a")] == titles
    else:
        assert "Annahme" in label and not mark.select("a")


def test_the_assumptions_page_lists_what_the_journeys_walked_today_assume(sample_site: BuiltSite) -> None:
    soup = sample_site.soup("overview/assumptions/")
    walked = {i: statements(j) for i, j in journeys().items() if walked_today(j)}
    every = [s for found in walked.values() for s in found]
    figures = {dd["data-figure"]: int(dd.get_text()) for dd in soup.select("dd[data-figure]")}
    assert figures == {"assumed": sum(not s[2] for s in every), "validated": sum(bool(s[2]) for s in every)}
    tables = {table["data-journey"]: [tr.td.get_text() for tr in table.tbody.find_all("tr")]
              for table in soup.select("table.cjm-assumptions")}
    assert tables == {i: [text for _, text, sources in found if not sources]
                      for i, found in walked.items() if any(not s[2] for s in found)}
    rows = (sample_site.site / "overview" / "assumptions.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + figures["assumed"]


def citing(source_id: str) -> list[tuple[str, str]]:
    """(journey id, statement text) of every statement citing a source, in file order."""
    return [(journey_id, text) for journey_id, journey in journeys().items()
            for _, text, sources in statements(journey) if source_id in sources]


@pytest.mark.parametrize("source_id", sorted(path.stem for path in (SAMPLE / "research").glob("*.yml")))
def test_a_source_page_lists_everything_that_cites_it(sample_site: BuiltSite, source_id: str) -> None:
    data, soup = read(SAMPLE / "research" / f"{source_id}.yml"), sample_site.soup(f"research/{source_id}/")
    assert soup.h1.get_text(strip=True).rstrip("¶") == data["title"]
    rows = [(tr["data-journey"], tr.select("td")[2].get_text()) for tr in soup.select("table.cjm-citations tbody tr")]
    assert rows == citing(source_id) and rows
    index = sample_site.soup("research/").select_one(f'tr[data-source="{source_id}"]')
    figures = {td["data-figure"]: td.get_text() for td in index.select("td[data-figure]")}
    assert int(figures["statements"]) == len(rows) and int(figures["journeys"]) == len({j for j, _ in rows})
    assert figures["sample"].replace(".", "") == str(data["sample_size"])


def test_research_files_are_served_with_caption_and_transcript(sample_site: BuiltSite) -> None:
    served = sorted(p.relative_to(sample_site.site / "research").as_posix()
                    for p in (sample_site.site / "research").rglob("*") if p.is_file() and p.suffix != ".html")
    named = []
    for journey_id, journey in journeys().items():
        soup = sample_site.soup(f"journeys/{journey_id}/")
        for stage in journey["stages"]:
            for step in stage["steps"]:
                for item in step.get("evidence", []):
                    link = next((item[k] for k in ("image", "audio", "video") if str(item.get(k, "")).startswith("research/")), None)
                    if link:
                        named.append(link.removeprefix("research/"))
                        element = soup.find(src=f"../../{link}")
                        assert (SAMPLE / link).read_bytes() == (sample_site.site / link).read_bytes()
                        if element.name == "img":
                            assert element["alt"] == item["caption"]
                        else:
                            assert element.has_attr("controls") and element["aria-label"] == item["caption"]
                            figure = element.find_parent("figure")
                            assert figure.select_one(".cjm-transcript p:last-child").get_text() == item["transcript"]
    reports = [read(p)["file"].removeprefix("research/") for p in (SAMPLE / "research").glob("*.yml") if "file" in read(p)]
    assert {"audio", "image"} <= {k for j in journeys().values() for s in j["stages"] for st in s["steps"]
                                  for e in st.get("evidence", []) for k in e if str(e[k]).startswith("research/")}
    assert served == sorted(named + reports)


def test_the_json_export_holds_the_research_sources(sample_site: BuiltSite) -> None:
    exported = json.loads((sample_site.site / "overview" / "journeys.json").read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in exported["research"]) == sorted(p.stem for p in (SAMPLE / "research").glob("*.yml"))


HOSTILE = {"title": "<script>alert(1)</script>", "method": "interview", "date": "2026-05-01",
           "summary": "<img src=x onerror=alert(1)>", "link": "javascript:alert(1)"}


def test_editor_text_of_a_source_stays_text_and_a_bad_link_is_refused(tmp_path: Path, data: dict) -> None:
    data["research/boese.yml"] = HOSTILE
    failed = run_mkdocs(make_project(tmp_path, data, plugin={"language": "en"}, name="refused"))
    assert failed.returncode != 0 and "research/boese.yml:5:7: error: link: `javascript:alert(1)` is not an allowed link" \
        in failed.stdout + failed.stderr
    data["research/boese.yml"] = {**HOSTILE, "link": "https://intranet.example.com/b.pdf"}
    data["maps/kauf.yml"]["stages"][0]["steps"][0]["sources"] = ["boese"]
    config = make_project(tmp_path, data)
    result = run_mkdocs(config)
    assert result.returncode == 0, result.stdout + result.stderr
    site = BuiltSite(config.parent, 0, "")
    for page in ("research/boese/", "journeys/kauf/", "research/"):
        html = site.html(page)
        assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert site.soup("research/boese/").select_one(".cjm-lead").get_text() == HOSTILE["summary"]
