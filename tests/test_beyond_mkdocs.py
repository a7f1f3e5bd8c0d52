"""A future beyond MkDocs 1.6: the plugin under ProperDocs, and `cjm generate` published by Zensical."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
JOURNEYS = sorted(p.stem for p in (REPO / "journeys/maps").glob("*.yml"))

ZENSICAL_CONFIG = """\
site_name: Journeys
docs_dir: docs
theme:
  font: false
extra_css: [assets/cjm/cjm.css]
extra_javascript: [assets/cjm/mermaid.min.js, assets/cjm/mermaid-config.js, assets/cjm/catalog-filter.js]
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV, timeout=600)


def test_plugin_builds_the_sample_unchanged_under_properdocs(tmp_path):
    result = run(str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path / "site"), cwd=REPO)
    assert result.returncode == 0, result.stderr
    for journey in JOURNEYS:
        html = (tmp_path / "site/journeys" / journey / "index.html").read_text(encoding="utf-8")
        assert '<table class="cjm-matrix' in html and 'class="mermaid"' in html
    assert (tmp_path / "site/assets/cjm/mermaid/mermaid.esm.min.mjs").is_file()
    assert '<script src="../../assets/cjm/mermaid-load.mjs" type="module">' in html


def test_generated_markdown_is_published_by_zensical(tmp_path):
    docs = tmp_path / "docs"
    generated = run(str(BIN / "cjm"), "generate", "journeys", "--out", str(docs), "--pages", "content", cwd=REPO)
    assert generated.returncode == 0, generated.stderr
    assert "<!-- cjm:" not in (docs / "einstieg.md").read_text(encoding="utf-8")
    assert (docs / "assets/screenshots/journey-light.png").read_bytes() == (
        REPO / "content/assets/screenshots/journey-light.png").read_bytes()
    (tmp_path / "mkdocs.yml").write_text(ZENSICAL_CONFIG, encoding="utf-8")
    built = run(shutil.which("zensical", path=str(BIN)) or "zensical", "build", cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    for journey in JOURNEYS:
        html = (tmp_path / "site/journeys" / journey / "index.html").read_text(encoding="utf-8")
        assert '<table class="cjm-matrix' in html and 'class="mermaid"' in html, journey
    assert sorted(p.name for p in (tmp_path / "site/personas").iterdir() if p.is_dir()) == sorted(
        p.stem for p in (REPO / "journeys/personas").glob("*.yml"))
    assert (tmp_path / "site/assets/cjm/mermaid.min.js").stat().st_size > 1_000_000
    welcome = (tmp_path / "site/einstieg/index.html").read_text(encoding="utf-8")
    assert 'class="mermaid"' in welcome and '<svg xmlns="http://www.w3.org/2000/svg" class="cjm-curve"' in welcome


def test_generate_and_the_plugin_add_the_same_files(tmp_path):
    """Both take them from one site plan: every generated page, download and asset of the plugin's build."""
    docs = tmp_path / "docs"
    generated = run(str(BIN / "cjm"), "generate", "journeys", "--out", str(docs), cwd=REPO)
    assert generated.returncode == 0, generated.stderr
    built = run(str(BIN / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "site"), cwd=REPO)
    assert built.returncode == 0, built.stderr
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
    pages = {uri for uri in written if uri.endswith(".md")}
    assert len(pages) > 20 and all((tmp_path / "site" / uri.removesuffix(".md") / "index.html").is_file()
                                   or (tmp_path / "site" / uri.replace("index.md", "index.html")).is_file() for uri in pages)
    for uri in written - pages - {"assets/cjm/mermaid.min.js"}:
        assert (docs / uri).read_bytes() == (tmp_path / "site" / uri).read_bytes(), uri


def test_generate_expands_embeds_and_reports_every_broken_one(tmp_path):
    pages = tmp_path / "pages"
    (pages / "journeys").mkdir(parents=True)
    (pages / "team.md").write_text("# Team\n\n<!-- cjm:matrix nope -->\n\n<!-- cjm:curv x -->\n", encoding="utf-8")
    (pages / "journeys/index.md").write_text("# Mine\n", encoding="utf-8")
    (pages / "latin1.md").write_bytes("# Übersicht\n".encode("latin-1"))
    result = run(str(BIN / "cjm"), "generate", "journeys", "--out", str(tmp_path / "docs"), "--pages", str(pages),
                 "--language", "en", cwd=REPO)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{pages}/journeys/index.md would hide a page cjm generates" in result.stderr
    assert f"{pages}/team.md:3: cjm:matrix names no journey `nope`" in result.stderr
    assert f"{pages}/team.md:5: `cjm:curv` is no embed; did you mean `curve`?" in result.stderr
    assert f"{pages}/latin1.md: is not UTF-8 text" in result.stderr
    assert not (tmp_path / "docs").exists()


def test_generate_keeps_existing_files(tmp_path):
    docs = tmp_path / "docs"
    (docs / "journeys").mkdir(parents=True)
    (docs / "journeys/stoerung-stromausfall.md").write_text("mine", encoding="utf-8")
    result = run(str(BIN / "cjm"), "generate", "journeys", "--out", str(docs), "--language", "en", cwd=REPO)
    assert result.returncode == 0 and "stoerung-stromausfall.md: kept" in result.stdout
    assert (docs / "journeys/stoerung-stromausfall.md").read_text(encoding="utf-8") == "mine"
