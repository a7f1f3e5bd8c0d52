"""The `cjm` command as editors and CI run it: a real subprocess, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from journey_data import write_data

CJM = [sys.executable, "-m", "cjm_mkdocs.cli"]
REPO = Path(__file__).resolve().parents[1]


def cjm(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CJM, *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120)


def test_validate_clean_folder_exits_zero(tmp_path):
    write_data(tmp_path / "journeys")
    result = cjm("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 journey, 1 persona, 2 departments: no problems" in result.stdout


def test_validate_reports_every_problem_without_traceback(tmp_path):
    write_data(tmp_path / "journeys", {"personas/anna.yml": b"name: M\xfcller\n", "maps/x.yml": "title: a\ntitle: b\n"})
    result = cjm("validate", "journeys", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "journeys/personas/anna.yml:1:8: error: is not UTF-8 (byte 0xfc)" in result.stdout
    assert "journeys/maps/x.yml:2:1: error: title: duplicate key `title` (first at line 1)" in result.stdout


def test_validate_json_format_lists_problems(tmp_path):
    write_data(tmp_path / "journeys", {"maps/x.yml": "title: a\ntitle: b\n"})
    result = cjm("validate", "journeys", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    duplicate = next(p for p in problems if "duplicate key" in p["message"])
    assert duplicate | {"hint": ""} == {"file": "journeys/maps/x.yml", "line": 2, "column": 1, "field": "title",
                                        "message": "duplicate key `title` (first at line 1)", "hint": "",
                                        "severity": "error"}


def test_validate_github_format_is_workflow_annotations(tmp_path):
    write_data(tmp_path / "journeys", {"maps/x.yml": "title: a\ntitle: b\n"})
    result = cjm("validate", "journeys", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    line = next(x for x in result.stdout.splitlines() if "duplicate key" in x)
    assert line.startswith("::error file=journeys/maps/x.yml,line=2,col=1,title=title::duplicate key `title`")


def test_validate_missing_folder_is_a_clear_error(tmp_path):
    result = cjm("validate", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert "nowhere: error: is not a folder" in result.stdout


def test_schema_writes_files_and_never_overwrites_without_asking(tmp_path):
    assert cjm("schema", "--out", "schema", cwd=tmp_path).returncode == 0
    journey_schema = json.loads((tmp_path / "schema/journey.schema.json").read_text())
    assert "stages" in journey_schema["required"] and "id" not in journey_schema["required"]
    (tmp_path / "schema/persona.schema.json").write_text("{}")
    declined = cjm("schema", "--out", "schema", cwd=tmp_path, stdin="n\n")
    assert "kept" in declined.stdout and (tmp_path / "schema/persona.schema.json").read_text() == "{}"
    cjm("schema", "--out", "schema", "--yes", cwd=tmp_path)
    assert json.loads((tmp_path / "schema/persona.schema.json").read_text())["title"] == "Persona"


def test_committed_schema_matches_the_model(tmp_path):
    cjm("schema", "--out", str(tmp_path), cwd=REPO)
    for written in tmp_path.glob("*.json"):
        assert written.read_text() == (REPO / "schema" / written.name).read_text(), f"run `cjm schema --yes` ({written.name})"


def test_schema_in_english_for_the_editors_of_an_english_site(tmp_path):
    assert cjm("schema", "--out", "schema", "--language", "en", cwd=tmp_path).returncode == 0
    journey_schema = json.loads((tmp_path / "schema/journey.schema.json").read_text())
    title = journey_schema["properties"]["title"]["description"]
    assert title == "The journey's title. Example: `Open a current account`"
    assert cjm("schema", "--out", "schema", "--language", "en", "--check", cwd=tmp_path).returncode == 0
    assert cjm("schema", "--out", "schema", "--check", cwd=tmp_path).returncode == 1, "German is the default"


def test_generate_in_english_writes_english_field_tables(tmp_path):
    write_data(tmp_path / "journeys")
    (tmp_path / "content").mkdir()
    (tmp_path / "content/fields.md").write_text("# Fields\n\n<!-- cjm:fields persona -->\n", encoding="utf-8")
    result = cjm("generate", "--out", "docs", "--pages", "content", "--language", "en", "--yes", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "docs/fields.md").read_text(encoding="utf-8")
    assert "<td>The persona's name. Example: <code>Lea, in her first job</code></td>" in page
    assert "Name der Persona" not in page
