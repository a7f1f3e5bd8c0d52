"""The news as an Atom feed (RFC 4287), so departments can follow the journeys in their mail client or feed
reader. Built with ElementTree, which escapes every text; nothing is fetched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    """One entry: a commit that changed a journey."""

    key: str
    """Unique and stable: the journey's id and the commit's id."""
    title: str
    link: str
    """The journey's page, absolute when the site's URL is known, else relative to the feed."""
    author: str
    updated: dt.datetime
    html: str
    """The changes as (escaped) HTML."""


def atom_feed(title: str, link: str, site_url: str | None, entries: Sequence[FeedEntry], today: dt.date) -> str:
    """The feed document; its id and the entries' ids are tag URIs of the site's host."""
    host = urlsplit(site_url or "").hostname or "localhost"
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "id", f"tag:{host},2026:news")
    _text(feed, "title", title)
    newest = max((entry.updated for entry in entries), default=dt.datetime.combine(today, dt.time(), dt.timezone.utc))
    _text(feed, "updated", newest.isoformat())
    ET.SubElement(feed, "link", {"rel": "alternate", "href": link})
    ET.SubElement(feed, "generator").text = "cjm-mkdocs"
    for entry in entries:
        item = ET.SubElement(feed, "entry")
        _text(item, "id", f"tag:{host},2026:{entry.key}")
        _text(item, "title", entry.title)
        ET.SubElement(item, "link", {"rel": "alternate", "href": entry.link})
        _text(item, "updated", entry.updated.isoformat())
        _text(ET.SubElement(item, "author"), "name", entry.author or "?")
        ET.SubElement(item, "content", {"type": "html"}).text = _xml_chars(entry.html)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = _xml_chars(text)


def _xml_chars(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (control characters but tab and line breaks)."""
    return "".join(char for char in text if char in "\t\n\r" or ord(char) >= 0x20 and char not in "\ufffe\uffff")


def entry_html(lines: Sequence[str], labels: Mapping[str, str]) -> str:
    """The changes of an entry as an HTML list; `lines` are already escaped HTML."""
    if not lines:
        return f"<p>{labels['history_no_change']}</p>"
    return "<ul>" + "".join(f"<li>{_xml_chars(line)}</li>" for line in lines) + "</ul>"
