"""Checks across files: every id unique, every reference resolvable."""

from __future__ import annotations

from collections.abc import Collection, Container, Iterable, Iterator

from .catalog import Catalog, Source
from .messages import t
from .model import DEFAULT_STAGES, DepartmentsFile, Journey, Persona, ResearchSource
from .problems import Problem
from .strict_yaml import Path_
from .validation import did_you_mean


def check_references(catalog: Catalog, unloaded: Collection[tuple[str, str]] = ()) -> list[Problem]:
    """All cross-reference problems of a loaded catalog.

    A reference to something in `unloaded` ((kind, id) of what files with errors would have held) is no problem
    of its own: the file's problems explain it, and reporting it again would point at the wrong file.
    """
    problems = list(_duplicate_ids(catalog))
    departments = _known(catalog.departments, unloaded, "department")
    research = _known(catalog.research, unloaded, "research")
    for source in catalog.sources:
        if isinstance(source.model, Persona):
            problems += _refs(source, departments, [(("department",), source.model.department)], "department")
        elif isinstance(source.model, ResearchSource):
            problems += _refs(source, departments, [(("owner",), source.model.owner)], "department")
        elif isinstance(source.model, Journey):
            problems += _journey(source, source.model, catalog, departments, unloaded)
            problems += _refs(source, research, list(_unknown_citations(source.model, research)), "research")
    return problems + _detail_cycles(catalog)


def _known(loaded: Iterable[str], unloaded: Iterable[tuple[str, str]], kind: str) -> set[str]:
    """The ids of a kind a reference may name: those loaded, and those of files left out for their errors."""
    return {*loaded, *(item_id for of_kind, item_id in unloaded if of_kind == kind)}


def _duplicate_ids(catalog: Catalog) -> Iterator[Problem]:
    seen: dict[tuple[str, str], tuple[str, Path_]] = {}
    for source in catalog.sources:
        for kind, path, item_id in _ids(source):
            first = seen.setdefault((kind, item_id), (source.file, path))
            if first != (source.file, path):
                yield source.doc.problem(path, t("the {kind} id `{id}` is already used in {file}", kind=_named(kind), id=item_id,
                                                 file=first[0]),
                                         t("give this {kind} another id; ids must be unique", kind=_named(kind)))


def _ids(source: Source) -> Iterator[tuple[str, Path_, str]]:
    if isinstance(source.model, DepartmentsFile):
        for i, department in enumerate(source.model.departments):
            yield "department", ("departments", i, "id"), department.id
    elif isinstance(source.model, (Persona, Journey)):
        yield type(source.model).__name__.lower(), ("id",), source.model.id
    elif isinstance(source.model, ResearchSource):
        yield "research", ("id",), source.model.id


def _refs(source: Source, known: Collection[str], refs: list[tuple[Path_, str | None]], kind: str) -> list[Problem]:
    """Problems for references in `refs` that name no id in `known`; only written values count."""
    problems = []
    for path, value in refs:
        if value is None or value in known or not source.doc.has(path):
            continue
        hint = did_you_mean(value, known) or t("known {kind} ids: {ids}", kind=_named(kind),
                                                ids=", ".join(sorted(known)) or t("none"))
        problems.append(source.doc.problem(path, t("no {kind} has the id `{id}`", kind=_named(kind), id=value), hint))
    return problems


def _named(kind: str) -> str:
    """A kind of thing with an id, in words of the current language."""
    return {"department": t("department"), "persona": t("persona"), "journey": t("journey"), "stage": t("stage"),
            "step": t("step"), "pain point": t("pain point"), "measure": t("measure"), "KPI": t("KPI"),
            "step or pain point": t("step or pain point"), "KPI of this journey": t("KPI of this journey"),
            "research": t("research source")}[kind]


def _journey(source: Source, journey: Journey, catalog: Catalog, departments: set[str],
             unloaded: Collection[tuple[str, str]]) -> list[Problem]:
    personas = _known(catalog.personas, unloaded, "persona")
    problems = _refs(source, personas, [(("personas", i), p) for i, p in enumerate(journey.personas)], "persona")
    problems += _refs(source, departments, list(_unknown_departments(journey, departments)), "department")
    problems += _unique_within(source, journey)
    problems += _stages(source, journey)
    steps = {step.id for step in journey.steps}
    targets = steps | {pain.id for _, pain in journey.pain_points}
    problems += _refs(source, steps, list(_next_refs(journey)), "step")
    problems += _refs(source, targets, [(("measures", m, "addresses", a), ref) for m, measure in enumerate(journey.measures)
                                        for a, ref in enumerate(measure.addresses)], "step or pain point")
    problems += _refs(source, {kpi.id for kpi in journey.kpis},
                      [(("measures", m, "kpis", k), ref) for m, measure in enumerate(journey.measures)
                       for k, ref in enumerate(measure.kpis)], "KPI of this journey")
    problems += _ratings(source, journey)
    problems += _details(source, journey, _known(catalog.journeys, unloaded, "journey"))
    return problems + ([] if ("journey", journey.improves) in unloaded else _improves(source, journey, catalog))


def _unknown_departments(journey: Journey, known: Container[str]) -> Iterator[tuple[Path_, str | None]]:
    """The department references not in `known`, with their paths.

    A journey has thousands of them, nearly all known: paths are built only for the others.
    """
    if journey.department not in known:
        yield ("department",), journey.department
    for s, stage in enumerate(journey.stages):
        for n, step in enumerate(stage.steps):
            if step.department is not None and step.department not in known:
                yield ("stages", s, "steps", n, "department"), step.department
            for group in ("touchpoints", "love_points", "pain_points", "frontstage", "backstage", "support_processes"):
                for i, item in enumerate(getattr(step, group)):
                    if item.department not in known:
                        yield ("stages", s, "steps", n, group, i, "department"), item.department
    for group in ("measures", "kpis"):
        for i, item in enumerate(getattr(journey, group)):
            if item.department not in known:
                yield (group, i, "department"), item.department


def _unknown_citations(journey: Journey, known: Container[str]) -> Iterator[tuple[Path_, str]]:
    """The research source ids the statements of the journey cite that are not in `known`, with their paths."""
    for s, stage in enumerate(journey.stages):
        for n, step in enumerate(stage.steps):
            here = ("stages", s, "steps", n)
            yield from (((*here, "sources", i), ref) for i, ref in enumerate(step.sources) if ref not in known)
            for group in ("pain_points", "love_points"):
                for p, point in enumerate(getattr(step, group)):
                    yield from (((*here, group, p, "sources", i), ref) for i, ref in enumerate(point.sources)
                                if ref not in known)
    for k, kpi in enumerate(journey.kpis):
        yield from ((("kpis", k, "sources", i), ref) for i, ref in enumerate(kpi.sources) if ref not in known)


def _next_refs(journey: Journey) -> Iterator[tuple[Path_, str]]:
    for s, stage in enumerate(journey.stages):
        for n, step in enumerate(stage.steps):
            for x, target in enumerate(step.next):
                yield ("stages", s, "steps", n, "next", x), target


def _detail_refs(journey: Journey) -> Iterator[tuple[Path_, str]]:
    """Each `details` entry of the journey's steps with its path."""
    for s, stage in enumerate(journey.stages):
        for n, step in enumerate(stage.steps):
            for x, detail in enumerate(step.details):
                yield ("stages", s, "steps", n, "details", x), detail


def _details(source: Source, journey: Journey, journeys: Collection[str]) -> list[Problem]:
    """A step's detailed journeys: known, not the journey itself, each once in the step."""
    problems = _refs(source, journeys, [(path, ref) for path, ref in _detail_refs(journey) if ref != journey.id],
                     "journey")
    named: set[tuple[Path_, str]] = set()
    for path, ref in _detail_refs(journey):
        step_path = path[:-1]
        if ref == journey.id:
            problems.append(source.doc.problem(path, t("a step of `{id}` names its own journey as a detailed journey",
                                                       id=ref),
                                               t("name the detailed journeys that zoom into this step, not this one")))
        elif (step_path, ref) in named:
            problems.append(source.doc.problem(path, t("the detailed journey `{id}` is named twice in this step", id=ref),
                                               t("name each detailed journey once")))
        named.add((step_path, ref))
    return problems


def _detail_cycles(catalog: Catalog) -> list[Problem]:
    """One problem per cycle of detailed journeys (a journey zooming, through others, into itself), at the link of
    the cycle's first journey in file order."""
    sources = {source.model.id: source for source in catalog.sources
               if isinstance(source.model, Journey) and catalog.journeys.get(source.model.id) is source.model}
    links = {journey_id: [(path, ref) for path, ref in _detail_refs(source.model)  # type: ignore[arg-type]
                          if ref in sources and ref != journey_id]
             for journey_id, source in sources.items()}
    problems, seen = [], set()
    for journey_id, source in sources.items():
        for path, ref in links[journey_id]:
            way_back = _path(links, ref, journey_id)
            if way_back is None:
                continue
            chain = [journey_id, *way_back]
            cycle = frozenset(zip(chain, chain[1:]))
            if cycle in seen:
                continue
            seen.add(cycle)
            problems.append(source.doc.problem(path, t("the detailed journeys form a cycle: {chain}",
                                                       chain=" → ".join(chain)),
                                               t("a journey cannot zoom into a journey it is part of; remove one of "
                                                 "these links")))
    return problems


def _path(links: dict[str, list[tuple[Path_, str]]], start: str, goal: str) -> list[str] | None:
    """The shortest chain of detail links from `start` to `goal` (both included), or None."""
    before: dict[str, str | None] = {start: None}
    queue = [start]
    for here in queue:
        if here == goal:
            chain = [here]
            while (previous := before[chain[-1]]) is not None:
                chain.append(previous)
            return chain[::-1]
        for _, ref in links.get(here, ()):
            if ref not in before:
                before[ref] = here
                queue.append(ref)
    return None


def _unique_within(source: Source, journey: Journey) -> list[Problem]:
    """Stage, step, pain point, measure and KPI ids are unique in a journey."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}

    def claim(item_id: str | None, kind: str, path: Path_, scope: str = "") -> None:
        key = f"{scope}:{item_id}"
        if item_id in (None, ""):
            return
        if key in seen:
            hint = t("give it its own `id:`; `{id}` is already the id of a {kind}", id=item_id, kind=_named(seen[key]))
            message = t("the {kind} id `{id}` is used twice in this journey", kind=_named(kind), id=item_id)
            problems.append(source.doc.problem(path, message, hint))
        seen[key] = kind

    for s, stage in enumerate(journey.stages):
        claim(stage.id, "stage", ("stages", s), "stage")
        for n, step in enumerate(stage.steps):
            claim(step.id, "step", ("stages", s, "steps", n))
            for p, pain in enumerate(step.pain_points):
                claim(pain.id, "pain point", ("stages", s, "steps", n, "pain_points", p))
    for m, measure in enumerate(journey.measures):
        claim(measure.id, "measure", ("measures", m), "measure")
    for k, kpi in enumerate(journey.kpis):
        claim(kpi.id, "KPI", ("kpis", k), "kpi")
    return problems


def _stages(source: Source, journey: Journey) -> list[Problem]:
    return [source.doc.problem(("stages", s, "id"), t("the stage `{id}` is not one of the default stages and has no name",
                                                      id=stage.id),
                               t("add `name:` to it, or use a default stage id: {ids}", ids=", ".join(DEFAULT_STAGES)))
            for s, stage in enumerate(journey.stages) if stage.id not in DEFAULT_STAGES and not stage.name]


def _ratings(source: Source, journey: Journey) -> list[Problem]:
    kinds = {isinstance(step.rating, int) for step in journey.steps}
    if len(kinds) < 2:
        return []
    first_kind = isinstance(journey.steps[0].rating, int)
    for s, stage in enumerate(journey.stages):
        for n, step in enumerate(stage.steps):
            if isinstance(step.rating, int) != first_kind:
                return [source.doc.problem(("stages", s, "steps", n, "rating"), t("mixes scores and words in one journey"),
                                           t("rate every step of a journey the same way: all 1–5, "
                                             "or all delighting / okay / disappointing"))]
    return []


def _improves(source: Source, journey: Journey, catalog: Catalog) -> list[Problem]:
    doc = source.doc
    if journey.kind == "current":
        if journey.improves:
            return [doc.problem(("improves",), t("only a target journey improves another"),
                                t("set `kind: target`, or remove `improves`"))]
        return []
    if not journey.improves:
        return [doc.problem(("kind",), t("a target journey must name the current journey it improves"),
                            t("add `improves: <id of the current journey>`"))]
    current = catalog.journeys.get(journey.improves)
    if current is None or current is journey:
        choices = [j.id for j in catalog.journeys.values() if j.kind == "current"]
        hint = did_you_mean(journey.improves, choices) or t("current journeys: {ids}", ids=", ".join(choices) or t("none"))
        return [doc.problem(("improves",), t("no current journey has the id `{id}`", id=journey.improves), hint)]
    if current.kind != "current":
        return [doc.problem(("improves",), t("`{id}` is itself a target journey", id=journey.improves),
                            t("name a current journey"))]
    return []
