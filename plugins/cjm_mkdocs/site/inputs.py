"""What the pages of a site are made from, besides the templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ..core.catalog import Catalog
from ..core.model import Journey
from .links import Tracker
from ..views.department import Cell, Dashboard, dashboards, responsibility_matrix
from ..views.timeline import JourneyHistory
from ..views.journey import JourneySummary, summary


@dataclass(frozen=True)
class Site:
    """Everything pages are made from besides the templates."""

    catalog: Catalog
    labels: Mapping[str, str]
    today: dt.date
    edit_base: str | None = None
    directory_urls: bool = True
    left_out: Mapping[str, Journey] = field(default_factory=dict)
    """Journeys the plugin's `preview` leaves out of `catalog`: they get a page with a note only."""
    tracker: Tracker | None = None
    """Where "discuss" links open a new issue; None: no such links."""
    histories: Mapping[str, JourneyHistory] = field(default_factory=dict)
    """Each journey's latest revisions in git (:func:`~cjm_mkdocs.views.timeline.journey_histories`)."""
    history_state: str = "off"
    """``complete``, ``shallow`` (a shallow clone), ``none`` (no git repository) or ``off`` (not asked for)."""
    site_url: str | None = None
    """The site's address (mkdocs.yml `site_url`), for the absolute links of the news feed."""
    posters: bool = False
    """Whether each journey gets a poster (PDF) linked from its page (the plugin's `posters` option)."""

    @cached_property
    def summaries(self) -> dict[str, JourneySummary]:
        """Every journey's :class:`JourneySummary`, worked out once for all pages."""
        return {journey.id: summary(journey, self.today) for journey in self.catalog.journeys.values()}

    @cached_property
    def responsibilities(self) -> dict[tuple[str, str], Cell]:
        """What each department owns in each journey (:func:`~cjm_mkdocs.views.department.responsibility_matrix`)."""
        return responsibility_matrix(self.catalog)

    @cached_property
    def dashboards(self) -> dict[str, Dashboard]:
        """Every department's :class:`Dashboard`, worked out once for all pages."""
        return dashboards(self.catalog, self.today, self.responsibilities)
