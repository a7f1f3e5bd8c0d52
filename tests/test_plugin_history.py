"""A journey page's history from git, in real `mkdocs build`s of sites in real git repositories."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import BuiltSite, make_project, run_mkdocs
from git_repo import first_commit, git


def built(config: Path) -> BuiltSite:
    result = run_mkdocs(config)
    return BuiltSite(config.parent, result.returncode, result.stdout + result.stderr)


def project_in_git(tmp_path: Path, **options: object) -> Path:
    """The test sample as a git repository: a first commit, then one that rerates a step of `kauf`."""
    config = make_project(tmp_path, plugin=options or None)
    root = config.parent
    first_commit(root, day="2026-01-01T09:00:00")
    journey = root / "journeys/maps/kauf.yml"
    data = yaml.safe_load(journey.read_text(encoding="utf-8"))
    data["stages"][0]["steps"][0]["rating"] = "disappointing"
    journey.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "<img src=x onerror=alert(1)> after the workshop", day="2026-05-20T09:00:00",
        author="Aylin & Co")
    return config


def test_a_journey_page_lists_its_commits_with_their_changes_in_domain_words(tmp_path):
    site = built(project_in_git(tmp_path))
    assert site.returncode == 0, site.log
    history = site.soup("journeys/kauf/").find(id="cjm-history")
    entries = history.select("ol.cjm-history > li")
    assert len(entries) == 2
    newest, first = entries
    assert newest.find("q").get_text() == "<img src=x onerror=alert(1)> after the workshop"
    assert newest.find("img") is None and "· Aylin & Co ·" in newest.get_text()
    assert newest.find("time")["datetime"] == "2026-05-20"
    assert [li.get_text() for li in newest.select("ul li")] == ["Schritt „Sieht Angebot“ neu bewertet: okay → enttäuschend"]
    assert "cjm-history__since-review" in newest["class"] and "cjm-history__since-review" not in first.get("class", [])
    assert [li.get_text() for li in first.select("ul li")] == ["Journey neu angelegt"]
    badge = site.soup("journeys/kauf/").select_one("a.cjm-changed")
    assert badge.get_text() == "1 Änderung seit dem letzten Review" and badge["href"] == "#cjm-history"
    other = site.soup("journeys/einkauf/").find(id="cjm-history")
    assert [li.get_text() for li in other.select("ol.cjm-history > li ul li")] == ["Journey neu angelegt"]


def test_without_git_the_section_says_so_and_the_option_turns_it_off(tmp_path):
    outside = built(make_project(tmp_path / "outside"))
    assert outside.returncode == 0, outside.log
    note = outside.soup("journeys/kauf/").find(id="cjm-history")
    assert note.get_text(strip=True) == "Kein Verlauf: Die Journey-Daten liegen in keinem Git-Repository."
    off = built(project_in_git(tmp_path / "off", history=False))
    assert off.returncode == 0, off.log
    assert off.soup("journeys/kauf/").find(id="cjm-history") is None
    assert off.soup("journeys/kauf/").select_one("a.cjm-changed") is None
