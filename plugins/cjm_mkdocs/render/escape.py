"""Escaping editor text for where it lands: HTML, Markdown, Mermaid labels and links.

Every function takes text exactly as an editor wrote it (or None) and returns it
inert for its destination: the characters stay visible, the syntax stays ours.
"""

from __future__ import annotations

import html
import re
import string
from functools import lru_cache
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
LINE_BREAKS = re.compile(r"\r\n?|[\n\x0b\x0c\x85\u2028\u2029]")
URL_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
URL_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f]")
SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

INLINE_TAGS = frozenset({"a", "em", "strong", "code", "br"})
BLOCK_TAGS = INLINE_TAGS | {"p", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr",
                            "table", "thead", "tbody", "tr", "th", "td", "img"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"},
              "th": {"align"}, "td": {"align"}}
# Inline text keeps only paragraphs: "1. Platz" or "# 1" must not become a list or heading.
INLINE_DROPPED_BLOCKS = ("indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote", "reference")
INLINE_IMAGES = ("image_link", "image_reference", "short_image_ref")

# Every ASCII punctuation character is syntax in some Markdown extension (arithmatex
# even reads backslash escapes), so each becomes a numeric character reference.
MARKDOWN_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in string.punctuation})

# Mermaid decodes `#<number>;` back to the character; `°` and `¶` are escaped as
# well because Mermaid uses `ﬂ°` and `¶ß` as its own placeholders for entities.
MERMAID_ENCODED = ':;#%,"\'<>{}[]()|`&\\°¶'
MERMAID_TABLE = str.maketrans({c: f"#{ord(c)};" for c in MERMAID_ENCODED})
MERMAID_KEYWORDS = re.compile(
    r"(?:section|title|click|style|classDef|class|linkStyle|end|graph|flowchart|subgraph|accTitle|accDescr"
    r"|journey|direction)(?![a-z0-9])",
    re.IGNORECASE,
)


def plain(value: object) -> str:
    """`value` as a plain string without control characters (newline and tab kept)."""
    return "" if value is None else CONTROL.sub("", LINE_BREAKS.sub("\n", str(value)))


def one_line(value: object) -> str:
    """`value` as plain text on a single line, whitespace runs collapsed."""
    return " ".join(plain(value).split())


def shorten(value: object, limit: int) -> str:
    """`value` on one line, cut to at most `limit` characters with an ellipsis."""
    text = one_line(value)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if cut.rfind(" ") > limit // 2:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip() + "…"


def html_text(value: str | None) -> Markup:
    """Plain editor text escaped for HTML."""
    return escape(plain(value))


def inline_markdown(value: str | None) -> Markup:
    """Editor text with inline Markdown (emphasis, code, links) as sanitised HTML."""
    return _render(_inline_parser(), value, INLINE_TAGS)


def block_markdown(value: str | None, base_level: int = 2) -> Markup:
    """Editor prose (paragraphs, lists, headings, tables) as sanitised HTML.

    Headings start at `base_level` (``#`` becomes ``<h2>``), below the page title.
    """
    return _render(_block_parser(base_level), value, BLOCK_TAGS)


def safe_url(value: str | None) -> str | None:
    """The URL if it is http(s), mailto or relative; otherwise None."""
    if value is None:
        return None
    url = URL_CONTROL.sub("", value).strip()
    probe = url
    for _ in range(3):
        probe = html.unescape(probe)
    scheme = SCHEME.match(URL_IGNORED.sub("", probe))
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return None
    return url or None


def markdown_text(value: str | None) -> str:
    """Plain text for one line of a Markdown document: every character shows literally."""
    return one_line(value).translate(MARKDOWN_TABLE)


def mermaid_text(value: str | None) -> str:
    """Text for a Mermaid label: one line, grammar characters and leading keywords encoded."""
    text = one_line(value)
    encoded = text.translate(MERMAID_TABLE)
    if MERMAID_KEYWORDS.match(text):
        encoded = f"#{ord(text[0])};{encoded[1:]}"
    return encoded


def _render(parser: markdown.Markdown, value: str | None, tags: frozenset[str]) -> Markup:
    """Markdown to HTML, then sanitised; parsers are reused, so not for concurrent threads."""
    parser.reset()
    rendered = parser.convert(plain(value))
    return Markup(nh3.clean(rendered, tags=set(tags), attributes=ATTRIBUTES, url_schemes=set(SAFE_SCHEMES),
                            attribute_filter=_attribute_filter, link_rel="noopener noreferrer").strip())


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Links only to safe URLs; images only from the site itself (no outside requests)."""
    if attribute == "href":
        return safe_url(value)
    if attribute == "src":
        return _site_image(value)
    return value


def _site_image(src: str | None) -> str | None:
    """The image URL if it points into the site (relative, no scheme, no other host); otherwise None."""
    url = safe_url(src)
    return url if url and not SCHEME.match(url) and not url.replace("\\", "/").startswith("//") else None


class _OutsideImagesAsText(Treeprocessor):
    """An image from outside the site becomes its alt text (an `<img>` without `src` shows a broken image)."""

    def run(self, root: Element) -> None:
        for parent in list(root.iter()):
            for index, image in reversed(list(enumerate(parent))):
                if image.tag == "img" and not _site_image(image.get("src")):
                    _replace_with_text(parent, index, (image.get("alt") or "") + (image.tail or ""))


def _replace_with_text(parent: Element, index: int, text: str) -> None:
    """Remove the child at `index` of `parent`, leaving `text` where it was."""
    if index:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    del parent[index]


def _raw_html_as_text(parser: markdown.Markdown) -> markdown.Markdown:
    """Let typed HTML pass through as text, which the serializer escapes."""
    parser.preprocessors.deregister("html_block")
    parser.inlinePatterns.deregister("html")
    return parser


@lru_cache(maxsize=1)
def _inline_parser() -> markdown.Markdown:
    parser = _raw_html_as_text(markdown.Markdown())
    for name in INLINE_DROPPED_BLOCKS:
        parser.parser.blockprocessors.deregister(name)
    for name in INLINE_IMAGES:
        parser.inlinePatterns.deregister(name)
    return parser


@lru_cache(maxsize=6)
def _block_parser(base_level: int) -> markdown.Markdown:
    extensions = ["tables", "fenced_code", "sane_lists", "toc"]
    config = {"tables": {"use_align_attribute": True}, "toc": {"baselevel": base_level}}
    parser = _raw_html_as_text(markdown.Markdown(extensions=extensions, extension_configs=config))
    parser.treeprocessors.register(_OutsideImagesAsText(parser), "outside_images_as_text", 1)
    return parser
