"""site.posters: a journey's poster from its page's context, fetching nothing, kept on disk under what it shows."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest

from cjm_mkdocs.core.labels import labels
from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.render import pdf
from cjm_mkdocs.site import posters
from cjm_mkdocs.site.cache import PageCache
from cjm_mkdocs.site.inputs import Site
from cjm_mkdocs.site.pages import environment
from cjm_mkdocs.site.plan import SitePlan
from journey_data import JOURNEY, PERSONA, write_data
from pdf_check import read_pdf

DAY = dt.date(2026, 6, 1)
IMAGE = "https://images.example.com/kunde.png"


def site_of(folder: Path, day: dt.date = DAY, **options: object) -> Site:
    catalog, problems = JourneyLoader(folder).load()
    assert [p for p in problems if p.severity == "error"] == []
    return Site(catalog, labels("de"), day, **options)


def test_images_in_a_journey_are_not_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    connections: list[object] = []
    monkeypatch.setattr(socket, "create_connection", lambda *args, **kwargs: connections.append(args))
    monkeypatch.setattr(socket.socket, "connect", lambda *args: connections.append(args))
    step_text = f'<img src="{IMAGE}"> ![Foto]({IMAGE})'
    folder = write_data(tmp_path / "journeys", {
        "maps/shop.yml": JOURNEY.replace("        name: Sieht Angebot\n",
                                         f"        name: Sieht Angebot\n        does: '{step_text}'\n"),
        "maps/shop.md": f"![Foto]({IMAGE})\n\n<img src=\"{IMAGE}\">\n",
        "personas/anna.yml": PERSONA + f"image: {IMAGE}\n"})
    site = site_of(folder)
    fetcher = pdf.offline_fetcher([posters.asset_folder()])

    made = read_pdf(posters.poster_pdf(site, environment(), site.catalog.journeys["shop"], "a3", fetcher))

    assert made.shows(step_text)
    assert fetcher.asked == [] and connections == []


def test_posters_are_off_unless_the_site_asks_for_them(tmp_path: Path):
    site = site_of(write_data(tmp_path / "journeys"))
    plan = SitePlan(site, environment())
    page = next(page for page in plan.pages if page.uri == "journeys/shop.md")
    assert plan.posters == {} and "cjm-poster-link" not in page.markdown and ".pdf" not in page.markdown


def test_a_poster_is_made_again_only_when_what_it_shows_changed(tmp_path: Path):
    folder, shelf = write_data(tmp_path / "journeys"), posters.PosterShelf(tmp_path / "kept")
    cache, env = PageCache(), environment()

    first = SitePlan(site_of(folder, posters=True), env, cache=cache, shelf=shelf)
    assert shelf.made == ["shop"] and list(first.posters) == ["journeys/shop.pdf"]
    page = next(page for page in first.pages if page.uri == "journeys/shop.md")
    assert 'href="../shop.pdf" download>Als Poster drucken (A3, PDF)</a>' in page.markdown

    again = SitePlan(site_of(folder, posters=True), environment(), cache=PageCache(), shelf=shelf)
    assert shelf.made == [] and again.posters == first.posters

    write_data(folder, {"maps/shop.yml": JOURNEY.replace("Kauf über Preisvergleich", "Kauf im Laden")})
    edited = SitePlan(site_of(folder, posters=True), env, cache=cache, shelf=shelf)
    assert shelf.made == ["shop"] and read_pdf(edited.posters["journeys/shop.pdf"]).shows("Kauf im Laden")
    assert len(list((tmp_path / "kept").glob("shop.a3.*.pdf"))) == 1
