"""What search excludes is kept out of mkdocs-material's search parser, and the index comes out the same."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import Parser
from material.plugins.search.plugin import SearchIndex, SearchPlugin as MaterialSearch
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.contrib.search import SearchPlugin as MkDocsSearch

from cjm_mkdocs.plugin.search import ExcludedFromSearch
from conftest import BuiltSite, make_project, sample_data

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


def test_only_the_attribute_excludes_not_editor_text_that_reads_so() -> None:
    content = ('<div aria-label="Journey data-search-exclude x" title="a">im Titel</div>'
               '<p>Text: data-search-exclude hier</p><table class="t" data-search-exclude><tr><td>weg</td></tr></table>')
    excluded, shown = ExcludedFromSearch(), page(content)
    excluded.hide(shown)
    assert "im Titel" in shown.content and "hier" in shown.content and "weg" not in shown.content
    assert sections(shown.content) == sections(content)


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


def test_in_a_real_build_mkdocs_materials_search_never_reads_what_it_excludes(tmp_path, monkeypatch) -> None:
    """The first build of a process too: the plugin must see mkdocs-material's search plugin as one."""
    read: dict[str, str] = {}
    original = SearchIndex.add_entry_from_context

    def spy(index, page):
        read[page.file.src_uri] = page.content
        return original(index, page)
    monkeypatch.setattr(SearchIndex, "add_entry_from_context", spy)
    config = load_config(str(make_project(tmp_path, sample_data())), site_dir=str(tmp_path / "site"))
    build(config)
    register = read["overview/pain-points.md"]
    assert 'id="cjm-register"' in register and "cjm-search" in register
    built = (tmp_path / "site" / "overview" / "pain-points" / "index.html").read_text(encoding="utf-8")
    rows = built.split('id="cjm-register"', 1)[1].split("</table>", 1)[0]
    assert "<tr data-severity" in rows and "<tr data-severity" not in register.split('id="cjm-register"', 1)[1]
