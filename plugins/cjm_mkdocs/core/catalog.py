"""The loaded data: every department, persona, journey and research source, with its source file."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from functools import cached_property

from pydantic import BaseModel

from .messages import tn
from .model import Department, DepartmentsFile, Journey, Persona, ResearchSource
from .strict_yaml import YamlDocument


@dataclass(frozen=True)
class Source:
    """One validated file: where it is, its positions, its model, and a digest of its bytes."""

    file: str
    doc: YamlDocument
    model: BaseModel
    digest: str = ""
    """Changes whenever the file's bytes do (the prose file beside it is not included)."""


@dataclass
class Catalog:
    """Everything the site shows, by id, in file order."""

    departments: dict[str, Department] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    journeys: dict[str, Journey] = field(default_factory=dict)
    research: dict[str, ResearchSource] = field(default_factory=dict)
    """The research sources statements cite, by id."""
    sources: list[Source] = field(default_factory=list)
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    media: dict[str, bytes] = field(default_factory=dict)
    """The research folder's files the data shows (evidence media, reports), by their path in it (``media/x.png``)."""

    @classmethod
    def from_sources(cls, sources: list[Source]) -> "Catalog":
        """Index the sources; the first of two equal ids wins (the loader reports the second)."""
        catalog = cls(sources=sources)
        for source in sources:
            if isinstance(source.model, DepartmentsFile):
                for department in source.model.departments:
                    catalog._add("department", catalog.departments, department, source.file)
            elif isinstance(source.model, Persona):
                catalog._add("persona", catalog.personas, source.model, source.file)
            elif isinstance(source.model, Journey):
                catalog._add("journey", catalog.journeys, source.model, source.file)
            elif isinstance(source.model, ResearchSource):
                catalog._add("research", catalog.research, source.model, source.file)
        return catalog

    def _add(self, kind: str, index: dict, item: Department | Persona | Journey | ResearchSource, file: str) -> None:
        if item.id not in index:
            index[item.id] = item
            self.files[(kind, item.id)] = file

    def summary(self) -> str:
        """What the catalog holds, e.g. "6 journeys, 5 personas, 11 departments"."""
        return ", ".join([tn("{count} journey", "{count} journeys", len(self.journeys)),
                          tn("{count} persona", "{count} personas", len(self.personas)),
                          tn("{count} department", "{count} departments", len(self.departments))])

    def only(self, patterns: list[str]) -> "Catalog":
        """The catalog with only the journeys whose id matches a pattern (`kauf-*`), the detailed journeys they link
        (and those these link), and their current or target."""
        chosen = self._with_details({i for i in self.journeys if any(fnmatchcase(i, pattern) for pattern in patterns)})
        chosen |= {self.journeys[i].improves for i in chosen if self.journeys[i].improves in self.journeys}
        chosen |= {j.id for j in self.journeys.values() if j.improves in chosen}
        return replace(self, journeys={i: j for i, j in self.journeys.items() if i in chosen})

    def _with_details(self, chosen: set[str]) -> set[str]:
        """`chosen` and every journey their steps link as detailed journeys, at any depth."""
        found, waiting = set(chosen), list(chosen)
        while waiting:
            for step in self.journeys[waiting.pop()].steps:
                new = [i for i in step.details if i in self.journeys and i not in found]
                found.update(new)
                waiting += new
        return found

    def source_file(self, kind: str, item_id: str) -> str:
        """The data file a department, persona, journey or research source comes from."""
        return self.files[(kind, item_id)]

    def journeys_of_persona(self, persona_id: str) -> list[Journey]:
        return list(self._by_persona.get(persona_id, ()))

    def target_of(self, journey_id: str) -> Journey | None:
        """The target journey that improves `journey_id`, if any (the first, in file order)."""
        return self._targets.get(journey_id)

    @cached_property
    def _by_persona(self) -> dict[str, list[Journey]]:
        journeys: dict[str, list[Journey]] = {}
        for journey in self.journeys.values():
            for persona_id in dict.fromkeys(journey.personas):
                journeys.setdefault(persona_id, []).append(journey)
        return journeys

    @cached_property
    def _targets(self) -> dict[str, Journey]:
        targets: dict[str, Journey] = {}
        for journey in self.journeys.values():
            if journey.improves:
                targets.setdefault(journey.improves, journey)
        return targets
