"""The `posters` option in real `mkdocs build`s: a PDF per journey beside its page, linked from it."""

from __future__ import annotations

import posixpath
import re

import yaml

from conftest import ROOT, BuiltSite
from pdf_check import is_sheet, read_pdf

LINK = re.compile(r'<a href="([^"]+)" download>Als Poster drucken \(A3, PDF\)</a>')


def poster_of(site: BuiltSite, journey: str) -> str:
    """The address the journey's page links its poster at, resolved against the page's folder."""
    found = LINK.findall(site.html(f"journeys/{journey}/"))
    assert len(found) == 1, f"{journey}: {found}"
    return posixpath.normpath(posixpath.join(f"journeys/{journey}/", found[0]))


def test_each_journey_page_links_its_a3_poster(tmp_path, build_site, data):
    for other in ("maps/kauf-soll.yml", "maps/einkauf.yml"):
        del data[other]
    site = build_site(tmp_path, data, plugin={"posters": True})
    assert site.returncode == 0, site.log
    assert re.search(r"Poster: 1 von 1 in [\d.]+ s geschrieben", site.log), "the build tells how many it wrote"
    poster = read_pdf((site.site / poster_of(site, "kauf")).read_bytes())
    assert len(poster.sizes) == 1 and is_sheet(poster.sizes[0], "a3")
    journey = data["maps/kauf.yml"]
    steps = [step["name"] for stage in journey["stages"] for step in stage["steps"]]
    assert poster.shows(journey["title"]) and [step for step in steps if not poster.shows(step)] == []
    assert list((site.root / ".cache" / "plugin" / "cjm" / "posters").glob("kauf.a3.*.pdf"))


def test_without_the_option_there_is_no_poster(tmp_path, build_site, data):
    site = build_site(tmp_path, data)
    assert site.returncode == 0, site.log
    assert not list(site.site.rglob("*.pdf")) and not LINK.search(site.html("journeys/kauf/"))


def test_the_sample_site_has_a_poster_of_every_journey(sample_site):
    assert sample_site.returncode == 0, sample_site.log
    for file in sorted((ROOT / "journeys" / "maps").glob("*.yml")):
        poster = read_pdf((sample_site.site / poster_of(sample_site, file.stem)).read_bytes())
        title = yaml.safe_load(file.read_text(encoding="utf-8"))["title"]
        assert len(poster.sizes) == 1 and is_sheet(poster.sizes[0], "a3") and poster.shows(title), file.stem
