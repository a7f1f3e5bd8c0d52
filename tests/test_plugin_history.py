"""A journey page's history from git, in real `mkdocs build`s of sites in real git repositories."""

from __future__ import annotations

from pathlib import Path

import yaml

from cjm_mkdocs.core.model import MOOD_SCORES
from cjm_mkdocs.render import curve
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


def curve_score(rating: str | int) -> int:
    """A rating as 1–5, as the guide defines it (words: 1, 3, 5)."""
    return rating if isinstance(rating, int) else MOOD_SCORES[rating]


def rewrite(journey: Path, change) -> None:
    """Apply `change` to the journey's YAML data and write it back."""
    data = yaml.safe_load(journey.read_text(encoding="utf-8"))
    change(data)
    journey.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_curve_shows_the_one_at_the_last_review_faintly_behind_it(tmp_path):
    site = built(project_in_git(tmp_path))
    assert site.returncode == 0, site.log
    page = site.soup("journeys/kauf/")
    svg = page.select_one("svg.cjm-curve")
    earlier, current = svg.select_one("polyline.cjm-curve-earlier"), svg.select_one("polyline.cjm-curve-line")
    # The step rerated after the review (2026-03-01) was okay (3) then, disappointing (1) now; the others kept theirs.
    first_then, first_now = earlier["points"].split()[0], current["points"].split()[0]
    assert first_then.split(",")[0] == first_now.split(",")[0]
    assert float(first_then.split(",")[1]) - float(first_now.split(",")[1]) == -2 * curve.LEVEL
    assert earlier["points"].split()[1:] == current["points"].split()[1:]
    assert "Bei der letzten Überprüfung: Sieht Angebot 3 → 1." in svg.find("desc").get_text()
    legend = page.select_one(".cjm-curve-earlier-legend")
    assert legend.get_text() == "Gestrichelt: die Kurve bei der letzten Überprüfung am 01.03.2026."
    untouched = site.soup("journeys/einkauf/")
    assert untouched.select_one(".cjm-curve-earlier") is None and untouched.select_one(".cjm-curve-earlier-legend") is None


def test_a_pain_point_is_marked_while_its_step_is_rated_no_better_since_its_measure_was_done(tmp_path):
    config = make_project(tmp_path)
    root = config.parent
    journey = root / "journeys/maps/kauf.yml"

    def done_in_february(data: dict) -> None:
        data["measures"][0].pop("status")
        data["measures"][0]["history"] = [{"status": "planned", "date": "2026-01-10"}, {"status": "done", "date": "2026-02-01"}]

    rewrite(journey, done_in_february)
    first_commit(root, day="2026-01-01T09:00:00")
    rating = yaml.safe_load(journey.read_text(encoding="utf-8"))["stages"][0]["steps"][0]["rating"]
    site = built(config)
    assert site.returncode == 0, site.log
    pain = site.soup("journeys/kauf/").find(id="pain-versand-unklar")
    then = curve_score(rating)
    assert pain.select_one(".cjm-not-improved").get_text() == (
        f"Schritt nicht besser bewertet, seit „Versandkosten im Feed“ erledigt ist (damals {then}, jetzt {then})")
    assert len(site.soup("journeys/kauf/").select(".cjm-not-improved")) == 1  # the other measure is not done

    rewrite(journey, lambda data: data["stages"][0]["steps"][0].update(rating="delighting"))
    git(root, "commit", "--quiet", "-am", "Rated better after the feed change", day="2026-04-02T09:00:00")
    better = built(config)
    assert better.returncode == 0, better.log
    assert better.soup("journeys/kauf/").find(id="pain-versand-unklar").select_one(".cjm-not-improved") is None


def test_outside_git_no_pain_point_is_marked(tmp_path):
    config = make_project(tmp_path)
    rewrite(config.parent / "journeys/maps/kauf.yml", lambda data: data["measures"][0].update(
        status="done", history=[{"status": "done", "date": "2026-02-01"}]))
    site = built(config)
    assert site.returncode == 0, site.log
    assert site.soup("journeys/kauf/").select(".cjm-not-improved") == []
