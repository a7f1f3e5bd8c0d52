"""Page assembly without MkDocs: URLs, HTML blocks, embeds, templates and labels."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from cjm_mkdocs.site import links, pages
from cjm_mkdocs.core.labels import LABELS
from cjm_mkdocs.core.loading import JourneyLoader
from conftest import write_project

URIS = ["index.md", "journeys/index.md", "journeys/kauf.md", "departments/it.md", "team/a/b.md", "team/a/index.md"]
TEMPLATES = Path(pages.__file__).parents[1] / "templates"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> pages.Site:
    from conftest import sample_data
    root = tmp_path_factory.mktemp("data")
    write_project(root, sample_data(), {}, {})
    catalog, problems = JourneyLoader(root / "journeys", base=root).load()
    assert not problems
    return pages.Site(catalog, LABELS["de"], dt.date(2026, 6, 1))


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("here", URIS)
@pytest.mark.parametrize("target", URIS + ["assets/cjm/cjm.css"])
def test_relative_url_matches_mkdocs(target: str, here: str, directory_urls: bool) -> None:
    def url(uri: str) -> str:
        return File(uri, "/docs", "/site", directory_urls).url
    assert links.relative_url(target, here, directory_urls) == get_relative_url(url(target), url(here))


def test_relative_url_keeps_the_anchor() -> None:
    assert links.relative_url("journeys/kauf.md", "departments/it.md", True, "step-a") == "../../journeys/kauf/#step-a"


def test_edit_url_appends_the_quoted_source_path() -> None:
    assert links.edit_url("https://git.example.com/r/edit/main", "journeys/maps/kauf ä.yml") == \
        "https://git.example.com/r/edit/main/journeys/maps/kauf%20%C3%A4.yml"
    assert links.edit_url(None, "journeys/maps/kauf.yml") is None


MARKDOWN = markdown.Markdown(extensions=["md_in_html", "attr_list", "tables", "pymdownx.superfences"])


@given(st.text(alphabet=st.sampled_from(["\n", "\r", " ", "`", "~", "-", "8", "<", "#", "*", "a", "|", ":"]),
               max_size=60))
def test_html_blocks_pass_through_markdown_untouched(text: str) -> None:
    block = pages.html_block(f"<div class=\"x\">\n<p>{escape(text)}</p>\n</div>")
    assert block.startswith("\n\n") and block.endswith("\n\n") and "\n" not in block.strip()
    MARKDOWN.reset()
    html = MARKDOWN.convert(f"# Titel\n{block}Nach *dem* Block\n")
    assert block.strip() in html and "<pre" not in html


def test_html_title_is_one_escaped_line() -> None:
    assert pages.html_title("A <b>&\nB") == "A &lt;b&gt;&amp; B"


@pytest.mark.parametrize("text, marks", [("plain", "```"), ("a ``` b", "````"), ("`````", "``````")])
def test_fence_is_longer_than_any_backtick_run(text: str, marks: str) -> None:
    assert pages.fence(text) == marks


def test_is_local_tells_site_paths_from_other_hosts() -> None:
    assert links.is_local("img/a.png") and links.is_local("../a.png")
    assert not any(map(links.is_local, ["https://x.example/a.png", "//x.example/a.png", "/a.png", "mailto:a@b"]))


def test_generate_makes_a_page_per_item_and_section(site: pages.Site) -> None:
    made = pages.generate(site, pages.environment())
    catalog = site.catalog
    expected = {links.page_uri(kind) for kind in links.SECTIONS}
    expected |= {links.page_uri("journey", i) for i in catalog.journeys}
    expected |= {links.page_uri("persona", i) for i in catalog.personas}
    expected |= {links.page_uri("department", i) for i in catalog.departments}
    expected |= {links.page_uri("overview", view) for view in pages.OVERVIEW}
    assert {page.uri for page in made} == expected
    journey = next(page for page in made if page.uri == "journeys/kauf.md")
    assert journey.title == catalog.journeys["kauf"].title and journey.source == "journeys/maps/kauf.yml"
    front_matter, body = journey.markdown.split("\n---\n", 1)
    assert front_matter.startswith("---\n") and "toc" in front_matter
    assert body.startswith(f"# {catalog.journeys['kauf'].title}\n")


SITE_MARKDOWN = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences"]


def test_held_html_blocks_make_the_same_pages_as_markdown_does(site: pages.Site) -> None:
    """Every generated page: Markdown with the blocks held, then restored, equals Markdown of the whole page."""
    held = {page.uri: page for page in pages.generate(site, pages.environment(), hold_html=True)}
    for whole in pages.generate(site, pages.environment()):
        page = held[whole.uri]
        assert page.blocks and page.markdown != whole.markdown and page.blocks.restore(page.markdown) == whole.markdown
        made = page.blocks.restore(markdown.markdown(page.markdown, extensions=SITE_MARKDOWN))
        expected = markdown.markdown(whole.markdown, extensions=SITE_MARKDOWN)
        assert re.sub(r"\n+", "\n", made) == re.sub(r"\n+", "\n", expected), page.uri


def test_held_html_blocks_report_their_anchor_ids_unescaped() -> None:
    from cjm_mkdocs.site.blocks import HtmlBlocks
    blocks = HtmlBlocks()
    marks = [blocks.hold('<p id="step-a&amp;b">x id=&#34;no&#34;</p>'), blocks.hold('<tr id="pain-1" data-id="no">')]
    assert blocks.anchor_ids() == {"step-a&b", "pain-1"}
    assert blocks.restore(f"<p>{marks[1]}</p>{marks[0]}") == '<p><tr id="pain-1" data-id="no"></p><p id="step-a&amp;b">x id=&#34;no&#34;</p>'
    assert HtmlBlocks().restore(marks[0]) == marks[0]


def test_a_site_template_wins_over_the_plugin_template(site: pages.Site, tmp_path: Path) -> None:
    (tmp_path / "persona.md.j2").write_text("# Eigene {{ persona.name | markdown_text }}\n", encoding="utf-8")
    made = pages.generate(site, pages.environment([tmp_path, tmp_path / "missing"]))
    persona = next(page for page in made if page.uri == "personas/anna.md")
    assert persona.markdown == "# Eigene Anna Schneider\n"


EMBEDS = """\
# Seite
<!-- cjm:curve kauf -->
```
<!-- cjm:diagram kauf -->
```
  <!--cjm:diagram   kauf-->
~~~~
```
<!-- cjm:matrix kauf -->
~~~~
<!-- cjm:matrix kaufen -->
"""


def test_embeds_expand_outside_fences_only(site: pages.Site) -> None:
    expanded, problems = pages.expand_embeds(EMBEDS, "team/seite.md", site, pages.environment())
    assert expanded.count('class="cjm-curve-wrap"') == 1
    assert expanded.count("```mermaid") == 1 and 'href="../../departments/' not in expanded.split("~~~~")[1]
    assert expanded.count("<!-- cjm:") == 3  # the two fenced lines and the unknown id stay as written
    assert problems == ["team/seite.md:11: cjm:matrix names no journey `kaufen`; did you mean `kauf`?"]


def test_the_key_figures_embed_takes_no_argument_and_links_from_the_embedding_page(site: pages.Site) -> None:
    text = "# Start\n<!-- cjm:key-figures -->\n<!-- cjm:key-figures kauf -->\n"
    expanded, problems = pages.expand_embeds(text, "team/start.md", site, pages.environment())
    assert problems == ["team/start.md:3: cjm:key-figures takes no argument; write <!-- cjm:key-figures -->"]
    assert expanded.count('class="cjm-block cjm-key-figures"') == 1
    assert 'href="../../journeys/"' in expanded and 'href="../../departments/it/"' in expanded


def test_embedded_links_are_relative_to_the_embedding_page(site: pages.Site) -> None:
    matrix = pages.embed(site, pages.environment(), "matrix", site.catalog.journeys["kauf"], "team/a/b.md")
    assert 'href="../../../departments/marketing/"' in matrix


def test_german_and_english_labels_have_the_same_keys() -> None:
    assert set(LABELS["de"]) == set(LABELS["en"])


def test_every_label_a_template_uses_exists() -> None:
    used = set()
    for template in TEMPLATES.rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bL\.([a-z_]+)", text)) | set(re.findall(r"\bL\[\"([a-z_-]+)\"\]", text))
    assert used and used <= set(LABELS["de"])
