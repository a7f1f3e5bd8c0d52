"""The sample in `journeys/`: it validates cleanly and shows every part of the format.

New staff start on the site built from this sample, and editors copy from it, so it
must load without a single problem and contain each thing the product can show:
departments, personas, the five default stages, ratings in words and in scores,
branches, pain points with owners, quick wins, KPIs, evidence, a target journey,
a draft and an overdue review.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from cjm_mkdocs.core.catalog import Catalog, Source
from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.core.model import DEFAULT_STAGES, Journey, add_months
from cjm_mkdocs.core.schema import schema_file, schemas

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "journeys"
WRITTEN_ON = dt.date(2026, 11, 23)  # the day the sample's review dates are measured from


@pytest.fixture(scope="module")
def loaded() -> tuple[Catalog, list]:
    return JourneyLoader(SAMPLE, base=ROOT).load()


@pytest.fixture(scope="module")
def catalog(loaded) -> Catalog:
    return loaded[0]


def current(catalog: Catalog) -> list[Journey]:
    return [j for j in catalog.journeys.values() if j.kind == "current"]


def source_of(catalog: Catalog, journey: Journey) -> Source:
    return next(s for s in catalog.sources if s.model is journey)


def test_sample_has_no_problems(loaded):
    catalog, problems = loaded
    assert [str(p) for p in problems] == []
    assert catalog.journeys and catalog.personas and catalog.departments


def test_sample_has_enough_departments_personas_and_journeys(catalog):
    assert len(catalog.departments) >= 8
    assert all(d.description and d.lead and d.contact.endswith("@example.com") for d in catalog.departments.values())
    assert len(catalog.personas) >= 4
    assert len(current(catalog)) >= 5


def test_every_persona_is_complete_and_walks_a_journey(catalog):
    for persona in catalog.personas.values():
        filled = [persona.demographics, persona.goals, persona.needs, persona.pain_points, persona.channels,
                  persona.behaviours, persona.quote, persona.department, persona.last_reviewed, persona.body.strip()]
        assert all(filled), persona.id
        assert catalog.journeys_of_persona(persona.id), persona.id


def test_every_journey_has_the_default_stages_and_enough_steps(catalog):
    for journey in catalog.journeys.values():
        assert tuple(stage.id for stage in journey.stages) == DEFAULT_STAGES, journey.id
        assert all(2 <= len(stage.steps) <= 4 for stage in journey.stages), journey.id
        assert len(journey.steps) >= 12, journey.id
        assert all(step.does and step.thinks and step.feels and step.touchpoints for step in journey.steps), journey.id
        assert journey.body.strip(), journey.id


def test_ratings_use_words_in_some_journeys_and_scores_in_others(catalog):
    kinds = {journey.id: {type(step.rating) for step in journey.steps} for journey in catalog.journeys.values()}
    assert all(len(k) == 1 for k in kinds.values()), kinds
    assert {str, int} == set().union(*kinds.values())


def test_current_journeys_show_highs_lows_and_the_service_blueprint(catalog):
    for journey in current(catalog):
        steps = journey.steps
        assert any(step.moment_of_truth for step in steps), journey.id
        assert any(t.important for step in steps for t in step.touchpoints), journey.id
        assert {t.medium for step in steps for t in step.touchpoints} == {"digital", "physical"}, journey.id
        assert any(step.love_points for step in steps), journey.id
        assert any(step.opportunities for step in steps) or journey.measures, journey.id
        assert any(b.system and b.department for step in steps for b in step.backstage), journey.id


def test_pain_points_have_written_ids_and_known_owners(catalog):
    for journey in catalog.journeys.values():
        doc = source_of(catalog, journey).doc
        for s, stage in enumerate(journey.stages):
            for t, step in enumerate(stage.steps):
                for p, pain in enumerate(step.pain_points):
                    assert ("stages", s, "steps", t, "pain_points", p, "id") in doc.values, (journey.id, pain.text)
                    assert pain.department in catalog.departments, (journey.id, pain.id)
    assert sum(len(j.pain_points) for j in current(catalog)) >= 5 * 4


def test_current_journeys_have_measures_with_quick_wins_and_kpis(catalog):
    for journey in current(catalog):
        targets = {step.id for step in journey.steps} | {pain.id for _, pain in journey.pain_points}
        assert journey.measures and all(m.addresses and set(m.addresses) <= targets for m in journey.measures), journey.id
        assert any(m.is_quick_win for m in journey.measures), journey.id
        assert any(m.due for m in journey.measures), journey.id
        assert journey.kpis and all(k.current is not None and k.unit for k in journey.kpis), journey.id
    kpis = [k for j in current(catalog) for k in j.kpis]
    assert {k.better for k in kpis} == {"higher", "lower"}
    assert {k.met for k in kpis} == {True, False}


def test_evidence_has_sourced_quotes_and_safe_document_links(catalog):
    evidence = [e for j in catalog.journeys.values() for step in j.steps for e in step.evidence]
    quotes = [e for e in evidence if e.kind == "quote"]
    links = [getattr(e, e.kind) for e in evidence if e.kind != "quote"]
    assert len(quotes) >= 5 and all(e.source for e in quotes)
    assert len(links) >= 5
    assert all(urlsplit(link).scheme in ("https", "") for link in links), links


def test_one_target_journey_improves_a_current_journey(catalog):
    targets = [j for j in catalog.journeys.values() if j.kind == "target"]
    assert targets
    for target in targets:
        improved = catalog.journeys[target.improves]
        assert improved.kind == "current" and catalog.target_of(improved.id) is target
        assert sum(s.score for s in target.steps) / len(target.steps) > sum(s.score for s in improved.steps) / len(improved.steps)
        serious = {"high", "critical"}
        assert not [p for _, p in target.pain_points if p.severity in serious]
        assert [p for _, p in improved.pain_points if p.severity in serious]


def test_a_journey_branches_with_next(catalog):
    branching = [(j.id, step.id) for j in catalog.journeys.values() for step in j.steps if len(step.next) >= 2]
    assert branching
    joins = [(j.id, target) for j in catalog.journeys.values()
             for target in {n for step in j.steps for n in step.next}
             if sum(target in step.next for step in j.steps) >= 2]
    assert joins, "the branches meet again at a common step"


def test_status_and_review_dates(catalog):
    journeys = list(catalog.journeys.values())
    statuses = [j.status for j in journeys]
    assert statuses.count("draft") == 1 and statuses.count("published") == len(journeys) - 1
    overdue = [j.id for j in journeys if add_months(j.last_reviewed, j.review_interval_months) < WRITTEN_ON]
    assert len(overdue) == 1, overdue
    assert all(j.last_reviewed <= WRITTEN_ON for j in journeys)


@pytest.mark.parametrize("path", sorted(SAMPLE.rglob("*.yml")), ids=lambda p: p.relative_to(SAMPLE).as_posix())
def test_every_file_points_the_editor_at_its_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    schema = (path.parent / first.removeprefix(prefix)).resolve()
    assert schema.parent == ROOT / "schema"
    kind = {"maps": "journey", "personas": "persona", "research": "research"}.get(path.parent.name, "departments")
    assert schema.name == schema_file(kind) and schema.name in schemas()
