"""Editor text stays visible and inert in HTML, Markdown, Mermaid and links."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from cjm_mkdocs.render.escape import (block_markdown, html_text, inline_markdown, markdown_text, mermaid_text,
                                      one_line, safe_url, shorten)

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)" onclick="alert(2)" style="color:red">klick</a>',
    "<!-- verborgen --> <style>body{display:none}</style>",
    "Grüße aus Köln, Straße ß",
    "Emoji 😀👩‍👩‍👧 ok",
    "שלום עולם مرحبا",
    "Donaudampfschifffahrtsgesellschaftskapitänswitwe" * 4,
    "Tom & Jerry <3 a<b >c",
]
BAD_LINKS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
    "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "javascript&colon;alert(1)", "&amp;#106;avascript:x",
    " \x00javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
    "DATA:image/svg+xml;base64,PHN2Zz4=", "file:///etc/passwd", "ftp://example.org/x",
]
GOOD_LINKS = ["https://example.org/a?b=1&c=2#d", "http://example.org", "HTTPS://EXAMPLE.ORG", "mailto:anna@example.org",
              "../personas/anna.md", "anna.md#ziele", "#ziele", "/intern/seite", "?q=1", "bilder/1.png"]


class Html(HTMLParser):
    """Tags, attributes and visible text of an HTML fragment."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.feed(str(fragment))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def assert_inert(fragment: str) -> Html:
    parsed = Html(fragment)
    for tag, attributes in parsed.tags:
        assert tag not in {"script", "style", "iframe", "object", "svg", "math", "form", "input"}
        assert not [name for name in attributes if name.startswith("on") or name == "style"]
        for name in ("href", "src"):
            if name in attributes:
                assert safe_url(attributes[name]) == attributes[name]
    return parsed


@pytest.mark.parametrize("text", HOSTILE)
def test_html_text_keeps_every_character_visible(text: str) -> None:
    escaped = html_text(text)

    assert isinstance(escaped, Markup)
    assert Html(escaped).tags == []
    assert Html(escaped).text == text


def test_html_text_strips_control_characters_but_keeps_lines() -> None:
    assert html_text("a\x00b\x1b[31mc\x7f\x85d\te\nf") == "ab[31mc\nd\te\nf"
    assert html_text(None) == ""


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_markdown_shows_typed_html_as_text(text: str) -> None:
    parsed = assert_inert(inline_markdown(text))

    assert [tag for tag, _ in parsed.tags] == []
    assert parsed.text == text


@pytest.mark.parametrize("render", [inline_markdown, block_markdown])
@pytest.mark.parametrize("url", BAD_LINKS)
def test_markdown_links_to_bad_schemes_lose_the_link_not_the_text(render, url: str) -> None:
    parsed = assert_inert(render(f"Siehe [Angebot]({url.replace(chr(10), '')}) und <{url}>"))

    assert "Angebot" in parsed.text
    assert not [attributes for tag, attributes in parsed.tags if tag == "a" and "href" in attributes]


@pytest.mark.parametrize("url", ["https://example.org/a", "mailto:anna@example.org", "../personas/anna.md"])
def test_markdown_links_to_good_urls_stay_links(url: str) -> None:
    parsed = assert_inert(inline_markdown(f"Siehe [das *neue* Angebot]({url})"))

    assert parsed.tags == [("a", {"href": url, "rel": "noopener noreferrer"}), ("em", {})]
    assert parsed.text == "Siehe das neue Angebot"


def test_inline_markdown_keeps_emphasis_and_code_and_leaves_block_syntax_as_text() -> None:
    rendered = inline_markdown("1. Platz für **Preis** & `<b>x</b>`\n# kein Titel\n- keine Liste")

    assert rendered == ("1. Platz für <strong>Preis</strong> &amp; <code>&lt;b&gt;x&lt;/b&gt;</code>\n"
                        "# kein Titel\n- keine Liste")


def test_inline_markdown_leaves_images_as_text() -> None:
    assert inline_markdown("![Foto](https://example.org/a.png)") == "![Foto](https://example.org/a.png)"


@pytest.mark.parametrize("render", [inline_markdown, block_markdown])
def test_markdown_entities_become_text_not_markup(render) -> None:
    parsed = assert_inert(render("&amp; &lt;script&gt;alert(1)&lt;/script&gt; &#106;"))

    assert [tag for tag, _ in parsed.tags] == ([] if render is inline_markdown else ["p"])
    assert parsed.text == "& <script>alert(1)</script> j"


def test_block_markdown_renders_prose_below_the_page_title() -> None:
    rendered = block_markdown("# Ziele\n\nText mit *Betonung*.\n\n- eins\n- zwei\n\n"
                              "| Kanal | Note |\n|:--|--:|\n| Web | 2 |\n\n```\n<b>roh</b>\n```\n\n> Zitat")
    parsed = assert_inert(rendered)

    assert [tag for tag, _ in parsed.tags] == ["h2", "p", "em", "ul", "li", "li", "table", "thead", "tr", "th", "th",
                                               "tbody", "tr", "td", "td", "pre", "code", "blockquote", "p"]
    assert ("td", {"align": "right"}) in parsed.tags
    assert "<b>roh</b>" in parsed.text


@pytest.mark.parametrize("text", HOSTILE)
def test_block_markdown_shows_typed_html_as_text(text: str) -> None:
    parsed = assert_inert(block_markdown(text))

    assert [tag for tag, _ in parsed.tags] == ["p"]
    assert parsed.text == text


def test_block_markdown_keeps_only_relative_images_and_shows_the_others_as_their_alt_text() -> None:
    parsed = assert_inert(block_markdown("![a](bilder/a.png) ![b](https://example.org/b.png) ![c](//example.org/c) "
                                         "![d](/\\example.org/d) ![e](javascript:alert(1)) ![f <x>](data:image/png,x)"
                                         " *![g](https://example.org/g.png) kursiv*"))

    assert [attributes for tag, attributes in parsed.tags if tag == "img"] == [{"alt": "a", "src": "bilder/a.png"}]
    assert parsed.text == " b c d e f <x> g kursiv"


def test_block_markdown_heading_level_can_start_at_one() -> None:
    assert block_markdown("# Titel\n\n## Unter", base_level=1) == "<h1>Titel</h1>\n<h2>Unter</h2>"


@pytest.mark.parametrize("url", BAD_LINKS)
def test_safe_url_rejects_other_schemes(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize("url", GOOD_LINKS)
def test_safe_url_allows_http_mailto_and_relative(url: str) -> None:
    assert safe_url(url) == url


def test_safe_url_strips_whitespace_and_controls() -> None:
    assert safe_url("  https://example.org/\x00a\n ") == "https://example.org/a"
    assert safe_url(" \t") is None
    assert safe_url(None) is None


# The extensions a mkdocs-material site typically enables: each reads some punctuation as syntax.
MATERIAL_EXTENSIONS = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc", "smarty",
    "pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.caret", "pymdownx.critic", "pymdownx.details",
    "pymdownx.emoji", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.magiclink", "pymdownx.mark",
    "pymdownx.smartsymbols", "pymdownx.superfences", "pymdownx.tasklist", "pymdownx.tilde",
]
MARKDOWN_SYNTAX = [
    "# Titel *fett* _kursiv_ [Link](https://x.de) ![Bild](a.png)", "- keine Liste", "1. Platz", "+ plus", "> Zitat",
    "    eingerückt", "=== x", "!!! note", "??? frage", "*[HTML]: Abk", "[^1] Fußnote", "[TOC]", "{#id .klasse}",
    "~~durch~~ ==mark== ^^ins^^ ++ctrl+alt++ {++neu++} :smile: $x^2$ \\(a\\) \\[b\\]", "a | b | c",
    "<b>fett</b> <!-- k --> &amp; &lt; &#106;", "https://example.org www.example.org anna@example.org",
    "(c) --> 1/2 \"Zitat\" 'x' `code`", "- [ ] Aufgabe", "Zeile\nZeile 2", "x  ", "Grüße 😀 שלום",
]


@pytest.mark.parametrize("text", MARKDOWN_SYNTAX)
def test_markdown_text_shows_every_character_in_heading_paragraph_and_table(text: str) -> None:
    line = markdown_text(text)
    source = f"# {line}\n\n{line}\n\n| Spalte |\n|---|\n| {line} |\n"
    rendered = markdown.markdown(source, extensions=MATERIAL_EXTENSIONS)
    blocks = re.findall(r"<(h1|p|td)\b[^>]*>(.*?)</\1>", rendered, re.S)

    assert [tag for tag, _ in blocks] == ["h1", "p", "td"]
    for _, inner in blocks:
        parsed = Html(inner)
        assert (parsed.tags, parsed.text) == ([], one_line(text))


def test_markdown_text_is_one_line() -> None:
    assert markdown_text("a\nb\r\n\x00c\u2028d") == "a b c d"
    assert markdown_text(None) == ""


MERMAID_ENCODED = ':;#%,"\'<>{}[]()|`&\\'


def decode_mermaid(text: str) -> str:
    return re.sub(r"#(\d+);", lambda match: chr(int(match.group(1))), text)


@given(st.text())
def test_mermaid_text_leaves_no_grammar_character_and_decodes_back(text: str) -> None:
    encoded = mermaid_text(text)

    assert not set(re.sub(r"#\d+;", "", encoded)) & set(MERMAID_ENCODED + "\n\r")
    assert decode_mermaid(encoded) == one_line(text)


@pytest.mark.parametrize("keyword", ["section", "title", "click", "style", "classDef", "class", "linkStyle", "end",
                                     "graph", "flowchart", "subgraph", "accTitle", "accDescr", "SECTION", "Title"])
def test_mermaid_text_defuses_leading_keywords(keyword: str) -> None:
    encoded = mermaid_text(f"  {keyword} x")

    assert encoded == f"#{ord(keyword[0])};{keyword[1:]} x"
    assert mermaid_text(f"{keyword}s x") == f"{keyword}s x"


def test_mermaid_text_encodes_entities_once() -> None:
    assert mermaid_text("#58; a:b") == "#35;58#59; a#58;b"
    assert mermaid_text("Zeile1\nZeile2\x00") == "Zeile1 Zeile2"


def test_shorten_cuts_at_a_word_with_an_ellipsis() -> None:
    assert shorten("Kunde vergleicht Angebote im Portal", 20) == "Kunde vergleicht…"
    assert shorten("Donaudampfschifffahrt", 10) == "Donaudamp…"
    assert shorten("kurz", 10) == "kurz"
