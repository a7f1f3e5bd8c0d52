"""What editors use: `cjm new`, the pre-commit hooks and the CI examples, run for real."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from cjm_mkdocs.core.loading import JourneyLoader
from journey_data import write_data

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(command: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(shlex.split(command), cwd=cwd, input=stdin, capture_output=True, text=True, env=env, timeout=120)


def test_new_files_validate_and_carry_todays_date(tmp_path):
    write_data(tmp_path / "journeys")
    assert run("cjm new department --id recht --name 'Recht & Compliance' --description 'Verträge: AGB'", tmp_path).returncode == 0
    assert run("cjm new persona --id bob --name Bob --segment no --description 'Kauft #online'", tmp_path).returncode == 0
    answers = "neu\nNeue Journey: Test\nbob\nrecht\nB2B\nSzenario\nStart\nEnde\n"
    created = run("cjm new journey", tmp_path, stdin=answers)
    assert created.returncode == 0, created.stderr
    catalog, problems = JourneyLoader(tmp_path / "journeys", base=tmp_path).load()
    assert problems == []
    journey = catalog.journeys["neu"]
    assert (journey.title, journey.personas, journey.department) == ("Neue Journey: Test", ["bob"], "recht")
    assert journey.last_reviewed == dt.date.today()
    assert [s.id for s in journey.stages] == ["awareness", "consideration", "decision", "purchase", "post-purchase"]
    assert catalog.personas["bob"].segment == "no" and catalog.departments["recht"].description == "Verträge: AGB"
    text = (tmp_path / "journeys/maps/neu.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/journey.schema.json")
    assert text.count("        details: []") == len(journey.steps) == 5  # a lifecycle's links, offered at every step


def test_new_research_source_validates_and_is_cited_by_a_new_journey(tmp_path):
    write_data(tmp_path / "journeys")
    created = run("cjm new research", tmp_path, stdin="umfrage\nUmfrage: Versand\nsurvey\n")
    assert created.returncode == 0, created.stderr
    wrong = run("cjm new research --id x --title X --method umfrag", tmp_path)
    assert wrong.returncode == 2 and "`umfrag` is no research method" in wrong.stderr
    assert run("cjm new journey --id neu --title T --persona anna --department marketing --segment S --scenario S "
               "--start A --end B", tmp_path).returncode == 0
    journey = tmp_path / "journeys/maps/neu.yml"
    journey.write_text(journey.read_text().replace("sources: []", "sources: [umfrage]", 1))
    catalog, problems = JourneyLoader(tmp_path / "journeys", base=tmp_path).load()
    assert problems == []
    source = catalog.research["umfrage"]
    assert (source.title, source.method, source.date) == ("Umfrage: Versand", "survey", dt.date.today())
    assert catalog.journeys["neu"].steps[0].sources == ["umfrage"]
    text = (tmp_path / "journeys/research/umfrage.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/research.schema.json")


def test_new_refuses_to_overwrite_and_unknown_references(tmp_path):
    write_data(tmp_path / "journeys")
    before = (tmp_path / "journeys/personas/anna.yml").read_bytes()
    again = run("cjm new persona --id anna --name X --segment Y --description Z", tmp_path)
    assert again.returncode == 1 and "exists already; nothing was changed" in again.stderr
    assert (tmp_path / "journeys/personas/anna.yml").read_bytes() == before
    duplicate = run("cjm new department --id marketing --name M --description D", tmp_path)
    assert duplicate.returncode == 1 and "`marketing` exists already" in duplicate.stderr
    unknown = run("cjm new journey --id x --title T --persona ana --department marketing --segment S "
                  "--scenario S --start A --end B", tmp_path)
    assert unknown.returncode == 2 and "did you mean `anna`?" in unknown.stderr
    assert not (tmp_path / "journeys/maps/x.yml").exists()
    bad_id = run("cjm new persona --id 'Bad Id' --name X --segment Y --description Z", tmp_path)
    assert bad_id.returncode == 2 and "e.g. `bad-id`" in bad_id.stderr


def _hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}


def test_pre_commit_validate_hook_passes_clean_data_and_fails_broken(tmp_path):
    hook = _hooks()["cjm-validate"]
    write_data(tmp_path / "journeys")
    assert run(hook["entry"], tmp_path).returncode == 0
    write_data(tmp_path / "journeys", {"maps/shop.yml": "title: a\ntitle: b\n"})
    failed = run(hook["entry"], tmp_path)
    assert failed.returncode == 1 and "duplicate key `title`" in failed.stdout


def test_pre_commit_schema_hook_detects_stale_schema(tmp_path):
    hook = _hooks()["cjm-schema"]
    assert run(hook["entry"], REPO).returncode == 0
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema/journey.schema.json").write_text("{}")
    stale = run(hook["entry"], tmp_path)
    assert stale.returncode == 1 and "journey.schema.json: out of date" in stale.stdout
    assert (tmp_path / "schema/journey.schema.json").read_text() == "{}"


def test_github_example_annotates_a_broken_file(tmp_path):
    workflow = yaml.safe_load((REPO / "examples/ci/github-actions.yml").read_text())
    step = next(s["run"] for s in workflow["jobs"]["check"]["steps"] if "--format github" in s.get("run", ""))
    write_data(tmp_path / "journeys", {"maps/shop.yml": "title: a\ntitle: b\n"})
    result = run(step.replace(".venv/bin/", ""), tmp_path)
    assert result.returncode == 1
    assert "::error file=journeys/maps/shop.yml,line=2,col=1,title=title::duplicate key `title`" in result.stdout


def test_gitlab_example_runs_the_same_checks():
    pipeline = yaml.safe_load((REPO / "examples/ci/gitlab-ci.yml").read_text())
    assert ".venv/bin/cjm validate journeys" in pipeline["check"]["script"]
    assert any("mkdocs build --strict" in line for line in pipeline["pages"]["script"])


def test_new_never_writes_through_a_link_or_outside_the_data_folder(tmp_path):
    write_data(tmp_path / "journeys")
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "journeys/maps").rename(tmp_path / "maps-real")
    (tmp_path / "journeys/maps").symlink_to(outside, target_is_directory=True)
    through_folder = run("cjm new journey --id x --title T --persona anna --department marketing --segment S "
                         "--scenario S --start A --end B", tmp_path)
    assert through_folder.returncode == 1 and "maps is a symbolic link; nothing was changed" in through_folder.stderr
    assert "Traceback" not in through_folder.stderr and list(outside.iterdir()) == []

    (tmp_path / "journeys/personas/bob.yml").symlink_to(tmp_path / "nowhere.yml")
    dangling = run("cjm new persona --id bob --name B --segment S --description D", tmp_path)
    assert dangling.returncode == 1 and "bob.yml is a symbolic link; nothing was changed" in dangling.stderr
    assert "Traceback" not in dangling.stderr and not (tmp_path / "nowhere.yml").exists()


def test_new_department_refuses_a_linked_or_odd_departments_file(tmp_path):
    write_data(tmp_path / "journeys")
    departments = tmp_path / "journeys/departments.yml"
    target = tmp_path / "elsewhere.yml"
    departments.rename(target)
    before = target.read_bytes()
    departments.symlink_to(target)
    linked = run("cjm new department --id recht --name R --description D", tmp_path)
    assert linked.returncode == 1 and "departments.yml is a symbolic link" in linked.stderr
    assert target.read_bytes() == before and departments.is_symlink()

    departments.unlink()
    departments.mkdir()
    folder = run("cjm new department --id recht --name R --description D", tmp_path)
    assert folder.returncode == 1 and "departments.yml is not a file; nothing was changed" in folder.stderr
    assert "Traceback" not in folder.stderr


def test_new_answers_cannot_add_lines_to_the_file(tmp_path):
    write_data(tmp_path / "journeys")
    for title in ("T\nowner: evil", "T\u2028owner: evil", "T\u202eevil", "   "):
        answered = subprocess.run([str(BIN / "cjm"), "new", "journey", "--id", "x", "--title", title, "--persona", "anna",
                                   "--department", "marketing", "--segment", "S", "--scenario", "S", "--start", "A",
                                   "--end", "B"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert answered.returncode == 2 and "Invalid value for '--title'" in answered.stderr, (title, answered.stderr)
        assert not (tmp_path / "journeys/maps/x.yml").exists()


def test_scaffolded_text_lands_as_text_whatever_it_holds(tmp_path):
    from cjm_mkdocs.cli import scaffold

    write_data(tmp_path / "journeys")
    title = "Kündigung\nowner: evil # \u2028\u0085\r: {x}"
    path = scaffold.new_journey(tmp_path / "journeys", "x", dt.date(2026, 1, 1), title=title, persona="anna",
                                department="marketing", segment="S", scenario="S", start="A", end="B")
    parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert parsed["title"] == title and "owner" not in parsed
    catalog, problems = JourneyLoader(tmp_path / "journeys", base=tmp_path).load()
    assert problems == [] and catalog.journeys["x"].title == title


def test_every_new_option_is_described_in_help(tmp_path):
    for kind in ("journey", "persona", "department", "research"):
        shown = run(f"cjm new {kind} --help", tmp_path)
        options = [line for line in shown.stdout.splitlines() if line.strip().startswith("--")]
        assert len(options) >= 4, shown.stdout
        undescribed = [line for line in options if len(line.strip().split("  ")) < 2 and "--help" not in line]
        assert undescribed == [], undescribed
