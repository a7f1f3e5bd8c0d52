"""The site's Content-Security-Policy: scripts run only from the site's own files and as the theme's own inline
scripts, each allowed by the SHA-256 hash of its text.

The theme's inline scripts are the `<script>` elements written in its templates, rendered for each page (some
name the page's `base_url`). An inline script that is not one of them (editor text through a missed escape, a
`<script>` in a Markdown page, one added to a built file) gets no hash, so the browser does not run it, nor any
inline event handler (`onerror=...`). No `eval`: neither the theme nor Mermaid needs it. Styles may be inline
(Mermaid writes a `<style>` into each diagram); images may be `data:` URLs (the theme's icons).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import jinja2

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
"""The site's own files only (`connect-src`, `worker-src`, `font-src` follow `default-src`); `script-src` gets the
hashes of the inline scripts a page may run."""
HEADER_ONLY = "frame-ancestors 'self'"
"""What a policy can only say as an HTTP header (browsers ignore it in a `<meta>` element)."""
HEADER_NAME = "Content-Security-Policy"
HEADER_FILE = "csp-header.txt"
"""Written into the site: the header with the policy of all pages together."""
TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
PAGE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script", re.S | re.I)
HAS_SOURCE = re.compile(r"\ssrc\s*=", re.I)
SCRIPT_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.I)
RUN_TYPES = {"", "text/javascript", "application/javascript", "module"}
"""`type`s of a `<script>` the browser runs; others (`application/json`: mkdocs-material's `__config`) are data."""
HEAD_START = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.I)


@dataclass(frozen=True)
class ThemeScripts:
    """The inline scripts of a theme's templates, each ready to be rendered for a page."""

    templates: tuple[jinja2.Template, ...]

    @classmethod
    def of(cls, env: jinja2.Environment) -> ThemeScripts:
        """The attribute-less `<script>` elements of every HTML template `env` loads (a site's overrides first)."""
        assert env.loader is not None
        found = []
        for name in env.list_templates(extensions=["html"]):
            source = env.loader.get_source(env, name)[0]
            for text in TEMPLATE_SCRIPT.findall(source):
                try:
                    found.append(env.from_string(text))
                except jinja2.TemplateSyntaxError:
                    continue  # a fragment cut across a Jinja block: its script stays unhashed, and is reported
        return cls(tuple(found))

    def rendered(self, context: Mapping[str, object]) -> set[str]:
        """The scripts' texts as the theme writes them into the page of `context`."""
        texts = set()
        for template in self.templates:
            try:
                texts.add(template.render(context))
            except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError):
                continue  # a script that needs more than this page's context (`tojson` of an undefined value)
        return texts


class Policies:
    """One build's policies: the theme's scripts rendered for each page, the scripts each page may run, and all
    of them together (for the HTTP header). A page is known by a key: its source path, or a template's name."""

    def __init__(self, theme: ThemeScripts) -> None:
        self.theme = theme
        self.theme_scripts: dict[str, set[str]] = {}
        self.foreign: dict[str, set[str]] = {}
        self.scripts: dict[str, set[str]] = {}
        """The inline scripts each page may run."""

    @property
    def allowed(self) -> set[str]:
        """The inline scripts of all pages together."""
        return set().union(*self.scripts.values())

    def keep(self, earlier: Policies, keys: Iterable[str]) -> None:
        """Take the scripts of the pages `keys` from the policies of an earlier build (pages not made again)."""
        for key in keys:
            self.scripts.setdefault(key, earlier.scripts.get(key, set()))

    def render(self, key: str, context: Mapping[str, object]) -> None:
        """Note the theme's scripts as the template `context` of the page `key` writes them."""
        self.theme_scripts[key] = self.theme.rendered(context)

    def rendered(self, key: str, html: str) -> set[str]:
        """The inline scripts of the page `key`, as the theme rendered it, that are not the theme's; return them."""
        self.foreign[key] = set(inline_scripts(html)) - self.theme_scripts.pop(key, set())
        return self.foreign[key]

    def protect(self, key: str, html: str) -> str:
        """The finished page with its policy: it runs the theme's inline scripts and those that plugins added
        after the theme (mkdocs-mermaid2's `mermaid.initialize`), no other."""
        scripts = self.scripts[key] = set(inline_scripts(html)) - self.foreign.pop(key, set())
        return with_policy(html, scripts)


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script in `html` that the browser would run."""
    found = []
    for attributes, text in PAGE_SCRIPT.findall(html):
        kind = SCRIPT_TYPE.search(attributes)
        if not HAS_SOURCE.search(attributes) and (kind.group(1).lower() if kind else "") in RUN_TYPES:
            found.append(text)
    return found


def script_hash(text: str) -> str:
    """The `script-src` source that allows an inline script of exactly `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scripts: Iterable[str]) -> str:
    """The policy that allows the site's own script files and the inline `scripts`, and nothing else."""
    hashes = sorted({script_hash(text) for text in scripts})
    directives = {**DIRECTIVES, "script-src": " ".join([DIRECTIVES["script-src"], *hashes])}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def header(scripts: Iterable[str]) -> str:
    """The policy as the HTTP header a web server would send with every page."""
    return f"{HEADER_NAME}: {policy(scripts)}; {HEADER_ONLY}"


def with_policy(html: str, scripts: Iterable[str]) -> str:
    """`html` with the policy as a `<meta http-equiv>` element at the start of its head (after its charset)."""
    meta = f'<meta http-equiv="{HEADER_NAME}" content="{policy(scripts)}">'
    return HEAD_START.sub(lambda start: start.group(0) + meta, html, count=1)
