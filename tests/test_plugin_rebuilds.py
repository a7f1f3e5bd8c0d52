"""plugin.rebuilds and plugin.search: `mkdocs serve` rebuilds, driven in one process as serve drives them.

Each test builds a real site, edits its data, rebuilds with the same plugin instances, and compares the served
folder with a fresh `mkdocs build --strict` of the edited project: a rebuild, dirty or not, must give the same site.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from cjm_mkdocs.render.hyphenation import SOFT_HYPHEN
from cjm_mkdocs.site.pages import OVERVIEW
from conftest import dump, lifecycle_data, make_project, run_mkdocs
from test_plugin_site import fetch, free_port, wait_for

DOCS = {"index.md": "# Start\n\n<!-- cjm:diagram kauf -->\n",
        "anderes.md": "# Anderes\n\n<!-- cjm:matrix einkauf -->\n",
        "notizen.md": "# Notizen\n\nNichts eingebettet.\n"}
FEW = {"nav_items": 1}
"""Journeys, personas and departments out of the navigation, as in a large catalog."""
NOT_IN_NAV = {"validation": {"nav": {"omitted_files": "warn"}}}


class Served:
    """A project served as `mkdocs serve [--dirty]` serves it: one plugin instance, one site folder, many builds."""

    def __init__(self, config_file: Path, dirty: bool) -> None:
        self.config_file, self.dirty = config_file, dirty
        self.site = config_file.parent / "served"
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=dirty)
        self.plugin = config.plugins["cjm"]
        build(config, dirty=dirty)

    def rebuild(self) -> set[str]:
        """Build again; the files the build wrote (by their new modification times)."""
        before = _times(self.site)
        config = self._config()
        assert config.plugins["cjm"] is self.plugin
        build(config, dirty=self.dirty)
        return {name for name, time in _times(self.site).items() if before.get(name) != time}

    def edit(self, name: str, change: Callable[[str], str]) -> None:
        path = self.config_file.parent / "journeys" / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    def assert_same_as_a_full_build(self) -> None:
        clean = self.config_file.parent / "clean"
        done = run_mkdocs(self.config_file, "-d", str(clean))
        assert done.returncode == 0, done.stderr
        served, built = _tree(self.site), _tree(clean)
        assert sorted(served) == sorted(built)
        assert [name for name in built if served[name] != built[name]] == []

    def _config(self):
        return load_config(str(self.config_file), site_dir=str(self.site))


def _tree(root: Path) -> dict[str, bytes]:
    """Every file's bytes, but the build time the `mkdocs` theme writes into its pages."""
    return {p.relative_to(root).as_posix(): re.sub(rb"Build Date UTC : [^\n]*", b"", p.read_bytes())
            for p in sorted(root.rglob("*")) if p.is_file()}


def _times(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*.html")}


def _pages(written: set[str]) -> set[str]:
    """The pages among written files, as their folders (`journeys/kauf`)."""
    return {name.removesuffix("/index.html").removesuffix("index.html") for name in written
            if name.endswith("index.html")}


def project(tmp_path: Path, data: dict, plugin: dict | None = None, extra_config: dict | None = None) -> Path:
    """A project with :data:`DOCS`, by default with no journey in the navigation (:data:`FEW`)."""
    return make_project(tmp_path, data, {**NOT_IN_NAV, **(extra_config or {})},
                        plugin=FEW if plugin is None else plugin, docs=DOCS)


def serve(tmp_path: Path, data: dict, dirty: bool = True, **options: dict) -> Served:
    return Served(project(tmp_path, data, **options), dirty)


ACROSS = {"journeys/index.md", "personas/index.md", "departments/index.md", "research/index.md", "overview/index.md",
          *(f"overview/{view}.md" for view in OVERVIEW)}
"""The pages that list every journey (besides the department pages)."""


def test_a_dirty_rebuild_after_a_journey_edit_rebuilds_what_shows_it_and_gives_the_full_site(tmp_path: Path,
                                                                                            data: dict) -> None:
    served = serve(tmp_path, data)
    served.edit("maps/kauf.yml", lambda text: text.replace("title: Kauf über", "title: Kauf mit"))
    written = _pages(served.rebuild())
    departments = {f"departments/{d['id']}.md" for d in data["departments.yml"]["departments"]}
    assert set(served.plugin.cache.rendered) == {"journeys/kauf.md", "journeys/kauf-soll.md", "personas/anna.md",
                                                 *ACROSS, *departments}
    assert {"journeys/kauf", "journeys/kauf-soll", "journeys", ""} <= written  # "": index.md embeds kauf
    assert not written & {"journeys/einkauf", "personas/bernd", "anderes", "notizen"}
    served.assert_same_as_a_full_build()


def test_rows_kept_from_the_last_build_follow_what_changed_across_journeys(tmp_path: Path, data: dict) -> None:
    """The pages across all journeys keep the rows of unchanged journeys (site.fragments): a stage another journey
    brings in moves the register's stage ranks of kauf, and prose comes and goes on journeys the loader keeps."""
    data["maps/kauf.yml"]["stages"][1]["steps"][0]["pain_points"] = [{"text": "Rechnung fehlt", "severity": "low"}]
    served = serve(tmp_path, data)
    stage = {"id": "consideration", "steps": [{"name": "Vergleicht", "rating": 2, "pain_points": [
        {"text": "Zu viele Anbieter", "severity": "critical"}]}]}
    served.edit("maps/einkauf.yml", lambda text: dump(with_stage(yaml.safe_load(text), stage)))
    served.rebuild()
    register = (served.site / "overview" / "pain-points" / "index.html").read_text(encoding="utf-8")
    assert "Zu viele Anbieter" in register
    assert "journeys/kauf.md" not in served.plugin.cache.rendered  # its stage "purchase" now ranks third
    served.assert_same_as_a_full_build()
    prose = tmp_path / "project" / "journeys" / "maps" / "kauf.md"
    prose.unlink()
    served.rebuild()
    assert "günstig" not in (served.site / "journeys" / "kauf" / "index.html").read_text(encoding="utf-8")
    served.assert_same_as_a_full_build()
    prose.write_text("## Neu\n\nAnna kauft *schnell*.\n", encoding="utf-8")
    served.rebuild()
    served.assert_same_as_a_full_build()


def with_stage(journey: dict, stage: dict) -> dict:
    return {**journey, "stages": [stage, *journey["stages"]]}


def test_a_dirty_rebuild_after_a_department_edit_rebuilds_the_journeys_naming_it(tmp_path: Path, data: dict) -> None:
    served = serve(tmp_path, data)
    served.edit("departments.yml", lambda text: text.replace("name: IT", "name: Informationstechnik"))
    written = _pages(served.rebuild())
    assert "journeys/kauf" in written and "departments/it" in written
    assert not written & {"journeys/einkauf", "personas/bernd", "notizen"}
    served.assert_same_as_a_full_build()


def test_a_dirty_rebuild_after_a_persona_edit_and_an_unchanged_one(tmp_path: Path, data: dict) -> None:
    served = serve(tmp_path, data)
    served.edit("personas/bernd.yml", lambda text: text.replace("Bernd Bauer", "Bernd B."))
    written = _pages(served.rebuild())
    assert {"journeys/einkauf", "personas/bernd", "anderes"} <= written  # anderes.md embeds einkauf, Bernd's
    assert not written & {"journeys/kauf", "journeys/kauf-soll", "personas/anna", "notizen"}
    served.assert_same_as_a_full_build()
    assert _pages(served.rebuild()) == set() and served.plugin.cache.rendered == []


def test_a_title_in_the_navigation_rebuilds_every_page(tmp_path: Path, data: dict) -> None:
    served = serve(tmp_path, data, plugin={})
    served.edit("maps/einkauf.yml", lambda text: text.replace("Einkauf für die Firma", "Firmeneinkauf"))
    written = _pages(served.rebuild())
    assert {"notizen", "personas/anna", "journeys/kauf"} <= written
    served.assert_same_as_a_full_build()


def test_a_new_journey_and_a_failed_build_between(tmp_path: Path, data: dict) -> None:
    served = serve(tmp_path, data)
    served.edit("maps/einkauf.yml", lambda text: text.replace("segment:", "segment: [", 1))
    with pytest.raises(Exception):
        served.rebuild()
    served.edit("maps/einkauf.yml", lambda text: text.replace("segment: [", "segment:", 1))
    new = tmp_path / "project" / "journeys" / "maps" / "einkauf-zwei.yml"
    new.write_text(dump({**data["maps/einkauf.yml"], "title": "Zweiter Einkauf"}), encoding="utf-8")
    assert "journeys/einkauf-zwei" in _pages(served.rebuild())
    served.assert_same_as_a_full_build()


def test_a_dirty_rebuild_keeps_the_search_entries_of_the_pages_it_skips(tmp_path: Path, data: dict) -> None:
    served = serve(tmp_path, data)
    index = served.site / "search" / "search_index.json"
    before = json.loads(index.read_text(encoding="utf-8"))["docs"]
    served.edit("maps/kauf.yml", lambda text: text.replace("Sieht Angebot", "Sieht das Angebot"))
    served.rebuild()
    after = json.loads(index.read_text(encoding="utf-8"))["docs"]
    assert len(after) == len(before)
    assert [e["location"] for e in after] == [e["location"] for e in before]
    assert any("Sieht das Angebot" in e["text"] for e in after if e["location"].startswith("journeys/kauf/"))


def test_mkdocs_own_search_gets_the_entries_of_skipped_pages_too(tmp_path: Path, data: dict) -> None:
    served = serve(tmp_path, data, plugin={**FEW, "csp": False}, extra_config={"theme": {"name": "mkdocs"}})
    served.edit("maps/kauf.yml", lambda text: text.replace("Sieht Angebot", "Sieht das Angebot"))
    assert "notizen" not in _pages(served.rebuild())
    served.assert_same_as_a_full_build()


def test_a_rebuild_that_is_not_dirty_renders_only_the_pages_that_changed(tmp_path: Path, data: dict) -> None:
    served = serve(tmp_path, data, dirty=False)
    served.edit("maps/einkauf.yml", lambda text: text.replace("Fragt an", "Fragt nach"))
    written = _pages(served.rebuild())
    assert "journeys/kauf" in written  # MkDocs writes every page
    assert "journeys/kauf.md" not in served.plugin.cache.rendered
    assert "journeys/einkauf.md" in served.plugin.cache.rendered
    served.assert_same_as_a_full_build()


def test_a_dirty_rebuild_after_a_detailed_journey_edit_rebuilds_its_lifecycle(tmp_path: Path) -> None:
    served = serve(tmp_path, lifecycle_data())
    served.edit("maps/einkauf.yml", lambda text: text.replace("rating: 2", "rating: 5"))
    written = _pages(served.rebuild())
    assert {"journeys/einkauf.md", "journeys/leben.md"} <= set(served.plugin.cache.rendered)
    assert {"journeys/einkauf", "journeys/leben"} <= written
    assert not written & {"journeys/kauf", "journeys/kauf-soll"}
    served.assert_same_as_a_full_build()


def test_an_edited_template_override_renders_the_pages_again(tmp_path: Path, data: dict) -> None:
    config_file = project(tmp_path, data, extra_config={"theme": {"name": "material", "custom_dir": "overrides"}})
    override = config_file.parent / "overrides" / "cjm" / "catalog.md.j2"
    override.parent.mkdir(parents=True)
    served = Served(config_file, dirty=True)
    for text in ("# Katalog\n", "# Katalog, anders\n"):  # a new override of a template in use, then an edit of it
        override.write_text(text, encoding="utf-8")
        os.utime(override, ns=(time.time_ns() + 2_000_000_000,) * 2)  # later than the last load, whatever the clock
        served.rebuild()
        assert "journeys/index.md" in served.plugin.cache.rendered
        assert text.strip("# \n") in (served.site / "journeys" / "index.html").read_text(encoding="utf-8")
        served.assert_same_as_a_full_build()


def test_mkdocs_serve_dirty_shows_an_edit_on_every_page_that_lists_the_journey(tmp_path: Path, data: dict) -> None:
    config_file = project(tmp_path, data)
    port = free_port()
    base, log = f"http://127.0.0.1:{port}/", tmp_path / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config_file), "-a", f"127.0.0.1:{port}"]
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=config_file.parent, stdout=output, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        assert wait_for(lambda: "Kauf über Preisvergleich" in fetch(base + "journeys/kauf/"), 90), log.read_text()
        journey = config_file.parent / "journeys" / "maps" / "kauf.yml"
        journey.write_text(journey.read_text(encoding="utf-8").replace("title: Kauf über", "title: Kauf mit"),
                           encoding="utf-8")
        shown = ["journeys/kauf/", "journeys/kauf-soll/", "journeys/", "personas/anna/", "departments/marketing/",
                 "overview/pain-points/"]
        def text(url: str) -> str:
            return fetch(base + url).replace(SOFT_HYPHEN, "")  # the soft hyphens of narrow table columns
        wait_for(lambda: all("Kauf mit Preisvergleich" in text(url) for url in shown), 90)
        assert [url for url in shown if "Kauf mit Preisvergleich" not in text(url)] == [], log.read_text()
        index = json.loads(fetch(base + "search/search_index.json"))
        located = {entry["location"].partition("#")[0] for entry in index["docs"]}
        assert {"", "anderes/", "notizen/", "journeys/einkauf/", "personas/bernd/"} <= located
    finally:
        server.terminate()
        server.wait(timeout=30)
