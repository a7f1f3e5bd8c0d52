"""Which Mermaid the site loads: by default its ES module build as module scripts, every file from the site,
and a page that draws diagrams names the modules it needs in its head (modulepreload) so that they come while
it is parsed; with mkdocs-mermaid2 the classic mermaid.min.js, which mermaid2 takes as its library."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from .checks import visit
from .sites import SHOWCASE, Site
from .web import Tab

ESM_FOLDER = "assets/cjm/mermaid/"
ESM_MAIN = ESM_FOLDER + "mermaid.esm.min.mjs"
CHUNKS = ESM_FOLDER + "chunks/mermaid.esm.min/"
# What mermaid-config.js (run as a module after the loader) adds: the theme rules to every initialisation and a
# print style to each of material's shadow roots.
CONFIGURED = """() => ({
  themeCSS: window.mermaid.mermaidAPI.getConfig().themeCSS || "",
  printStyle: [...document.querySelectorAll("div.mermaid")].every(d => [...d.shadowRoot.querySelectorAll("style")]
    .some(s => s.textContent.includes("@media print"))),
})"""


def mermaid_scripts(html: str) -> list[tuple[str, str | None]]:
    """The page's scripts that load or configure Mermaid: (src, type)."""
    scripts = BeautifulSoup(html, "html.parser").find_all("script", src=re.compile("mermaid"))
    return [(script["src"].rsplit("/", 1)[-1], script.get("type")) for script in scripts]


def preloads(html: str) -> list[str]:
    """The modules the page preloads (href as written)."""
    head = BeautifulSoup(html, "html.parser").head
    return [link["href"] for link in head.find_all("link", rel="modulepreload")]


def mermaid_requests(page: Tab, site: Site) -> list[str]:
    """What the page requested of the site's Mermaid files (mermaid-config.js included)."""
    return [url for url in page.requests if url.startswith(site.page_url("assets/cjm/mermaid"))]


def test_default_site_loads_mermaid_as_es_modules_from_the_site(sites, tab) -> None:
    site = sites.get("material")
    path = SHOWCASE["journey"]
    assert mermaid_scripts(site.html(path)) == [("mermaid-load.mjs", "module"), ("mermaid-config.js", "module")]
    chunks = sorted(p.name for p in (site.folder / CHUNKS).iterdir())
    assert (site.folder / ESM_MAIN).is_file() and len(chunks) > 50
    assert [name for name in chunks if not name.endswith(".mjs")] == [], "only the modules, no source maps"
    assert not (site.folder / "assets/cjm/mermaid.min.js").exists()
    preloaded = preloads(site.html(path))
    assert preloaded[0] == "../../" + ESM_MAIN and len(preloaded) > 10
    kinds = {re.sub(r"-\w+\.mjs$", "", href.rsplit("/", 1)[-1]) for href in preloaded}
    assert kinds >= {"journeyDiagram", "flowDiagram"}, "the chunks of the diagram types the plugin draws"
    assert [href for href in preloaded if not (site.folder / path / href).resolve().is_file()] == []
    assert preloads(site.html("personas/")) == [], "a page without diagrams preloads nothing"

    page = tab()
    diagrams = visit(page, site, path, journey=True)
    assert {d["kind"] for d in diagrams} == {"journey", "flowchart-v2"}
    mermaid = mermaid_requests(page, site)
    assert site.page_url(ESM_MAIN) in mermaid
    assert [url for url in mermaid if re.search(r"/journeyDiagram-\w+\.mjs$", url)] != [], "the diagram's chunk"
    assert len(mermaid) == len(set(mermaid)), "each module is fetched once, preloaded or not"
    assert [url for url in mermaid if not url.startswith(site.page_url(ESM_FOLDER))] == [
        site.page_url("assets/cjm/mermaid-load.mjs"), site.page_url("assets/cjm/mermaid-config.js")]
    configured = page.page.evaluate(CONFIGURED)
    assert "--md-mermaid-label-fg-color" in configured["themeCSS"] and configured["printStyle"], configured
    assert page.outside == [] and page.problems() == []


def test_mermaid2_site_loads_the_classic_mermaid(sites, tab) -> None:
    site = sites.get("mermaid2")
    path = SHOWCASE["journey"]
    assert mermaid_scripts(site.html(path)) == [("mermaid.min.js", None), ("mermaid-config.js", None)]
    assert not (site.folder / ESM_FOLDER).exists() and preloads(site.html(path)) == []
    page = tab()
    visit(page, site, path, journey=True)
    assert mermaid_requests(page, site) == [
        site.page_url("assets/cjm/mermaid.min.js"), site.page_url("assets/cjm/mermaid-config.js")]
    assert page.problems() == []
