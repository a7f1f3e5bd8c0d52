"""Messages in the site's language: the German catalogue covers every message the code makes, and `cjm` and the
plugin speak German on a `language: de` site, English otherwise, with the same positions and fixes."""

from __future__ import annotations

import ast
import json
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import cjm_mkdocs
from cjm_mkdocs.core.messages import catalogue_path, speaking, t, tn
from journey_data import DEPARTMENTS, JOURNEY, PERSONA, write_data

PACKAGE = Path(cjm_mkdocs.__file__).parent
REPO = PACKAGE.parents[1]
BIN = Path(sys.executable).parent
KEYWORDS = {"t": None, "tn": (1, 2)}


def catalogue() -> dict[str | tuple[str, ...], str | tuple[str, ...]]:
    with PACKAGE.joinpath(*catalogue_path("de")).open("rb") as po:
        return {message.id: message.string for message in read_po(po, locale="de") if message.id}


def messages_in_code() -> set[str | tuple[str, ...]]:
    """Every message of a `t(…)` or `tn(…)` call in the package's code and scaffold templates, as Babel sees them."""
    method_map = [("**.py", "python"), ("**/scaffolds/**.j2", "jinja2.ext:babel_extract")]
    found = extract_from_dir(str(PACKAGE), method_map, keywords=KEYWORDS, comment_tags=())
    return {message if isinstance(message, str) else tuple(message) for _, _, message, _, _ in found}


def placeholders(text: str) -> set[tuple[str, str]]:
    return {(name, spec) for _, name, spec, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_is_a_literal_babel_can_find():
    calls, hidden = [], []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS:
                literal = [isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                           for arg in node.args[: 1 if node.func.id == "t" else 2]]
                calls.append((f"{path.name}:{node.lineno}", all(literal)))
            if isinstance(node, ast.JoinedStr):  # Babel does not look into f-strings
                hidden += [f"{path.name}:{node.lineno}" for inner in ast.walk(node) if isinstance(inner, ast.Call)
                           and isinstance(inner.func, ast.Name) and inner.func.id in KEYWORDS]
    assert len(calls) > 200
    assert [where for where, literal in calls if not literal] == []
    assert hidden == []


def test_the_german_catalogue_translates_every_message_of_the_code_and_nothing_else():
    in_code, german = messages_in_code(), catalogue()
    assert len(in_code) > 200
    assert sorted(map(str, in_code - german.keys())) == [], "run `make messages`, then translate the new entries"
    assert sorted(map(str, german.keys() - in_code)) == [], "run `make messages` to drop entries no code uses"
    for message, translated in german.items():
        sources = message if isinstance(message, tuple) else (message,)
        forms = translated if isinstance(translated, tuple) else (translated,)
        assert all(forms), f"untranslated: {message}"
        for source, form in zip(sources, forms):
            assert placeholders(form) == placeholders(source), (source, form)
            assert form.format(**{name: 1 for name, _ in placeholders(form)})  # no stray brace


def test_messages_speak_the_language_of_the_block_they_are_made_in():
    assert t("is empty") == "is empty"
    with speaking("de"):
        assert t("is empty") == catalogue()["is empty"]
        assert t("unknown key `{key}`", key="nmae").count("`nmae`") == 1
        one, many = tn("{count} error", "{count} errors", 1), tn("{count} error", "{count} errors", 3)
        assert one.startswith("1 ") and many.startswith("3 ") and "error" not in one + many
    assert tn("{count} error", "{count} errors", 1) == "1 error"


# --- a data folder with many kinds of mistakes -------------------------------------------------

BROKEN_JOURNEY = JOURNEY.replace("title: Kauf über Preisvergleich", "titel: Kauf über Preisvergleich") \
    .replace("rating: okay", "rating: super") \
    .replace("last_reviewed: 2026-03-01", "last_reviewed: 2026-02-30") \
    .replace("department: kundenservice", "department: kundenservise") \
    .replace("segment: Privatkunden", "segment: yes") \
    .replace("addresses: [versand-unklar]", "addresses: [versand-unklr]") \
    .replace("id: bestellen", "id: Bestellen!")
BROKEN_FILES: dict[str, str | bytes] = {
    "maps/shop.yml": BROKEN_JOURNEY,
    "maps/tabs.yml": "title: x\n\tpersonas: [anna]\n",
    "maps/twice.yml": "title: a\ntitle: b\n",
    "maps/latin.yml": "title: Kündigung\n".encode("latin-1"),
    "maps/syntax.yml": "title: [unclosed\n",
    "maps/empty.yml": "# nothing yet\n",
    "personas/bob.yml": "name: Bob\nsegment: B2B\ndescription: x\ndepartment: marketting\n",
    "extra/stray.yml": "title: x\n",
}


def validate(folder: Path, *options: str) -> tuple[int, str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([str(BIN / "cjm"), "validate", str(folder), *options], capture_output=True, text=True,
                          env=env, timeout=120, cwd=folder.parent)
    return done.returncode, done.stdout + done.stderr


def test_validate_speaks_german_when_asked_with_every_position_and_fix_of_the_english_report(tmp_path):
    data = write_data(tmp_path / "journeys", BROKEN_FILES)
    code_en, english = validate(data, "--format", "json", "--language", "en")
    code_de, german = validate(data, "--format", "json", "--language", "de")
    assert code_en == code_de == 1
    english_problems, german_problems = json.loads(english), json.loads(german)
    assert len(english_problems) >= 14
    where = [(p["file"], p["line"], p["column"], p["field"], p["severity"]) for p in english_problems]
    assert [(p["file"], p["line"], p["column"], p["field"], p["severity"]) for p in german_problems] == where
    for en, de in zip(english_problems, german_problems):
        assert de["message"] != en["message"], en
        assert bool(de["hint"]) == bool(en["hint"]) and (not en["hint"] or de["hint"] != en["hint"]), en
    assert any("`titel`" in p["message"] and "`title`" in p["hint"] for p in german_problems)


def test_validate_speaks_the_language_of_the_site_its_data_folder_belongs_to(tmp_path):
    data = write_data(tmp_path / "journeys", {"maps/empty.yml": "# nothing yet\n"})
    de = catalogue()
    _, alone = validate(data)
    assert f": error: {'is empty'}" in alone and "1 error, 0 warnings" in alone
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nplugins:\n  - search\n  - cjm:\n      language: de\n"
                                         "      preview: !ENV [CJM_PREVIEW, '']\n"
                                         "markdown_extensions:\n  - pymdownx.emoji:\n"
                                         "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
                                         encoding="utf-8")
    _, german = validate(data)
    assert f": {de['error']}: {de['is empty']}" in german and f"{de['fix']}: " in german
    assert de[("{count} error", "{count} errors")][0].format(count=1) in german
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nplugins:\n  - cjm\n", encoding="utf-8")
    assert f": {de['error']}: " in validate(data)[1], "a site whose plugin sets no language is German, the default"
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nplugins:\n  - cjm:\n      language: en\n", encoding="utf-8")
    assert ": error: is empty" in validate(data)[1]
    assert ": error: is empty" in validate(data, "--language", "en")[1]
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nplugins:\n  - search\n", encoding="utf-8")
    assert ": error: is empty" in validate(data)[1], "a site without the plugin says nothing of its language"


def test_a_german_site_build_reports_the_data_problems_in_german(tmp_path, build_site):
    de = catalogue()
    for language, said in (("de", de["unknown key `{key}`"]), ("en", "unknown key `{key}`")):
        data = {"departments.yml": DEPARTMENTS, "personas/anna.yml": PERSONA, "maps/shop.yml": JOURNEY.replace("title: Kauf", "titel: Kauf")}
        site = build_site(tmp_path / language, data, plugin={"language": language})
        assert site.returncode == 1
        assert said.format(key="titel") in site.log and "Traceback" not in site.log
        summary = de["the journey data has {count} error(s), listed above; `cjm validate {folder}` shows the same list"]
        assert (summary.format(count=2, folder="journeys") in site.log) == (language == "de"), site.log


def test_new_asks_and_comments_in_the_site_language(tmp_path):
    de = catalogue()
    data = write_data(tmp_path / "journeys")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nplugins:\n  - cjm:\n      language: de\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    answers = "Neu Id\nneu\nNeue Journey\nanna\nmarketing\nB2C\nSzenario\nStart\nEnde\n"
    asked = subprocess.run([str(BIN / "cjm"), "new", "journey"], input=answers, capture_output=True, text=True,
                           env=env, cwd=tmp_path, timeout=120)
    assert asked.returncode == 0, asked.stderr
    for question in ("Title", "Persona id", "Owning department (id)", "Scenario", "End"):
        assert f"{de[question]}: " in asked.stdout and f"{question}: " not in asked.stdout
    assert de["ids use a-z, 0-9 and single hyphens, e.g. `{id}`"].format(id="neu-id") in asked.stdout + asked.stderr
    written = (data / "maps/neu.yml").read_text(encoding="utf-8")
    assert f"# {de['does']}" in written and f"# {de['where the journey starts']}" in written
    english = subprocess.run([str(BIN / "cjm"), "new", "persona", "--language", "en", "--id", "bob", "--name", "Bob",
                              "--segment", "S"], input="A buyer\n", capture_output=True, text=True, env=env,
                             cwd=tmp_path, timeout=120)
    assert english.returncode == 0 and "Short description: " in english.stdout, english.stderr
    assert "# preferred channels" in (data / "personas/bob.yml").read_text(encoding="utf-8")
    done = validate(data)
    assert done[0] == 0, done[1]


@pytest.mark.parametrize("language", ["de", "en"])
def test_review_speaks_the_language_asked_for(tmp_path, language):
    data = write_data(tmp_path / "journeys")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([str(BIN / "cjm"), "review", str(data), "--today", "2028-01-01", "--language", language],
                          capture_output=True, text=True, env=env, timeout=120)
    overdue = catalogue()["overdue"] if language == "de" else "overdue"
    assert done.returncode == 0 and f": {overdue}: " in done.stdout, done.stdout
