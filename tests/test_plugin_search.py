"""What search excludes is kept out of mkdocs-material's search parser, and the index comes out the same."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import Parser
from material.plugins.search.plugin import SearchPlugin as MaterialSearch
from mkdocs.contrib.search import SearchPlugin as MkDocsSearch

from cjm_mkdocs.plugin.search import ExcludedFromSearch
from conftest import BuiltSite

TRICKY = """<h1 id="t">Titel</h1><p>davor</p>
<div class="a" data-search-exclude><div><div>innen</div></div><p>mehr</p></div>
<table data-cjm-sort data-search-exclude><tr><td><ul><li>verschachtelt</li></ul></td></tr></table>
<p data-search-excluded="no">bleibt</p><div data-search-exclude><h2 id="u">Überschrift</h2>bleibt ganz</div>
<ul data-search-exclude>offen"""


def page(content: str, uri: str = "x.md") -> SimpleNamespace:
    return SimpleNamespace(content=content, file=SimpleNamespace(src_uri=uri))


def sections(html: str) -> list[tuple[str, str, str, bool]]:
    """What mkdocs-material's search makes of a page: each section's id, title, text and whether it is excluded."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(section.id, "".join(section.title), "".join(section.text), section.is_excluded()) for section in parser.data]


def test_hiding_empties_the_excluded_elements_and_restoring_gives_the_page_back() -> None:
    excluded = ExcludedFromSearch()
    shown = page(TRICKY)
    excluded.hide(shown)
    # kept: a div in the div (mkdocs-material indexes "mehr"), a heading inside, an element never closed
    assert "verschachtelt" not in shown.content and "innen" in shown.content
    assert "bleibt ganz" in shown.content and "offen" in shown.content
    assert sections(shown.content) == sections(TRICKY)
    excluded.restore(shown)
    assert shown.content == TRICKY


def test_a_page_without_excluded_elements_is_left_as_it_is() -> None:
    excluded, shown = ExcludedFromSearch(), page("<p>nichts</p>")
    excluded.hide(shown)
    assert shown.content == "<p>nichts</p>"
    excluded.restore(shown)
    assert shown.content == "<p>nichts</p>"


def test_every_page_of_the_sample_indexes_the_same_with_its_excluded_parts_hidden(sample_site: BuiltSite) -> None:
    excluded, hidden_any = ExcludedFromSearch(), 0
    for path in sample_site.html_files():
        html = path.read_text(encoding="utf-8")
        content = html[html.index('<article'):html.index('</article>')]
        shown = page(content, str(path))
        excluded.hide(shown)
        hidden_any += shown.content != content
        assert sections(shown.content) == sections(content), path
        excluded.restore(shown)
        assert shown.content == content
    assert hidden_any > 10


@pytest.mark.parametrize(("plugins", "applies"), [
    ({"search": MaterialSearch()}, True), ({"search": MkDocsSearch()}, False),
    ({"search": MaterialSearch(), "other": MkDocsSearch()}, False), ({}, False),
])
def test_only_mkdocs_materials_search_gets_the_page_without_its_excluded_parts(plugins: dict, applies: bool) -> None:
    for plugin in plugins.values():
        plugin.search_index = SimpleNamespace(entries=[])
    assert ExcludedFromSearch.applies(plugins) == applies
