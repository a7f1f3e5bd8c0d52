"""Hostile editor text (tests/fixtures/hostile) in a real browser, under both Mermaid renderers: nothing
executes, nothing is fetched from outside, every diagram renders, every text shows exactly as written."""

from __future__ import annotations

import re
import pytest
import yaml

from .checks import visit, visit_all
from .sites import CDN_SCRIPT, HOSTILE_DATA, HOSTILE_PAGES
from .web import Tab

RENDERERS = ("material", "mermaid2")
# Keys whose values are ids, choices, numbers, dates or URLs: not text a reader sees as written.
NOT_TEXT = {"id", "personas", "department", "status", "kind", "improves", "last_reviewed", "severity", "medium",
            "effort", "impact", "addresses", "next", "rating", "document", "image", "video", "important",
            "moment_of_truth", "target", "current", "better", "review_interval_months", "due", "quick_win"}


def load(relative: str) -> dict:
    return yaml.safe_load((HOSTILE_DATA / relative).read_text(encoding="utf-8"))


def texts(value: object, key: str | None = None) -> list[str]:
    """Every editor text in a YAML value (mapping keys of free-form blocks such as demographics included)."""
    if key in NOT_TEXT:
        return []
    if isinstance(value, dict):
        keys = [k for k in value if key == "demographics"]
        return keys + [t for k, v in value.items() for t in texts(v, k)]
    if isinstance(value, list):
        return [t for item in value for t in texts(item, key)]
    return [value] if isinstance(value, str) else []


JOURNEY = load("maps/angriff.yml")
PERSONA = load("personas/angreiferin.yml")
DEPARTMENTS = {d["id"]: d for d in load("departments.yml")["departments"]}
STEPS = [step for stage in JOURNEY["stages"] for step in stage["steps"]]
STAGE_NAMES = [stage["name"] for stage in JOURNEY["stages"] if "name" in stage]
SHOWN = {  # page → the editor texts it must show as written
    "journeys/angriff/": texts(JOURNEY) + [PERSONA["name"], *(d["name"] for d in DEPARTMENTS.values())],
    "personas/angreiferin/": texts(PERSONA) + [JOURNEY["title"]],
    "journeys/": [JOURNEY["title"], JOURNEY["segment"], PERSONA["name"]],
    **{f"departments/{key}/": texts(department) for key, department in DEPARTMENTS.items()},
}


def one_line(text: str) -> str:
    return " ".join(text.split())


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_fixture_covers_the_attacks() -> None:
    everything = "\n".join(texts(JOURNEY) + texts(PERSONA) + [t for d in DEPARTMENTS.values() for t in texts(d)])
    prose = (HOSTILE_DATA / "maps" / "angriff.md").read_text(encoding="utf-8")
    for attack in ("<script>", "onerror=", "javascript:", "data:", ": ", ";", "#", "%%", "}%%", "click", "\n",
                   "section ", "title ", "ß", "ü", "😀", "שלום", "مرحبا", "{{"):
        assert attack in everything, attack
    assert len(max(everything.split(), key=len)) > 200, "a very long word"
    assert "](javascript:" in prose and "](data:" in prose and "<script>" in prose


@pytest.mark.parametrize("path", HOSTILE_PAGES)
@pytest.mark.parametrize("renderer", RENDERERS)
def test_hostile_page_is_inert_and_shows_the_text_as_written(sites, crawler, renderer: str, path: str) -> None:
    page = crawler(f"hostile-{renderer}")
    diagrams = visit(page, sites.get(renderer, hostile=True), path, journey=path == "journeys/angriff/")
    visible = one_line(page.page.evaluate("window.__cjm.visibleText('article')"))
    missing = [text for text in SHOWN.get(path, []) if one_line(text) not in visible]
    assert missing == [], f"not shown as written on {path}"
    if path in ("", "journeys/angriff/"):
        check_diagram_text(diagrams)
    if path == "journeys/angriff/":
        assert page.page.title().startswith(one_line(JOURNEY["title"]))
        assert page.page.locator("h1").inner_text().startswith(one_line(JOURNEY["title"]))
        check_prose(page)


@pytest.mark.parametrize("renderer", RENDERERS)
def test_every_other_hostile_page_is_inert(sites, crawler, renderer: str) -> None:
    site = sites.get(renderer, hostile=True)
    assert sorted(set(HOSTILE_PAGES) - set(site.pages())) == []
    others = [p for p in site.pages() if p not in HOSTILE_PAGES]
    assert visit_all(crawler(f"hostile-{renderer}"), site, others) == {}


def test_the_checks_catch_a_broken_escape_and_a_script_from_a_cdn(sites, tab) -> None:
    """The same checks on a copy broken on purpose (see sites.sabotage) must fail, and for the right reasons;
    without the Content-Security-Policy, which would keep the injected scripts from running."""
    site = sites.get("material", hostile=True, sabotaged=True, csp=False)
    page = tab()
    with pytest.raises(AssertionError):
        visit(page, site, "journeys/angriff/", journey=True)
    assert page.outside == [CDN_SCRIPT]
    assert "called: alert(denkt)" in page.problems()
    found = page.page.evaluate("window.__cjm.audit()")
    assert {"IMG has onerror=\"alert('denkt')\"", "a script that calls alert or says pwned", "document.title was changed to pwned"} \
        <= set(found)
    visible = one_line(page.page.evaluate("window.__cjm.visibleText('article')"))
    assert one_line(STEPS[0]["thinks"]) not in visible


def check_diagram_text(diagrams: list[dict]) -> None:
    """Mermaid turns the encoded labels back into exactly the characters the editor wrote; the journey diagrams'
    legends name departments only (the persona is named beside them)."""
    journeys = [d for d in diagrams if d["kind"] == "journey"]
    text = squeeze(" ".join(d["text"] for d in journeys))
    expected = [*STAGE_NAMES, *(step["name"] for step in STEPS)]
    assert [t for t in expected if squeeze(t) not in text] == []
    # The legends name departments, never the persona. Mermaid wraps a long name between words; a single word too
    # long for its legend (as Mermaid measures the word entity-encoded, e.g. "<script>alert('abt')</script>") it
    # breaks anywhere, even inside an encoded character, which then shows garbled: only the names of shorter words
    # are compared as written.
    legend = squeeze("".join(line for d in journeys for line in d["legend"]))
    assert journeys and squeeze(PERSONA["name"]) not in legend
    assert squeeze(DEPARTMENTS["service"]["name"]) in legend
    for flowchart in (d for d in diagrams if d["kind"] == "flowchart-v2"):
        expected = [*STAGE_NAMES, *(step["name"] for step in STEPS)]
        assert [t for t in expected if squeeze(t) not in squeeze(flowchart["text"])] == []


def check_prose(page: Tab) -> None:
    """The companion Markdown: links keep their text but lose unsafe targets, raw HTML shows as text."""
    prose = page.page.locator(".cjm-prose")
    assert prose.get_by_text("Klick mich").count() == 1
    hrefs = prose.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "https://example.com/" in hrefs
    assert [h for h in hrefs if h and not h.startswith(("https:", "http:", "mailto:", "#"))] == []
    assert "<script>alert('prosa-script')</script>" in prose.inner_text()
    assert prose.locator("iframe, script, object, embed").count() == 0
    sources = prose.locator("img").evaluate_all("images => images.map(i => i.getAttribute('src'))")
    assert [src for src in sources if src is not None] == [], "images only from the site, none here"
