"""site.keys and site.cache: a generated page is rendered again exactly when something it shows changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cjm_mkdocs.core.labels import labels
from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.render.hyphenation import SOFT_HYPHEN
from cjm_mkdocs.site import pages
from cjm_mkdocs.site.cache import PageCache
from cjm_mkdocs.site.keys import embeds
from cjm_mkdocs.site.plan import SitePlan
from cjm_mkdocs.views import timeline
from cjm_mkdocs.views.history import Change
from conftest import TODAY, dump, lifecycle_data

EVERY_JOURNEY = {"journeys/index.md", "personas/index.md", "departments/index.md", "research/index.md",
                 "overview/index.md", *(f"overview/{view}.md" for view in pages.OVERVIEW)}
"""The pages across all journeys (besides the department pages)."""


class Project:
    """A data folder, loaded into a site and planned through one cache as the plugin does from build to build."""

    def __init__(self, root: Path, data: dict) -> None:
        self.root = root
        for name, content in data.items():
            self.write(name, content)
        self.loader = JourneyLoader(root / "journeys", base=root)
        self.cache = PageCache()

    def write(self, name: str, content: object) -> None:
        path = self.root / "journeys" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(content), encoding="utf-8")

    def site(self, today: dt.date = TODAY, template_dirs: tuple[Path, ...] = (),
             histories: dict[str, timeline.JourneyHistory] | None = None) -> SitePlan:
        catalog, problems = self.loader.load()
        assert [p for p in problems if p.severity == "error"] == []
        site = pages.Site(catalog, labels("de"), today, "https://git.example.com/edit/main/",
                          histories=histories or {}, history_state="complete" if histories else "off")
        return SitePlan(site, pages.environment(template_dirs), hold_html=True, cache=self.cache)

    def rendered(self, **options: object) -> set[str]:
        """The pages a new plan renders (the others it keeps)."""
        self.site(**options)
        return set(self.cache.rendered)


@pytest.fixture
def project(tmp_path: Path, data: dict) -> Project:
    project = Project(tmp_path, data)
    project.site()
    return project


def departments(data: dict) -> set[str]:
    return {f"departments/{d['id']}.md" for d in data["departments.yml"]["departments"]}


def test_a_plan_without_changes_renders_nothing_and_gives_the_same_pages(project: Project) -> None:
    first = {page.uri: page.markdown for page in project.site().pages}
    assert project.cache.rendered == []
    assert {page.uri: page.markdown for page in project.site().pages} == first


def test_an_edited_journey_renders_its_page_its_target_its_persona_and_the_pages_across_journeys(
        project: Project, data: dict) -> None:
    data["maps/kauf.yml"]["title"] = "Kauf neu"
    project.write("maps/kauf.yml", data["maps/kauf.yml"])
    expected = {"journeys/kauf.md", "journeys/kauf-soll.md", "personas/anna.md"} | EVERY_JOURNEY | departments(data)
    assert project.rendered() == expected
    plan = project.site()
    assert "Kauf neu" in next(p.blocks.restore(p.markdown) for p in plan.pages if p.uri == "journeys/kauf-soll.md")


def test_a_new_commit_renders_its_journeys_page_and_the_news_only(project: Project) -> None:
    def revision(day: int, subject: str) -> timeline.Revision:
        when = dt.datetime.combine(TODAY - dt.timedelta(days=day), dt.time(10))
        return timeline.Revision(f"sha{day}", "Editor", when, subject, (Change("journey_added", "Kauf"),))
    first = {"kauf": timeline.JourneyHistory((revision(9, "Angelegt"),))}
    project.site(histories=first)
    later = {"kauf": timeline.JourneyHistory((revision(2, "Neu bewertet"), revision(9, "Angelegt")))}
    assert project.rendered(histories=later) == {"journeys/kauf.md", pages.NEWS}
    assert project.rendered(histories=later) == set()


def test_edited_prose_counts_as_an_edit_of_its_journey(project: Project, data: dict) -> None:
    project.write("maps/einkauf.md", "Neue Prosa.\n")
    assert project.rendered() == {"journeys/einkauf.md", "personas/bernd.md"} | EVERY_JOURNEY | departments(data)


def test_an_edited_persona_renders_the_journeys_naming_it(project: Project, data: dict) -> None:
    data["personas/bernd.yml"]["name"] = "Bernd Neu"
    project.write("personas/bernd.yml", data["personas/bernd.yml"])
    assert project.rendered() == {"journeys/einkauf.md", "personas/bernd.md"} | EVERY_JOURNEY | departments(data)


def test_an_edited_department_renders_every_journey_and_persona_page(project: Project, data: dict) -> None:
    data["departments.yml"]["departments"][2]["name"] = "Informationstechnik"
    project.write("departments.yml", data["departments.yml"])
    plan = project.site()
    assert set(project.cache.rendered) == {page.uri for page in plan.pages}
    kauf = next(page for page in plan.pages if page.uri == "journeys/kauf.md")
    assert "Informationstechnik" in kauf.blocks.restore(kauf.markdown).replace(SOFT_HYPHEN, "")


SURVEY = {"title": "Umfrage", "method": "survey", "date": "2026-05-01", "summary": "Preise zählen."}


def test_an_edited_research_source_renders_its_page_and_the_journeys_citing_it(project: Project, data: dict) -> None:
    project.write("research/umfrage.yml", SURVEY)
    data["maps/einkauf.yml"]["stages"][0]["steps"][0]["sources"] = ["umfrage"]
    project.write("maps/einkauf.yml", data["maps/einkauf.yml"])
    project.site()
    project.write("research/umfrage.yml", {**SURVEY, "title": "Umfrage 2026"})
    assert project.rendered() == {"research/umfrage.md", "journeys/einkauf.md"} | EVERY_JOURNEY | departments(data)
    data["maps/kauf.yml"]["title"] = "Kauf neu"
    project.write("maps/kauf.yml", data["maps/kauf.yml"])
    assert "research/umfrage.md" not in project.rendered()
    data["maps/einkauf.yml"]["title"] = "Einkauf neu"
    project.write("maps/einkauf.yml", data["maps/einkauf.yml"])
    assert "research/umfrage.md" in project.rendered()


def test_a_new_target_journey_renders_the_journey_it_improves(project: Project, data: dict) -> None:
    target = {**data["maps/kauf-soll.yml"], "improves": "einkauf", "title": "Einkauf (Soll)", "personas": ["bernd"]}
    project.write("maps/einkauf-soll.yml", target)
    rendered = project.rendered()
    assert {"journeys/einkauf.md", "journeys/einkauf-soll.md"} <= rendered
    assert "journeys/kauf.md" not in rendered and "journeys/kauf-soll.md" not in rendered


def test_an_edited_detailed_journey_renders_its_lifecycle_and_an_edited_lifecycle_its_detailed_journeys(
        tmp_path: Path) -> None:
    data = lifecycle_data()
    project = Project(tmp_path, data)
    project.site()
    data["maps/einkauf.yml"]["stages"][0]["steps"][0]["rating"] = 5
    project.write("maps/einkauf.yml", data["maps/einkauf.yml"])
    rendered = project.rendered()
    assert {"journeys/einkauf.md", "journeys/leben.md"} <= rendered
    assert not rendered & {"journeys/kauf.md", "journeys/kauf-soll.md"}
    data["maps/leben.yml"]["stages"][1]["steps"][0]["name"] = "Hilfe holen"
    project.write("maps/leben.yml", data["maps/leben.yml"])
    rendered = project.rendered()
    assert {"journeys/leben.md", "journeys/kauf.md", "journeys/einkauf.md"} <= rendered
    assert "journeys/kauf-soll.md" not in rendered
    einkauf = next(page for page in project.site().pages if page.uri == "journeys/einkauf.md")
    assert "Hilfe holen" in einkauf.blocks.restore(einkauf.markdown)


def test_the_day_the_templates_and_their_overrides_are_part_of_every_key(project: Project, tmp_path: Path) -> None:
    every = {page.uri for page in project.site().pages}
    assert project.rendered(today=TODAY + dt.timedelta(days=1)) == every
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    assert project.rendered(template_dirs=(overrides,)) == every  # back to TODAY
    (overrides / "left_out.md.j2").write_text("{{ journey.title }}\n", encoding="utf-8")
    assert project.rendered(template_dirs=(overrides,)) == every


def test_embed_lines_are_found_as_the_plugin_expands_them() -> None:
    markdown = "# Seite\n\n  <!-- cjm:diagram kauf -->\ntext <!-- cjm:matrix x -->\n<!-- cjm:moments -->\n"
    assert embeds(markdown) == (("diagram", "kauf"), ("moments", ""))


def test_the_key_of_embeds_follows_the_journey_they_show(project: Project, data: dict) -> None:
    keys = lambda: project.cache.keys  # noqa: E731
    kauf, einkauf = (("diagram", "kauf"),), (("matrix", "einkauf"),)
    before = keys().embedded(kauf), keys().embedded(einkauf)
    data["maps/kauf.yml"]["title"] = "Kauf neu"
    project.write("maps/kauf.yml", data["maps/kauf.yml"])
    project.site()
    assert keys().embedded(kauf) != before[0] and keys().embedded(einkauf) == before[1]


def test_pages_are_the_same_with_and_without_the_cache(project: Project) -> None:
    cached = {page.uri: page.blocks.restore(page.markdown) for page in project.site().pages}
    catalog, _ = project.loader.load()
    site = pages.Site(catalog, labels("de"), TODAY, "https://git.example.com/edit/main/")
    plain = {page.uri: page.markdown for page in pages.generate(site, pages.environment())}
    assert cached == plain
