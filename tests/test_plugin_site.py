"""Real sites built with `mkdocs build --strict` in temporary folders, checked in their HTML."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from cjm_mkdocs.core.labels import LABELS
from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.core.messages import speaking, t
from cjm_mkdocs.core.versions import data_history
from cjm_mkdocs.site.pages import OVERVIEW
from conftest import MERMAID_JS, ROOT, TODAY, BuiltSite, PythonName, build_site, make_project, run_mkdocs, sample_data
from mermaid_parse import mermaid  # noqa: F401  (fixture)

DE = LABELS["de"]


# --- helpers that read the built HTML ----------------------------------------------------

def matrix(soup: BeautifulSoup) -> dict:
    """The touchpoint matrix: stage of each step column, step ids and names, and every row's cells."""
    table = soup.select_one("table.cjm-matrix")
    stage_row, step_row = table.thead.find_all("tr")
    stages = []
    for th in stage_row.find_all("th"):
        assert th["scope"] == "colgroup"
        stages += [th.get_text()] * int(th.get("colspan", 1))
    steps = [(th["id"], th.get_text()) for th in step_row.find_all("th")[1:]]
    assert all(th["scope"] == "col" for th in step_row.find_all("th"))
    rows = {}
    for tr in table.tbody.find_all("tr"):
        head = tr.find("th")
        assert head["scope"] == "row"
        rows[head.get_text()] = [td.get_text() for td in tr.find_all("td")]
    return {"stages": stages, "steps": steps, "rows": rows}


def stage_label(stage: dict) -> str:
    return stage.get("name") or DE[stage["id"]]


def step_id(step: dict) -> str:
    return step.get("id") or re.sub(r"[^a-z0-9]+", "-", step["name"].lower().replace("ä", "ae")).strip("-")


def owned_from_yaml(data: dict) -> Counter:
    """(department, journey, kind) → how many the YAML assigns, departments inherited by hand."""
    owned = Counter()
    for path, journey in data.items():
        if not path.startswith("maps/") or not path.endswith(".yml"):
            continue
        journey_id, owner = Path(path).stem, journey["department"]
        owned[(owner, journey_id, "journey")] += 1
        for stage in journey["stages"]:
            for step in stage["steps"]:
                step_owner = step.get("department", owner)
                for kind, key in (("touchpoint", "touchpoints"), ("love_point", "love_points"),
                                  ("pain_point", "pain_points"), ("frontstage", "frontstage"),
                                  ("backstage", "backstage"), ("support", "support_processes")):
                    for item in step.get(key, []):
                        owned[(item.get("department", step_owner), journey_id, kind)] += 1
        for kind, key in (("measure", "measures"), ("kpi", "kpis")):
            for item in journey.get(key, []):
                owned[(item.get("department", owner), journey_id, kind)] += 1
    return owned


def owned_from_site(site: BuiltSite, departments: list[str]) -> Counter:
    """The same counts, read from the journeys table of each department's dashboard."""
    owned = Counter()
    for department in departments:
        for row in site.soup(f"departments/{department}/").select("table.cjm-dashboard-journeys tbody tr"):
            journey_id = row["data-journey"]
            owned[(department, journey_id, "journey")] += row["data-owner"] == "yes"
            for item in row.select("[data-kind]"):
                owned[(department, journey_id, item["data-kind"])] += int(item["data-count"])
    return +owned


def page_of(site_dir: Path, html_file: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a relative link points to, or None for links off the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    url = "/" + html_file.relative_to(site_dir).as_posix()
    target = urlsplit(urljoin(url, href))
    path = site_dir / unquote(target.path).lstrip("/")
    return (path / "index.html" if target.path.endswith("/") else path), target.fragment


def ids_of(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        cache[path] = {el["id"] for el in soup.find_all(id=True)} | {el["name"] for el in soup.find_all("a", attrs={"name": True})}
    return cache[path]


def broken_links(site: BuiltSite) -> list[str]:
    """Every internal link, script, stylesheet or image of the site whose target (or anchor) is missing."""
    broken, cache = [], {}
    for html_file in site.html_files():
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(["a", "link", "script", "img"]):
            href = element.get("href") or element.get("src")
            found = page_of(site.site, html_file, href) if href else None
            if found is None:
                continue
            path, fragment = found
            if not path.is_file() or (fragment and path.suffix == ".html" and fragment not in ids_of(path, cache)):
                broken.append(f"{html_file.relative_to(site.site)}: {href}")
    return broken


def outside_requests(site: BuiltSite) -> list[str]:
    """Every resource the site would fetch from another host: src, srcset, <link href>, CSS url()/@import."""
    found = []
    for html_file in site.html_files():
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            addresses = [element.get("src"), element.get("data"), element.get("poster")]
            addresses += [part.split()[0] for part in element.get("srcset", "").split(",") if part.strip()]
            if element.name == "link" and "canonical" not in (element.get("rel") or []):
                addresses.append(element.get("href"))  # a canonical link names the page, nothing fetches it
            found += [f"{html_file.name}: {a}" for a in addresses if a and _remote(a)]
    for css in site.site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        found += [f"{css.name}: {a}" for a in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) if _remote(a)]
        found += [f"{css.name}: {a}" for a in re.findall(r"@import\s+['\"]([^'\"]+)", text) if _remote(a)]
    return found


def _remote(address: str) -> bool:
    return bool(re.match(r"\s*([a-z][a-z0-9+.-]*:)?//", address, re.IGNORECASE)) and not address.startswith("data:")


def mermaid_sources(soup: BeautifulSoup) -> list[str]:
    return [pre.get_text() for pre in soup.select("pre.mermaid")]


# --- the repository's sample -------------------------------------------------------------

def test_sample_builds_strict_with_a_page_for_everything(sample_site: BuiltSite) -> None:
    assert sample_site.returncode == 0, sample_site.log
    catalog, problems = JourneyLoader(ROOT / "journeys", base=ROOT).load()
    assert not problems and catalog.journeys and catalog.personas and catalog.departments
    news = int(data_history(ROOT / "journeys").state != "none")  # a news page when the sample is in git
    pages = (len(catalog.journeys) + len(catalog.personas) + len(catalog.departments) + len(catalog.research) + 5
             + len(OVERVIEW) + news)
    with speaking("de"):
        summary = catalog.summary()
    assert re.search(rf"INFO +- +cjm_mkdocs: {summary} \(\d+ changed data file\(s\) read\): "
                     rf"{pages} pages made in \d+\.\d\d s", sample_site.log), sample_site.log
    for kind, ids in (("journeys", catalog.journeys), ("personas", catalog.personas),
                      ("departments", catalog.departments)):
        for item_id in ["", *ids]:
            assert (sample_site.site / kind / item_id / "index.html").is_file(), f"{kind}/{item_id}"


def test_sample_links_resolve_and_nothing_is_fetched_from_outside(sample_site: BuiltSite) -> None:
    assert broken_links(sample_site) == []
    assert outside_requests(sample_site) == []


def test_sample_embeds_a_diagram_on_a_hand_written_page(sample_site: BuiltSite) -> None:
    page = sample_site.soup("einstieg/")
    assert mermaid_sources(page)[0].startswith("journey\n")
    assert page.select_one("svg.cjm-curve") is not None
    assert "<!-- cjm:" not in sample_site.html("einstieg/")


def test_sample_counts_one_thing_in_the_singular(sample_site: BuiltSite) -> None:
    """"1 KPI", never "1 KPIs": a count of one takes the singular label wherever the site counts things."""
    plurals = {DE[key.removesuffix("_one")]: DE[key] for key in DE if key.endswith("_one")}
    words = "|".join(map(re.escape, sorted({*plurals, *plurals.values()})))
    counted = re.compile(rf"(?<![\d.,])(\d+) ({words})(?=[<·])")
    found = Counter((number == "1", word in plurals) for path in sample_site.html_files()
                    for number, word in counted.findall(path.read_text(encoding="utf-8").replace(" ·", "·")))
    assert found[(True, True)] == 0, "a count of one with a plural label"
    assert found[(False, False)] == 0, "a count of several with a singular label"
    assert found[(True, False)] > 0 and found[(False, True)] > 0  # the sample counts both


def test_sample_lists_a_current_journey_before_its_target_in_the_catalog_and_the_navigation(
        sample_site: BuiltSite) -> None:
    catalog, _ = JourneyLoader(ROOT / "journeys").load()
    pairs = [(journey.improves, journey.id) for journey in catalog.journeys.values() if journey.improves]
    assert pairs
    for current, target in pairs:
        here = f"journeys/{current}/"
        nav = sample_site.soup(here).select("nav.md-nav--primary a.md-nav__link[href]")
        listed = list(dict.fromkeys(urljoin(f"/{here}", a["href"]).split("#")[0] for a in nav))
        catalog_rows = sample_site.soup("journeys/").select("table.cjm-catalog tbody tr")
        rows = [urljoin("/journeys/", row.a["href"]) for row in catalog_rows]
        for where in (listed, rows):
            assert where.index(f"/journeys/{target}/") == where.index(f"/{here}") + 1, where


def test_sample_mermaid2_configuration_builds_strict_offline(tmp_path: Path) -> None:
    result = run_mkdocs(ROOT / "mkdocs-mermaid2.yml", "-d", str(tmp_path / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    site = BuiltSite(tmp_path, result.returncode, result.stderr)
    page = site.soup("journeys/glasfaser-hausanschluss/")
    assert page.select("div.mermaid")
    inline = " ".join(script.get_text() for script in page.find_all("script") if not script.get("src"))
    assert re.search(r"mermaid\.initialize\(\{[^}]*securityLevel[^}]*strict", inline)
    assert any(script.get("src", "").endswith("assets/cjm/mermaid.min.js") for script in page.find_all("script"))
    assert outside_requests(site) == []
    poster = page.select_one("p.cjm-poster-link a[download]")
    assert poster is not None and (site.site / "journeys/glasfaser-hausanschluss" / poster["href"]).read_bytes()[:5] == b"%PDF-"


# --- built test sites --------------------------------------------------------------------

def test_every_journey_persona_and_department_has_its_page(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data)
    assert site.returncode == 0, site.log
    journeys = [Path(p).stem for p in data if p.startswith("maps/") and p.endswith(".yml")]
    personas = [Path(p).stem for p in data if p.startswith("personas/")]
    departments = [d["id"] for d in data["departments.yml"]["departments"]]
    for kind, ids in (("journeys", journeys), ("personas", personas), ("departments", departments)):
        for item_id in ids:
            assert site.soup(f"{kind}/{item_id}/").h1.get_text()
    catalog_rows = site.soup("journeys/").select("table#cjm-catalog tbody tr")
    assert sorted(row.a["href"].strip("./") for row in catalog_rows) == sorted(journeys)
    assert broken_links(site) == []
    assert outside_requests(site) == []


def test_matrix_has_a_column_per_step_under_its_stage_and_the_classic_rows(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data)
    for path, journey in data.items():
        if not path.endswith(".yml") or not path.startswith("maps/"):
            continue
        found = matrix(site.soup(f"journeys/{Path(path).stem}/"))
        steps = [(stage, step) for stage in journey["stages"] for step in stage["steps"]]
        assert found["stages"] == [stage_label(stage) for stage, _ in steps]
        names = [step["name"] + (f" {DE['moment_of_truth']}" if step.get("moment_of_truth") else "") for _, step in steps]
        assert [name for _, name in found["steps"]] == names
        assert [anchor for anchor, _ in found["steps"]] == [f"step-{step_id(step)}" for _, step in steps]
        for row, key in ((DE["does"], "does"), (DE["thinks"], "thinks"), (DE["feels"], "feels")):
            assert found["rows"][row] == [step.get(key, "") for _, step in steps]
        assert len(found["rows"][DE["rating"]]) == len(steps)


def test_moments_of_truth_and_important_touchpoints_are_marked(tmp_path: Path, data: dict) -> None:
    page = build_site(tmp_path, data).soup("journeys/kauf/")
    assert page.select_one("th#step-bestellen .cjm-badge-mot").get_text() == DE["moment_of_truth"]
    assert not page.select_one("th#step-angebot-sehen .cjm-badge-mot")
    important = [li.get_text() for li in page.select("table.cjm-matrix li.cjm-important")]
    assert len(important) == 1 and "Preisportal" in important[0] and DE["important"] in important[0]


def test_department_dashboards_count_exactly_what_the_yaml_assigns_per_journey(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data)
    departments = [d["id"] for d in data["departments.yml"]["departments"]]
    assert owned_from_site(site, departments) == owned_from_yaml(data)
    assert DE["owns_nothing"] in site.soup("departments/recht/").get_text()
    assert broken_links(site) == []


def test_pain_points_are_sorted_by_severity_with_owner_and_state(tmp_path: Path, data: dict) -> None:
    page = build_site(tmp_path, data).soup("journeys/kauf/")
    items = page.select("ul.cjm-pain-points > li")
    severities = [li["class"][0].removeprefix("cjm-severity-") for li in items]
    assert severities == ["critical", "high", "medium"]
    resolved = page.select_one("li#pain-versand-unklar")
    assert "Kundenservice" in resolved.get_text() and DE["resolved"] in resolved.get_text()
    assert DE["open"] in page.select_one("li#pain-abbrechen-pain-1").get_text()


def test_measures_put_quick_wins_first_and_kpis_compare_target_and_current(tmp_path: Path, data: dict) -> None:
    data["maps/kauf.yml"]["measures"].reverse()
    page = build_site(tmp_path, data).soup("journeys/kauf/")
    rows = page.select("table.cjm-measures tbody tr")
    assert [row["id"] for row in rows] == ["measure-feed", "measure-hotline-verstaerken"]
    assert rows[0].select_one(".cjm-badge-quick")
    kpi = page.select_one("tr#kpi-conversion").get_text()
    assert "3,5 %" in kpi and "2,1 %" in kpi and DE["not_met"] in kpi


def test_target_journey_shows_what_changes(tmp_path: Path, data: dict) -> None:
    # Bestellt keeps its rating but gains a pain point: not a step change, a new pain point
    data["maps/kauf-soll.yml"]["stages"][1]["steps"][0]["pain_points"] = [{"id": "neu", "text": "Neu", "severity": "low"}]
    site = build_site(tmp_path, data)
    page = site.soup("journeys/kauf-soll/")
    rows = [[" ".join(td.get_text(" ").split()) for td in row.select("td")] for row in page.select(".cjm-changes tbody tr")]
    assert [row[:2] for row in rows] == [["Bricht ab", DE["removed"]], ["Sieht Angebot", f"{DE['rerated']} +2"],
                                        ["Bewertet", DE["added"]]]
    assert [(row[2] == "–", row[3] == "–") for row in rows] == [(False, True), (False, False), (True, False)]
    assert page.select_one(".cjm-changes .cjm-change-better").get_text() == "+2"
    lists = {ul["data-list"]: [a.get_text() for a in ul.select("a")] for ul in page.select(".cjm-changes ul")}
    assert lists == {"resolved_pain_points": ["Versandkosten unklar", "Feed veraltet", "Niemand erreichbar"],
                     "new_pain_points": ["Neu"]}
    assert broken_links(site) == []


def test_review_due_badge_follows_the_configured_today(tmp_path: Path, data: dict) -> None:
    late = build_site(tmp_path, data, plugin={"today": "2027-03-02"}, name="late")
    early = build_site(tmp_path, data, plugin={"today": "2027-03-01"}, name="early")
    assert late.returncode == early.returncode == 0, late.log + early.log
    assert late.soup("journeys/kauf/").select_one(".cjm-header .cjm-badge-due").get_text() == DE["review_due"]
    assert early.soup("journeys/kauf/").select_one(".cjm-header .cjm-badge-due") is None
    assert early.soup("journeys/kauf-soll/").select_one(".cjm-header .cjm-badge-due") is not None


def test_diagrams_parse_as_mermaid_journeys(tmp_path: Path, data: dict, mermaid) -> None:  # noqa: F811
    site = build_site(tmp_path, data)
    page = site.soup("journeys/kauf/")
    *diagrams, paths = mermaid_sources(page)
    rendered = [mermaid.check(diagram) for diagram in diagrams]
    assert [diagram.error for diagram in rendered] == [None]  # three steps in two stages: one diagram
    assert rendered[0].texts["tasks"] == ["Sieht Angebot", "Bricht ab", "Bestellt"]
    assert sorted(rendered[0].texts["actors"]) == ["Kundenservice", "Marketing"]  # departments, not Anna
    assert "Anna Schneider" in page.select_one(".cjm-diagram-caption").get_text()
    assert mermaid.check(paths).error is None and paths.startswith("flowchart")
    assert len(mermaid_sources(site.soup("journeys/einkauf/"))) == 1  # no branches, no flowchart


def test_search_index_has_journeys_steps_personas_and_pain_points(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data)
    entries = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    index = " ".join(entry["title"] + " " + entry["text"] for entry in entries)
    for text in ("Kauf über Preisvergleich", "Sieht Angebot", "Anna Schneider", "Versandkosten unklar"):
        assert text in index
    pain = "Versandkosten unklar"
    places = {entry["location"].split("/")[0] for entry in entries if pain in entry["text"]}
    assert places == {"journeys"}, "department and overview pages repeat it, and are left out of the index"
    sections = {entry["location"].split("#")[-1] for entry in entries if pain in entry["text"]}
    assert sections == {"painpoints", "manahmen"}, "the matrix row and the curve repeat it too"
    owner = data["departments.yml"]["departments"][0]["name"]
    assert any(entry["location"].startswith("departments/") and owner in entry["title"] for entry in entries)
    assert any(entry["location"].startswith("overview/pain-points/") for entry in entries)
    journey_title = data["maps/kauf.yml"]["title"]
    assert not any(entry["location"] == "departments/" and journey_title in entry["text"] for entry in entries), \
        "the responsibility index repeats every journey"


def test_navigation_groups_journeys_by_segment(tmp_path: Path, data: dict) -> None:
    nav = build_site(tmp_path, data).soup("personas/").select_one("nav.md-nav--primary")
    sections = {}
    for item in nav.select("li.md-nav__item--nested"):
        title = " ".join(item.find(class_="md-nav__link").get_text().split())
        sections[title] = [a["href"] for a in item.select(":scope > nav > ul > li > a")]
    assert sections["Privatkunden"] == ["../journeys/kauf/", "../journeys/kauf-soll/"]
    assert sections["Geschäftskunden"] == ["../journeys/einkauf/"]
    assert sections[DE["personas"]] == ["anna/", "bernd/"]  # the section's index page is its own link
    assert sections[DE["departments"]] == [f"../departments/{d['id']}/" for d in data["departments.yml"]["departments"]]


def test_navigation_lists_only_the_overview_pages_of_kinds_with_more_items_than_nav_items(tmp_path: Path,
                                                                                           data: dict) -> None:
    site = build_site(tmp_path, data, {"validation": {"nav": {"omitted_files": "warn"}}}, plugin={"nav_items": 2})
    assert site.returncode == 0, site.log
    page = site.soup("journeys/kauf/")
    nav_links = {a["href"] for a in page.select("nav.md-nav--primary a.md-nav__link")}
    assert "../" in nav_links and "../../personas/anna/" in nav_links  # two personas: listed
    departments = {f"../../departments/{d['id']}/" for d in data["departments.yml"]["departments"]}
    assert len(departments) > 2 and not nav_links & (departments | {"../kauf-soll/", "../einkauf/"})
    catalog_links = {a["href"] for a in site.soup("journeys/").select("article a")}
    assert {"kauf/", "kauf-soll/", "einkauf/"} <= catalog_links
    assert page.select_one("table.cjm-matrix") is not None


def test_preview_builds_the_named_journeys_with_their_target_and_checks_all_data(tmp_path: Path, data: dict) -> None:
    docs = {"index.md": "# Start\n\n[Einkauf](journeys/einkauf.md)\n\n<!-- cjm:matrix einkauf -->\n"}
    site = build_site(tmp_path, data, plugin={"preview": " kauf , nothing-*"}, docs=docs)
    assert site.returncode == 0, site.log
    pages = {p.parent.name: site.soup(f"journeys/{p.parent.name}/") for p in (site.site / "journeys").glob("*/index.html")}
    assert {name for name, page in pages.items() if page.select_one("table.cjm-matrix")} == {"kauf", "kauf-soll"}
    assert set(pages) == {"kauf", "kauf-soll", "einkauf"}  # links to the others still lead somewhere
    with speaking("de"):
        assert t("preview: pages for {shown} of {count} journeys ({patterns})", shown=2, count=3,
                 patterns=" kauf , nothing-*") in site.log
    note = DE["left_out_of_preview"].split(":")[0]
    assert note in site.soup("journeys/einkauf/").get_text() and note in site.soup("").get_text()
    owned = {tag["data-journey"] for tag in site.soup(f"departments/{data['departments.yml']['departments'][0]['id']}/")
             .select("[data-journey]")}
    assert owned and owned <= {"kauf", "kauf-soll"}
    site = build_site(tmp_path, data, plugin={"preview": "kaufen*", "language": "en"}, name="none")
    assert site.returncode != 0 and "preview: `kaufen*` names no journey" in site.log
    data["maps/einkauf.yml"]["personas"] = ["nobody"]
    site = build_site(tmp_path, data, plugin={"preview": "kauf"}, name="bad")
    assert site.returncode != 0 and "nobody" in site.log, "data outside the preview is still checked"


def test_whether_a_step_supports_the_customer_is_a_matrix_row_and_a_register_filter(tmp_path: Path, data: dict) -> None:
    steps = [step for stage in data["maps/kauf.yml"]["stages"] for step in stage["steps"]]
    steps[0].update(supported="partly", support_note="Versandkosten erst im Warenkorb")
    steps[-1]["supported"] = "not"
    site = build_site(tmp_path, data)
    assert site.returncode == 0, site.log
    shown = matrix(site.soup("journeys/kauf/"))["rows"][DE["supported"]]
    assert shown == [" ".join([DE["support_" + step["supported"]], step.get("support_note", "")]).strip()
                     if step.get("supported") else "" for step in steps]
    assert DE["supported"] not in matrix(site.soup("journeys/kauf-soll/"))["rows"], "a journey that rates none"
    register = site.soup("overview/pain-points/")
    by_pain = {pain["id"]: step.get("supported", "") for step in steps for pain in step.get("pain_points", [])
               if "id" in pain}
    rows = {row.select("td")[1].a["href"].rsplit("#pain-", 1)[1]: row["data-supported"]
            for row in register.select("table#cjm-register tbody tr") if row["data-journey"] == "kauf"}
    assert {pain: rows[pain] for pain in by_pain} == by_pain and "partly" in by_pain.values()
    options = [o["value"] for o in register.select("form[data-cjm-filter] select[name=supported] option")]
    assert options == ["", "fully", "partly", "not"]


@pytest.mark.parametrize(("repo", "discuss", "form"), [
    ("https://github.com/acme/journeys", "auto", "github"), ("https://gitlab.com/acme/journeys/", "auto", "gitlab"),
    ("https://git.acme.de/cx/journeys", "gitlab", "gitlab"), ("https://git.acme.de/cx/journeys", "github", "github"),
    ("https://git.acme.de/cx/journeys", "auto", None), ("https://github.com/acme/journeys", "off", None),
])
def test_steps_pain_points_and_measures_open_a_new_issue_in_the_tracker(tmp_path: Path, data: dict, repo: str,
                                                                       discuss: str, form: str | None) -> None:
    journey = data["maps/kauf.yml"]
    journey["stages"][0]["steps"][0]["pain_points"][0]["text"] = 'Preis & "Versand" <b>unklar</b>'
    site = build_site(tmp_path, data, {"repo_url": repo, "site_url": "https://cx.acme.de/wiki/"}, plugin={"discuss": discuss})
    assert site.returncode == 0, site.log
    links = site.soup("journeys/kauf/").select("a.cjm-discuss")
    if form is None:
        assert links == []
        return
    steps = [step for stage in journey["stages"] for step in stage["steps"]]
    expected = len(steps) + sum(len(step.get("pain_points", [])) for step in steps) + len(journey.get("measures", []))
    assert len(links) == expected
    texts = {step["name"] for step in steps} | {pain["text"] for step in steps for pain in step.get("pain_points", [])}
    texts |= {measure["title"] for measure in journey.get("measures", [])}
    for link in links:
        url = urlsplit(link["href"])
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        title, back = (query["title"], query["body"]) if form == "github" else \
            (query["issue[title]"], query["issue[description]"])
        assert f"{url.scheme}://{url.netloc}{url.path}" == repo.rstrip("/") + (
            "/issues/new" if form == "github" else "/-/issues/new")
        anchor = link.find_parent(id=True)["id"]
        assert back == f"https://cx.acme.de/wiki/journeys/kauf/#{anchor}"
        prefix = journey["title"] + ": "
        assert title.startswith(prefix) and title.removeprefix(prefix) in texts
    assert 'Preis & "Versand" <b>unklar</b>' in {parse_qs(urlsplit(a["href"]).query).get("title", parse_qs(
        urlsplit(a["href"]).query).get("issue[title]"))[0].removeprefix(journey["title"] + ": ") for a in links}


def test_personas_show_their_local_image_or_their_initials_and_nothing_is_fetched(tmp_path: Path, data: dict) -> None:
    data["personas/anna.yml"]["image"] = "https://example.com/anna.png"
    data["personas/bernd.yml"]["image"] = "assets/bernd.png"
    site = build_site(tmp_path, data, docs={"index.md": "# Start\n", "assets/bernd.png": "png"})
    anna = site.soup("personas/anna/")
    [avatar] = anna.select("article svg.cjm-avatar")
    assert avatar["aria-label"] == "Anna Schneider" and avatar.get_text() == "AS"
    assert not anna.select("article img") and anna.select_one("a[href='https://example.com/anna.png']")
    bernd = site.soup("personas/bernd/")
    assert bernd.select_one("article img.cjm-persona-image")["src"] == "../../assets/bernd.png"
    assert not bernd.select("article svg.cjm-avatar")
    faces = {row.a.get_text(): (row.select_one("svg.cjm-avatar text") or row.select_one("img"))
             for row in site.soup("personas/").select("table.cjm-personas tbody tr")}
    assert faces["Anna Schneider"].get_text() == "AS" and faces["Bernd Bauer"]["src"] == "../assets/bernd.png"
    assert broken_links(site) == [] and outside_requests(site) == []


def test_english_labels(tmp_path: Path, data: dict) -> None:
    page = build_site(tmp_path, data, plugin={"language": "en"}).soup("journeys/kauf/")
    assert set(matrix(page)["rows"]) >= {"does", "thinks", "feels"}
    assert matrix(page)["stages"][0] == LABELS["en"]["awareness"]


def test_links_resolve_without_directory_urls(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data, {"use_directory_urls": False})
    assert site.returncode == 0, site.log
    assert (site.site / "journeys" / "kauf.html").is_file()
    assert broken_links(site) == []


def test_edit_link_points_at_the_yaml_in_the_repository(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data, {"repo_url": "https://git.example.com/cx/journeys"})
    link = site.soup("journeys/kauf/").select_one("a.cjm-edit")
    assert link["href"] == "https://git.example.com/cx/journeys/edit/main/journeys/maps/kauf.yml"


def test_a_site_template_overrides_the_plugin_template(tmp_path: Path, data: dict) -> None:
    override = tmp_path / "project" / "overrides" / "cjm" / "partials" / "journey_header.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text('<div class="site-header">{{ journey.segment | html_text }}</div>\n', encoding="utf-8")
    site = build_site(tmp_path, data, {"theme": {"name": "material", "custom_dir": "overrides", "font": False}})
    assert site.returncode == 0, site.log
    page = site.soup("journeys/kauf/")
    assert page.select_one("div.site-header").get_text() == "Privatkunden"
    assert page.select_one("div.cjm-header") is None
    assert not list(site.site.rglob("*.j2"))


def test_generated_pages_are_not_written_into_docs_dir(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data)
    assert site.returncode == 0
    assert sorted(p.relative_to(site.root / "content").as_posix() for p in (site.root / "content").rglob("*")) == ["index.md"]


# --- embedding in hand-written pages -----------------------------------------------------

EMBED_PAGE = """\
# Eigene Seite

<!-- cjm:diagram kauf -->

<!-- cjm:matrix einkauf -->

<!-- cjm:curve kauf -->

```text
<!-- cjm:diagram kauf -->
```
"""


def test_hand_written_pages_embed_diagram_matrix_and_curve(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data, docs={"index.md": "# Start\n", "team/eigene.md": EMBED_PAGE})
    assert site.returncode == 0, site.log
    page = site.soup("team/eigene/")
    assert mermaid_sources(page)[0].startswith("journey\n")
    assert [name for _, name in matrix(page)["steps"]] == ["Fragt an", "Erhält Angebot"]
    assert page.select_one("svg.cjm-curve") is not None
    assert page.select_one("pre:not(.mermaid) code").get_text().strip() == "<!-- cjm:diagram kauf -->"
    assert broken_links(site) == []


def test_a_journey_embedded_twice_keeps_every_id_unique(tmp_path: Path, data: dict) -> None:
    twice = "# Zweimal\n\n<!-- cjm:matrix kauf -->\n\n<!-- cjm:curve kauf -->\n\n<!-- cjm:matrix kauf -->\n\n" \
            "<!-- cjm:curve kauf -->\n\n<!-- cjm:matrix kauf -->\n"
    site = build_site(tmp_path, data, docs={"index.md": "# Start\n", "zweimal.md": twice})
    assert site.returncode == 0, site.log
    page = site.soup("zweimal/")
    ids = [element["id"] for element in page.select("article [id]")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    first, second, third = (table.select_one("th[scope=col][id]")["id"] for table in page.select("table.cjm-matrix"))
    assert (second, third) == (f"{first}-2", f"{first}-3")
    labelled = [curve["aria-labelledby"].split() for curve in page.select("svg.cjm-curve")]
    assert labelled[0] != labelled[1] and all(name in ids for names in labelled for name in names)
    for link in page.select('article a[href^="#"]'):
        assert link["href"][1:] in ids or link["href"] == "#", link


def test_links_to_anchors_inside_generated_html_pass_the_anchor_check(tmp_path: Path, data: dict) -> None:
    """The anchor check sees the ids of the HTML the plugin holds back from Markdown, and still reports bad ones."""
    links = "[Bestellen](journeys/kauf.md#step-bestellen) [Kurve](#step-fragt-an)\n\n<!-- cjm:matrix einkauf -->\n"
    checked = {"validation": {"anchors": "warn"}}
    site = build_site(tmp_path, data, checked, docs={"index.md": f"# Start\n\n{links}"})
    assert site.returncode == 0, site.log
    site = build_site(tmp_path, data, checked, docs={"index.md": "# Start\n\n[X](journeys/kauf.md#step-nope)\n"},
                      name="broken")
    assert site.returncode != 0 and "contains a link 'journeys/kauf.md#step-nope'" in site.log, site.log


def test_embedding_an_unknown_journey_fails_the_strict_build(tmp_path: Path, data: dict) -> None:
    docs = {"index.md": "# Start\n\nText\n\n<!-- cjm:matrix kaufen -->\n"}
    site = build_site(tmp_path, data, docs=docs, plugin={"language": "en"})
    assert site.returncode != 0
    assert "WARNING -  cjm_mkdocs: content/index.md:5: cjm:matrix names no journey `kaufen`" in site.log
    assert "did you mean `kauf`?" in site.log


# --- bad data ----------------------------------------------------------------------------

def test_a_broken_reference_fails_the_build_with_the_validate_message(tmp_path: Path, data: dict) -> None:
    data["maps/kauf.yml"]["stages"][0]["steps"][0]["touchpoints"][1]["department"] = "servce"
    site = build_site(tmp_path, data, plugin={"language": "en"})
    assert site.returncode != 0
    validate = subprocess.run([sys.executable, "-m", "cjm_mkdocs.cli", "validate", "journeys"], cwd=site.root,
                              capture_output=True, text=True)
    *problems, summary = validate.stdout.splitlines()
    assert validate.returncode == 1 and "1 error, 0 warnings" in summary
    assert "no department has the id `servce`" in problems[0] and "did you mean `service`?" in problems[1]
    assert "\n".join(problems) in site.log
    assert "Traceback" not in site.log
    assert not (site.site / "journeys").exists()


def test_data_warnings_fail_the_strict_build(tmp_path: Path, data: dict) -> None:
    data["stray.yml"] = {"title": "verirrt"}
    site = build_site(tmp_path, data, plugin={"language": "en"})
    assert site.returncode != 0
    assert "stray.yml: warning: is not read" in site.log


def test_a_content_page_in_the_way_of_a_generated_page_is_reported(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data, docs={"index.md": "# Start\n", "journeys/kauf.md": "# Kauf\n"}, plugin={"language": "en"})
    assert site.returncode != 0
    assert "journeys/kauf.md in content would hide pages the cjm plugin generates" in site.log
    assert "Traceback" not in site.log


def test_missing_mermaid_library_is_a_clear_error(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data, plugin={"mermaid_js": "nowhere/mermaid.min.js", "language": "en"})
    assert site.returncode != 0
    assert "the Mermaid library is missing" in site.log and "npm ci" in site.log
    assert "Traceback" not in site.log


def test_mermaid_without_its_es_module_build_is_a_clear_error_unless_mermaid_esm_is_off(tmp_path: Path,
                                                                                       data: dict) -> None:
    alone = tmp_path / "dist" / "mermaid.min.js"
    alone.parent.mkdir()
    alone.symlink_to(MERMAID_JS)
    site = build_site(tmp_path, data, plugin={"mermaid_js": str(alone), "language": "en"})
    assert site.returncode != 0
    assert "Mermaid's ES module build is missing" in site.log and "mermaid_esm: false" in site.log
    assert "Traceback" not in site.log
    site = build_site(tmp_path, data, plugin={"mermaid_js": str(alone), "mermaid_esm": False}, name="classic")
    assert site.returncode == 0, site.log
    scripts = site.soup("journeys/kauf/").find_all("script", src=re.compile("mermaid"))
    assert [(s["src"], s.get("type")) for s in scripts] == [("../../assets/cjm/mermaid.min.js", None),
                                                            ("../../assets/cjm/mermaid-config.js", None)]
    assert list(site.site.rglob("*.mjs")) == []


# --- hostile editor text -----------------------------------------------------------------

HOSTILE = '</title><script>alert("x")</script><img src=x onerror=alert(1)>" onmouseover="alert(1)'
HOSTILE_STEP = 'Zahlung: 5: Hacker; #1 %% }%% %%{init: {"securityLevel": "loose"}}%%\nsection Evil\nclick s1 call alert(1)'


def hostile_data() -> dict:
    data = sample_data()
    journey = data["maps/kauf.yml"]
    journey["title"] = f"Kauf {HOSTILE}"
    journey["segment"] = f"Segment {HOSTILE}"
    step = journey["stages"][0]["steps"][0]
    step.update(name=HOSTILE_STEP, does=f"```mermaid\ngraph TD; A-->B\n```\n{HOSTILE}", thinks="--8<-- \"/etc/passwd\"",
                feels="[link](javascript:alert(1)) <a href='javascript:alert(1)'>x</a>")
    step["touchpoints"][0]["channel"] = f"title Evil {HOSTILE}"
    step["pain_points"][0]["text"] = f"*bold* {HOSTILE}"
    step["evidence"][0]["quote"] = f"<iframe src=https://evil.example></iframe> {HOSTILE}"
    data["departments.yml"]["departments"][1]["name"] = f"Service {HOSTILE}"
    data["personas/anna.yml"]["name"] = f"Anna {HOSTILE}"
    data["maps/kauf.md"] = (f"# Prose {HOSTILE}\n\n[click](javascript:alert(1)) [data](data:text/html,x) "
                            f'<a href="JaVaScRiPt:alert(1)">a</a>\n\n<script>alert(2)</script>\n\n'
                            '<img src="https://evil.example/x.png" onerror="alert(3)">\n')
    return data


@pytest.mark.parametrize("renderer", ["material", "mermaid2"])
def test_hostile_editor_text_comes_out_inert(tmp_path: Path, renderer: str, mermaid) -> None:  # noqa: F811
    extra = MERMAID2_CONFIG if renderer == "mermaid2" else {}
    more = [{"mermaid2": {"arguments": {"securityLevel": "strict"}}}] if renderer == "mermaid2" else []
    site = build_site(tmp_path, hostile_data(), extra, more_plugins=more)
    assert site.returncode == 0, site.log
    for html_file in site.html_files():
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            assert element.name not in ("iframe", "object", "embed"), html_file
            assert not [name for name in element.attrs if name.lower().startswith("on")], (html_file, element)
            for name in ("href", "src"):
                address = re.sub(r"[\x00-\x20]", "", element.get(name, "")).lower()
                assert not address.startswith(("javascript:", "data:", "vbscript:")), (html_file, element)
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text(), html_file
    assert outside_requests(site) == []
    page = site.soup("journeys/kauf/")
    assert page.h1.get_text().startswith(f"Kauf {HOSTILE}")
    found = matrix(page)
    assert found["steps"][0][1].startswith(HOSTILE_STEP)
    assert found["rows"][DE["does"]][0] == hostile_data()["maps/kauf.yml"]["stages"][0]["steps"][0]["does"]
    diagrams = [block.get_text().strip() for block in page.select("pre.mermaid code, div.mermaid")]
    journeys = [diagram for diagram in diagrams if diagram.startswith("journey")]
    assert_journey_grammar(journeys, stages=2, steps=3)
    rendered = [mermaid.check(diagram) for diagram in journeys]
    assert [diagram.error for diagram in rendered] == [None] * len(journeys)
    tasks = [task for diagram in rendered for task in diagram.texts["tasks"]]
    assert tasks[0].startswith("Zahlung: 5: Hacker; #1 %% }%%")
    assert len(tasks) == 3 and sum(len(diagram.texts["sections"]) for diagram in rendered) == 2
    assert not list((site.root / "content").rglob("*.html"))


def assert_journey_grammar(diagrams: list[str], stages: int, steps: int) -> None:
    """Line by line: editor text (entities removed) holds none of Mermaid's grammar characters; no title (the page
    names the journey), a section per stage, a task per step with the departments responsible for it."""
    kinds = Counter()
    for diagram in diagrams:
        head, *lines = diagram.splitlines()
        assert head == "journey" and "%%" not in diagram
        for line in lines:
            bare = re.sub(r"#\d+;", "", line)
            if re.fullmatch(r"  section [^:;#%\n]+", bare):
                kinds["section"] += 1
            else:
                assert re.fullmatch(r"    [^:;#%]+: [1-5]: [^:;#%]+", bare), line
                kinds["task"] += 1
    assert kinds == {"section": stages, "task": steps}


MERMAID2_CONFIG = {
    "theme": {"name": "material", "font": False},
    "markdown_extensions": ["attr_list", "md_in_html", "tables", {"pymdownx.superfences": {"custom_fences": [
        {"name": "mermaid", "class": "mermaid", "format": PythonName("mermaid2.fence_mermaid")}]}}],
}


# --- serve and browser -------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


@pytest.fixture
def served(tmp_path: Path, data: dict) -> Iterator[tuple[str, Path, Path]]:
    """`mkdocs serve -v` on a test project: (base URL, project folder, log file)."""
    config_file = make_project(tmp_path, data)
    port, log = free_port(), tmp_path / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "-v", "-f", str(config_file), "-a", f"127.0.0.1:{port}"]
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=config_file.parent, stdout=output, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        base = f"http://127.0.0.1:{port}/"
        assert wait_for(lambda: "Kauf über Preisvergleich" in fetch(base + "journeys/kauf/")), log.read_text()
        yield base, config_file.parent, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_rebuilds_on_data_edits_and_rereads_only_changed_files(served: tuple[str, Path, Path]) -> None:
    base, root, log = served
    journey = root / "journeys" / "maps" / "kauf.yml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("Kauf über Preisvergleich", "Kauf neu"),
                       encoding="utf-8")
    assert wait_for(lambda: "<h1" in fetch(base + "journeys/kauf/") and "Kauf neu" in fetch(base + "journeys/kauf/"))
    assert wait_for(lambda: "(1 changed data file(s) read)" in log.read_text())
    assert "(6 changed data file(s) read)" in log.read_text()  # the first build read every file


def test_journey_page_in_a_browser_renders_offline_with_strict_mermaid(sample_site: BuiltSite, mermaid) -> None:  # noqa: F811
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(sample_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with contextlib.closing(mermaid.page.context.browser.new_context(color_scheme="dark")) as context:
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.add_init_script(OPEN_SHADOW_ROOTS)
            page.goto(base + "journeys/glasfaser-hausanschluss/")
            page.wait_for_function("document.querySelector('div.mermaid')?.shadowRoot?.querySelector('svg')")
            assert page.evaluate("mermaid.mermaidAPI.getConfig().securityLevel") == "strict"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
            page.goto(base + "journeys/")
            rows = page.locator("#cjm-catalog tbody tr")
            total = rows.count()
            page.select_option("form.cjm-filter select[name=personas]", "daniel-familienvater")
            shown = page.locator("#cjm-catalog tbody tr:not([hidden])")
            assert 0 < shown.count() < total
            assert all("daniel-familienvater" in shown.nth(i).get_attribute("data-personas") for i in range(shown.count()))
    finally:
        server.shutdown()
    assert [url for url in requests if not url.startswith(base)] == []


OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };
"""


def test_mermaid2_takes_the_local_library_whatever_the_plugin_order(tmp_path: Path, data: dict) -> None:
    cjm = {"cjm": {"mermaid_js": str(MERMAID_JS), "today": TODAY}}
    plugins = ["search", {"mermaid2": {"arguments": {"securityLevel": "strict"}}}, cjm]
    site = build_site(tmp_path, data, {**MERMAID2_CONFIG, "plugins": plugins})
    assert site.returncode == 0, site.log
    assert "unpkg" not in site.log and "Cannot find Mermaid library" not in site.log
    page = site.soup("journeys/kauf/")
    assert [s["src"] for s in page.find_all("script", src=re.compile("mermaid"))] == [
        "../../assets/cjm/mermaid.min.js", "../../assets/cjm/mermaid-config.js"]
    assert outside_requests(site) == []
