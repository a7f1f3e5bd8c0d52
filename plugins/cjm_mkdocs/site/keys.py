"""What a generated page shows, as one digest: while the digest stays the same, so does the page.

Every key covers the labels, the day, the site's links (edit base, directory URLs, whether it has posters), the
templates (a site's overrides included), the page's template, path, title and data file, and the data the page is
made from, by the digests of the data files and their prose (a poster's key is its page's, see
:mod:`cjm_mkdocs.site.posters`):

- a journey page: the journey and its commits in git, the personas it names, the departments (named from many
  places of a journey; they are one file), the research sources it cites, its current or target journey, the
  journeys whose steps it zooms into (a lifecycle's) and the detailed journeys its steps name (their figures are
  rolled up there);
- a persona page: the persona, the departments and every journey it walks;
- a research source's page: the source, the departments and every journey citing it;
- every other page (sections, overview, departments): all of the data; the news page also every journey's commits.

The lines `<!-- cjm:… -->` of a hand-written page get a key the same way: a journey's embed shows what its page
shows, any other embed all of the data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from functools import cached_property

from jinja2 import Environment

from ..core.model import Journey, Persona, ResearchSource
from ..views import lifecycle
from ..views.research import citations, statements
from .inputs import Site
from .pages import EMBED_LINE, JOURNEY_EMBEDS

Embed = tuple[str, str]
"""An embed line of a hand-written page: its kind (`diagram`) and argument (a journey id, or "")."""


def digest(*parts: object) -> str:
    """A short digest of `parts`, each taken as its `repr`."""
    found = hashlib.blake2b(digest_size=16)
    for part in parts:
        found.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return found.hexdigest()


def templates_digest(env: Environment) -> str:
    """A digest of every template `env` loads, each as the site finds it (its override, if it has one)."""
    assert env.loader is not None
    return digest(*(part for name in sorted(env.list_templates())
                    for part in (name, env.loader.get_source(env, name)[0])))


def embeds(markdown: str) -> tuple[Embed, ...]:
    """The embed lines of a hand-written page (those in code fences too: they only make its key wider)."""
    found = (EMBED_LINE.fullmatch(line.strip()) for line in markdown.split("\n"))
    return tuple((line.group(1), line.group(2) or "") for line in found if line)


class PageKeys:
    """The keys of the pages of one build of `site` through the templates of `env`."""

    def __init__(self, site: Site, env: Environment) -> None:
        self.site = site
        self.env = env
        self._files = {source.file: source.digest for source in site.catalog.sources}
        self._journeys: Mapping[str, Journey] = {**site.catalog.journeys, **site.left_out}
        self._data: dict[tuple[str, str], str] = {}
        self._shown: dict[str, str] = {}

    def page(self, template: str, uri: str, title: str, source: str | None,
             shows: Journey | Persona | ResearchSource | None, news: bool = False) -> str:
        """The key of a page rendered from `template` about a journey, persona or research source (`shows`), or about
        all data (and with `news`, every journey's history)."""
        shown = (self.journey(shows) if isinstance(shows, Journey) else
                 self.persona(shows) if isinstance(shows, Persona) else
                 self.research(shows) if isinstance(shows, ResearchSource) else
                 digest(self.everything, *map(self._history, self.site.catalog.journeys)) if news else self.everything)
        return digest(self.common, template, uri, title, source, shown)

    def embedded(self, found: Iterable[Embed]) -> str:
        """The key of what a hand-written page's embed lines show."""
        return digest(self.common, *(self._embed(kind, argument) for kind, argument in found))

    def journey(self, journey: Journey) -> str:
        """What a journey's page shows of the data."""
        if journey.id not in self._shown:
            self._shown[journey.id] = self._journey(journey)
        return self._shown[journey.id]

    def _journey(self, journey: Journey) -> str:
        catalog = self.site.catalog
        current = journey.improves if journey.improves in catalog.journeys else None
        target = catalog.target_of(journey.id)
        linked = [part.journey.id for part in lifecycle.parents(catalog, journey)]
        linked += [child.id for step in journey.steps for child in lifecycle.details_of(catalog, step)]
        related = [(i, self._item("journey", i)) for i in (current, target and target.id, *linked) if i]
        cited = dict.fromkeys(i for statement in statements(journey) for i in statement.sources)
        return digest(self._item("journey", journey.id), self._history(journey.id),
                      *(self._item("persona", i) for i in journey.personas), self.departments, *related,
                      *(self._item("research", i) for i in cited))

    def persona(self, persona: Persona) -> str:
        """What a persona's page shows of the data."""
        walked = self.site.catalog.journeys_of_persona(persona.id)
        return digest(self._item("persona", persona.id), self.departments,
                      *(self._item("journey", journey.id) for journey in walked))

    def research(self, item: ResearchSource) -> str:
        """What a research source's page shows of the data."""
        citing = dict.fromkeys(statement.journey.id for statement in citations(self.site.catalog).get(item.id, []))
        return digest(self._item("research", item.id), self.departments, *(self._item("journey", i) for i in citing))

    @cached_property
    def everything(self) -> str:
        """All the data the site shows."""
        catalog = self.site.catalog
        kinds = (("department", catalog.departments), ("persona", catalog.personas), ("journey", catalog.journeys),
                 ("research", catalog.research))
        return digest(*(self._item(kind, i) for kind, items in kinds for i in items),
                      *(self._item("journey", i) for i in self.site.left_out))

    @cached_property
    def departments(self) -> str:
        return digest(*(self._item("department", i) for i in self.site.catalog.departments))

    @cached_property
    def common(self) -> str:
        """What every page is rendered with besides its data."""
        site = self.site
        return digest(json.dumps(dict(site.labels), sort_keys=True), site.today, site.edit_base, site.directory_urls,
                      site.posters, templates_digest(self.env))

    def _history(self, journey_id: str) -> tuple[object, ...]:
        """A journey's history as its page shows it: the state, its commits and whether there are more."""
        found = self.site.histories.get(journey_id)
        return (self.site.history_state, found and tuple(r.sha for r in found.revisions), found and found.more)

    def _embed(self, kind: str, argument: str) -> str:
        journey = self.site.catalog.journeys.get(argument) if kind in JOURNEY_EMBEDS else None
        return digest(kind, argument, self.journey(journey) if journey else self.everything)

    def _item(self, kind: str, item_id: str) -> str:
        """One department, persona, journey or research source: its data file (path and bytes) and its prose."""
        key = (kind, item_id)
        if key not in self._data:
            file = self.site.catalog.files.get(key)
            catalog = self.site.catalog
            model = (self._journeys.get(item_id) if kind == "journey" else
                     catalog.research.get(item_id) if kind == "research" else catalog.personas.get(item_id))
            self._data[key] = digest(kind, item_id, file, self._files.get(file), getattr(model, "body", ""))
        return self._data[key]
