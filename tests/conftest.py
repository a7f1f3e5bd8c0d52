"""Shared fixtures: real MkDocs sites built from journey data in temporary folders.

`build_site(tmp_path, data, extra_config)` writes a project (mkdocs.yml, journeys/, content/) and runs
`mkdocs build --strict` in a subprocess, exactly as an editor would; `sample_site` is the repository's
own sample built once per session.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, settings
from playwright.sync_api import Browser, sync_playwright

from cjm_mkdocs.render.hyphenation import SOFT_HYPHEN

# Hypothesis: in CI (whenever CI is set, as CI systems and .ci/run do) every run draws the same
# examples and reads or writes no example database, so a run can't fail on what an earlier one
# stored, and a failure prints the blob that reproduces it. Locally ("dev", Hypothesis' defaults)
# each run draws new examples and replays the failures stored in .hypothesis/.
# `pytest --hypothesis-profile NAME` picks a profile by hand.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
# Hypothesis has loaded its own "ci" profile already when it saw CI set: "dev" starts from its defaults.
settings.register_profile("dev", settings.get_profile("default"))
settings.load_profile("ci" if "CI" in os.environ else "dev")

ROOT = Path(__file__).resolve().parents[1]
MERMAID_JS = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
TODAY = dt.date(2026, 6, 1)

# The parts of mkdocs.yml that need Python tags; a test's own settings inherit from it.
BASE_CONFIG = """\
site_name: Testseite
docs_dir: content
site_dir: site
theme:
  name: material
  font: false
  features: [navigation.instant, navigation.sections, navigation.indexes]
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
  links:
    not_found: warn
"""


@dataclass
class BuiltSite:
    """A project folder after `mkdocs build`: its output, exit code and log."""

    root: Path
    returncode: int
    log: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, url: str = "") -> str:
        """The HTML of the page at `url` (a directory URL such as ``journeys/x/``)."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")

    def soup(self, url: str = "") -> BeautifulSoup:
        """The page parsed, without the soft hyphens of narrow table columns (they are no text)."""
        return BeautifulSoup(self.html(url).replace(SOFT_HYPHEN, ""), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))


class PythonName(str):
    """A `!!python/name:` value in mkdocs.yml, e.g. a superfences format function."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(PythonName, lambda dumper, value: dumper.represent_scalar(
    f"tag:yaml.org,2002:python/name:{value}", ""))


def dump(value: object) -> str:
    """YAML text for a test's data or config (dicts, lists, :class:`PythonName`), or the string itself."""
    if isinstance(value, str):
        return value
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def write_project(root: Path, data: Mapping[str, object], docs: Mapping[str, str],
                  config: Mapping[str, object]) -> Path:
    """Write journeys/, content/ and mkdocs.yml (inheriting :data:`BASE_CONFIG`); return mkdocs.yml. A file's content
    is bytes (a media file), text, or an object written as YAML."""
    for folder, files in (("journeys", data), ("content", docs)):
        for name, content in files.items():
            path = root / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(dump(content), encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    (root / "base.yml").write_text(BASE_CONFIG, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(dump({"INHERIT": "base.yml", **config}), encoding="utf-8")
    return config_file


def run_mkdocs(config_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict -f config_file`, offline banner off, output captured."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), *args]
    return subprocess.run(command, cwd=config_file.parent, env=env, capture_output=True, text=True, timeout=300)


def make_project(tmp_path: Path, data: Mapping[str, object] | None = None,
                 extra_config: Mapping[str, object] | None = None, *, plugin: Mapping[str, object] | None = None,
                 more_plugins: Sequence[object] = (), docs: Mapping[str, str] | None = None,
                 name: str = "project") -> Path:
    """Write a project from `data` (journeys/ path → YAML object or text; default :func:`sample_data`).

    `plugin` options go to the `cjm` plugin (defaults: the local Mermaid, today = :data:`TODAY`), listed after
    `search` and before `more_plugins`; `extra_config` holds further mkdocs.yml keys (`docs` the content pages).
    Returns the path of mkdocs.yml.
    """
    options = {"mermaid_js": str(MERMAID_JS), "today": TODAY, **(plugin or {})}
    config = {"plugins": ["search", {"cjm": options}, *more_plugins], **(extra_config or {})}
    return write_project(tmp_path / name, sample_data() if data is None else data,
                         {"index.md": "# Start\n"} if docs is None else docs, config)


def build_site(tmp_path: Path, data: Mapping[str, object] | None = None,
               extra_config: Mapping[str, object] | None = None, **options: object) -> BuiltSite:
    """:func:`make_project`, then `mkdocs build --strict` on it."""
    config_file = make_project(tmp_path, data, extra_config, **options)
    result = run_mkdocs(config_file)
    return BuiltSite(config_file.parent, result.returncode, result.stdout + result.stderr)


@pytest.fixture(name="build_site")
def build_site_fixture() -> object:
    """The :func:`build_site` helper."""
    return build_site


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's sample (mkdocs.yml, journeys/, content/) built with --strict."""
    out = tmp_path_factory.mktemp("sample")
    result = run_mkdocs(ROOT / "mkdocs.yml", "-d", str(out / "site"))
    return BuiltSite(out, result.returncode, result.stdout + result.stderr)


@pytest.fixture
def data() -> Iterator[dict[str, object]]:
    """A fresh copy of :func:`sample_data` a test may change."""
    yield sample_data()


def sample_data() -> dict[str, object]:
    """A small corpus with every feature: inherited departments, branches, a target journey, evidence."""
    return copy.deepcopy(_SAMPLE)


def lifecycle_data() -> dict[str, object]:
    """:func:`sample_data` with a lifecycle `leben` whose steps zoom into `kauf` and `einkauf` (one step each and
    one step both)."""
    data = sample_data()
    data["maps/leben.yml"] = {
        "title": "Kundenlebenszyklus", "personas": ["anna", "bernd"], "segment": "Alle",
        "scenario": "Vom ersten Kauf bis zur Kündigung", "start": "Bedarf", "end": "Verlängert oder gekündigt",
        "department": "marketing", "status": "published", "last_reviewed": dt.date(2026, 6, 1),
        "stages": [
            {"id": "kunde-werden", "name": "Kunde werden", "steps": [
                {"id": "erster-kauf", "name": "Erster Kauf", "rating": 4, "details": ["kauf", "einkauf"]},
                {"id": "konto", "name": "Konto anlegen", "rating": 3}]},
            {"id": "hilfe", "name": "Hilfe bekommen", "steps": [
                {"id": "anfrage", "name": "Anfrage stellen", "rating": 2, "details": ["einkauf"]}]},
        ],
    }
    return data


_SAMPLE: dict[str, object] = {
    "departments.yml": {"departments": [
        {"id": "marketing", "name": "Marketing", "description": "Kampagnen und Website"},
        {"id": "service", "name": "Kundenservice", "lead": "Aylin Demir"},
        {"id": "it", "name": "IT"},
        {"id": "recht", "name": "Recht"},
    ]},
    "personas/anna.yml": {
        "name": "Anna Schneider", "segment": "Privatkunden", "description": "Preisbewusste Online-Käuferin",
        "demographics": {"Alter": 34, "Beruf": "Lehrerin"}, "goals": ["Günstig kaufen"],
        "needs": ["Klare Preise"], "pain_points": ["Versteckte Kosten"], "channels": ["Preisportal", "Shop"],
        "quote": "Ich vergleiche immer erst.", "last_reviewed": dt.date(2026, 1, 10),
    },
    "personas/bernd.yml": {"name": "Bernd Bauer", "segment": "Geschäftskunden", "description": "Einkäufer"},
    "maps/kauf.yml": {
        "title": "Kauf über Preisvergleich", "personas": ["anna"], "segment": "Privatkunden",
        "scenario": "Anna sucht einen Staubsauger", "start": "Suche im Portal", "end": "Bewertung",
        "department": "marketing", "status": "published", "last_reviewed": dt.date(2026, 3, 1),
        "stages": [
            {"id": "awareness", "steps": [
                {"id": "angebot-sehen", "name": "Sieht Angebot", "does": "Vergleicht Preise",
                 "thinks": "Ist das seriös?", "feels": "neugierig", "rating": "okay",
                 "touchpoints": [{"channel": "Preisportal", "important": True},
                                 {"channel": "Bewertungen", "department": "service"}],
                 "pain_points": [{"id": "versand-unklar", "text": "Versandkosten unklar", "severity": "high",
                                  "department": "service"},
                                 {"text": "Feed veraltet", "severity": "critical"}],
                 "love_points": [{"text": "Guter Preis", "severity": "high"}],
                 "opportunities": ["Versand im Feed"],
                 "backstage": [{"process": "Feed-Export", "system": "PIM", "department": "it"}],
                 "evidence": [{"quote": "Ich will den Endpreis sehen.", "source": "Interview 3"},
                              {"document": "https://intranet.example.com/studie.pdf", "caption": "Studie"}],
                 "next": ["bestellen", "abbrechen"]},
                {"id": "abbrechen", "name": "Bricht ab", "rating": "disappointing", "department": "service",
                 "touchpoints": [{"channel": "Hotline", "medium": "physical"}],
                 "pain_points": [{"text": "Niemand erreichbar"}]},
            ]},
            {"id": "purchase", "steps": [
                {"id": "bestellen", "name": "Bestellt", "rating": "delighting", "moment_of_truth": True,
                 "does": "Bezahlt per Rechnung", "touchpoints": [{"channel": "Shop", "name": "Kasse"}]},
            ]},
        ],
        "measures": [
            {"id": "feed", "title": "Versandkosten im Feed", "addresses": ["versand-unklar"], "department": "it",
             "effort": "low", "impact": "high", "status": "done"},
            {"title": "Hotline verstärken", "addresses": ["abbrechen"], "effort": "high", "status": "planned"},
        ],
        "kpis": [{"name": "Conversion", "definition": "Käufe je Besuch", "source": "Analytics", "target": 3.5,
                  "current": 2.1, "unit": "%", "department": "marketing"}],
    },
    "maps/kauf.md": "## Worum es geht\n\nAnna kauft **günstig**.\n",
    "maps/kauf-soll.yml": {
        "title": "Kauf über Preisvergleich (Soll)", "personas": ["anna"], "segment": "Privatkunden",
        "scenario": "Anna kauft ohne Überraschung", "start": "Suche im Portal", "end": "Bewertung",
        "department": "marketing", "kind": "target", "improves": "kauf", "last_reviewed": dt.date(2024, 1, 1),
        "stages": [
            {"id": "awareness", "steps": [{"id": "angebot-sehen", "name": "Sieht Angebot", "rating": "delighting"}]},
            {"id": "purchase", "steps": [{"id": "bestellen", "name": "Bestellt", "rating": "delighting"},
                                         {"id": "bewerten", "name": "Bewertet", "rating": "okay"}]},
        ],
    },
    "maps/einkauf.yml": {
        "title": "Einkauf für die Firma", "personas": ["bernd"], "segment": "Geschäftskunden",
        "scenario": "Bernd bestellt Material", "start": "Bedarf", "end": "Rechnung", "department": "service",
        "last_reviewed": dt.date(2026, 5, 1),
        "stages": [{"id": "bedarf", "name": "Bedarf klären", "steps": [
            {"name": "Fragt an", "rating": 2, "touchpoints": [{"channel": "E-Mail"}]},
            {"name": "Erhält Angebot", "rating": 4, "backstage": [{"process": "Angebot schreiben"}]},
        ]}],
    },
}


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's chromium, driven by Playwright; one per test session (Playwright's sync API allows one)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
