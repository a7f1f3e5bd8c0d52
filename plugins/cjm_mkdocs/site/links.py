"""Where generated pages and files land, and the links between them.

Knows nothing of MkDocs, but places pages as MkDocs does (``directory_urls``).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urljoin, urlsplit

from ..core.fields import SECTION_PAGE

SECTIONS = {"journey": "journeys", "persona": "personas", "department": "departments", "research": "research",
            "overview": "overview"}
"""Each kind's folder of generated pages."""


def page_uri(kind: str, item_id: str = SECTION_PAGE) -> str:
    """The source path of a generated page, e.g. ``journeys/<id>.md``."""
    return f"{SECTIONS[kind]}/{item_id}.md"


def site_path(uri: str, directory_urls: bool) -> str:
    """Where a page or file lands in the site, as MkDocs places it."""
    if not uri.endswith(".md"):
        return uri
    stem = uri[:-3]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return f"{stem}/"


def relative_url(target: str, here: str, directory_urls: bool, anchor: str = "") -> str:
    """The link from page `here` to page or file `target` (both source paths), with an optional anchor."""
    to, at = site_path(target, directory_urls), site_path(here, directory_urls)
    folder = at.rstrip("/") if at.endswith("/") or not at else posixpath.dirname(at)
    url = posixpath.relpath(to or ".", folder or ".")
    if to.endswith("/") or not to:
        url = "./" if url == "." else f"{url}/"
    return f"{url}#{anchor}" if anchor else url


@dataclass(frozen=True)
class Tracker:
    """An issue tracker "discuss" links open a new issue in: the repository, the URL form, the site's address."""

    repo_url: str
    form: str
    """github or gitlab: how a new issue's title and description go in the URL."""
    site_url: str | None = None
    """The site's address, for the link back to the page; without it the link back is the page's path."""

    def new_issue(self, title: str, page: str, anchor: str) -> str:
        """The URL of a new issue titled `title`, its description linking back to `anchor` on `page` (a site path)."""
        back = f"{(self.site_url or '/').rstrip('/')}/{page}#{anchor}"
        fields = ({"title": title, "body": back} if self.form == "github"
                  else {"issue[title]": title, "issue[description]": back})
        path = "/issues/new" if self.form == "github" else "/-/issues/new"
        return f"{self.repo_url.rstrip('/')}{path}?{urlencode(fields)}"


TRACKER_HOSTS = {"github.com": "github", "gitlab.com": "gitlab"}


def tracker(repo_url: str | None, discuss: str, site_url: str | None) -> Tracker | None:
    """The tracker of the plugin's `discuss` option (auto, github, gitlab, off) for `repo_url`, if any."""
    if not repo_url or discuss == "off":
        return None
    form = TRACKER_HOSTS.get(urlsplit(repo_url).hostname or "") if discuss == "auto" else discuss
    return Tracker(repo_url, form, site_url) if form else None


def edit_url(edit_base: str | None, source: str | None) -> str | None:
    """The "edit this file" link for a data file, if the site has a repository."""
    if not edit_base or not source:
        return None
    return urljoin(edit_base if edit_base.endswith("/") else edit_base + "/", quote(source))


def download_uri(name: str) -> str:
    """Where a download of the overview section lands, e.g. ``overview/journeys.json``."""
    return f"{SECTIONS['overview']}/{name}"


def poster_uri(journey_id: str) -> str:
    """Where a journey's poster (PDF) lands, beside its page: ``journeys/<id>.pdf``."""
    return f"{SECTIONS['journey']}/{journey_id}.pdf"


def is_local(url: str) -> bool:
    """Whether a (safe) URL points into the site rather than to another host."""
    return not re.match(r"[a-z][a-z0-9+.\-]*:|[/\\]", url, re.IGNORECASE)
