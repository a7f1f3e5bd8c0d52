"""Research sources: loaded like personas, cited by id, their files read safely; every mistake located."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.views import research
from journey_data import JOURNEY, write_data

SOURCE = """\
title: Umfrage zum Versand
method: survey
date: 2026-05-01
sample_size: 420
owner: marketing
summary: Versandkosten stören am meisten.
"""
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 40


def cited(pain: str = "[umfrage]", step: str = "", evidence: str = "") -> str:
    """:data:`JOURNEY` whose pain point cites `pain`, its first step `step` and with `evidence` on that step."""
    text = JOURNEY.replace("            department: kundenservice\n",
                           f"            department: kundenservice\n            sources: {pain}\n", 1)
    text = text.replace("        rating: okay\n", f"        rating: okay\n{step}{evidence}", 1)
    return text


def load(root: Path, **options):
    return JourneyLoader(root, base=root, **options).load()


def test_a_source_is_loaded_with_its_id_from_the_file_name_and_its_prose(tmp_path):
    catalog, problems = load(write_data(tmp_path, {"maps/shop.yml": cited(), "research/umfrage.yml": SOURCE,
                                                   "research/umfrage.md": "Online, im Mai.\n"}))
    assert problems == []
    source = catalog.research["umfrage"]
    assert (source.method, source.sample_size, source.owner, source.body) == ("survey", 420, "marketing", "Online, im Mai.\n")
    assert catalog.source_file("research", "umfrage") == "research/umfrage.yml"


def test_without_a_research_folder_every_statement_is_assumed_and_nothing_is_wrong(tmp_path):
    catalog, problems = load(write_data(tmp_path))
    assert problems == [] and catalog.research == {} and catalog.media == {}
    journey = catalog.journeys["shop"]
    statements = research.statements(journey)
    assert [(s.kind, s.validated) for s in statements] == [("rating", False), ("pain_point", False), ("rating", False)]
    assert research.assumed(journey) == statements


def test_confidence_follows_the_citations(tmp_path):
    step = "        sources: [umfrage, umfrage]\n"
    catalog, _ = load(write_data(tmp_path, {"maps/shop.yml": cited(step=step), "research/umfrage.yml": SOURCE}))
    journey = catalog.journeys["shop"]
    assert [(s.kind, s.sources) for s in research.statements(journey)] == [
        ("rating", ("umfrage",)), ("pain_point", ("umfrage",)), ("rating", ())]
    assert research.confidence(research.statements(journey)) == research.Confidence(3, 2)
    assert [s.anchor for s in research.citations(catalog)["umfrage"]] == ["step-angebot-sehen", "pain-versand-unklar"]


# (case, files, file, line, column, field, words in the message, words in the fix)
BROKEN = [
    ("unknown source", {"maps/shop.yml": cited("[umfrag]"), "research/umfrage.yml": SOURCE},
     "maps/shop.yml", 21, 23, "stages[0].steps[0].pain_points[0].sources[0]", "no research source has the id `umfrag`",
     "did you mean `umfrage`?"),
    ("unknown owner", {"research/umfrage.yml": SOURCE.replace("owner: marketing", "owner: marketnig")},
     "research/umfrage.yml", 5, 8, "owner", "no department has the id `marketnig`", "did you mean `marketing`?"),
    ("unknown method", {"research/umfrage.yml": SOURCE.replace("method: survey", "method: umfrage")},
     "research/umfrage.yml", 2, 9, "method", "umfrage", "survey"),
    ("file outside the folder", {"research/umfrage.yml": SOURCE + "file: berichte/x.pdf\n"},
     "research/umfrage.yml", 7, 7, "file", "must be in the research folder", "research/<name>"),
    ("missing file", {"research/umfrage.yml": SOURCE + "file: research/x.pdf\n"},
     "research/umfrage.yml", 7, 7, "file", "`research/x.pdf` is missing", "put the file"),
    ("unknown media kind", {"research/umfrage.yml": SOURCE + "file: research/x.exe\n", "research/x.exe": b"MZ"},
     "research/umfrage.yml", 7, 7, "file", "no media file the site serves", ".png"),
    ("path with ..", {"research/umfrage.yml": SOURCE + "file: research/../departments.yml\n"},
     "research/umfrage.yml", 7, 7, "file", "no plain file name", "letters, digits"),
    ("audio without transcript", {"maps/shop.yml": cited(evidence="        evidence:\n          - audio: research/a.wav\n"
                                                                 "            caption: Anruf\n")},
     "maps/shop.yml", 16, 13, "stages[0].steps[0].evidence[0]", "a recording without `transcript`", "transcript:"),
    ("local image without caption", {"maps/shop.yml": cited(evidence="        evidence:\n          - image: research/b.png\n"),
                                     "research/b.png": PNG},
     "maps/shop.yml", 16, 13, "stages[0].steps[0].evidence[0]", "a research file without `caption`", "caption:"),
    ("image of the wrong kind", {"maps/shop.yml": cited(evidence="        evidence:\n          - image: research/a.wav\n"
                                                                "            caption: Anruf\n"),
                                 "research/a.wav": b"RIFF"},
     "maps/shop.yml", 16, 20, "stages[0].steps[0].evidence[0].image", "`research/a.wav` is no image file", ".png"),
]


@pytest.mark.parametrize("case, files, file, line, column, field, message, hint", BROKEN, ids=[c[0] for c in BROKEN])
def test_each_mistake_is_located_and_says_how_to_fix_it(tmp_path, case, files, file, line, column, field, message, hint):
    files = {"maps/shop.yml": cited(), "research/umfrage.yml": SOURCE, **files}
    _, problems = load(write_data(tmp_path, files))
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert (problem.file, problem.line, problem.column, problem.field) == (file, line, column, field)
    assert message in problem.message and hint in problem.hint


def test_all_problems_of_a_run_come_together(tmp_path):
    files = {"maps/shop.yml": cited("[nichts]"), "research/umfrage.yml": SOURCE.replace("owner: marketing", "owner: x"),
             "research/leer.yml": "title: Leer\n"}
    _, problems = load(write_data(tmp_path, files))
    assert sorted((p.file, p.field) for p in problems) == [
        ("maps/shop.yml", "stages[0].steps[0].pain_points[0].sources[0]"), ("research/leer.yml", "date"),
        ("research/leer.yml", "method"), ("research/leer.yml", "summary"), ("research/umfrage.yml", "owner")]


def test_only_named_files_are_read_and_served_under_their_path(tmp_path):
    evidence = ("        evidence:\n          - audio: research/media/anruf.wav\n            caption: Anruf\n"
                "            transcript: Bitte warten.\n")
    root = write_data(tmp_path, {"maps/shop.yml": cited(evidence=evidence), "research/umfrage.yml": SOURCE,
                                 "research/media/anruf.wav": b"RIFF1234", "research/media/geheim.png": PNG})
    catalog, problems = load(root)
    assert problems == [] and catalog.media == {"media/anruf.wav": b"RIFF1234"}


def test_a_file_through_a_symbolic_link_is_refused(tmp_path):
    evidence = "        evidence:\n          - image: research/media/bild.png\n            caption: Bild\n"
    root = write_data(tmp_path / "data", {"maps/shop.yml": cited(evidence=evidence), "research/umfrage.yml": SOURCE})
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "bild.png").write_bytes(PNG)
    os.symlink(tmp_path / "outside", root / "research" / "media")
    catalog, problems = load(root)
    assert [(p.field, p.message) for p in problems] == [
        ("stages[0].steps[0].evidence[0].image", "`research/media/bild.png` goes through a symbolic link")]
    assert catalog.media == {}


def test_a_file_over_the_cap_is_refused(tmp_path):
    evidence = "        evidence:\n          - image: research/bild.png\n            caption: Bild\n"
    root = write_data(tmp_path, {"maps/shop.yml": cited(evidence=evidence), "research/umfrage.yml": SOURCE,
                                 "research/bild.png": PNG + b"\0" * 2000})
    _, problems = load(root, max_media_bytes=1000)
    assert [p.field for p in problems] == ["stages[0].steps[0].evidence[0].image"]
    assert "more than the" in problems[0].message and "smaller" in problems[0].hint
    catalog, problems = load(root)
    assert problems == [] and len(catalog.media["bild.png"]) == len(PNG) + 2000


def test_existing_evidence_stays_valid(tmp_path):
    evidence = ("        evidence:\n          - video: https://intranet.example.com/v.mp4\n"
                "          - image: assets/bild.png\n          - document: https://intranet.example.com/d.pdf\n")
    catalog, problems = load(write_data(tmp_path, {"maps/shop.yml": cited("[]", evidence=evidence)}))
    assert problems == [] and catalog.media == {}
