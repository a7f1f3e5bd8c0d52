"""views.lifecycle: roll-ups of the detailed journeys, their parents and the lifecycle trees, cycles included."""

from __future__ import annotations

from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.views import lifecycle
from journey_data import JOURNEY, write_data


def with_details(ids: str) -> str:
    """The journey with its purchase step (`bestellen`) naming the detailed journeys `ids`."""
    return JOURNEY.replace("        rating: delighting", f"        rating: delighting\n        details: [{ids}]", 1)


def test_a_cycle_is_followed_once_and_its_journeys_stay_below_the_lifecycle_above_them(tmp_path):
    """a and b zoom into each other (an error, yet a site without --strict is built): c's tree shows a, b below
    it, and a not again below b."""
    files = {"maps/a.yml": with_details("b"), "maps/b.yml": with_details("a"), "maps/c.yml": with_details("a")}
    catalog, problems = JourneyLoader(write_data(tmp_path, files), base=tmp_path).load()
    assert [p.message for p in problems] == ["the detailed journeys form a cycle: a → b → a"]
    [tree] = lifecycle.lifecycles(catalog)
    assert tree.journey.id == "c"
    [(_, awareness), (_, purchase)] = tree.stages
    assert [step.zooms for step in awareness] == [()]
    [a] = purchase[0].zooms
    [a_step] = a.steps
    [b] = a_step.zooms
    assert (a.detail.journey.id, b.detail.journey.id) == ("a", "b")
    assert [step.zooms for step in b.steps] == [()]  # a is above b already
    assert [(p.journey.id, p.step.id) for p in lifecycle.parents(catalog, catalog.journeys["a"])] == [
        ("b", "bestellen"), ("c", "bestellen")]


def test_a_roll_up_weighs_each_journey_the_same_whether_it_rates_in_words_or_scores(tmp_path):
    scored = JOURNEY.replace("rating: okay", "rating: 2").replace("rating: delighting", "rating: 4")
    scored = scored.replace("        rating: 4", "        rating: 4\n        moment_of_truth: true", 1)
    files = {"maps/worte.yml": JOURNEY, "maps/zahlen.yml": scored, "maps/leben.yml": with_details("worte, zahlen")}
    catalog, problems = JourneyLoader(write_data(tmp_path, files), base=tmp_path).load()
    assert problems == []
    rolled = lifecycle.roll_ups(catalog, catalog.journeys["leben"])
    assert list(rolled) == ["bestellen"]
    found = rolled["bestellen"]
    words, scores = (3 + 5) / 2, (2 + 4) / 2  # okay 3, delighting 5
    assert [(d.journey.id, d.mean) for d in found.details] == [("worte", words), ("zahlen", scores)]
    assert found.mean == round((words + scores) / 2, 1) == 3.5 and found.mood == "delighting"  # from 3.5
    assert (found.open_pain_points, found.moments_of_truth) == (2, 1)  # one open pain point each: no measure is done
    assert lifecycle.links(catalog) == 2
