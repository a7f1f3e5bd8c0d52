"""`cjm export`: the JSON holds every field of the YAML and validates against its schema; CSV is spreadsheet-safe."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from pydantic_core import to_json

from cjm_mkdocs.core.catalog import Catalog
from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.render.export import export_document, export_json
from journey_data import DEPARTMENTS, JOURNEY, PERSONA, write_data

REPO = Path(__file__).resolve().parents[1]


def cjm(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cjm_mkdocs.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, input="")


def _leaves(value, path=()):
    """Every (path, scalar) of a YAML document; dates as ISO text, like JSON."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))
    else:
        yield path, value.isoformat() if isinstance(value, dt.date) else value


def _at(document, path):
    for part in path:
        document = document[part]
    return document


def test_json_export_of_the_sample_validates_and_holds_every_yaml_field(tmp_path):
    result = cjm("export", "journeys", "--out", str(tmp_path / "journeys.json"), cwd=REPO)
    assert result.returncode == 0, result.stderr
    exported = json.loads((tmp_path / "journeys.json").read_text())
    jsonschema.validate(exported, json.loads((tmp_path / "export.schema.json").read_text()))
    assert exported["schema_version"] == "1"
    journeys = {j["id"]: j for j in exported["journeys"]}
    personas = {p["id"]: p for p in exported["personas"]}
    departments = {d["id"]: d for d in exported["departments"]}
    research = {r["id"]: r for r in exported["research"]}
    checked = 0
    for file in sorted((REPO / "journeys").rglob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if file.name == "departments.yml":
            target = {"departments": [departments[d["id"]] for d in data["departments"]]}
        elif file.parent.name == "personas":
            target = personas[data.get("id", file.stem)]
        elif file.parent.name == "research":
            target = research[data.get("id", file.stem)]
        else:
            target = journeys[data.get("id", file.stem)]
        for path, value in _leaves(data):
            assert _at(target, path) == value, f"{file.name}: {path}"
            checked += 1
    assert checked > 500
    prose = (REPO / "journeys/personas").glob("*.md")
    assert all(personas[p.stem]["prose"] == p.read_text(encoding="utf-8") for p in prose)
    notes = list((REPO / "journeys/research").glob("*.md"))
    assert notes and all(research[p.stem]["prose"] == p.read_text(encoding="utf-8") for p in notes)


def test_csv_export_defuses_formulas_and_lists_every_step(tmp_path):
    journey = JOURNEY.replace("name: Bestellt", "name: '=HYPERLINK(\"http://x\")'")
    write_data(tmp_path / "journeys", {"maps/shop.yml": journey})
    result = cjm("export", "journeys", "--format", "csv", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    steps = list(csv.DictReader((tmp_path / "out/steps.csv").open(encoding="utf-8")))
    assert [s["step"] for s in steps] == ["angebot-sehen", "bestellen"]
    assert steps[1]["name"] == "'=HYPERLINK(\"http://x\")"
    pains = list(csv.DictReader((tmp_path / "out/pain_points.csv").open(encoding="utf-8")))
    assert [(p["id"], p["measures"]) for p in pains] == [("versand-unklar", "versandkosten-im-feed")]


def test_csv_steps_say_whether_each_step_supports_the_customer(tmp_path):
    journey = JOURNEY.replace("        rating: okay", "        rating: okay\n        supported: not\n"
                              "        support_note: '=Keiner erklärt die Kosten'", 1)
    write_data(tmp_path / "journeys", {"maps/shop.yml": journey})
    result = cjm("export", "journeys", "--format", "csv", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    steps = list(csv.DictReader((tmp_path / "out/steps.csv").open(encoding="utf-8")))
    assert [(s["supported"], s["support_note"]) for s in steps] == [("not", "'=Keiner erklärt die Kosten"), ("", "")]


def test_csv_steps_name_the_detailed_journeys_of_a_lifecycle_step(tmp_path):
    lifecycle = "id: leben\n" + JOURNEY.replace("        rating: delighting",
                                                "        rating: delighting\n        details: [shop, kauf]", 1)
    write_data(tmp_path / "journeys", {"maps/kauf.yml": JOURNEY, "maps/leben.yml": lifecycle})
    result = cjm("export", "journeys", "--format", "csv", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    steps = list(csv.DictReader((tmp_path / "out/steps.csv").open(encoding="utf-8")))
    assert [(s["journey"], s["step"], s["details"]) for s in steps if s["journey"] == "leben"] == [
        ("leben", "angebot-sehen", ""), ("leben", "bestellen", "shop; kauf")]


def test_export_refuses_broken_data_and_asks_before_overwriting(tmp_path):
    write_data(tmp_path / "journeys", {"maps/shop.yml": "title: a\ntitle: b\n"})
    broken = cjm("export", "journeys", cwd=tmp_path)
    assert broken.returncode == 1 and "duplicate key" in broken.stderr and "Traceback" not in broken.stderr
    write_data(tmp_path / "journeys", {"maps/shop.yml": JOURNEY})
    (tmp_path / "out.json").write_text("keep me")
    kept = cjm("export", "journeys", "--out", "out.json", cwd=tmp_path)
    assert "kept" in kept.stdout and (tmp_path / "out.json").read_text() == "keep me"


FORMULAS = ["ok\r=cmd|' /C calc'!A0", "Text\r\n+SUM(1)", "Zeile\n@A1", "\t-2+3", "＝1", " =1", "a\x01b"]
"""Cell values that a spreadsheet would run as formulas, or split into rows of their own, unless defused."""


def _hostile_journey() -> str:
    """:data:`JOURNEY` with a formula in every kind of text a CSV table carries."""
    quoted = [json.dumps(text) for text in FORMULAS]
    return (JOURNEY.replace("title: Kauf über Preisvergleich", f"title: {quoted[0]}")
            .replace("name: Sieht Angebot", f"name: {quoted[1]}")
            .replace("channel: Preisportal", f"channel: {quoted[2]}")
            .replace("text: Versandkosten nicht sichtbar", f"text: {quoted[3]}")
            .replace("title: Versandkosten im Feed", f"title: {quoted[4]}")
            + f"kpis:\n  - name: {quoted[5]}\n    definition: {quoted[6]}\n    source: \"-Umfrage\"\n    target: 1\n    current: 0\n")


def assert_spreadsheet_safe(tables: dict[str, str]) -> None:
    """No line of any table (cell or physical) starts a formula, no cell holds a control character."""
    for name, text in tables.items():
        assert "\r" not in text, name
        for line in text.split("\n"):
            assert line.lstrip(' "')[:1] not in ("=", "+", "-", "@", "＝"), (name, line)
        for row in csv.reader(text.splitlines(keepends=True)):
            for cell in row:
                assert not any(ord(char) < 32 and char != "\n" for char in cell), (name, cell)
                for line in cell.split("\n"):
                    assert line.lstrip(" ")[:1] not in ("=", "+", "-", "@", "＝"), (name, cell)


HOSTILE_RESEARCH = f"""\
title: {json.dumps(FORMULAS[0])}
method: survey
date: 2026-05-01
summary: {json.dumps(FORMULAS[1])}
link: "-x"
"""


def test_every_exported_table_is_spreadsheet_safe(tmp_path):
    journey = _hostile_journey().replace("            department: kundenservice\n",
                                         "            department: kundenservice\n            sources: [umfrage]\n")
    write_data(tmp_path / "journeys", {"maps/shop.yml": journey, "research/umfrage.yml": HOSTILE_RESEARCH})
    result = cjm("export", "journeys", "--format", "csv", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    tables = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").glob("*.csv")}
    assert len(tables) == 7
    assert_spreadsheet_safe(tables)
    measures = list(csv.DictReader((tmp_path / "out/measures.csv").open(encoding="utf-8", newline="")))
    assert [m["title"] for m in measures] == ["'＝1"]
    steps = list(csv.DictReader((tmp_path / "out/steps.csv").open(encoding="utf-8", newline="")))
    assert steps[0]["name"] == "Text\n'+SUM(1)"
    research = list(csv.DictReader((tmp_path / "out/research.csv").open(encoding="utf-8", newline="")))
    assert [(r["title"], r["link"], r["statements"]) for r in research] == [("ok\n'=cmd|' /C calc'!A0", "'-x", "1")]
    pains = list(csv.DictReader((tmp_path / "out/pain_points.csv").open(encoding="utf-8", newline="")))
    assert [(p["sources"], p["confidence"]) for p in pains] == [("umfrage", "validated")]


def test_every_site_download_is_spreadsheet_safe(tmp_path, build_site):
    files = {"departments.yml": DEPARTMENTS, "personas/anna.yml": PERSONA, "maps/shop.yml": _hostile_journey()}
    site = build_site(tmp_path, files)
    assert site.returncode == 0, site.log
    tables = {p.name: p.read_text(encoding="utf-8") for p in (site.site / "overview").glob("*.csv")}
    assert {"measures.csv", "pain-points.csv", "kpis.csv", "channels.csv"} <= set(tables)
    assert_spreadsheet_safe(tables)
    reviews = list(csv.DictReader(tables["reviews.csv"].splitlines(keepends=True)))
    assert [r["title"] for r in reviews if r["kind"] == "journey"] == ["ok\n'=cmd|' /C calc'!A0"]


def test_one_csv_table_goes_to_standard_output(tmp_path):
    write_data(tmp_path / "journeys", {"maps/shop.yml": _hostile_journey()})
    printed = cjm("export", "journeys", "--format", "csv", "--table", "measures", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    written = cjm("export", "journeys", "--format", "csv", "--out", "out", cwd=tmp_path)
    assert written.returncode == 0 and printed.stdout == (tmp_path / "out/measures.csv").read_text(encoding="utf-8")
    assert_spreadsheet_safe({"measures.csv": printed.stdout})
    without = cjm("export", "journeys", "--format", "csv", cwd=tmp_path)
    assert without.returncode == 2 and "add --table (steps, touchpoints, pain_points, measures, kpis, research)" in without.stderr
    for other in (["--format", "json"], ["--format", "csv", "--out", "out"]):
        ignored = cjm("export", "journeys", *other, "--table", "steps", cwd=tmp_path)
        assert ignored.returncode == 2 and "--table prints one table of --format csv" in ignored.stderr


def test_export_into_a_folder_path_is_a_clear_error(tmp_path):
    write_data(tmp_path / "journeys", {"maps/shop.yml": JOURNEY})
    (tmp_path / "out.json").mkdir()
    refused = cjm("export", "journeys", "--out", "out.json", "--yes", cwd=tmp_path)
    assert refused.returncode == 1 and "out.json is a folder; give a file name" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_export_writes_a_finished_file_in_place_of_the_old_one(tmp_path):
    """`--out` renames a complete temporary file over the old one: a link is replaced, its target untouched."""
    write_data(tmp_path / "journeys", {"maps/shop.yml": JOURNEY})
    (tmp_path / "old.json").write_text("previous export")
    (tmp_path / "out.json").symlink_to(tmp_path / "old.json")
    written = cjm("export", "journeys", "--out", "out.json", "--yes", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert (tmp_path / "old.json").read_text() == "previous export" and not (tmp_path / "out.json").is_symlink()
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["journeys"]
    assert not list(tmp_path.glob(".*.part"))


def test_the_json_export_kept_per_journey_reads_as_the_whole_document_written_at_once(tmp_path):
    """export_json joins each journey's kept JSON text; it must be pydantic's text of the whole document, also
    after one journey changed and with no journey at all."""
    data = write_data(tmp_path / "journeys", {"maps/zweite.yml": JOURNEY})
    loader = JourneyLoader(data, base=tmp_path)
    for title in ("", "Geänderter Titel"):
        if title:
            second = data / "maps" / "zweite.yml"
            second.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", JOURNEY), encoding="utf-8")
        catalog, _ = loader.load()
        whole = to_json(export_document(catalog), indent=2).decode() + "\n"
        assert len(catalog.journeys) == 2 and title in whole
        assert export_json(catalog) == whole
    empty = Catalog(departments=catalog.departments)
    assert export_json(empty) == to_json(export_document(empty), indent=2).decode() + "\n"
