"""`cjm diff`: the changes between two revisions of the journeys, in domain words, run on real git repositories."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from cjm_mkdocs.core.revisions import Repository
from cjm_mkdocs.core.versions import JourneyVersions
from cjm_mkdocs.views import timeline
from git_repo import first_commit, git
from journey_data import JOURNEY, write_data

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[1]


def cjm(repo: Path, command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(shlex.split(command), cwd=repo, env=env, capture_output=True, text=True, timeout=120)


def repository(tmp_path: Path) -> Path:
    """A git repository whose first commit holds the small valid data folder."""
    repo = tmp_path / "repo"
    write_data(repo / "journeys")
    first_commit(repo)
    return repo


def edited_journey() -> str:
    """The journey after an editor's pull request: each kind of change once."""
    journey = yaml.safe_load(JOURNEY)
    awareness, purchase = journey["stages"]
    awareness["steps"][0]["rating"] = "disappointing"                       # rerated
    awareness["steps"][0]["pain_points"] = [{"text": "Lieferzeit fehlt", "severity": "critical"}]  # one new, one gone
    purchase["steps"].insert(0, {"name": "Vergleicht <b>Preise</b>", "rating": 2})  # added (hostile name)
    purchase["steps"][1]["name"] = "Bestellt online"                       # renamed: its id stays `bestellen`
    journey["stages"].append({"id": "post-purchase", "steps": [purchase["steps"].pop(1)]})  # moved
    journey["measures"][0]["history"] = [{"status": "planned", "date": "2026-04-01"},
                                         {"status": "done", "date": "2026-05-01"}]
    journey["kpis"] = [{"name": "Konversion", "definition": "Käufe je Besuch", "source": "Shop", "target": 5,
                        "history": [{"date": "2026-05-31", "value": 4.2}]}]
    return yaml.safe_dump(journey, allow_unicode=True, sort_keys=False)


def test_diff_tells_each_change_of_a_commit_in_domain_words(tmp_path):
    repo = repository(tmp_path)
    (repo / "journeys/maps/shop.yml").write_text(edited_journey(), encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "Shop journey after the workshop")
    done = cjm(repo, "cjm diff HEAD~1 HEAD --format json --language en")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)["journeys"]
    assert [(j["journey"], j["readable"]) for j in found] == [("shop", True)]
    changes = {(c["kind"], c["subject"], c["before"], c["after"]) for c in found[0]["changes"]}
    assert changes == {
        ("step_rerated", "Sieht Angebot", "okay", "disappointing"),
        ("step_added", "Vergleicht <b>Preise</b>", "", ""),
        ("step_renamed", "Bestellt online", "Bestellt", "Bestellt online"),
        ("step_moved", "Bestellt online", "purchase", "post-purchase"),
        ("stage_added", "post-purchase", "", ""),
        ("pain_added", "Lieferzeit fehlt", "", ""),
        ("pain_resolved", "Versandkosten nicht sichtbar", "", ""),
        ("measure_status", "Versandkosten im Feed", "idea", "done"),
        ("kpi_added", "Konversion", "", ""),
    }, changes


def test_diff_in_markdown_for_a_pull_request_comment_keeps_editor_text_as_text(tmp_path):
    repo = repository(tmp_path)
    (repo / "journeys/maps/shop.yml").write_text(edited_journey().replace("Kauf über Preisvergleich", "Kauf <script>x"),
                                                 encoding="utf-8")
    done = cjm(repo, "cjm diff HEAD --format markdown --language de")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("### Inhaltliche Änderungen an den Journeys\n")
    assert "`HEAD` → `Arbeitsstand`" in done.stdout
    assert "<script>" not in done.stdout and "<b>" not in done.stdout
    assert "- Schritt „Sieht Angebot“ neu bewertet: okay → enttäuschend" in done.stdout
    assert "- Maßnahme „Versandkosten im Feed“: Idee → erledigt" in done.stdout


def test_a_renamed_file_is_the_same_journey_and_an_unreadable_version_is_named_not_compared(tmp_path):
    repo = repository(tmp_path)
    journey = (repo / "journeys/maps/shop.yml").read_text(encoding="utf-8")
    git(repo, "mv", "journeys/maps/shop.yml", "journeys/maps/kauf.yml")
    (repo / "journeys/maps/kauf.yml").write_text("id: shop\n" + journey.replace("rating: delighting", "rating: 4"),
                                                 encoding="utf-8")
    (repo / "journeys/maps/kaputt.yml").write_text("title: [unclosed\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "Rename")
    found = json.loads(cjm(repo, "cjm diff HEAD~1 --format json --language en").stdout)["journeys"]
    assert [(j["journey"], j["readable"], [c["kind"] for c in j["changes"]]) for j in found] == [
        ("kaputt", False, []), ("shop", True, ["step_rerated"])]
    text = cjm(repo, "cjm diff HEAD~1 --language en").stdout
    assert "file with errors in one of the two versions: not compared" in text


def test_diff_without_history_says_why_and_stops_cleanly(tmp_path):
    write_data(tmp_path / "plain" / "journeys")
    outside = cjm(tmp_path / "plain", "cjm diff HEAD --language en")
    assert outside.returncode == 1 and "no git history to compare" in outside.stderr
    repo = repository(tmp_path)
    unknown = cjm(repo, "cjm diff no-such-branch --language en")
    assert unknown.returncode == 1 and "no git history to compare" in unknown.stderr
    assert "Traceback" not in outside.stderr + unknown.stderr


def test_the_github_example_compares_with_the_base_branch(tmp_path):
    workflow = yaml.safe_load((REPO / "examples/ci/github-actions.yml").read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["check"]["steps"] if "cjm diff" in s.get("run", ""))
    repo = repository(tmp_path)
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "--quiet", "-b", "workshop")
    (repo / "journeys/maps/shop.yml").write_text(edited_journey(), encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "Workshop")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "BASE": "main"}
    subprocess.run(["bash", "-c", step["run"].replace(".venv/bin/", "")], cwd=repo, env=env, check=True, timeout=120)
    comment = (repo / "journey-changes.md").read_text(encoding="utf-8")
    assert "`origin/main` → `HEAD`" in comment and "Versandkosten im Feed" in comment


def test_many_journeys_are_compared_in_parallel_processes_with_the_same_result(tmp_path, monkeypatch):
    """From PARALLEL_FROM pairs on, worker processes compare them; lowered here, the result is the same as in one
    process: each changed journey once, a renamed file matched by its id, a broken one named, not compared."""
    repo = repository(tmp_path)
    maps = repo / "journeys/maps"
    for name in ("a", "b", "c"):
        (maps / f"{name}.yml").write_text(JOURNEY, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "Three more")
    for name in ("a", "b"):
        (maps / f"{name}.yml").write_text(edited_journey(), encoding="utf-8")
    git(repo, "mv", "journeys/maps/c.yml", "journeys/maps/c-neu.yml")
    (maps / "c-neu.yml").write_text("id: c\n" + JOURNEY.replace("rating: okay", "rating: disappointing"), encoding="utf-8")
    (maps / "shop.yml").write_text("title: [unclosed\n", encoding="utf-8")
    repository_ = Repository.of(repo / "journeys")
    versions = JourneyVersions(repository_, repo / "journeys")
    before, after = versions.files(repository_.resolve("HEAD")), versions.files(None)
    pairs = timeline.changed_files(before, after)
    alone = timeline.compare(repository_.root, pairs, versions.disk)
    pools = []

    class Watched(timeline.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(timeline, "PARALLEL_FROM", 1)
    monkeypatch.setattr(timeline, "ProcessPoolExecutor", Watched)
    spread = timeline.compare(repository_.root, pairs, versions.disk)
    assert pools, "the comparison ran in worker processes"
    assert spread == alone
    assert [(d.journey, d.readable, len(d.changes) > 1) for d in alone] == [
        ("a", True, True), ("b", True, True), ("c", True, False), ("shop", False, False)]
    assert [change.kind for change in alone[2].changes] == ["step_rerated"]
