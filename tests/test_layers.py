"""The package's layers, as ARCHITECTURE.md describes them: each imports only the layers below it."""

from __future__ import annotations

import ast
from pathlib import Path

import cjm_mkdocs

PACKAGE = Path(cjm_mkdocs.__file__).parent
LAYERS = ("core", "views", "render", "site", "cli", "plugin")
BELOW = {"core": set(), "views": {"core"}, "render": {"core", "views"}, "site": {"core", "views", "render"},
         "cli": {"core", "views", "render", "site"}, "plugin": {"core", "views", "render", "site"}}
"""What each layer may import from the package besides itself."""
MARKUP = {"jinja2", "markupsafe", "markdown", "nh3", "mkdocs", "material"}
OUTSIDE = {"core": MARKUP, "views": MARKUP, "render": {"jinja2", "mkdocs", "material"},
           "site": {"mkdocs", "material"}, "cli": {"mkdocs", "material"}, "plugin": set()}
"""Outside packages a layer must not import: only the plugin knows MkDocs; core and views know no markup."""


def imports(path: Path) -> set[str]:
    """Every module `path` imports, with package-relative imports made absolute."""
    module = path.relative_to(PACKAGE.parent).with_suffix("").parts
    here = module[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(here[: len(here) - node.level + 1]) if node.level else ""
            target = ".".join(part for part in (base, node.module or "") if part)
            found |= {f"{target}.{alias.name}" for alias in node.names} | {target}
    return found


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "cjm_mkdocs" and parts[1] in LAYERS else None


def test_every_module_sits_in_a_layer():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} == set(LAYERS)


def test_each_layer_imports_only_the_layers_below_it():
    wrong = []
    for layer in LAYERS:
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in imports(path):
                other = layer_of(name)
                if other and other != layer and other not in BELOW[layer]:
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
                if name.split(".")[0] in OUTSIDE[layer]:
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert wrong == []
