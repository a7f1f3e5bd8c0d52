"""The options of the `cjm` plugin in mkdocs.yml."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.labels import DEFAULT_LANGUAGE, LANGUAGES
from ..core.loading import DEFAULT_MAX_BYTES
from ..core.media import DEFAULT_MAX_MEDIA_BYTES


class Day(c.BaseConfigOption[dt.date]):
    """A date, written as a YAML date or as "YYYY-MM-DD" text."""

    def run_validation(self, value: object) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise c.ValidationError(f"expected a date as YYYY-MM-DD, not {value!r}") from None


class JourneyPluginConfig(base.Config):
    """`plugins: - cjm: {...}`; paths are relative to the folder of mkdocs.yml."""

    data_dir = c.Type(str, default="journeys")
    """The journeys folder: departments.yml, personas/, maps/."""
    language = c.Choice(LANGUAGES, default=DEFAULT_LANGUAGE)
    """Language of the generated pages (labels, the writing guide's field descriptions, the export schema) and of
    the build's messages about the data."""
    edit_uri = c.Optional(c.Type(str))
    """Base of the "edit this YAML" link; the data file's path (relative to mkdocs.yml) is appended.
    A relative value is resolved against `repo_url`; unset means `repo_url` + `edit/main/`."""
    discuss = c.Choice(("auto", "github", "gitlab", "off"), default="auto")
    """Where the "discuss" links of steps, pain points and measures open a new issue, with the title filled in and a
    link back: `auto` takes the form from `repo_url` (github.com, gitlab.com; other hosts: off), `github` or
    `gitlab` name the form for a repository elsewhere, `off` leaves the links out. Nothing is requested at build
    time."""
    nav_position = c.Type(int, default=1)
    """Where the generated sections go in the top level of the navigation."""
    nav_items = c.Type(int, default=50)
    """Journeys (and personas, departments) listed one by one in the navigation, up to this many of a kind; with
    more, the navigation links only the kind's overview page (the catalog lists and filters them all), so that no
    page carries a navigation of thousands of links."""
    mermaid_js = c.Type(str, default="node_modules/mermaid/dist/mermaid.min.js")
    """The local mermaid.min.js (in Mermaid's `dist/` folder); empty to leave Mermaid to the site."""
    mermaid_esm = c.Type(bool, default=True)
    """Serve Mermaid's ES module build from the folder of `mermaid_js` (`mermaid.esm.min.mjs` and
    `chunks/mermaid.esm.min/`; it starts faster) instead of mermaid.min.js. Ignored with mkdocs-mermaid2, which
    needs mermaid.min.js."""
    csp = c.Type(bool, default=True)
    """Give every page a Content-Security-Policy (a `<meta http-equiv>` element): scripts only from the site's
    files and the theme's own inline scripts (by hash), nothing from other hosts, no inline event handlers. The
    policy of all pages together, as an HTTP header, is written to `csp-header.txt` in the site."""
    history = c.Type(bool, default=True)
    """Give each journey page its history from git: the latest commits that changed the journey, with what they
    changed in domain words, and the changes since its last review. Read with the git command line, no network;
    outside git the section says so."""
    posters = c.Type(bool, default=False)
    """Give each journey a wall poster for workshops: its header, emotion curve and touchpoint matrix as an A3
    landscape PDF (`journeys/<id>.pdf`, written by WeasyPrint, offline), linked from its page. WeasyPrint takes a
    second or two per poster, so each is kept in `.cache/plugin/cjm/posters/` and written again only when what it
    shows changed; off by default, so that a large catalog's builds do not pay for it. `cjm poster` writes one
    (A3 or A1) on the command line."""
    preview = c.Type(str, default="")
    """Comma-separated journey ids or patterns (`kauf-*`): build pages for these journeys only (with their current
    or target journey), for a quick `mkdocs serve` in a large catalog. All data is still checked; departments and
    overview pages then show only these journeys. Set it from the environment: `preview: !ENV [CJM_PREVIEW, ""]`."""
    max_file_size = c.Type(int, default=DEFAULT_MAX_BYTES)
    """Largest data file read, in bytes."""
    max_media_size = c.Type(int, default=DEFAULT_MAX_MEDIA_BYTES)
    """Largest research file (photo, audio or video clip, report in `research/`) the site serves, in bytes."""
    today = c.Optional(Day())
    """The date review badges are computed against (default: the day of the build)."""
