"""site.fragments: rows of a page kept from build to build by `{% cached %}`, keyed on what they show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import DictLoader, Environment

from cjm_mkdocs.core.labels import LABELS
from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.site.fragments import CachedRows, Fragments
from cjm_mkdocs.site.inputs import Site
from cjm_mkdocs.site.keys import PageKeys
from conftest import dump, sample_data

TEMPLATE = """{% for journey in journeys %}{% cached journey %}<li>{{ journey.title }} {{ count() }}</li>{% endcached %}
{% cached journey %}<tr>{{ journey.title }}</tr>{% endcached %}{% endfor %}"""
"""Two tags with the same key: each keeps its own rows. `count()` counts the rows rendered."""


def write(root: Path, data: dict[str, object]) -> None:
    for name, value in data.items():
        path = root / "journeys" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(value), encoding="utf-8")


class Pages:
    """One loader, one environment and one store across builds, as the plugin keeps them on `mkdocs serve`."""

    def __init__(self, root: Path) -> None:
        self.loader = JourneyLoader(root / "journeys", base=root)
        self.env = Environment(loader=DictLoader({"rows.j2": TEMPLATE}), extensions=[CachedRows], autoescape=True)
        self.fragments = Fragments()
        self.rendered = 0

    def build(self, keep: bool = True) -> str:
        """The page, rendered under the store when `keep` (as the page cache renders pages), else without."""
        catalog, problems = self.loader.load()
        assert [p for p in problems if p.severity == "error"] == []
        site = Site(catalog, LABELS["de"], dt.date(2026, 12, 1))
        self.fragments.start(PageKeys(site, self.env))
        self.env.fragments = self.fragments
        template = self.env.get_template("rows.j2")
        variables = {"journeys": list(catalog.journeys.values()), "count": self._count}
        if not keep:
            return template.render(variables)
        with self.fragments.rendering("overview/x.md"):
            return template.render(variables)

    def _count(self) -> int:
        self.rendered += 1
        return self.rendered


def test_a_row_is_rendered_again_only_when_its_journey_changed(tmp_path: Path) -> None:
    data = sample_data()
    write(tmp_path, data)
    pages = Pages(tmp_path)
    first = pages.build()
    journeys = first.count("<li>")
    assert journeys > 1 and first.count("<tr>") == journeys  # the two tags of one key keep apart
    assert pages.rendered == journeys
    assert pages.build() == first and pages.rendered == journeys
    maps = {name: value for name, value in data.items() if name.startswith("maps/") and name.endswith(".yml")}
    improved = {value.get("improves") for value in maps.values()}
    name = next(name for name, value in maps.items()  # a journey no other page shows beside it (no current, no target)
                if "improves" not in value and Path(name).stem not in improved)
    write(tmp_path, {name: {**data[name], "title": "Neu betitelt"}})
    edited = pages.build()
    assert pages.rendered == journeys + 1
    assert "<li>Neu betitelt" in edited and "<tr>Neu betitelt</tr>" in edited


def test_outside_a_page_the_tag_renders_its_body_every_time(tmp_path: Path) -> None:
    write(tmp_path, sample_data())
    pages = Pages(tmp_path)
    journeys = pages.build(keep=False).count("<li>")
    pages.build(keep=False)
    assert pages.rendered == 2 * journeys
