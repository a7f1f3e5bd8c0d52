"""Journey diagrams and branch flowcharts, parsed and rendered by the real Mermaid 11."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm_mkdocs.core.labels import labels
from cjm_mkdocs.core.model import Journey
from cjm_mkdocs.render import mermaid as mermaid_module
from cjm_mkdocs.render.escape import mermaid_text, one_line
from cjm_mkdocs.render.mermaid import STEPS_PER_DIAGRAM, branch_flowchart, journey_diagrams
from mermaid_parse import Diagram, MermaidRunner, mermaid  # noqa: F401  (fixture)

DE = labels("de")
HOSTILE_STEPS = [
    ("Kosten: hoch; #1 %% }%% ok", 1),
    ("section x", 2),
    ("title y", 3),
    ("click foo", 4),
    ('Er sagt "ja", sie \'nein\'', 5),
    ("<b>fett</b> & <br> x", 2),
    ("Zeile1\nZeile2\r\nZeile3", 3),
    ("a: b", 4),
    ("%%{init: {'theme':'dark'}}%%", 5),
    ("#58; literal [x] (y) {z}", 1),
    ("Straße ß ü 😀 20°C ¶ß", 2),
    ("שלום עולם", 3),
    ("end", 4),
    ("style s1 fill:#f00;", 5),
    ("accTitle: x", 1),
]
DEPARTMENTS = {"it": "IT; Ops #1", "marketing": "title Marketing: %% x", "service": "Service"}


def make_journey(stages: list[dict[str, Any]], title: str = "Kauf: über #1; %% Preis") -> Journey:
    return Journey.model_validate({
        "id": "kauf", "title": title, "personas": ["anna", "bob"], "segment": "Privat", "scenario": "Kauf",
        "start": "Suche", "end": "Lieferung", "department": "marketing", "last_reviewed": "2026-03-01",
        "stages": stages,
    })


def hostile_journey() -> Journey:
    steps = [{"id": f"step-{n}", "name": name, "rating": score,
              "touchpoints": [{"channel": "Web", "department": "it"}, {"channel": "Laden"}]}
             for n, (name, score) in enumerate(HOSTILE_STEPS)]
    steps[-1]["department"] = "service"
    return make_journey([
        {"id": "awareness", "steps": steps[:2]},
        {"id": "phase-2", "name": "Phase: 2; #x %% section", "steps": steps[2:4]},
        {"id": "phase-3", "name": "title Phase 3", "steps": steps[4:]},
    ])


def check_all(mermaid: MermaidRunner, journey: Journey) -> list[Diagram]:
    """Each of the journey's diagrams, parsed and rendered."""
    return [mermaid.check(chart.source) for chart in journey_diagrams(journey, DEPARTMENTS, DE)]


def joined(diagrams: list[Diagram], key: str) -> list[str]:
    return [text for diagram in diagrams for text in diagram.texts[key]]


def test_hostile_journey_diagrams_parse_and_show_every_name(mermaid: MermaidRunner) -> None:
    diagrams = check_all(mermaid, hostile_journey())

    assert [diagram.error for diagram in diagrams] == [None] * 4
    assert joined(diagrams, "title") == []
    assert joined(diagrams, "sections") == ["Bewusstsein", "Phase: 2; #x %% section", "title Phase 3 (1/3)",
                                            "title Phase 3 (2/3)", "title Phase 3 (3/3)"]
    assert joined(diagrams, "tasks") == [one_line(name) for name, _ in HOSTILE_STEPS]
    # The legend's words (Mermaid sorts the names and may wrap a long one at a space onto a second line).
    assert [sorted(" ".join(diagram.texts["actors"]).split()) for diagram in diagrams] == [
        sorted(f"{DEPARTMENTS['marketing']} {DEPARTMENTS['it']}{more}".split()) for more in ("", "", "", " Service")]


def test_scores_place_the_faces(mermaid: MermaidRunner) -> None:
    faces = [face for diagram in check_all(mermaid, hostile_journey()) for face in diagram.faces]

    scores = [score for _, score in HOSTILE_STEPS]
    height_of = {score: face for score, face in zip(scores, faces)}
    assert len(faces) == len(scores)
    assert [height_of[score] for score in scores] == faces
    assert sorted(height_of, key=height_of.get) == [5, 4, 3, 2, 1]


def test_same_names_unencoded_break_the_diagrams(mermaid: MermaidRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mermaid_module, "mermaid_text", one_line)
    diagrams = check_all(mermaid, hostile_journey())

    assert any(d.error for d in diagrams) or joined(diagrams, "tasks") != [one_line(n) for n, _ in HOSTILE_STEPS]


def test_raw_colon_in_a_task_name_shifts_score_and_actors(mermaid: MermaidRunner) -> None:
    raw = mermaid.check("journey\n  title T\n  section S\n    a: b: 3: Me\n")
    encoded = mermaid.check(f"journey\n  title T\n  section S\n    {mermaid_text('a: b')}: 3: Me\n")

    assert (raw.texts["tasks"], raw.texts["actors"]) == (["a"], ["3"])
    assert (encoded.texts["tasks"], encoded.texts["actors"]) == (["a: b"], ["Me"])


@pytest.mark.parametrize("keyword", ["section", "title", "Section", "TITLE", "accTitle:"])
def test_raw_leading_keyword_breaks_a_task(mermaid: MermaidRunner, keyword: str) -> None:
    raw = mermaid.check(f"journey\n  title T\n  section S\n    {keyword} x: 3: Me\n")
    encoded = mermaid.check(f"journey\n  title T\n  section S\n    {mermaid_text(keyword + ' x')}: 3: Me\n")

    assert raw.error or raw.texts["tasks"] != [f"{keyword} x"]
    assert encoded.error is None and encoded.texts["tasks"] == [f"{keyword} x"]


def only_source(journey: Journey) -> str:
    (chart,) = journey_diagrams(journey, DEPARTMENTS, DE)
    return chart.source


def test_long_names_are_cut_with_an_ellipsis(mermaid: MermaidRunner) -> None:
    name = "Vergleicht " + "sehr " * 30 + "lange Angebote"
    journey = make_journey([{"id": "awareness", "steps": [{"name": name, "rating": 3}]}])
    diagram = mermaid.check(only_source(journey))

    (task,) = diagram.texts["tasks"]
    assert task.endswith("…") and len(task) <= 40 and name.startswith(task[:-1])


def test_names_of_only_control_characters_still_draw_a_task(mermaid: MermaidRunner) -> None:
    journey = make_journey([{"id": "awareness", "name": "\x01", "steps": [{"name": "\x02\x03", "rating": 3}]}],
                           title="\x1b")
    diagram = mermaid.check(only_source(journey))

    assert diagram.error is None
    assert (diagram.texts["sections"], diagram.texts["tasks"]) == (["–"], ["–"])


def test_actors_are_the_steps_owner_then_its_touchpoints_departments_once_each_and_never_a_persona() -> None:
    journey = make_journey([{"id": "awareness", "steps": [
        {"name": "Sucht", "rating": 3, "department": "service", "touchpoints": [
            {"channel": "Web", "department": "it"}, {"channel": "App", "department": "it"}, {"channel": "Laden"}],
         "pain_points": [{"text": "Zu langsam", "severity": "high", "department": "marketing"}]},
        {"name": "Kauft", "rating": 4}]}])

    assert only_source(journey).splitlines()[-2:] == ["    Sucht: 3: Service, IT#59; Ops #35;1",
                                                      "    Kauft: 4: #116;itle Marketing#58; #37;#37; x"]


def test_stages_share_a_diagram_while_their_steps_fit_and_a_long_stage_is_split_evenly() -> None:
    sizes = {"awareness": 1, "consideration": 2, "decision": 1, "purchase": 2 * STEPS_PER_DIAGRAM + 1,
             "post-purchase": 3}
    journey = make_journey([{"id": stage, "steps": [{"name": f"{stage} {n}", "rating": 3} for n in range(size)]}
                            for stage, size in sizes.items()])
    charts = journey_diagrams(journey, DEPARTMENTS, DE)

    tasks = [[line.split(":")[0].strip() for line in chart.source.splitlines() if line.startswith("    ")]
             for chart in charts]
    assert [chart.name for chart in charts] == ["Bewusstsein · Überlegung · Entscheidung", "Kauf (1/3)", "Kauf (2/3)",
                                                "Kauf (3/3)", "Nachkauf"]
    assert [len(steps) for steps in tasks] == [4, 3, 3, 3, 3]
    assert [task for steps in tasks for task in steps] == [step.name for step in journey.steps]
    assert all(chart.source.startswith("journey\n  section ") for chart in charts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Any character a UTF-8 file can hold: a lone surrogate can't be in one, and the model refuses it.
@given(st.text(alphabet=st.sampled_from(list(":;#%,\"'<>{}[]()|`&\\°¶ß\n\t\x00ax ")) | st.characters(codec="utf-8"),
               min_size=1, max_size=30).filter(lambda name: name.strip()))
def test_any_task_name_round_trips(mermaid: MermaidRunner, name: str) -> None:
    journey = make_journey([{"id": "awareness", "steps": [{"name": name, "rating": 3}, {"name": "b", "rating": 5}]}])
    diagram = mermaid.check(only_source(journey))

    assert diagram.error is None
    assert diagram.texts["tasks"] == [one_line(name) or "–", "b"]


def branching_journey() -> Journey:
    return make_journey([
        {"id": "awareness", "steps": [
            {"id": "sucht", "name": 'Sucht "Preis" [x] end', "rating": 3, "next": ["vergleicht", "ruft-an"]},
            {"id": "vergleicht", "name": "Vergleicht; A --> B", "rating": 2},
        ]},
        {"id": "entscheidung", "name": 'Entscheidung "end" <i>', "steps": [
            {"id": "ruft-an", "name": "Ruft an: %% click", "rating": 1, "moment_of_truth": True},
            {"id": "kauft", "name": "subgraph kauft", "rating": 5, "next": ["sucht", "unbekannt"]},
        ]},
    ])


def test_branch_flowchart_parses_with_edges_stages_and_moments(mermaid: MermaidRunner) -> None:
    diagram = mermaid.check(branch_flowchart(branching_journey(), DE))

    assert diagram.error is None
    assert diagram.texts["nodes"] == ['Sucht "Preis" [x] end', "Vergleicht; A --> B", "★ Ruft an: %% click",
                                      "subgraph kauft"]
    assert sorted(diagram.texts["clusters"]) == sorted(["Bewusstsein", 'Entscheidung "end" <i>'])
    assert diagram.moments == ["★ Ruft an: %% click"]
    assert diagram.edges == 5


def test_branch_edges_follow_next_else_the_following_step() -> None:
    source = branch_flowchart(branching_journey(), DE)

    edges = [line.strip() for line in source.splitlines() if "-->" in line and "[" not in line]
    assert edges == ["s1 --> s2", "s1 --> s3", "s2 --> s3", "s3 --> s4", "s4 --> s1"]


def test_branch_flowchart_of_a_long_journey_keeps_to_a_page_width_at_natural_size(mermaid: MermaidRunner) -> None:
    """Drawn unscaled (legible labels), 15 steps in 5 stages still fit the content column of a laptop screen."""
    stages = [{"id": f"phase-{stage}", "name": f"Phase {stage}", "steps": [
        {"id": f"schritt-{stage}-{step}", "name": f"Schritt {stage}.{step} mit längerem Namen", "rating": 3}
        for step in range(1, 4)]} for stage in range(1, 6)]
    stages[1]["steps"][0]["next"] = ["schritt-2-2", "schritt-2-3"]
    diagram = mermaid.check(branch_flowchart(make_journey(stages), DE))

    assert diagram.error is None and len(diagram.texts["nodes"]) == 15
    width, height = map(float, re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', diagram.svg).groups())
    assert width < 1000 < height, (width, height)


def test_no_branch_flowchart_without_next() -> None:
    journey = make_journey([{"id": "awareness", "steps": [{"name": "a", "rating": 3}, {"name": "b", "rating": 4}]}])

    assert branch_flowchart(journey, DE) is None


def test_a_journey_diagram_of_the_most_steps_fits_the_content_column_at_natural_size(mermaid: MermaidRunner) -> None:
    """With the site's layout (mermaid-config.js), a diagram of STEPS_PER_DIAGRAM steps whose legend names long
    departments (wrapped onto two lines between words) fits the 998 px content column of a 1280 px window."""
    departments = {"finanzen": "Abrechnung & Forderungsmanagement", "filialen": "Qualitäts- & Beschwerdemanagement",
                   "qualitaet": "Marketing & Kommunikation", "it": "IT & Digitale Kanäle"}
    steps = [{"name": f"Vertrag Nummer {n} online abschließen", "rating": 1 + n % 5, "department": "finanzen",
              "touchpoints": [{"channel": "Web", "department": department} for department in departments]}
             for n in range(STEPS_PER_DIAGRAM)]
    (chart,) = journey_diagrams(make_journey([{"id": "purchase", "steps": steps}]), departments, DE)
    diagram = mermaid.check(chart.source)

    assert viewbox_width(diagram) <= 998
    assert "Abrechnung &" in diagram.texts["actors"] and "Forderungsmanage…" in diagram.texts["actors"]


def viewbox_width(diagram: Diagram) -> float:
    assert diagram.error is None, diagram.error
    return float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ', diagram.svg).group(1))
