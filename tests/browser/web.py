"""The local web server and the watched browser tabs of the browser suite.

A tab records every request (any host but 127.0.0.1 is reported), console errors, page errors, dialogs,
failed responses and what the Content-Security-Policy refused; :meth:`Tab.problems` lists them for one assertion. Requests are only watched, not
intercepted: interception would switch off the cache and triple the time per page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, TimeoutError as PlaywrightTimeoutError, ConsoleMessage, Dialog, Page, Request, Response

from bench.browser import serving  # noqa: F401  (the suite's static server is the benchmark's)
from conftest import ROOT

PROBES = Path(__file__).with_name("probes.js")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOST = "127.0.0.1"
HOSTLESS_SCHEMES = ("data", "blob", "about")
NAVIGATED_AWAY = "net::ERR_ABORTED"  # a request the next page load cancelled; a missing file is a 404
VIEWPORT = {"width": 1280, "height": 800}
RENDER_TIMEOUT_MS = 30_000
ARTIFACTS = ROOT / "test-artifacts"


def leaves_localhost(url: str) -> bool:
    """Whether a request for `url` goes to any host but 127.0.0.1."""
    parts = urlsplit(url)
    return parts.scheme not in HOSTLESS_SCHEMES and parts.hostname != LOCAL_HOST


@dataclass
class Tab:
    """A browser page and everything it did that a test may object to."""

    page: Page
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Outside requests, failed responses, console and page errors, dialogs, recorded attack calls and
        Content-Security-Policy violations (of the current document)."""
        calls, violations = self.page.evaluate(
            "window.__cjm ? [window.__cjm.calls, window.__cjm.violations] : [['probes missing'], []]")
        return ([f"request to another host: {url}" for url in self.outside]
                + [f"failed request: {entry}" for entry in self.failed]
                + [f"console error: {text}" for text in self.console_errors]
                + [f"page error: {text}" for text in self.page_errors]
                + [f"dialog: {text}" for text in self.dialogs]
                + [f"called: {call}" for call in calls]
                + [f"CSP violation: {violation}" for violation in violations])

    def goto(self, url: str, diagrams: int | None = None) -> None:
        """Load `url`; with `diagrams`, wait until exactly that many Mermaid diagrams have an SVG."""
        self.page.goto(url, wait_until="load")
        if diagrams is not None:
            self.wait_for_diagrams(diagrams)

    def wait_for_diagrams(self, count: int) -> None:
        """Wait until the page has exactly `count` Mermaid diagrams, each drawn as an SVG."""
        try:
            self.page.wait_for_function("n => window.__cjm.allRendered(n)", arg=count, timeout=RENDER_TIMEOUT_MS)
        except PlaywrightTimeoutError:
            found = self.page.evaluate("window.__cjm.diagrams().map(d => ({rendered: d.rendered, kind: d.kind}))")
            raise AssertionError(f"{self.page.url}: expected {count} drawn diagram(s), found {found}; "
                                 f"{self.problems()}") from None

    def reset(self) -> None:
        """Forget what earlier pages did (a tab is reused for many pages)."""
        for record in (self.requests, self.outside, self.failed, self.console_errors, self.page_errors, self.dialogs):
            record.clear()

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)
        if leaves_localhost(request.url):
            self.outside.append(request.url)

    def _on_request_failed(self, request: Request) -> None:
        if request.failure != NAVIGATED_AWAY:
            self.failed.append(f"{request.failure} {request.url}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def _on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def open_tab(browser: Browser, *, color_scheme: str = "light", viewport: dict | None = None) -> Tab:
    """A new context and page with the probes, every request and message watched."""
    context = browser.new_context(viewport=viewport or VIEWPORT, color_scheme=color_scheme,
                                  service_workers="block")
    context.add_init_script(path=str(PROBES))
    tab = Tab(context.new_page())
    context.on("request", tab._on_request)
    context.on("requestfailed", tab._on_request_failed)
    context.on("response", tab._on_response)
    tab.page.on("console", tab._on_console)
    tab.page.on("pageerror", lambda error: tab.page_errors.append(str(error)))
    tab.page.on("dialog", tab._on_dialog)
    return tab


def toggle_palette(page: Page) -> str:
    """Click mkdocs-material's palette toggle; return the colour scheme the page switched to."""
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') !== s", arg=before)
    page.wait_for_timeout(300)  # material swaps the palette's CSS variables in the next frames
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def run_axe(page: Page) -> list[dict]:
    """axe-core's violations on the page (run from node_modules by the test, past the page's script policy)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def screenshot(page: Page, name: str) -> Path:
    """Save the visible part of the page as test-artifacts/screenshots/<name>.png."""
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), animations="disabled")
    return path
