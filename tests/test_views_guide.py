"""The writing guide and the start page: field tables from the JSON Schema, customer moments per
department, edit links, and the editor setup the guide describes."""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from cjm_mkdocs.views import guide
from cjm_mkdocs.site import pages
from cjm_mkdocs.site.contexts.guide import schema_fields_embed
from cjm_mkdocs.core.catalog import Catalog
from cjm_mkdocs.core.labels import LABELS
from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.core.schema import schemas
from cjm_mkdocs.render.export import export_schema
from conftest import ROOT, BuiltSite, build_site

DE = LABELS["de"]
SEVERITIES = ["critical", "high", "medium", "low"]


# --- field tables ------------------------------------------------------------------------

def schema_blocks(schema: dict) -> dict[str, dict]:
    """Block name → its object schema: the file itself (by title) and every $defs entry."""
    return {schema["title"]: schema, **schema.get("$defs", {})}


def plain(description: str) -> str:
    """A description as the reader sees it: inline code marks gone, whitespace collapsed."""
    return " ".join(description.replace("`", "").split())


def field_tables(soup: BeautifulSoup) -> dict[tuple[str, str], dict[str, list]]:
    """(schema file, block) → field name → [type cell, presence cell, meaning cell] of the guide's tables."""
    found = {}
    for table in soup.select("table.cjm-fields"):
        rows = {}
        for tr in table.tbody.find_all("tr"):
            rows[tr.th.get_text()] = tr.find_all("td")
        found[(table["data-schema"], table["data-block"])] = rows
    return found


def test_the_guide_has_a_table_for_every_block_with_every_field(sample_site: BuiltSite) -> None:
    assert sample_site.returncode == 0, sample_site.log
    tables = field_tables(sample_site.soup("schreiben/"))
    expected = {(name, block): list(spec["properties"])
                for name, schema in schemas().items() for block, spec in schema_blocks(schema).items()}
    assert {key: list(rows) for key, rows in tables.items()} == expected
    assert len(expected) == 19 and sum(map(len, expected.values())) > 80


def test_each_row_shows_the_description_whether_required_and_the_default(sample_site: BuiltSite) -> None:
    tables = field_tables(sample_site.soup("schreiben/"))
    for name, schema in schemas().items():
        for block, spec in schema_blocks(schema).items():
            for field, prop in spec["properties"].items():
                type_cell, presence, meaning = tables[(name, block)][field]
                assert " ".join(meaning.get_text().split()) == plain(prop["description"]), (block, field)
                if field in spec.get("required", []):
                    assert presence.get_text() == DE["fields_required"]
                elif prop.get("default") is not None:
                    assert presence.get_text() == f"{DE['fields_default']}: {json.dumps(prop['default']).strip(chr(34))}"
                else:
                    assert presence.get_text() == DE["fields_optional"]
                for value in allowed_values(prop):
                    assert value in [code.get_text() for code in type_cell.find_all("code")], (block, field)


def allowed_values(prop: dict) -> list[str]:
    """Every enum value a property allows, directly, in anyOf or in its items."""
    values = list(prop.get("enum", []))
    for option in prop.get("anyOf", []) + ([prop["items"]] if "items" in prop else []):
        values += allowed_values(option)
    return values


def referenced_block(prop: dict) -> str | None:
    for candidate in (prop, prop.get("items", {}), *prop.get("anyOf", [])):
        if "$ref" in candidate:
            return candidate["$ref"].split("/")[-1]
    return None


def test_nested_blocks_are_linked_to_their_table(sample_site: BuiltSite) -> None:
    soup = sample_site.soup("schreiben/")
    tables = field_tables(soup)
    links = 0
    for name, schema in schemas().items():
        for block, spec in schema_blocks(schema).items():
            for field, prop in spec["properties"].items():
                target = referenced_block(prop)
                link = tables[(name, block)][field][0].find("a")
                assert (link is None) == (target is None), (block, field)
                if target:
                    links += 1
                    table = soup.find(id=link["href"][1:]).find("table")
                    assert (table["data-schema"], table["data-block"]) == (name, target)
    assert links == 15


def test_the_place_of_each_block_in_the_file_is_its_path_of_keys(sample_site: BuiltSite) -> None:
    soup = sample_site.soup("schreiben/")
    places = {table["data-block"]: table.find_parent(class_="cjm-fields-block").select_one(".cjm-fields-where code")
              for table in soup.select("table.cjm-fields")}
    assert places["Journey"] is None and places["Persona"] is None
    assert places["Step"].get_text() == "stages[].steps[]"
    assert places["PainPoint"].get_text() == "stages[].steps[].pain_points[]"
    assert places["Department"].get_text() == "departments[]"


def test_every_block_has_a_label_in_both_languages() -> None:
    blocks = {block for schema in schemas().values() for block in schema_blocks(schema)}
    assert blocks == set(guide.BLOCK_LABELS)
    for language in LABELS.values():
        assert all(language[key] for key in guide.BLOCK_LABELS.values())


HOSTILE = {
    "title": "Journey", "type": "object", "required": ["name"],
    "properties": {
        "name": {"type": "string", "description": "<script>alert(1)</script> Beispiel: `<b>x</b>`"},
        "mood": {"enum": ["<img src=x onerror=alert(2)>"], "default": "<i>y</i>", "type": "string",
                 "description": "[Link](javascript:alert(3))"},
    },
}


def test_descriptions_values_and_defaults_are_escaped() -> None:
    site = pages.Site(Catalog(), DE, dt.date(2026, 6, 1))
    context = schema_fields_embed(site, "journey", "journey.schema.json", guide.schema_tables(HOSTILE), "guide.md")
    markdown = pages.render_page(pages.environment(), "guide/fields.md.j2", context)
    soup = BeautifulSoup(markdown, "html.parser")
    assert not soup.find_all(["script", "img", "b", "i"])
    assert "javascript:" not in str(soup.find_all("a"))
    rows = soup.select("table.cjm-fields tbody tr")
    assert rows[0].find_all("td")[2].get_text() == "<script>alert(1)</script> Beispiel: <b>x</b>"
    assert "<img src=x onerror=alert(2)>" in rows[1].find_all("td")[0].get_text()
    assert rows[1].find_all("td")[1].get_text() == f"{DE['fields_default']}: <i>y</i>"


def test_a_schema_the_guide_cannot_describe_is_named() -> None:
    schema = {"title": "Journey", "properties": {"x": {"allOf": [{"type": "string"}]}}}
    with pytest.raises(ValueError, match="cannot describe the schema.*allOf"):
        guide.schema_tables(schema)


FIELDS_PAGE = "# Fields\n\n<!-- cjm:fields journey -->\n\n<!-- cjm:fields persona -->\n"


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_field_tables_speak_the_sites_language(tmp_path: Path, data: dict, language: str) -> None:
    site = build_site(tmp_path, data, plugin={"language": language}, docs={"index.md": FIELDS_PAGE})
    assert site.returncode == 0, site.log
    soup, words = site.soup(), LABELS[language]
    tables = field_tables(soup)
    for name in ("journey.schema.json", "persona.schema.json"):
        for block, spec in schema_blocks(schemas(language)[name]).items():
            for field, prop in spec["properties"].items():
                meaning = tables[(name, block)][field][2]
                assert " ".join(meaning.get_text().split()) == plain(prop["description"]), (block, field)
    assert {th.get_text() for th in soup.select("table.cjm-fields thead th")} == {
        words["fields_field"], words["fields_type"], words["fields_presence"], words["fields_meaning"]}
    title = {"de": "Titel der Journey. Beispiel: Girokonto eröffnen",
             "en": "The journey's title. Example: Open a current account"}[language]
    assert tables[("journey.schema.json", "Journey")]["title"][2].get_text() == title


def test_an_english_site_offers_the_export_schema_in_english(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data, plugin={"language": "en"})
    assert site.returncode == 0, site.log
    schema = json.loads((site.site / "overview" / "export.schema.json").read_text(encoding="utf-8"))
    assert schema == export_schema("en") != export_schema()


# --- customer moments per department -----------------------------------------------------

def moments_from_yaml(journeys: Path) -> Counter:
    """(department, kind, journey, text) for each customer moment the YAML assigns, departments inherited by hand."""
    found = Counter()
    for path in sorted((journeys / "maps").glob("*.yml")):
        journey = yaml.safe_load(path.read_text(encoding="utf-8"))
        for stage in journey["stages"]:
            for step in stage["steps"]:
                owner = step.get("department", journey["department"])
                items = [item for key in ("touchpoints", "love_points", "pain_points", "frontstage", "backstage",
                                          "support_processes")
                         for item in step.get(key, [])]
                if step.get("moment_of_truth"):
                    for department in {owner} | {item.get("department", owner) for item in items}:
                        found[(department, "moment_of_truth", path.stem, step["name"])] += 1
                for touchpoint in step.get("touchpoints", []):
                    if touchpoint.get("important"):
                        text = touchpoint.get("name") or touchpoint["channel"]
                        found[(touchpoint.get("department", owner), "touchpoint", path.stem, text)] += 1
                for pain in step.get("pain_points", []):
                    found[(pain.get("department", owner), "pain_point", path.stem, pain["text"])] += 1
    return found


def moments_on_page(soup: BeautifulSoup) -> tuple[Counter, dict[str, BeautifulSoup]]:
    """The same tuples read from the page, and each department's block."""
    found, blocks = Counter(), {}
    for block in soup.select("div.cjm-moments"):
        department = block["data-department"]
        blocks[department] = block
        for link in block.select("a[data-kind]"):
            journey = re.search(r"journeys/([a-z0-9-]+)/#", link["href"]).group(1)
            found[(department, link["data-kind"], journey, link.get_text())] += 1
    return found, blocks


def assert_links_resolve(site: BuiltSite, soup: BeautifulSoup, here: str) -> None:
    for link in soup.select("div.cjm-moments a[data-kind]"):
        path, anchor = link["href"].split("#")
        target = BeautifulSoup((site.site / here / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert target.find(id=anchor) is not None, link["href"]


MOMENTS_PAGE = "# Kundenmomente\n\n## Alle\n\n<!-- cjm:moments -->\n\n## Nur Service\n\n<!-- cjm:moments service -->\n"


def test_the_moments_embed_lists_what_the_yaml_assigns_to_each_department(tmp_path: Path, data: dict) -> None:
    data["maps/kauf.yml"]["stages"][1]["steps"][0]["backstage"] = [{"process": "Zahlung prüfen", "department": "it"}]
    fragt_an = data["maps/einkauf.yml"]["stages"][0]["steps"][0]
    fragt_an.update(moment_of_truth=True, touchpoints=[{"channel": "E-Mail", "important": True}],
                    pain_points=[{"text": "Keine Eingangsbestätigung", "severity": "low"},
                                 {"text": "Falscher Ansprechpartner", "severity": "critical"}])
    site = build_site(tmp_path, data, docs={"index.md": "# Start\n", "team/momente.md": MOMENTS_PAGE})
    assert site.returncode == 0, site.log
    soup = site.soup("team/momente/")
    expected = moments_from_yaml(site.root / "journeys")
    everything, blocks = moments_on_page(soup)
    only_service = Counter({key: n for key, n in expected.items() if key[0] == "service"})
    assert everything == expected + only_service  # the second embed repeats the service block
    assert {kind for _, kind, _, _ in expected} == set(guide.MOMENT_KINDS)
    assert [h.get_text() for h in soup.select("h3")] == ["Marketing", "Kundenservice", "IT", "Recht", "Kundenservice"]
    assert DE["no_moments"] in blocks["recht"].get_text()
    assert_links_resolve(site, soup, "team/momente")


def test_pain_points_of_a_department_are_worst_first_within_each_journey(tmp_path: Path, data: dict) -> None:
    steps = data["maps/kauf.yml"]["stages"][0]["steps"]
    steps[1]["pain_points"] = [{"text": f"Problem {level}", "severity": level, "department": "service"}
                               for level in ("low", "critical", "medium", "high")]
    site = build_site(tmp_path, data, docs={"index.md": "# Start\n\n<!-- cjm:moments service -->\n"})
    assert site.returncode == 0, site.log
    for item in site.soup().select('div.cjm-moments[data-department="service"] li'):
        severities = [badge["class"][1].removeprefix("cjm-severity-") for badge in item.select(".cjm-badge")
                      if badge["class"][1].startswith("cjm-severity-")]
        assert severities == sorted(severities, key=SEVERITIES.index)
    assert len(site.soup().select('a[data-kind="pain_point"]')) == 5


def test_the_start_page_lists_each_departments_moments_of_the_sample(sample_site: BuiltSite) -> None:
    soup = sample_site.soup("einstieg/")
    found, blocks = moments_on_page(soup)
    assert found == moments_from_yaml(ROOT / "journeys")
    catalog, _ = JourneyLoader(ROOT / "journeys", base=ROOT).load()
    assert list(blocks) == list(catalog.departments)
    assert_links_resolve(sample_site, soup, "einstieg")


# --- embed problems ----------------------------------------------------------------------

def test_unknown_embeds_and_arguments_fail_the_strict_build_with_a_clear_message(tmp_path: Path, data: dict) -> None:
    page = ("# Seite\n\n<!-- cjm:fields jouney -->\n\n<!-- cjm:moments servce -->\n\n<!-- cjm:feilds persona -->\n\n"
            "<!-- cjm:fields -->\n\n```\n<!-- cjm:fields nichts -->\n```\n")
    site = build_site(tmp_path, data, docs={"index.md": "# Start\n", "seite.md": page}, plugin={"language": "en"})
    assert site.returncode != 0
    problems = re.findall(r"WARNING -  cjm_mkdocs: (content/seite\.md:.*)", site.log)
    assert problems == [
        "content/seite.md:3: cjm:fields names no file kind `jouney`; did you mean `journey`?",
        "content/seite.md:5: cjm:moments names no department `servce`; did you mean `service`?",
        "content/seite.md:7: `cjm:feilds` is no embed; did you mean `fields`?",
        "content/seite.md:9: cjm:fields needs a file kind: one of journey, persona, departments, research",
    ]
    assert "Traceback" not in site.log


# --- edit links --------------------------------------------------------------------------

REPO = "https://git.example.com/team/cx"


def test_every_generated_page_links_the_file_it_comes_from(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data, {"repo_url": REPO})
    assert site.returncode == 0, site.log
    sources = {f"journeys/{Path(name).stem}/": f"journeys/maps/{name}" for name in
               (Path(key).name for key in data if key.startswith("maps/") and key.endswith(".yml"))}
    sources |= {f"personas/{Path(key).stem}/": f"journeys/{key}" for key in data if key.startswith("personas/")}
    departments = [d["id"] for d in data["departments.yml"]["departments"]]
    sources |= {f"departments/{d}/": "journeys/departments.yml" for d in [*departments, ""]}
    for url, source in sources.items():
        edit = site.soup(url).select("a.cjm-edit")
        assert [a["href"] for a in edit] == [f"{REPO}/edit/main/{source}"], url
        assert edit[0].code.get_text() == source
    for url, folder in (("journeys/", "journeys/maps/"), ("personas/", "journeys/personas/")):
        source = site.soup(url).select_one("dl.cjm-source dd")
        assert source.code.get_text() == folder and source.find("a") is None


def test_without_a_repository_the_source_file_is_named_but_not_linked(tmp_path: Path, data: dict) -> None:
    site = build_site(tmp_path, data)
    assert site.returncode == 0, site.log
    for url in ("journeys/kauf/", "personas/anna/", "departments/it/", "departments/"):
        assert site.soup(url).select("a.cjm-edit") == []
        assert site.soup(url).find("code", string=re.compile(r"^journeys/.*\.yml$")) is not None, url


# --- what the guide tells editors ----------------------------------------------------------

def fenced(markdown: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", markdown, re.MULTILINE | re.DOTALL)


GUIDE = (ROOT / "content" / "schreiben.md").read_text(encoding="utf-8")
SETTINGS = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))


def test_the_guides_example_journey_is_valid(tmp_path: Path) -> None:
    example = next(block for block in fenced(GUIDE, "yaml") if "schema/journey.schema.json" in block)
    data = shutil.copytree(ROOT / "journeys", tmp_path / "journeys")
    (data / "maps" / "beispiel.yml").write_text(example, encoding="utf-8")
    catalog, problems = JourneyLoader(data, base=tmp_path).load()
    assert problems == [] and "beispiel" in catalog.journeys
    journey = catalog.journeys["beispiel"]
    assert journey.measures[0].is_quick_win and journey.steps[0].moment_of_truth


def test_vscode_maps_each_data_file_to_the_schema_its_first_line_names() -> None:
    mapping = SETTINGS["yaml.schemas"]
    assert {Path(schema).name for schema in mapping} == set(schemas())
    files = sorted((ROOT / "journeys").rglob("*.yml"))
    assert len(files) > 10
    for file in files:
        relative = file.relative_to(ROOT).as_posix()
        matched = [schema for schema, globs in mapping.items() if any(fnmatch.fnmatch(relative, g) for g in globs)]
        modeline = re.match(r"# yaml-language-server: \$schema=(\S+)", file.read_text(encoding="utf-8"))
        named = (file.parent / modeline.group(1)).resolve()
        assert [(ROOT / schema).resolve() for schema in matched] == [named], relative
        assert named.is_file()


def test_the_guide_shows_the_vscode_settings_the_repository_has() -> None:
    shown = next(json.loads(block) for block in fenced(GUIDE, "json") if "yaml.schemas" in block)
    assert shown["yaml.schemas"] == SETTINGS["yaml.schemas"]


def test_every_plugin_option_is_documented_for_the_site_team() -> None:
    from cjm_mkdocs.plugin.config import JourneyPluginConfig
    about = (ROOT / "content" / "ueber.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", about, re.MULTILINE))
    assert documented == {name for name, _ in JourneyPluginConfig._schema}
