"""The sites the browser suite visits: real `mkdocs build --strict` runs of copies of the project.

Each site is a copy of the repository's configuration, templates and content in a temporary folder,
built into a folder of the one local web server. When the configuration names a `site_url`, the copy
names the served address instead, as `mkdocs serve` does: mkdocs-material's instant navigation only
follows links its sitemap lists under the address the page was loaded from.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

import cjm_mkdocs
from cjm_mkdocs.core.catalog import Catalog
from cjm_mkdocs.core.loading import JourneyLoader
from conftest import ROOT, run_mkdocs
from git_repo import first_commit, git

HOSTILE_DATA = ROOT / "tests" / "fixtures" / "hostile"
PLUGIN_TEMPLATES = Path(cjm_mkdocs.__file__).parent / "templates"
CDN_SCRIPT = "https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.min.js"
CONFIGS = {"material": "mkdocs.yml", "mermaid2": "mkdocs-mermaid2.yml"}
MERMAID_BLOCK = re.compile(r'<(?:pre|div) class="mermaid"')
COPIED = ("content", "journeys", "overrides", *CONFIGS.values())
# The hand-written page of the hostile site: the journey embedded as hand-written pages do it.
HOSTILE_INDEX = """# Angriffe

<!-- cjm:diagram angriff -->

<!-- cjm:curve angriff -->

<!-- cjm:matrix angriff -->
"""


@dataclass(frozen=True)
class Site:
    """A built site: its output folder, the URL it is served under and the configuration it came from."""

    name: str
    renderer: str
    folder: Path
    url: str
    project: Path

    def page_url(self, path: str) -> str:
        return self.url + path

    def html(self, path: str) -> str:
        return (self.folder / path / "index.html").read_text(encoding="utf-8")

    def mermaid_blocks(self, path: str) -> int:
        """How many Mermaid diagrams the built page asks the browser to draw."""
        return len(MERMAID_BLOCK.findall(self.html(path)))

    def pages(self) -> list[str]:
        """Every page of the built site, as paths relative to its URL (``""`` for the home page)."""
        found = [p.parent.relative_to(self.folder).as_posix() for p in self.folder.rglob("index.html")]
        return sorted("" if path == "." else f"{path}/" for path in found)


def configured_site_url(config_name: str) -> str | None:
    """The `site_url` the repository's configuration sets, if any (inherited files included)."""
    with (ROOT / config_name).open("rb") as handle:
        return yaml_load(handle).get("site_url")


def build(name: str, renderer: str, project: Path, www: Path, base_url: str, *, hostile: bool = False,
          sabotaged: bool = False, csp: bool = True, history: bool = False) -> Site:
    """Copy the project, point it at the served address, build it strictly into ``www/<name>``.

    `history` makes the copy a git repository (see :func:`make_history`), so pages show what changed.

    `hostile` swaps in the hostile data; `sabotaged` breaks the site on purpose (see :func:`sabotage`); such a
    site with its Content-Security-Policy builds with warnings (about the injected scripts), so not strictly.
    `csp=False` switches the policy off.
    """
    _copy_project(project, hostile)
    if history:
        make_history(project)
    config = CONFIGS[renderer]
    url = f"{base_url}{name}/"
    settings: dict[str, object] = {"INHERIT": config}
    if configured_site_url(config):
        settings["site_url"] = url
    if hostile:
        settings["nav"] = [{"Start": "index.md"}]
    if sabotaged:
        settings.update(sabotage(project))
    if not csp:
        settings["plugins"] = without_csp(config)
    wrapper = project / "served.yml"
    wrapper.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    result = run_mkdocs(wrapper, "-d", str(www / name), *(["--no-strict"] if sabotaged and csp else []))
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build --strict of the {name} site failed:\n{result.stdout}{result.stderr}")
    return Site(name, renderer, www / name, url, project)


RERATED = {"okay": "disappointing", "disappointing": "okay", "delighting": "okay"}


def make_history(project: Path) -> None:
    """Make the project copy a git repository: everything in a first commit, then one a few days ago that rerates the
    first step of the showcase journey after its last review (so its page shows the earlier curve)."""
    first_commit(project, "Die Journeys von 2026", day="2026-01-02T09:00:00")
    journey = project / "journeys" / "maps" / f"{SHOWCASE['journey'].split('/')[1]}.yml"
    text = journey.read_text(encoding="utf-8")
    rating = re.search(r"^(\s+rating: )(\w+)", text, flags=re.MULTILINE)
    assert rating, f"{journey} has no step rating to change"
    new = RERATED.get(rating[2]) or str(int(rating[2]) % 5 + 1)
    journey.write_text(text[:rating.start(2)] + new + text[rating.end(2):], encoding="utf-8")
    day = (dt.date.today() - dt.timedelta(days=5)).isoformat()
    git(project, "commit", "--quiet", "-am", "Nach dem Workshop neu bewertet", day=f"{day}T09:00:00")


def without_csp(config_name: str) -> list:
    """The configuration's `plugins`, with the cjm plugin's Content-Security-Policy switched off."""
    with (ROOT / config_name).open("rb") as handle:
        plugins = yaml_load(handle)["plugins"]
    return [{"cjm": {**entry["cjm"], "csp": False}} if isinstance(entry, dict) and "cjm" in entry else entry
            for entry in plugins]


def sabotage(project: Path) -> dict[str, object]:
    """Break a site copy the way a regression would: a matrix template that stops escaping the does, thinks and
    feels rows (a site override, as `overrides/cjm/` allows), and a script from a CDN. Returns the config keys."""
    template = PLUGIN_TEMPLATES / "partials" / "matrix.html.j2"
    text = template.read_text(encoding="utf-8")
    broken = text.replace("step[key] | html_text", "step[key] | safe")
    assert broken != text, f"{template} no longer escapes the rows as this sabotage expects"
    override = project / "overrides" / "cjm" / "partials" / "matrix.html.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(broken, encoding="utf-8")
    return {"extra_javascript": [CDN_SCRIPT]}


def _copy_project(project: Path, hostile: bool) -> None:
    for item in COPIED:
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, project / item)
        else:
            shutil.copy2(source, project / item)
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    if hostile:
        shutil.rmtree(project / "journeys")
        shutil.rmtree(project / "content")
        shutil.copytree(HOSTILE_DATA, project / "journeys", ignore=shutil.ignore_patterns("README.md"))
        (project / "content").mkdir()
        (project / "content" / "index.md").write_text(HOSTILE_INDEX, encoding="utf-8")


def load_catalog(data_dir: Path) -> Catalog:
    catalog, problems = JourneyLoader(data_dir).load()
    assert not [p for p in problems if p.severity == "error"], problems
    return catalog


def generated_pages(data_dir: Path) -> list[str]:
    """The pages a site must generate from `data_dir`: the three sections and one per journey, persona, department."""
    catalog = load_catalog(data_dir)
    pages = [f"{section}/" for section in ("journeys", "personas", "departments")]
    for section, items in (("journeys", catalog.journeys), ("personas", catalog.personas),
                           ("departments", catalog.departments)):
        pages += [f"{section}/{item}/" for item in items]
    return pages


def written_pages(content_dir: Path) -> list[str]:
    """The pages of the hand-written Markdown files in `content_dir`."""
    pages = []
    for page in content_dir.rglob("*.md"):
        stem = page.relative_to(content_dir).with_suffix("").as_posix()
        pages.append("" if stem == "index" else stem.removesuffix("index") if stem.endswith("/index") else f"{stem}/")
    return pages


def showcase(catalog: Catalog) -> dict[str, str]:
    """One page of each kind to look at closely: the start page, a branching journey (two diagrams), its persona, and
    the dashboard of the department owning the most pain points."""
    journeys = sorted(catalog.journeys.values(), key=lambda j: (not any(s.next for s in j.steps), j.id))
    journey = journeys[0]
    owners = Counter(pain.department for j in catalog.journeys.values() for _, pain in j.pain_points)
    return {"start": "", "catalog": "journeys/", "journey": f"journeys/{journey.id}/",
            "persona": f"personas/{journey.personas[0]}/", "department": f"departments/{owners.most_common(1)[0][0]}/"}


SAMPLE_PAGES = sorted(generated_pages(ROOT / "journeys") + written_pages(ROOT / "content"))
HOSTILE_PAGES = sorted(["", *generated_pages(HOSTILE_DATA)])  # "": its one hand-written page, HOSTILE_INDEX
SHOWCASE = showcase(load_catalog(ROOT / "journeys"))
