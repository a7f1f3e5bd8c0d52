"""The project's real Mermaid in headless Chromium: parse and render diagram source.

Import the `mermaid` fixture into a test module (``from mermaid_parse import mermaid``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[1]
MERMAID_JS = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
MERMAID_CONFIG_JS = ROOT / "plugins" / "cjm_mkdocs" / "assets" / "mermaid-config.js"

# Parses, renders, then reads the rendered SVG back from the DOM.
CHECK_JS = """async (text) => {
  const result = {error: null, svg: null, texts: {}, edges: 0, moments: [], faces: []};
  try { await mermaid.parse(text); } catch (e) { result.error = String(e && e.message || e); return result; }
  let svg;
  try { svg = (await mermaid.render('diagram' + (++window.renderCount), text)).svg; }
  catch (e) { result.error = 'render: ' + String(e && e.message || e); return result; }
  result.svg = svg;
  const box = document.createElement('div');
  box.innerHTML = svg;
  document.body.append(box);
  const read = (selector) => [...box.querySelectorAll(selector)].map((el) => el.textContent.trim());
  result.texts = {
    title: read('svg > text:not(.legend)'),
    sections: read('switch > text.journey-section'),
    tasks: read('switch > text.task'),
    actors: read('text.legend'),
    nodes: read('g.node .nodeLabel'),
    clusters: read('g.cluster .nodeLabel'),
  };
  result.faces = [...box.querySelectorAll('circle.face')].map((el) => Number(el.getAttribute('cy')));
  result.edges = box.querySelectorAll('path.flowchart-link').length;
  result.moments = [...box.querySelectorAll('g.node.moment .nodeLabel')].map((el) => el.textContent.trim());
  box.remove();
  return result;
}"""


@dataclass
class Diagram:
    """What Mermaid made of a diagram source: an error, or the SVG, its texts and shapes.

    `faces` are the vertical positions of the journey's score faces (higher score, smaller y).
    """

    error: str | None
    svg: str | None
    texts: dict[str, list[str]] = field(default_factory=dict)
    edges: int = 0
    moments: list[str] = field(default_factory=list)
    faces: list[float] = field(default_factory=list)


class MermaidRunner:
    """Parses and renders Mermaid source in one browser page."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def check(self, text: str) -> Diagram:
        return Diagram(**self.page.evaluate(CHECK_JS, text))


@pytest.fixture(scope="session")
def mermaid(chromium: Browser) -> Iterator[MermaidRunner]:
    """Mermaid 11 from node_modules with the site's settings (mermaid-config.js: securityLevel strict, the journey
    layout), in the session's chromium."""
    page = chromium.new_page()
    page.goto("about:blank")
    page.add_script_tag(path=str(MERMAID_JS))
    page.add_script_tag(path=str(MERMAID_CONFIG_JS))
    page.evaluate("window.renderCount = 0; mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
    yield MermaidRunner(page)
    page.close()
