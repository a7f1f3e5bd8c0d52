"""The three sites the benchmark builds from one corpus.

- `mkdocs.yml`: the corpus with the cjm plugin, configured like the sample site;
- `mkdocs-mermaid2.yml`: the same with mkdocs-mermaid2-plugin, like the repo's `mkdocs-mermaid2.yml`;
- `baseline/mkdocs.yml`: no cjm plugin; the pages, assets and navigation the plugin
  generates, written out as plain files (taken from the plugin's own `on_config` and
  `on_files`, which assemble them with :mod:`cjm_mkdocs.site.pages`), each page whole: with the
  HTML blocks the plugin holds back from Markdown in place.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.structure.files import get_files

REPO = Path(__file__).resolve().parent.parent
MERMAID_JS = REPO / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
TODAY = dt.date(2026, 6, 1)
FEATURES = ("navigation.instant", "navigation.sections", "navigation.indexes", "navigation.prune",
            "navigation.top", "search.highlight")
NATIVE_FENCE = "pymdownx.superfences.fence_code_format"
MERMAID2_FENCE = "mermaid2.fence_mermaid"


def config_text(*, plugins: str, fence: str = NATIVE_FENCE, features: tuple[str, ...] = FEATURES,
                docs_dir: str = "docs", extra: str = "") -> str:
    """A mkdocs.yml like the sample site's: material without web fonts, Mermaid fences."""
    return f"""site_name: CJM Benchmark
docs_dir: {docs_dir}
theme:
  name: material
  language: de
  font: false
  features: {json.dumps(list(features))}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:{fence}
{extra}plugins:
{plugins}"""


def cjm_plugin() -> str:
    """The plugin entries: search and cjm, with the repo's local mermaid and a fixed review date."""
    return (f"  - search:\n      lang: de\n  - cjm:\n      data_dir: journeys\n      language: de\n"
            f"      today: {TODAY.isoformat()}\n      mermaid_js: {json.dumps(str(MERMAID_JS))}\n"
            "      preview: !ENV [CJM_PREVIEW, '']\n")


def write_mermaid2(root: Path) -> Path:
    """`mkdocs-mermaid2.yml`: mermaid2 takes the plugin's local mermaid.min.js (no download, no URL check)."""
    plugins = cjm_plugin() + "  - mermaid2:\n      arguments:\n        securityLevel: strict\n"
    features = tuple(f for f in FEATURES if f != "navigation.instant")
    path = root / "mkdocs-mermaid2.yml"
    path.write_text(config_text(plugins=plugins, fence=MERMAID2_FENCE, features=features), encoding="utf-8")
    return path


def write_baseline(root: Path) -> tuple[Path, int]:
    """The plugin's generated pages and nav as a plain material site; returns its config and page count."""
    config = load_config(str(root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    base = root / "baseline"
    docs = base / "docs"
    generated = [f for f in files if f.generated_by]
    held = config.plugins["cjm"].held
    for file in [*files.documentation_pages(), *generated]:
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        blocks = held.get(file.src_uri)
        target.write_bytes(blocks.restore(file.content_string).encode() if blocks else file.content_bytes)
    extra = yaml.safe_dump({"nav": config.nav, "extra_css": list(config.extra_css),
                            "extra_javascript": [_script(script) for script in config.extra_javascript]},
                           allow_unicode=True, sort_keys=False)
    path = base / "mkdocs.yml"
    path.write_text(config_text(plugins="  - search:\n      lang: de\n", extra=extra), encoding="utf-8")
    return path, sum(f.src_uri.endswith(".md") for f in generated)


def _script(script: str | ExtraScriptValue) -> str | dict[str, object]:
    """An `extra_javascript` entry as mkdocs.yml writes it (module scripts keep their type)."""
    return script if isinstance(script, str) else dict(script)
