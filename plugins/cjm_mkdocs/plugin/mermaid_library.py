"""The Mermaid library the site serves: its files and the scripts that load it.

By default Mermaid's ES module build: `mermaid.esm.min.mjs` and its chunks, from the `dist/` folder of the
configured `mermaid_js`, kept in that folder layout (the chunks import each other by relative URL). The plugin's
loader module puts it on `window.mermaid`; module scripts run in document order before DOMContentLoaded, so
mermaid-config.js wraps it next and mkdocs-material finds it there (and fetches no Mermaid of its own). Mermaid
loads a diagram type's chunk only when a page draws one: less to evaluate than the 3 MB `mermaid.min.js`.
extra_javascript sits at the end of the body, where the browser would find the module graph only once the whole
page is parsed; so a page that draws diagrams names the modules it needs in its head (`modulepreload`), and the
browser fetches them while it parses.

mkdocs-mermaid2 takes the first script named "mermaid" as its library and needs the classic build, so with it
(or `mermaid_esm: false`) the site serves `mermaid.min.js` as a classic script, as before.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import PluginCollection
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from ..core.messages import t
from ..site.pages import ASSETS
from ..site.plan import MERMAID_CONFIG, MERMAID_LOADER

ESM = "mermaid.esm.min.mjs"
ESM_CHUNKS = "chunks/mermaid.esm.min"
ESM_FOLDER = f"{ASSETS}/mermaid"
CLASSIC = f"{ASSETS}/mermaid.min.js"
DRAWN = ("journeyDiagram", "flowDiagram")
"""The chunks (name up to its hash) of the diagram types the plugin draws: journeys and the paths flowchart."""
STATIC_IMPORT = re.compile(r'(?:\bfrom|\bimport)\s*"(\.{1,2}/[^"]+\.mjs)"')
"""A module's static imports (`import(...)`, Mermaid's lazy loading, has a parenthesis and is left out)."""
DRAWS_DIAGRAMS = 'class="mermaid"'


@dataclass(frozen=True)
class MermaidLibrary:
    """`library`: the configured mermaid.min.js (None: the site brings its own Mermaid); `esm`: serve the ES
    module build beside it instead."""

    library: Path | None
    esm: bool

    @classmethod
    def configured(cls, mermaid_js: str, esm: bool, base: Path, plugins: PluginCollection) -> MermaidLibrary:
        """The library the plugin options ask for; always the classic one when mkdocs-mermaid2 renders."""
        return cls(base / mermaid_js if mermaid_js else None, esm and "mermaid2" not in plugins)

    def scripts(self) -> list[str | ExtraScriptValue]:
        """The `extra_javascript` entries, in order: Mermaid, then mermaid-config.js."""
        if self.library is None:
            return [f"{ASSETS}/{MERMAID_CONFIG}"]
        if not self.esm:
            return [CLASSIC, f"{ASSETS}/{MERMAID_CONFIG}"]
        return [_module(f"{ASSETS}/{MERMAID_LOADER}"), _module(f"{ASSETS}/{MERMAID_CONFIG}")]

    def own_assets(self) -> list[str]:
        """The plugin's own files (in its `assets/`) that come with this library."""
        return [MERMAID_LOADER, MERMAID_CONFIG] if self.library is not None and self.esm else [MERMAID_CONFIG]

    def files(self) -> dict[str, Path]:
        """Site URI → source file of each file of the library; a PluginError names the first one missing."""
        if self.library is None:
            return {}
        if not self.library.is_file():
            raise PluginError(t("the Mermaid library is missing: {path} (`mermaid_js` option); install it with "
                                "`npm ci`, or set `mermaid_js: ''` to let the site load Mermaid itself", path=self.library))
        return self._esm_files(self.library.parent) if self.esm else {CLASSIC: self.library}

    def preloads(self) -> list[str]:
        """Site URIs of the modules a page needs to draw journeys and flowcharts: the ES module build, the chunks
        of those diagram types, and every module they import statically. None with the classic build."""
        if self.library is None or not self.esm:
            return []
        dist = self.library.parent
        drawn = [f"{ESM_CHUNKS}/{path.name}" for name in DRAWN
                 for path in sorted((dist / ESM_CHUNKS).glob(f"{name}-*.mjs"))]
        return [f"{ESM_FOLDER}/{name}" for name in _with_imports(dist, [ESM, *drawn])]

    @staticmethod
    def _esm_files(dist: Path) -> dict[str, Path]:
        main, chunks = dist / ESM, sorted((dist / ESM_CHUNKS).glob("*.mjs"))
        missing = main if not main.is_file() else dist / ESM_CHUNKS if not chunks else None
        if missing:
            raise PluginError(t("Mermaid's ES module build is missing: {path} (beside `mermaid_js`); install it with "
                                "`npm ci`, or set `mermaid_esm: false` to serve mermaid.min.js alone", path=missing))
        return {f"{ESM_FOLDER}/{ESM}": main, **{f"{ESM_FOLDER}/{ESM_CHUNKS}/{c.name}": c for c in chunks}}


def with_preloads(html: str, uris: list[str], page: Page) -> str:
    """The page with a `modulepreload` link to each of `uris` at the end of its head, if it draws diagrams."""
    if not uris or DRAWS_DIAGRAMS not in html:
        return html
    links = "".join(f'<link rel="modulepreload" href="{escape(normalize_url(uri, page))}">' for uri in uris)
    return html.replace("</head>", f"{links}</head>", 1)


def _with_imports(dist: Path, names: list[str]) -> list[str]:
    """`names` (paths in `dist`) and every module they import statically, each once."""
    found: dict[str, None] = {}
    todo = list(names)
    while todo:
        name = todo.pop(0)
        if name not in found and (dist / name).is_file():
            found[name] = None
            folder = posixpath.dirname(name)
            imports = STATIC_IMPORT.findall((dist / name).read_text(encoding="utf-8"))
            todo += [posixpath.normpath(posixpath.join(folder, imported)) for imported in imports]
    return list(found)


def _module(path: str) -> ExtraScriptValue:
    script = ExtraScriptValue(path)
    script.type = "module"
    return script
