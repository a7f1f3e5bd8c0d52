"""Fixtures of the browser suite: one local server, the sites built once per session, Debian's chromium."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .sites import Site, build
from .web import Tab, open_tab, serving


class Sites:
    """Builds each site the first time a test asks for it, into a folder of the served directory."""

    def __init__(self, www: Path, base_url: str, projects: pytest.TempPathFactory) -> None:
        self.www, self.base_url, self.projects = www, base_url, projects
        self.built: dict[str, Site] = {}

    def get(self, renderer: str, *, hostile: bool = False, sabotaged: bool = False, csp: bool = True,
            history: bool = False) -> Site:
        name = "-".join([*(["sabotaged"] if sabotaged else []), *(["hostile"] if hostile else []),
                         *([] if csp else ["no-csp"]), *(["history"] if history else []), renderer])
        if name not in self.built:
            project = self.projects.mktemp(f"project-{name}")
            self.built[name] = build(name, renderer, project, self.www, self.base_url, hostile=hostile,
                                     sabotaged=sabotaged, csp=csp, history=history)
        return self.built[name]


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    """The sample and hostile sites under both renderers, served from 127.0.0.1."""
    www = tmp_path_factory.mktemp("www")
    with serving(www) as base_url:
        yield Sites(www, base_url, tmp_path_factory)


@pytest.fixture(scope="session")
def browser(chromium: Browser) -> Browser:
    """The session's one chromium (tests/conftest.py): Playwright's sync API allows a single instance."""
    return chromium


@pytest.fixture(scope="session")
def crawler(browser: Browser) -> Iterator[Callable[..., Tab]]:
    """One reused tab per renderer and window size for visiting page after page (a new tab per page costs a
    second): `crawler(renderer)`, or `crawler(renderer, viewport)` for another size than the default 1280 × 800."""
    tabs: dict[tuple[str, str], Tab] = {}

    def get(renderer: str, viewport: dict | None = None) -> Tab:
        key = (renderer, repr(viewport))
        tabs.setdefault(key, open_tab(browser, viewport=viewport)).reset()
        return tabs[key]

    yield get
    for item in tabs.values():
        item.page.context.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Callable[..., Tab]]:
    """Open watched tabs (`tab(color_scheme=..., viewport=...)`); closed after the test."""
    opened: list[Tab] = []

    def make(**options: object) -> Tab:
        opened.append(open_tab(browser, **options))
        return opened[-1]

    yield make
    for item in opened:
        item.page.context.close()
