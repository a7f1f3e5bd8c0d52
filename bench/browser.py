"""How long a built page takes until every Mermaid diagram is an SVG, in headless chromium.

The site is served from 127.0.0.1; mkdocs-material renders each diagram into a closed
shadow root, so an init script opens them to make the SVGs countable.
"""

from __future__ import annotations

import functools
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from collections.abc import Iterator

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: "open"}); };
"""
ALL_RENDERED = """(expected) => {
  const done = [...document.querySelectorAll("div.mermaid")].filter(d => d.shadowRoot && d.shadowRoot.querySelector("svg"));
  return done.length >= expected ? performance.now() : false;
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are not progress."""


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """The browser closing a connection it no longer needs is not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serving(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` on a free port of 127.0.0.1; yields the base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def render_seconds(site_dir: Path, page: str, diagrams: int, runs: int = 5, timeout_s: float = 30) -> list[float]:
    """Seconds from navigation start until all `diagrams` on `page` are SVGs, for `runs` loads, each in a fresh
    browser context (empty cache); refuses outside requests."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    seconds: list[float] = []
    with serving(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                context = browser.new_context()
                context.add_init_script(OPEN_SHADOW_ROOTS)
                context.route("**/*", lambda route: _local_only(route, base, outside))
                tab = context.new_page()
                tab.goto(base + page)
                done = tab.wait_for_function(ALL_RENDERED, arg=diagrams, timeout=timeout_s * 1000, polling="raf")
                seconds.append(done.json_value() / 1000)
                context.close()
        finally:
            browser.close()
    if outside:
        raise RuntimeError(f"the page requested outside hosts: {outside[:3]}")
    return seconds


def _local_only(route, base: str, outside: list[str]) -> None:
    if route.request.url.startswith(base):
        route.continue_()
    else:
        outside.append(route.request.url)
        route.abort()
