"""The Content-Security-Policy: which inline scripts get a hash (cjm_mkdocs.site.csp), and what real builds declare."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from bs4 import BeautifulSoup

from cjm_mkdocs.site import csp
from conftest import BuiltSite, build_site, make_project, run_mkdocs

THEME = {
    "base.html": '<head><script>var scope = "{{ base_url }}"</script>{% include "palette.html" %}'
                 '<script id="__config" type="application/json">{"a": 1}</script></head>',
    "palette.html": "<script>var palette = 1</script>",
    "broken.html": "{% if x %}<script>{% endif %}var x = 1</script>",
    "icon.svg": "<script>not a template of pages</script>",
}
PAGE = """<!doctype html><html><head>
<meta charset="utf-8"><title>t</title><script>var scope = "../.."</script><script>var palette = 1</script>
<script id="__config" type="application/json">{"a": 1}</script></head><body>
<script src="x.js"></script><script type="module" src="m.mjs"></script><SCRIPT type=module>import "./a.mjs"</SCRIPT>
<article><script>alert(1)</script></article></body></html>"""
CONTENT_CODE = "document.title = 'pwned'"


def theme() -> csp.ThemeScripts:
    return csp.ThemeScripts.of(jinja2.Environment(loader=jinja2.DictLoader(THEME)))


def policy_of(html: str) -> str:
    meta = BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": csp.HEADER_NAME})
    return meta["content"] if meta else ""


def test_inline_scripts_are_those_the_browser_runs() -> None:
    assert csp.inline_scripts(PAGE) == ['var scope = "../.."', "var palette = 1", 'import "./a.mjs"', "alert(1)"]


def test_a_hash_is_the_base64_sha256_of_the_exact_text() -> None:
    assert csp.script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_the_theme_scripts_are_its_templates_script_elements_rendered_for_the_page() -> None:
    assert theme().rendered({"base_url": "../.."}) == {'var scope = "../.."', "var palette = 1"}
    assert theme().rendered({"base_url": "."}) == {'var scope = "."', "var palette = 1"}


def test_a_page_may_run_the_theme_scripts_and_those_plugins_add_but_not_its_content_scripts() -> None:
    policies = csp.Policies(theme())
    policies.render("page.md", {"base_url": "../.."})
    assert policies.rendered("page.md", PAGE) == {'import "./a.mjs"', "alert(1)"}
    added = "mermaid.initialize({})"
    declared = policy_of(policies.protect("page.md", PAGE.replace("</body>", f"<script>{added}</script></body>")))
    allowed = {'var scope = "../.."', "var palette = 1", added}
    assert set(re.findall(r"'sha256-[^']+'", declared)) == {csp.script_hash(text) for text in allowed}
    assert policies.allowed == allowed


def test_the_policy_comes_first_in_the_head_after_the_charset() -> None:
    html = csp.with_policy(PAGE, ["var palette = 1"])
    head = BeautifulSoup(html, "html.parser").head
    assert [e.name for e in head.find_all(True)][:2] == ["meta", "meta"] and head.meta.get("charset") == "utf-8"
    assert policy_of(html) == csp.policy(["var palette = 1"])
    assert csp.policy([]) == ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                              "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'")


def test_a_build_declares_the_policy_and_writes_the_header(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    assert site.returncode == 0, site.log
    header = (site.site / csp.HEADER_FILE).read_text(encoding="utf-8")
    assert header.startswith(f"{csp.HEADER_NAME}: default-src 'self'; script-src 'self' 'sha256-")
    assert header.rstrip().endswith(csp.HEADER_ONLY)
    assert site.site / "404.html" in site.html_files()
    for page in site.html_files():
        html = page.read_text(encoding="utf-8")
        scripts = csp.inline_scripts(html)
        assert scripts, f"{page}: mkdocs-material writes inline scripts into every page"
        assert policy_of(html) == csp.policy(scripts), page
        assert all(csp.script_hash(text) in header for text in scripts)


def test_a_script_in_a_page_warns_and_gets_no_hash(tmp_path: Path) -> None:
    config = make_project(tmp_path, plugin={"language": "en"}, docs={"index.md": f"# Start\n\n<script>{CONTENT_CODE}</script>\n"})
    result = run_mkdocs(config)
    assert result.returncode != 0 and "index.md: 1 inline script(s) that are not the theme's" in result.stderr
    result = run_mkdocs(config, "--no-strict")
    site = BuiltSite(config.parent, result.returncode, result.stderr)
    assert CONTENT_CODE in csp.inline_scripts(site.html())
    assert csp.script_hash(CONTENT_CODE) not in policy_of(site.html())


def test_the_policy_can_be_switched_off(tmp_path: Path) -> None:
    site = build_site(tmp_path, plugin={"csp": False})
    assert site.returncode == 0, site.log
    assert policy_of(site.html()) == "" and not (site.site / csp.HEADER_FILE).exists()


def test_the_plain_mkdocs_theme_builds_with_the_policy(tmp_path: Path) -> None:
    """Its inline scripts need more context than a page's (`tojson` of an undefined value): left unhashed."""
    result = run_mkdocs(make_project(tmp_path, extra_config={"theme": {"name": "mkdocs"}}), "--no-strict")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert 'http-equiv="Content-Security-Policy"' in (tmp_path / "project" / "site" / "index.html").read_text()
