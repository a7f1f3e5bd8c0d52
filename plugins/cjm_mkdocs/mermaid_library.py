"""The Mermaid library the site serves: its files and the scripts that load it.

By default Mermaid's ES module build: `mermaid.esm.min.mjs` and its chunks, from the `dist/` folder of the
configured `mermaid_js`, kept in that folder layout (the chunks import each other by relative URL). The plugin's
loader module puts it on `window.mermaid`; module scripts run in document order before DOMContentLoaded, so
mermaid-config.js wraps it next and mkdocs-material finds it there (and fetches no Mermaid of its own). Mermaid
loads a diagram type's chunk only when a page draws one: less to evaluate than the 3 MB `mermaid.min.js`.

mkdocs-mermaid2 takes the first script named "mermaid" as its library and needs the classic build, so with it
(or `mermaid_esm: false`) the site serves `mermaid.min.js` as a classic script, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import PluginCollection

from .pages import ASSETS

CONFIG = "mermaid-config.js"
"""The plugin's script that wraps Mermaid's initialize and render (classic or module)."""
LOADER = "mermaid-load.mjs"
"""The plugin's loader module; it imports `mermaid/` + :data:`ESM`, relative to itself in :data:`ASSETS`."""
ESM = "mermaid.esm.min.mjs"
ESM_CHUNKS = "chunks/mermaid.esm.min"
ESM_FOLDER = f"{ASSETS}/mermaid"
CLASSIC = f"{ASSETS}/mermaid.min.js"


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
            return [f"{ASSETS}/{CONFIG}"]
        if not self.esm:
            return [CLASSIC, f"{ASSETS}/{CONFIG}"]
        return [_module(f"{ASSETS}/{LOADER}"), _module(f"{ASSETS}/{CONFIG}")]

    def own_assets(self) -> list[str]:
        """The plugin's own files (in its `assets/`) that come with this library."""
        return [LOADER, CONFIG] if self.library is not None and self.esm else [CONFIG]

    def files(self) -> dict[str, Path]:
        """Site URI → source file of each file of the library; a PluginError names the first one missing."""
        if self.library is None:
            return {}
        if not self.library.is_file():
            raise PluginError(f"the Mermaid library is missing: {self.library} (`mermaid_js` option); install it "
                              "with `npm ci`, or set `mermaid_js: ''` to let the site load Mermaid itself")
        return self._esm_files(self.library.parent) if self.esm else {CLASSIC: self.library}

    @staticmethod
    def _esm_files(dist: Path) -> dict[str, Path]:
        main, chunks = dist / ESM, sorted((dist / ESM_CHUNKS).glob("*.mjs"))
        missing = main if not main.is_file() else dist / ESM_CHUNKS if not chunks else None
        if missing:
            raise PluginError(f"Mermaid's ES module build is missing: {missing} (beside `mermaid_js`); install it "
                              "with `npm ci`, or set `mermaid_esm: false` to serve mermaid.min.js alone")
        return {f"{ESM_FOLDER}/{ESM}": main, **{f"{ESM_FOLDER}/{ESM_CHUNKS}/{c.name}": c for c in chunks}}


def _module(path: str) -> ExtraScriptValue:
    script = ExtraScriptValue(path)
    script.type = "module"
    return script
