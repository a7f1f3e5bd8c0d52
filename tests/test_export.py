"""`cjm export`: the JSON holds every field of the YAML and validates against its schema; CSV is spreadsheet-safe."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from journey_data import JOURNEY, write_data

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
    checked = 0
    for file in sorted((REPO / "journeys").rglob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if file.name == "departments.yml":
            target = {"departments": [departments[d["id"]] for d in data["departments"]]}
        elif file.parent.name == "personas":
            target = personas[data.get("id", file.stem)]
        else:
            target = journeys[data.get("id", file.stem)]
        for path, value in _leaves(data):
            assert _at(target, path) == value, f"{file.name}: {path}"
            checked += 1
    assert checked > 500
    prose = (REPO / "journeys/personas").glob("*.md")
    assert all(personas[p.stem]["prose"] == p.read_text(encoding="utf-8") for p in prose)


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


def test_export_refuses_broken_data_and_asks_before_overwriting(tmp_path):
    write_data(tmp_path / "journeys", {"maps/shop.yml": "title: a\ntitle: b\n"})
    broken = cjm("export", "journeys", cwd=tmp_path)
    assert broken.returncode == 1 and "duplicate key" in broken.stderr and "Traceback" not in broken.stderr
    write_data(tmp_path / "journeys", {"maps/shop.yml": JOURNEY})
    (tmp_path / "out.json").write_text("keep me")
    kept = cjm("export", "journeys", "--out", "out.json", cwd=tmp_path)
    assert "kept" in kept.stdout and (tmp_path / "out.json").read_text() == "keep me"
