"""views.history: what changed between two versions of a journey, and each journey's revisions in git."""

from __future__ import annotations

import datetime as dt
import subprocess

import yaml

from cjm_mkdocs.core.model import Journey
from cjm_mkdocs.core.versions import data_history
from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.views.history import Change, journey_changes
from cjm_mkdocs.views import timeline
from cjm_mkdocs.views.timeline import HISTORY_DEPTH, journey_histories
from git_repo import first_commit, git
from journey_data import JOURNEY, write_data


def journey(**changes: object) -> Journey:
    data = yaml.safe_load(JOURNEY)
    data.update(changes)
    return Journey.model_validate({"id": "shop", **data})


def kinds(before: Journey | None, after: Journey | None) -> list[tuple[str, str, str, str]]:
    return [(c.kind, c.subject, c.before, c.after) for c in journey_changes(before, after)]


def test_a_step_without_id_renamed_in_its_place_is_renamed_not_removed_and_added():
    before = journey()
    data = yaml.safe_load(JOURNEY)
    data["stages"][1]["steps"][0] = {"name": "Bezahlt", "rating": "delighting"}        # id from its name
    data["stages"][1]["steps"].append({"name": "Wartet", "rating": "okay"})
    middle = journey(stages=data["stages"])
    data["stages"][1]["steps"][0]["name"] = "Bezahlt per Rechnung"
    after = journey(stages=data["stages"])
    assert kinds(middle, after) == [("step_renamed", "Bezahlt per Rechnung", "Bezahlt", "Bezahlt per Rechnung")]
    assert kinds(before, middle) == [("step_added", "Wartet", "", ""), ("step_renamed", "Bezahlt", "Bestellt", "Bezahlt")]


def test_steps_out_of_their_order_are_moved_and_the_rest_stay():
    data = yaml.safe_load(JOURNEY)
    steps = [{"id": f"s{n}", "name": f"Schritt {n}", "rating": "okay"} for n in range(1, 5)]
    data["stages"][0]["steps"] = steps
    before = journey(stages=data["stages"])
    data["stages"][0]["steps"] = [steps[0], steps[2], steps[3], steps[1]]
    after = journey(stages=data["stages"])
    assert kinds(before, after) == [("step_moved", "Schritt 2", "awareness", "awareness")]


def test_journey_fields_pain_points_measures_and_kpis_changed():
    kpi = {"name": "NPS", "definition": "d", "source": "s", "target": 40, "history": [{"date": "2026-01-31", "value": 20}]}
    before = journey(kpis=[kpi])
    data = yaml.safe_load(JOURNEY)
    data["stages"][0]["steps"][0]["pain_points"][0]["severity"] = "critical"
    data["measures"].append({"title": "Hotline", "status": "planned"})
    kpi_after = {**kpi, "target": 50, "history": [*kpi["history"], {"date": "2026-02-28", "value": 25}]}
    after = journey(title="Neuer Titel", department="kundenservice", status="published", last_reviewed="2026-05-01",
                    stages=data["stages"], measures=data["measures"], kpis=[kpi_after])
    assert kinds(before, after) == [
        ("title_changed", "Neuer Titel", "Kauf über Preisvergleich", "Neuer Titel"),
        ("owner_changed", "Neuer Titel", "marketing", "kundenservice"),
        ("status_changed", "Neuer Titel", "draft", "published"),
        ("reviewed", "Neuer Titel", "2026-03-01", "2026-05-01"),
        ("pain_severity", "Versandkosten nicht sichtbar", "medium", "critical"),
        ("measure_added", "Hotline", "", "planned"),
        ("kpi_measured", "NPS", "2026-02-28", "25"),
        ("kpi_target", "NPS", "40", "50"),
    ]
    assert kinds(None, after) == [("journey_added", "Neuer Titel", "", "")]
    assert kinds(before, None) == [("journey_removed", "Kauf über Preisvergleich", "", "")]
    assert kinds(before, journey(kpis=[kpi])) == []


def rated(rating: str) -> str:
    return JOURNEY.replace("rating: okay", f"rating: {rating}")


def test_each_journey_gets_its_latest_revisions_across_a_rename(tmp_path):
    repo = tmp_path / "repo"
    data = write_data(repo / "journeys")
    first_commit(repo)
    for number, rating in enumerate(["disappointing", "delighting"] * 7, 1):
        (data / "maps/shop.yml").write_text(rated(rating), encoding="utf-8")
        git(repo, "commit", "--quiet", "-am", f"Rating {number}", day=f"2026-02-{number:02d}T10:00:00")
    git(repo, "mv", "journeys/maps/shop.yml", "journeys/maps/kauf.yml")
    (data / "maps/kauf.yml").write_text("id: shop\n" + rated("delighting").replace("Bestellt", "Bestellt online"),
                                        encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "Renamed <b>file</b>", day="2026-03-02T10:00:00")
    catalog, problems = JourneyLoader(data, base=repo).load()
    assert problems == []
    found = journey_histories(data_history(data), catalog)["shop"]
    assert len(found.revisions) == HISTORY_DEPTH and found.more
    newest = found.revisions[0]
    assert (newest.subject, newest.author, newest.day.isoformat()) == ("Renamed <b>file</b>", "Editor", "2026-03-02")
    assert [c.kind for c in newest.changes] == ["step_renamed"]
    assert [(c.kind, c.before, c.after) for c in found.revisions[1].changes] == [
        ("step_rerated", "disappointing", "delighting")]
    assert [r.subject for r in found.revisions[1:]] == [f"Rating {n}" for n in range(14, 3, -1)]
    assert [r.subject for r in found.since(catalog.journeys["shop"].last_reviewed)] == ["Renamed <b>file</b>"]


def test_a_shallow_clone_and_a_folder_outside_git_say_how_much_history_there_is(tmp_path):
    repo = tmp_path / "repo"
    data = write_data(repo / "journeys")
    first_commit(repo)
    for rating in ("disappointing", "delighting"):
        (data / "maps/shop.yml").write_text(rated(rating), encoding="utf-8")
        git(repo, "commit", "--quiet", "-am", f"To {rating}")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "2", f"file://{repo}", str(clone)], check=True)
    shallow = data_history(clone / "journeys")
    assert shallow.state == "shallow"
    assert [commit.subject for commit in shallow.commits] == ["To delighting"], "the boundary commit's diff is unknown"
    assert data_history(repo / "journeys").state == "complete"
    outside = write_data(tmp_path / "plain" / "journeys")
    assert (data_history(outside).state, data_history(outside).commits) == ("none", [])


def test_revisions_worked_out_in_parallel_or_read_from_the_cache_are_the_same(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    data = write_data(repo / "journeys")
    first_commit(repo)
    for number, rating in enumerate(["disappointing", "delighting", "okay", "delighting"], 1):
        (data / "maps/shop.yml").write_text(rated(rating), encoding="utf-8")
        git(repo, "commit", "--quiet", "-am", f"Rating {number}", day=f"2026-02-{number:02d}T10:00:00")
    catalog, _ = JourneyLoader(data, base=repo).load()
    alone = journey_histories(data_history(data), catalog)
    monkeypatch.setattr(timeline, "PARALLEL_FROM", 1)
    pools = []

    class Pool(timeline.ProcessPoolExecutor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            pools.append(self)
            super().__init__(*args, **kwargs)
    monkeypatch.setattr(timeline, "ProcessPoolExecutor", Pool)
    cache = timeline.ChangeCache(tmp_path / ".cache/changes.json")
    background = journey_histories(data_history(data), catalog, cache)
    assert len(pools) == 1, "worked out by a worker process"
    assert background == alone
    cache.save()
    assert not list((tmp_path / ".cache").glob(".*.part")), "written whole, through a temporary file"

    def not_again(*args: object) -> None:
        raise AssertionError("worked out again")
    monkeypatch.setattr(timeline, "diff_versions", not_again)
    assert journey_histories(data_history(data), catalog, timeline.ChangeCache(cache.file)) == alone
    cache.file.write_text('{"format": "0", "pairs": {}}', encoding="utf-8")
    monkeypatch.undo()
    assert journey_histories(data_history(data), catalog, timeline.ChangeCache(cache.file)) == alone


def revision(day: str, *changes: Change, readable: bool = True) -> timeline.Revision:
    return timeline.Revision(day, "Editor", dt.datetime.fromisoformat(f"{day}T10:00:00"), "edit", changes, readable)


RERATE = Change("step_rerated", "Sieht Angebot", "disappointing", "okay", "awareness", "angebot-sehen")
ADD = Change("step_added", "Bestellt", where="purchase", item="bestellen")


def test_the_scores_on_a_day_are_worked_back_through_the_revisions_since():
    now = journey()
    history = timeline.JourneyHistory((revision("2026-05-01", RERATE), revision("2026-04-01", ADD),
                                       revision("2026-01-01", Change("journey_added", "Shop"))))
    assert timeline.scores_on(history, now, dt.date(2026, 6, 1)) == {"angebot-sehen": 3, "bestellen": 5}
    assert timeline.scores_on(history, now, dt.date(2026, 4, 15)) == {"angebot-sehen": 1, "bestellen": 5}
    assert timeline.scores_on(history, now, dt.date(2026, 3, 1)) == {"angebot-sehen": 1}
    assert timeline.scores_on(history, now, dt.date(2025, 12, 1)) == {}


def test_scores_are_unknown_when_a_revision_is_unreadable_or_the_listed_ones_may_not_reach_back():
    now = journey()
    unreadable = timeline.JourneyHistory((revision("2026-05-01", readable=False), revision("2026-01-01")))
    assert timeline.scores_on(unreadable, now, dt.date(2026, 3, 1)) is None
    cut = timeline.JourneyHistory((revision("2026-05-01", RERATE),), more=True)
    assert timeline.scores_on(cut, now, dt.date(2026, 3, 1)) is None
    assert timeline.scores_on(cut, now, dt.date(2026, 5, 2)) == {"angebot-sehen": 3, "bestellen": 5}


def test_a_pain_point_is_unimproved_only_while_its_step_is_rated_no_better_than_when_its_measure_was_done():
    measure = {"title": "Versandkosten im Feed", "addresses": ["versand-unklar"],
               "history": [{"status": "done", "date": "2026-04-15"}]}
    now = journey(measures=[measure])
    step, pain = next((s, p) for s, p in now.pain_points if p.id == "versand-unklar")
    better = timeline.JourneyHistory((revision("2026-05-01", RERATE), revision("2026-01-01")))
    assert timeline.unimproved(better, now, step, pain) is None
    same = timeline.JourneyHistory((revision("2026-03-01", RERATE), revision("2026-01-01")))
    found = timeline.unimproved(same, now, step, pain)
    assert (found.measure.id, found.before, found.now) == ("versandkosten-im-feed", 3, 3)
    assert timeline.unimproved(same, journey(), step, pain) is None  # its measure is not done
