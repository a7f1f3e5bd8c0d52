"""Strict loading: every way a data folder can be broken gives a located, fixable problem."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cjm_mkdocs.core.loading import JourneyLoader
from journey_data import DEPARTMENTS, JOURNEY, PERSONA, write_data


def load(root: Path, **kwargs):
    return JourneyLoader(root, base=root, **kwargs).load()


def test_valid_folder_has_no_problems(tmp_path):
    catalog, problems = load(write_data(tmp_path))
    assert problems == []
    journey = catalog.journeys["shop"]
    assert [s.id for s in journey.steps] == ["angebot-sehen", "bestellen"]
    assert journey.steps[0].touchpoints[0].department == "marketing"  # inherited from the journey
    assert journey.steps[0].pain_points[0].department == "kundenservice"
    assert catalog.personas["anna"].demographics == {"Alter": 34}


def journey_with(old: str, new: str) -> str:
    assert old in JOURNEY
    return JOURNEY.replace(old, new, 1)


def with_details(ids: str) -> str:
    """The journey with its purchase step (line 25) naming the detailed journeys `ids` on line 26."""
    return JOURNEY.replace("        rating: delighting", f"        rating: delighting\n        details: [{ids}]", 1)


# (case, files to write, file, line, column, field, words in the message, words in the fix)
BROKEN = [
    ("duplicate key", {"maps/shop.yml": journey_with("segment: Privatkunden", "segment: A\nsegment: B")},
     "maps/shop.yml", 4, 1, "segment", "duplicate key `segment` (first at line 3)", "keep one"),
    ("billion laughs", {"personas/anna.yml": PERSONA + 'a: &a ["lol", "lol"]\nb: &b [*a, *a, *a]\nc: [*b, *b]\n'},
     "personas/anna.yml", 8, 8, "b[0]", "anchor and alias", "write the value out"),
    ("yes where text is expected", {"maps/shop.yml": journey_with("segment: Privatkunden", "segment: yes")},
     "maps/shop.yml", 3, 10, "segment", "`yes` is read as a boolean", 'quotes: "yes"'),
    ("no where text is expected", {"personas/anna.yml": PERSONA.replace("segment: Privatkunden", "segment: no")},
     "personas/anna.yml", 2, 10, "segment", "`no` is read as a boolean", 'quotes: "no"'),
    ("on where text is expected", {"maps/shop.yml": journey_with("start: Suche im Preisportal", "start: on")},
     "maps/shop.yml", 5, 8, "start", "`on` is read as a boolean", 'quotes: "on"'),
    ("12:30 as a number", {"maps/shop.yml": journey_with("end: Bewertung nach Lieferung", "end: 12:30")},
     "maps/shop.yml", 6, 6, "end", "`12:30` is read as a number", 'quotes: "12:30"'),
    ("octal 01234", {"maps/shop.yml": journey_with("scenario: Anna sucht einen Staubsauger", "scenario: 01234")},
     "maps/shop.yml", 4, 11, "scenario", "`01234` is read as a number", 'quotes: "01234"'),
    ("1.10 as 1.1", {"maps/shop.yml": journey_with("name: Bestellt", "name: 1.10")},
     "maps/shop.yml", 24, 15, "stages[1].steps[0].name", "`1.10` is read as a number", 'quotes: "1.10"'),
    ("date where text is expected", {"maps/shop.yml": journey_with("title: Kauf über Preisvergleich", "title: 2026-01-01")},
     "maps/shop.yml", 1, 8, "title", "`2026-01-01` is read as a date", 'quotes: "2026-01-01"'),
    ("invalid date", {"maps/shop.yml": journey_with("last_reviewed: 2026-03-01", "last_reviewed: 2026-13-45")},
     "maps/shop.yml", 8, 16, "last_reviewed", "`2026-13-45` is not a valid date", "YYYY-MM-DD"),
    ("octal where a number is expected", {"maps/shop.yml": journey_with("rating: okay", "rating: 03")},
     "maps/shop.yml", 14, 17, "stages[0].steps[0].rating", "`03` is not a plain number", "plain decimal"),
    ("tab indentation", {"personas/anna.yml": PERSONA.replace("  Alter: 34", "\tAlter: 34")},
     "personas/anna.yml", 5, 1, "", "indented with a tab", "spaces"),
    ("invisible line break", {"maps/shop.yml": journey_with("title: Kauf über Preisvergleich", "title: Kauf\x85über")},
     "maps/shop.yml", 1, 12, "", "contains the invisible line break U+0085", "delete the character"),
    ("empty file", {"personas/anna.yml": "# nothing yet\n"},
     "personas/anna.yml", 1, 1, "", "is empty", "fill it in"),
    ("not UTF-8", {"personas/anna.yml": "name: M\xfcller\n".encode("latin-1")},
     "personas/anna.yml", 1, 8, "", "is not UTF-8", "UTF-8"),
    ("unknown key", {"maps/shop.yml": journey_with("        rating: okay", "        rating: okay\n        feelz: gut")},
     "maps/shop.yml", 15, 9, "stages[0].steps[0].feelz", "unknown key `feelz`", "did you mean `feels`?"),
    ("wrong type", {"maps/shop.yml": journey_with("personas: [anna]", "personas: [anna]\ntags: Preis")},
     "maps/shop.yml", 3, 7, "tags", "must be a list", "- "),
    ("missing required field", {"maps/shop.yml": journey_with("segment: Privatkunden\n", "")},
     "maps/shop.yml", 1, 1, "segment", "`segment` is missing", "add `segment:"),
    ("unknown persona", {"maps/shop.yml": journey_with("personas: [anna]", "personas: [ana]")},
     "maps/shop.yml", 2, 12, "personas[0]", "no persona has the id `ana`", "did you mean `anna`?"),
    ("unknown department", {"maps/shop.yml": journey_with("department: marketing", "department: marketting")},
     "maps/shop.yml", 7, 13, "department", "no department has the id `marketting`", "did you mean `marketing`?"),
    ("unknown pain point in a measure", {"maps/shop.yml": journey_with("addresses: [versand-unklar]", "addresses: [versand-unklarr]")},
     "maps/shop.yml", 28, 17, "measures[0].addresses[0]", "no step or pain point has the id `versand-unklarr`",
     "did you mean `versand-unklar`?"),
    ("duplicate id across files", {"maps/zweite.yml": "id: shop\n" + JOURNEY},
     "maps/zweite.yml", 1, 5, "id", "the journey id `shop` is already used in maps/shop.yml", "another id"),
    ("target journey without its current one", {"maps/soll.yml": JOURNEY + "kind: target\nimproves: shp\n"},
     "maps/soll.yml", 30, 11, "improves", "no current journey has the id `shp`", "did you mean `shop`?"),
    ("next points nowhere", {"maps/shop.yml": journey_with("        rating: okay", "        rating: okay\n        next: [bestelen]")},
     "maps/shop.yml", 15, 16, "stages[0].steps[0].next[0]", "no step has the id `bestelen`", "did you mean `bestellen`?"),
    ("tag", {"maps/shop.yml": journey_with("segment: Privatkunden", "segment: !!python/name:os.system x")},
     "maps/shop.yml", 3, 10, "segment", "uses the YAML tag", "tags are not allowed"),
    ("javascript link", {"maps/shop.yml": journey_with("        rating: okay", "        rating: okay\n        evidence:\n          - document: 'javascript:alert(1)'")},
     "maps/shop.yml", 16, 23, "stages[0].steps[0].evidence[0].document", "is not an allowed link", "http(s)://"),
    ("support as yes", {"maps/shop.yml": journey_with("        rating: okay", "        rating: okay\n        supported: yes")},
     "maps/shop.yml", 15, 20, "stages[0].steps[0].supported", "must be fully, partly or not, not", "write fully, partly or not"),
    ("support unknown", {"maps/shop.yml": journey_with("        rating: okay", "        rating: okay\n        supported: maybe")},
     "maps/shop.yml", 15, 20, "stages[0].steps[0].supported", "must be fully, partly or not, not", "write fully, partly or not"),
    ("ticket over http", {"maps/shop.yml": journey_with("    addresses: [versand-unklar]", "    addresses: [versand-unklar]\n    issue: http://jira.example.com/CX-1")},
     "maps/shop.yml", 29, 12, "measures[0].issue", "is not an https:// address", "https://"),
    ("measure names an unknown KPI", {"maps/shop.yml": journey_with("    addresses: [versand-unklar]", "    addresses: [versand-unklar]\n    kpis: [nps]")},
     "maps/shop.yml", 29, 12, "measures[0].kpis[0]", "no KPI of this journey has the id `nps`", "known KPI of this journey ids"),
    ("syntax error", {"maps/shop.yml": journey_with("title: Kauf über Preisvergleich", "title: Kauf: über [Preis")},
     "maps/shop.yml", 1, 12, "", "is not valid YAML", "quotes"),
    ("detailed journey unknown", {"maps/kauf.yml": JOURNEY, "maps/shop.yml": with_details("kaug")},
     "maps/shop.yml", 26, 19, "stages[1].steps[0].details[0]", "no journey has the id `kaug`", "did you mean `kauf`?"),
    ("detailed journey is the journey itself", {"maps/shop.yml": with_details("shop")},
     "maps/shop.yml", 26, 19, "stages[1].steps[0].details[0]", "a step of `shop` names its own journey",
     "name the detailed journeys that zoom into this step"),
    ("detailed journey named twice", {"maps/kauf.yml": JOURNEY, "maps/shop.yml": with_details("kauf, kauf")},
     "maps/shop.yml", 26, 25, "stages[1].steps[0].details[1]", "the detailed journey `kauf` is named twice in this step",
     "name each detailed journey once"),
    ("detailed journeys in a cycle", {"maps/kauf.yml": with_details("shop"), "maps/shop.yml": with_details("kauf")},
     "maps/kauf.yml", 26, 19, "stages[1].steps[0].details[0]", "the detailed journeys form a cycle: kauf → shop → kauf",
     "remove one of these links"),
]


@pytest.mark.parametrize("files,file,line,column,field,message,hint",
                         [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_broken_input_is_located_and_explained(tmp_path, files, file, line, column, field, message, hint):
    _, problems = load(write_data(tmp_path, files))
    matching = [p for p in problems if message in p.message]
    assert matching, f"no problem says {message!r}; got: {[str(p) for p in problems]}"
    problem = matching[0]
    assert (problem.file, problem.line, problem.column, problem.field) == (file, line, column, field)
    assert hint in problem.hint
    assert problem.severity == "error"


def test_oversized_file_is_refused_without_parsing(tmp_path):
    root = write_data(tmp_path, {"personas/anna.yml": PERSONA + "# " + "x" * 5000 + "\n"})
    _, problems = load(root, max_bytes=4096)
    size = (root / "personas/anna.yml").stat().st_size
    assert [p.message for p in problems if p.file == "personas/anna.yml"] == [
        f"is {size:,} bytes, more than the limit of 4,096"]


@pytest.mark.parametrize("written", ["fully", "partly", "not", '"not"'])
def test_support_is_fully_partly_or_not(tmp_path, written):
    files = {"maps/shop.yml": journey_with("        rating: okay", f"        rating: okay\n        supported: {written}")}
    catalog, problems = load(write_data(tmp_path, files))
    assert problems == []
    assert [step.supported for step in catalog.journeys["shop"].steps] == [written.strip('"'), None]
    assert catalog.journeys["shop"].rates_support


def test_a_kpi_with_history_takes_its_latest_value_as_current_and_refuses_another(tmp_path):
    kpis = ("kpis:\n  - name: NPS\n    definition: d\n    source: s\n    target: 40\n    current: 12\n    history:\n"
            "      - {date: 2026-06-30, value: 14}\n      - {date: 2026-03-31, value: 10}\n")
    _, problems = load(write_data(tmp_path, {"maps/shop.yml": JOURNEY + kpis}))
    [problem] = problems
    assert (problem.file, problem.line, problem.field) == ("maps/shop.yml", 30, "kpis[0]")  # the KPI's first line
    assert "a latest measured value of 14 (2026-06-30)" in problem.message and "leave out `current`" in problem.hint
    catalog, problems = load(write_data(tmp_path, {"maps/shop.yml": JOURNEY + kpis.replace("    current: 12\n", "")}))
    assert problems == [] and catalog.journeys["shop"].kpis[0].current == 14


def test_a_measure_with_history_takes_its_latest_change_as_status_and_refuses_another(tmp_path):
    history = "    history:\n      - {status: done, date: 2026-07-15}\n      - {status: planned, date: 2026-04-15}\n"
    changed = journey_with("    addresses: [versand-unklar]\n", "    addresses: [versand-unklar]\n    status: planned\n" + history)
    _, problems = load(write_data(tmp_path, {"maps/shop.yml": changed}))
    [problem] = problems
    assert (problem.file, problem.line, problem.field) == ("maps/shop.yml", 27, "measures[0]")
    assert "a latest change to done (2026-07-15)" in problem.message and "leave out `status`" in problem.hint
    catalog, problems = load(write_data(tmp_path, {"maps/shop.yml": changed.replace("    status: planned\n", "")}))
    assert problems == [] and catalog.journeys["shop"].measures[0].status == "done"


def test_all_problems_of_a_run_are_reported_together(tmp_path):
    files = {"personas/anna.yml": PERSONA.replace("segment: Privatkunden", "segment: no"),
             "maps/shop.yml": journey_with("end: Bewertung nach Lieferung", "end: 12:30"),
             "maps/zwei.yml": "title: a\ntitle: b\n"}
    _, problems = load(write_data(tmp_path, files))
    assert {p.file for p in problems} == {"personas/anna.yml", "maps/shop.yml", "maps/zwei.yml"}


def test_a_file_with_errors_is_reported_once_not_again_where_it_is_named(tmp_path):
    """A target journey naming a current journey with a bad rating, journeys naming a broken persona, and both naming
    departments of a broken departments.yml: each cause once, in its own file."""
    target = JOURNEY.replace("title: Kauf über Preisvergleich", "title: Soll\nkind: target\nimproves: shop", 1)
    files = {"personas/anna.yml": PERSONA.replace("segment: Privatkunden", "segment: [Privatkunden]"),
             "departments.yml": DEPARTMENTS.replace("name: Marketing", "name: [Marketing]"),
             "maps/shop.yml": journey_with("rating: okay", "rating: 9"), "maps/soll.yml": target}
    catalog, problems = load(write_data(tmp_path, files))
    assert not catalog.journeys.keys() & {"shop"} and not catalog.personas and not catalog.departments
    assert sorted((p.file, p.field) for p in problems) == [
        ("departments.yml", "departments[0].name"), ("maps/shop.yml", "stages[0].steps[0].rating"),
        ("personas/anna.yml", "segment")]


def test_a_reference_to_a_missing_file_is_still_an_error(tmp_path):
    files = {"maps/soll.yml": JOURNEY.replace("title: Kauf über Preisvergleich", "title: Soll\nkind: target\nimproves: sh0p", 1)}
    _, problems = load(write_data(tmp_path, files))
    assert [(p.file, p.message) for p in problems] == [("maps/soll.yml", "no current journey has the id `sh0p`")]


def test_loading_never_modifies_files(tmp_path):
    root = write_data(tmp_path, {"maps/bad.yml": "title: a\ntitle: b\n"})

    def digest() -> dict[str, str]:
        return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() + str(p.stat().st_mtime_ns)
                for p in sorted(root.rglob("*")) if p.is_file()}

    before = digest()
    load(root)
    assert digest() == before


def test_unchanged_files_are_not_parsed_again(tmp_path):
    root = write_data(tmp_path)
    loader = JourneyLoader(root, base=root)
    loader.load()
    assert loader.parsed_files == 3
    loader.load()
    assert loader.parsed_files == 0
    (root / "maps/shop.yml").write_text(journey_with("title: Kauf über Preisvergleich", "title: Neu"), encoding="utf-8")
    catalog, problems = loader.load()
    assert loader.parsed_files == 1
    assert catalog.journeys["shop"].title == "Neu" and problems == []


def test_quoted_text_is_kept_exactly(tmp_path):
    root = write_data(tmp_path, {"maps/shop.yml": journey_with("segment: Privatkunden", "segment: 'no'")
                                 .replace("end: Bewertung nach Lieferung", 'end: "12:30"')})
    catalog, problems = load(root)
    assert problems == []
    assert (catalog.journeys["shop"].segment, catalog.journeys["shop"].end) == ("no", "12:30")


def test_custom_stage_needs_a_name_and_mixed_ratings_are_refused(tmp_path):
    journey = journey_with("  - id: purchase", "  - id: eigene-phase").replace("rating: delighting", "rating: 4")
    _, problems = load(write_data(tmp_path, {"maps/shop.yml": journey}))
    messages = {p.message for p in problems}
    assert "the stage `eigene-phase` is not one of the default stages and has no name" in messages
    assert "mixes scores and words in one journey" in messages


def test_a_longer_cycle_is_reported_once_as_its_chain_and_shared_detailed_journeys_are_fine(tmp_path):
    """a → b → c → a is one problem, at a's link; d and a both zooming into b (a journey with two parents) is none."""
    files = {"maps/a.yml": with_details("b"), "maps/b.yml": with_details("c"), "maps/c.yml": with_details("a"),
             "maps/d.yml": with_details("b, shop")}
    catalog, problems = load(write_data(tmp_path, files))
    assert [(p.file, p.line, p.field, p.message) for p in problems] == [
        ("maps/a.yml", 26, "stages[1].steps[0].details[0]", "the detailed journeys form a cycle: a → b → c → a")]
    files["maps/c.yml"] = JOURNEY
    catalog, problems = load(write_data(tmp_path, files))
    assert problems == [] and catalog.journeys["d"].steps[1].details == ["b", "shop"]


def test_a_detailed_journey_in_a_file_with_errors_is_no_second_problem(tmp_path):
    files = {"maps/kauf.yml": journey_with("rating: okay", "rating: 9"), "maps/shop.yml": with_details("kauf")}
    _, problems = load(write_data(tmp_path, files))
    assert [(p.file, p.field) for p in problems] == [("maps/kauf.yml", "stages[0].steps[0].rating")]
