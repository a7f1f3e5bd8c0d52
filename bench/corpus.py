"""A deterministic journey corpus: N journeys × S steps, P personas, D departments.

The first journey is a long one (40 steps by default), so the page size of a long
journey is measured inside the full site, with its navigation.

`write_corpus(spec, root)` writes a valid data folder (`journeys/`) and a site
for it (`mkdocs.yml`, `docs/index.md`). The same spec gives the same bytes on
every run: all choices come from one seeded :class:`random.Random`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

import yaml

from cjm_mkdocs.core.fields import slugify
from cjm_mkdocs.core.model import DEFAULT_STAGES

from . import text
from .sites import cjm_plugin, config_text

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FIRST_DAY = dt.date(2024, 1, 1)


@dataclass(frozen=True)
class CorpusSpec:
    """How big the corpus is, and the seed it is drawn from."""

    journeys: int = 1000
    steps: int = 25
    personas: int = 200
    departments: int = 30
    seed: int = 5
    long_steps: int = 40
    """Steps of the first journey: one long journey whose page size the benchmark reports."""


def write_corpus(spec: CorpusSpec, root: Path) -> Path:
    """Write the data folder and site under `root`; return the mkdocs.yml path."""
    data = root / "journeys"
    (data / "personas").mkdir(parents=True, exist_ok=True)
    (data / "maps").mkdir(parents=True, exist_ok=True)
    rng = Random(spec.seed)
    departments = _departments(spec.departments)
    _dump(data / "departments.yml", {"departments": departments})
    persona_ids = []
    for number in range(spec.personas):
        persona = _persona(rng, number, departments)
        persona_ids.append(persona.pop("id"))
        _dump(data / "personas" / f"{persona_ids[-1]}.yml", persona)
        if number % 4 == 0:
            (data / "personas" / f"{persona_ids[-1]}.md").write_text(_prose(rng), encoding="utf-8")
    department_ids = [d["id"] for d in departments]
    for number in range(spec.journeys):
        steps = spec.long_steps if number == 0 else spec.steps
        journey = _journey(rng, number, steps, persona_ids, department_ids)
        _dump(data / "maps" / f"{journey_id(number)}.yml", journey)
        if number % 5 == 0:
            (data / "maps" / f"{journey_id(number)}.md").write_text(_prose(rng), encoding="utf-8")
    return write_site(root)


def write_site(root: Path) -> Path:
    """The site around the data folder: an index page and mkdocs.yml with the search and cjm plugins."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Customer Journeys\n\nBenchmark-Korpus.\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config_text(plugins=cjm_plugin()), encoding="utf-8")
    return config


def journey_id(number: int) -> str:
    return f"{slugify(text.TOPICS[number % len(text.TOPICS)])}-{number:04d}"


def _dump(path: Path, data: dict[str, Any]) -> None:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)
    path.write_text(body, encoding="utf-8")


def _day(rng: Random) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=rng.randrange(800))


def _departments(count: int) -> list[dict[str, str]]:
    result = []
    for number in range(count):
        name = _department_name(number)
        lead = f"{text.FIRST_NAMES[number % 30]} {text.LAST_NAMES[number % 27]}"
        result.append({"id": slugify(name), "name": name, "description": f"Verantwortet {name}: "
                       f"{text.PROCESSES[number % 9]}, {text.PROCESSES[(number + 4) % 9]}.",
                       "lead": lead, "contact": f"{slugify(name)}@example.com"})
    return result


def _department_name(number: int) -> str:
    """`Vertrieb`, then `Vertrieb Nord`, …, then `Vertrieb Nord 7`: unique for any count."""
    base, tier = text.DEPARTMENTS[number % len(text.DEPARTMENTS)], number // len(text.DEPARTMENTS)
    if tier == 0:
        return base
    region = text.REGIONS[(tier - 1) % len(text.REGIONS)]
    return f"{base} {region}" if tier <= len(text.REGIONS) else f"{base} {region} {tier}"


def _persona(rng: Random, number: int, departments: list[dict[str, str]]) -> dict[str, Any]:
    name = f"{text.pick(rng, text.FIRST_NAMES)} {text.pick(rng, text.LAST_NAMES)}"
    return {
        "id": f"{slugify(name)}-{number:03d}",
        "name": name,
        "segment": text.pick(rng, text.SEGMENTS),
        "description": f"{name} ist {text.pick(rng, text.JOBS)} aus {text.pick(rng, text.CITIES)}. "
                       + text.sentence(rng, 8),
        "demographics": {"Alter": rng.randint(19, 78), "Beruf": text.pick(rng, text.JOBS),
                         "Wohnort": text.pick(rng, text.CITIES)},
        "goals": [text.pick(rng, text.IDEAS) for _ in range(rng.randint(2, 4))],
        "needs": [text.love(rng) for _ in range(rng.randint(2, 3))],
        "pain_points": [text.pain(rng) for _ in range(rng.randint(2, 3))],
        "channels": sorted({text.pick(rng, text.CHANNELS) for _ in range(rng.randint(2, 4))}),
        "behaviours": [text.does(rng, name.split()[0]) for _ in range(rng.randint(1, 3))],
        "quote": text.quote(rng),
        "department": departments[number % len(departments)]["id"],
        "last_reviewed": _day(rng),
    }


def _journey(rng: Random, number: int, steps: int, personas: list[str], departments: list[str]) -> dict[str, Any]:
    target = number % 10 == 9
    journey: dict[str, Any] = {
        "title": f"{text.TOPICS[number % len(text.TOPICS)]} ({number + 1})",
        "personas": sorted({personas[(number * 7 + k * 13) % len(personas)] for k in range(1 + number % 2)}),
        "segment": text.pick(rng, text.SEGMENTS),
        "scenario": text.does(rng, "Die Kundin"),
        "start": f"{text.step_name(rng)} über {text.pick(rng, text.CHANNELS)}",
        "end": f"{text.step_name(rng)} {text.pick(rng, text.PLACES)}",
        "department": departments[number % len(departments)],
        "status": ("published", "published", "draft", "archived")[number % 4],
    }
    if target:
        journey |= {"kind": "target", "improves": journey_id(number - 1)}
    journey |= {"last_reviewed": _day(rng), "tags": sorted({text.pick(rng, text.CHANNELS) for _ in range(3)})}
    journey["stages"], pains, step_ids = _stages(rng, steps, departments, words=number % 5 == 0)
    journey["measures"] = _measures(rng, pains or step_ids, departments)
    journey["kpis"] = _kpis(rng)
    return journey


def _stages(rng: Random, count: int, departments: list[str], words: bool) -> tuple[list[dict], list[str], list[str]]:
    """Steps spread over the five default stages; returns stages, pain ids and step ids."""
    sizes = [count // 5 + (i < count % 5) for i in range(5)]
    steps = [_step(rng, departments, words) for _ in range(count)]
    ids = _unique_ids(steps)
    pains = [f"{step_id}-pain-{n}" for step, step_id in zip(steps, ids)
             for n in range(1, len(step.get("pain_points", ())) + 1)]
    if count > 6 and rng.random() < 0.2:
        steps[2]["next"] = [ids[3], ids[5]]
    stages, start = [], 0
    for stage_id, size in zip(DEFAULT_STAGES, sizes):
        if size:
            stages.append({"id": stage_id, "description": text.does(rng, "Die Kundin"), "steps": steps[start:start + size]})
        start += size
    return stages, pains, ids


def _unique_ids(steps: list[dict]) -> list[str]:
    """Step ids as the model derives them; an explicit `id` where names repeat."""
    ids: list[str] = []
    for step in steps:
        step_id = slugify(step["name"])
        if step_id in ids:
            step_id = step["id"] = f"{step_id}-{len(ids) + 1}"
        ids.append(step_id)
    return ids


def _step(rng: Random, departments: list[str], words: bool) -> dict[str, Any]:
    score = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
    step: dict[str, Any] = {"name": text.step_name(rng), "does": text.does(rng, "Die Kundin"),
                            "thinks": text.thinks(rng), "feels": text.feels(rng),
                            "rating": ("disappointing", "disappointing", "okay", "delighting", "delighting")[score - 1]
                            if words else score}
    if rng.random() < 0.08:
        step["moment_of_truth"] = True
    if rng.random() < 0.3:
        step["department"] = rng.choice(departments)
    step["touchpoints"] = [_touchpoint(rng, departments) for _ in range(rng.randint(1, 3))]
    if score >= 4:
        step["love_points"] = [{"text": text.love(rng), "severity": rng.choice(("low", "medium", "high"))}]
    if score <= 3:
        step["pain_points"] = [_pain(rng, departments) for _ in range(rng.randint(1, 2))]
    step["opportunities"] = [text.pick(rng, text.IDEAS) for _ in range(rng.randint(0, 2))]
    step["backstage"] = [{"process": text.process(rng, "Das Team"), "system": text.pick(rng, text.SYSTEMS),
                          "department": rng.choice(departments)} for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.3:
        step["evidence"] = [_evidence(rng)]
    return {key: value for key, value in step.items() if value != []}


def _touchpoint(rng: Random, departments: list[str]) -> dict[str, Any]:
    channel = text.pick(rng, text.CHANNELS)
    touchpoint: dict[str, Any] = {"channel": channel, "medium": "physical" if channel in text.PHYSICAL else "digital"}
    if rng.random() < 0.4:
        touchpoint["department"] = rng.choice(departments)
    if rng.random() < 0.15:
        touchpoint["important"] = True
    return touchpoint


def _pain(rng: Random, departments: list[str]) -> dict[str, Any]:
    return {"text": text.pain(rng), "severity": rng.choice(("low", "medium", "high", "critical")),
            "department": rng.choice(departments)}


def _evidence(rng: Random) -> dict[str, str]:
    if rng.random() < 0.7:
        return {"quote": text.quote(rng), "source": f"Interview {rng.randint(1, 60)}, {text.pick(rng, text.SOURCES)}"}
    number = rng.randint(1, 400)
    return {"document": f"https://wiki.example.com/research/studie-{number}.pdf", "caption": f"Studie {number}"}


def _measures(rng: Random, targets: list[str], departments: list[str]) -> list[dict[str, Any]]:
    measures, titles = [], set()
    for _ in range(rng.randint(3, 8)):
        title = text.pick(rng, text.IDEAS)
        if slugify(title) in titles:
            continue
        titles.add(slugify(title))
        measures.append({"title": title, "addresses": sorted({rng.choice(targets) for _ in range(rng.randint(1, 2))}),
                         "department": rng.choice(departments), "effort": rng.choice(("low", "medium", "high")),
                         "impact": rng.choice(("low", "medium", "high")),
                         "status": rng.choice(("idea", "planned", "in-progress", "done"))})
    return measures


def _kpis(rng: Random) -> list[dict[str, Any]]:
    kpis = []
    for name, unit, better in rng.sample(text.KPIS, rng.randint(2, 4)):
        target = rng.randint(10, 90)
        kpis.append({"name": name, "definition": f"{name} laut {text.pick(rng, text.SOURCES)}, monatlich ermittelt.",
                     "source": text.pick(rng, text.SOURCES), "target": target,
                     "current": target + rng.randint(-15, 10), "unit": unit, "better": better})
    return kpis


def _prose(rng: Random) -> str:
    paragraphs = [text.sentence(rng, rng.randint(12, 30)) for _ in range(rng.randint(2, 4))]
    return "## Hintergrund\n\n" + "\n\n".join(paragraphs) + "\n"
