"""The contexts of the persona pages and the personas section home."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...core.model import Journey, Persona
from ...render import escape
from ...render.avatar import initials_avatar
from ...views import journey as views
from ..inputs import Site
from ..links import is_local
from .base import PageContext, page_fields


@dataclass(frozen=True)
class PersonaPage(PageContext):
    """A persona's page (``persona.md.j2``)."""

    persona: Persona
    image: str | None
    """The persona's image as a safe URL, if it has one."""
    image_is_local: bool
    """Whether the image is served by the site (shown) rather than by another host (linked)."""
    avatar: Markup
    """The persona's initials as an inline SVG, its face where the site has no image of it."""
    review: views.Review | None
    """The review status, if the persona was ever reviewed."""
    walked: list[Journey]
    """The journeys the persona walks."""


@dataclass(frozen=True)
class PersonaRow:
    """A persona in the personas section home, with the journeys it walks."""

    persona: Persona
    walked: list[Journey]
    image: str | None
    """The persona's image, if the site serves it."""
    avatar: Markup
    """Its initials avatar (for a persona without `image`)."""


@dataclass(frozen=True)
class PersonasPage(PageContext):
    """The personas section home."""

    rows: list[PersonaRow]


def persona_page(site: Site, persona: Persona, here: str, source: str | None) -> PersonaPage:
    """The context of a persona's page."""
    image = escape.safe_url(persona.image) if persona.image else None
    review = (views.review(persona.last_reviewed, persona.review_interval_months, site.today)
              if persona.last_reviewed else None)
    return PersonaPage(**page_fields(site, here, source), persona=persona, image=image,
                       image_is_local=bool(image) and is_local(image), avatar=initials_avatar(persona.id, persona.name),
                       review=review,
                       walked=site.catalog.journeys_of_persona(persona.id))


def personas_page(site: Site, here: str, source: str | None) -> PersonasPage:
    """The context of the personas section home."""
    catalog = site.catalog
    return PersonasPage(**page_fields(site, here, source),
                        rows=[PersonaRow(persona, catalog.journeys_of_persona(persona.id), _local_image(persona),
                                         initials_avatar(persona.id, persona.name))
                              for persona in catalog.personas.values()])


def _local_image(persona: Persona) -> str | None:
    image = escape.safe_url(persona.image) if persona.image else None
    return image if image and is_local(image) else None
