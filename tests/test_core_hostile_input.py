"""Hostile input: links out of the data folder, folders for files, deep nesting, slow Markdown, ids that
cannot be pages, invisible characters and foreign line endings each get a located error, never a traceback,
a hang or a leak. Real `cjm validate` and `mkdocs build --strict` subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BuiltSite, make_project, sample_data
from journey_data import DEPARTMENTS, JOURNEY, PERSONA, write_data

SECRET = "cjm-test-secret-4711"
CJM = [sys.executable, "-m", "cjm_mkdocs.cli"]


def validate(data: Path) -> subprocess.CompletedProcess[str]:
    """`cjm validate` on a data folder, from the folder above it."""
    return subprocess.run([*CJM, "validate", data.name], cwd=data.parent, capture_output=True, text=True, timeout=60)


def assert_reported(result: subprocess.CompletedProcess[str], *lines: str) -> None:
    """The run failed cleanly and its output holds each of `lines`."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    for line in lines:
        assert line in output, output


def build(tmp_path: Path, change: dict[str, object], before_build=None, timeout: int = 300) -> BuiltSite:
    """`mkdocs build --strict` of the sample with `change` written over its data; `before_build(journeys)` may
    then alter the data folder. The messages are English (the site's `language: en`)."""
    config = make_project(tmp_path, {**sample_data(), **change}, plugin={"language": "en"})
    if before_build:
        before_build(config.parent / "journeys")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SECRET_TOKEN": SECRET}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    result = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True, timeout=timeout)
    return BuiltSite(config.parent, result.returncode, result.stdout + result.stderr)


def site_text(site: BuiltSite) -> str:
    """Every file the build wrote, as one text."""
    files = site.site.rglob("*") if site.site.exists() else []
    return "".join(path.read_text(encoding="utf-8", errors="replace") for path in files if path.is_file())


# --- 1. symbolic links ---------------------------------------------------------------------------------------


def link(name: str, target: str | Path):
    """A `before_build` that replaces `journeys/<name>` with a link to `target`."""
    def replace(journeys: Path) -> None:
        path = journeys / name
        if path.is_dir() and not path.is_symlink():
            for child in path.iterdir():
                child.unlink()
            path.rmdir()
        path.unlink(missing_ok=True)
        path.symlink_to(target)
    return replace


def test_a_linked_prose_file_fails_the_build_and_leaks_nothing(tmp_path):
    site = build(tmp_path, {}, link("personas/anna.md", "/proc/self/environ"))
    assert site.returncode != 0
    assert "journeys/personas/anna.md: error: is a symbolic link" in site.log
    assert "replace the link with the file itself" in site.log
    assert SECRET not in site.log + site_text(site)


def test_a_linked_folder_fails_the_build_and_leaks_nothing(tmp_path):
    outside = write_data(tmp_path / "elsewhere", {"personas/anna.yml": PERSONA + f"quote: {SECRET}\n"})
    site = build(tmp_path, {}, link("personas", outside / "personas"))
    assert site.returncode != 0
    assert "journeys/personas: error: is a symbolic link" in site.log
    assert SECRET not in site.log + site_text(site)


@pytest.mark.parametrize("name,target", [
    ("departments.yml", "elsewhere/departments.yml"),  # out of the folder
    ("maps/shop.yml", "../shop-copy.yml"),  # within the folder
    ("maps/shop.md", "/nonexistent/prose.md"),  # dangling
    ("maps", "elsewhere/maps"),  # a folder
])
def test_no_file_or_folder_is_read_through_a_link(tmp_path, name, target):
    data = write_data(tmp_path / "journeys", {"shop-copy.yml": JOURNEY})
    write_data(tmp_path / "elsewhere")
    link(name, tmp_path / target if target.startswith("elsewhere") else target)(data)
    assert_reported(validate(data), f"journeys/{name}: error: is a symbolic link", "fix: replace the link with the")


def test_a_data_folder_that_is_a_link_is_refused(tmp_path):
    """A pull request may replace the whole folder with a link; the plugin's own `data_dir` is still refused."""
    real = write_data(tmp_path / "elsewhere")
    (tmp_path / "journeys").symlink_to(real, target_is_directory=True)
    result = validate(tmp_path / "journeys")
    assert_reported(result, "journeys: error: is a symbolic link", "fix: replace the link with the folder itself")
    assert "1 journeys" not in result.stdout


# --- 2. a folder where a file belongs ------------------------------------------------------------------------


def test_departments_file_as_a_folder_is_reported_as_a_folder(tmp_path):
    data = write_data(tmp_path / "journeys")
    (data / "departments.yml").unlink()
    (data / "departments.yml").mkdir()
    result = validate(data)
    assert_reported(result, "journeys/departments.yml: error: is a folder, expected a file")
    assert "is missing" not in result.stdout


# --- 3. and 4. deep nesting and slow Markdown ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["[" * 999 + "]" * 999, "{a: " * 990 + "1" + "}" * 990,
                                   "".join("\n" + "  " * level + "-" for level in range(1, 600))])
def test_deeply_nested_yaml_is_a_located_error(tmp_path, value):
    data = write_data(tmp_path / "journeys", {"maps/shop.yml": JOURNEY.replace("tags", "") + f"tags: {value}\n"})
    assert_reported(validate(data), "journeys/maps/shop.yml:", "is nested more than 20 levels deep")


@pytest.mark.parametrize("prose,where", [("- " * 3000 + "x", "1:33"), ("> - " * 3000 + "x", "1:33"),
                                         ("        " * 500 + "x", "1:65")])
def test_deeply_nested_prose_is_a_located_error(tmp_path, prose, where):
    data = write_data(tmp_path / "journeys", {"maps/shop.md": prose})
    assert_reported(validate(data), f"journeys/maps/shop.md:{where}: error: nests lists, quotes or indentation")


@pytest.mark.parametrize("brackets,message", [
    (10_000, "3:17: error: has more than 16 `[` open at once"),
    (50_000, "3:1: error: has 50,000 characters without a blank line, more than the limit of 20,000"),
])
def test_prose_that_would_keep_markdown_busy_for_minutes_fails_the_build_in_seconds(tmp_path, brackets, message):
    site = build(tmp_path, {"maps/kauf.md": "Einleitung\n\n" + "[" * brackets}, timeout=30)
    assert site.returncode != 0
    assert f"journeys/maps/kauf.md:{message}" in site.log
    assert "Traceback" not in site.log


@pytest.mark.parametrize("prose,message", [
    ("[a](" * 17, "1:68: error: has more than 16 `(` open at once"),
    ("a  \n" * 6000, "1:1: error: has 23,999 characters without a blank line, more than the limit of 20,000"),
])
def test_prose_is_held_to_limits_that_keep_rendering_fast(tmp_path, prose, message):
    data = write_data(tmp_path / "journeys", {"maps/shop.md": prose})
    assert_reported(validate(data), f"journeys/maps/shop.md:{message}")


def test_prose_over_the_size_limit_is_refused(tmp_path):
    data = write_data(tmp_path / "journeys", {"personas/anna.md": "Text.\n\n" * 150_000})
    assert_reported(validate(data), "journeys/personas/anna.md:1:1: error: is 1,050,000 bytes, more than the limit")


def test_prose_within_the_limits_renders(tmp_path):
    prose = "## Worum es geht\n\n- eins\n    - zwei [Link](https://example.com) (mit (Klammern))\n\n> Zitat\n"
    site = build(tmp_path, {"maps/kauf.md": prose})
    assert site.returncode == 0, site.log
    assert "Klammern" in site.html("journeys/kauf/")


# --- 5. ids a file system or the site cannot hold ------------------------------------------------------------


@pytest.mark.parametrize("files,where", [
    ({"maps/index.yml": JOURNEY.replace("id: bestellen", "id: bestellen2")}, "journeys/maps/index.yml:1:1: error: id"),
    ({"personas/index.yml": PERSONA}, "journeys/personas/index.yml:1:1: error: id"),
    ({"departments.yml": DEPARTMENTS + "  - id: index\n    name: Alle\n"},
     "journeys/departments.yml:6:9: error: departments[2].id"),
])
def test_an_id_that_is_a_generated_page_is_refused(tmp_path, files, where):
    data = write_data(tmp_path / "journeys", files)
    assert_reported(validate(data), f"{where}: `index` is the name of the section's own overview page",
                    "choose another id")


def test_a_journey_called_index_fails_the_build_instead_of_replacing_the_catalog(tmp_path):
    journey = {"id": "index", **sample_data()["maps/einkauf.yml"]}
    site = build(tmp_path, {"maps/einkauf.yml": journey})
    assert site.returncode != 0
    assert "journeys/maps/einkauf.yml:1:5: error: id: `index` is the name of the section's own overview page" in site.log


def test_an_id_too_long_for_a_file_name_is_refused(tmp_path):
    data = write_data(tmp_path / "journeys", {"maps/shop.yml": "id: " + "a" * 300 + "\n" + JOURNEY})
    assert_reported(validate(data), "journeys/maps/shop.yml:1:5: error: id: is 300 characters long, "
                                    "more than the limit of 100")


# --- 6. invisible and direction-changing characters ----------------------------------------------------------


INVISIBLE = {"\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE", "\u2067": "U+2067 RIGHT-TO-LEFT ISOLATE",
             "\u200f": "U+200F RIGHT-TO-LEFT MARK", "\u061c": "U+061C ARABIC LETTER MARK",
             "\u200b": "U+200B ZERO WIDTH SPACE", "\u2060": "U+2060 WORD JOINER",
             "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE"}


def test_invisible_characters_are_located_errors(tmp_path):
    data = write_data(tmp_path / "journeys", {
        "maps/shop.yml": JOURNEY.replace("name: Bestellt", 'name: "Best\u202eellt"'),
        "maps/shop.md": "".join(f"Zeile {char}{number}\n" for number, char in enumerate(INVISIBLE, 1)),
    })
    assert_reported(validate(data), "journeys/maps/shop.yml:24:20: error: stages[1].steps[0].name: contains the "
                    "invisible character U+202E RIGHT-TO-LEFT OVERRIDE",
                    "fix: it can make the text read differently from how it shows: delete the character",
                    *(f"journeys/maps/shop.md:{number}:7: error: contains the invisible character {name}"
                      for number, name in enumerate(INVISIBLE.values(), 1)))


def test_a_flood_of_invisible_characters_is_counted_not_listed(tmp_path):
    data = write_data(tmp_path / "journeys", {"maps/shop.md": "x\u200b" * 50_000,
                                              "maps/shop.yml": JOURNEY.replace("Bestellt", "\u200b" * 30)})
    result = validate(data)
    assert_reported(result, "journeys/maps/shop.md:1:42: error: contains 49,980 more invisible characters from here on",
                    "journeys/maps/shop.yml:24:35: error: stages[1].steps[0].name: contains 10 more invisible")
    assert (result.stdout + result.stderr).count("contains the invisible character") == 40


def test_emoji_sequences_with_zero_width_joiners_are_text(tmp_path):
    family = "\U0001F469\u200D\U0001F469\u200D\U0001F466"
    data = write_data(tmp_path / "journeys", {"personas/anna.yml": PERSONA.replace("Anna Schneider", family),
                                              "personas/anna.md": f"Familie {family}\n".encode("utf-8-sig")})
    result = validate(data)
    assert result.returncode == 0, result.stdout + result.stderr


# --- 7. line endings -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_crlf_and_cr_files_load_like_lf_files_with_right_line_numbers(tmp_path, ending):
    broken = "# Journey\n" + JOURNEY.replace("segment: Privatkunden", "segment: no")
    data = write_data(tmp_path / "journeys", {"maps/shop.yml": broken.replace("\n", ending).encode(),
                                              "personas/anna.yml": ("# Persona\n" + PERSONA).replace("\n", ending).encode()})
    assert_reported(validate(data), "journeys/maps/shop.yml:4:10: error: segment: `no` is read as a boolean")
    fixed = write_data(tmp_path / "journeys", {"maps/shop.yml": JOURNEY.replace("\n", ending).encode()})
    result = validate(fixed)
    assert result.returncode == 0, result.stdout


def test_broken_yaml_is_reported_once_in_our_words(tmp_path):
    """The fast reader gives up quietly: no C++ source lines from rapidyaml among the messages."""
    data = write_data(tmp_path / "journeys", {"maps/shop.yml": JOURNEY.replace("name: Bestellt", "name: [Bestellt"),
                                              "maps/deep.yml": "title: " + "[" * 2000})
    result = validate(data)
    assert_reported(result, "journeys/maps/shop.yml:25:15: error: is not valid YAML",
                    "journeys/maps/deep.yml:1:")
    assert "parse_engine" not in result.stderr and "ERROR: [parse]" not in result.stderr, result.stderr


def test_prose_that_is_not_utf8_is_located_like_yaml(tmp_path):
    data = write_data(tmp_path / "journeys", {"maps/shop.md": b"Erste Zeile\r\nZweite \xff Zeile\n",
                                              "maps/shop.yml": JOURNEY.encode() + b"# \xfe\n"})
    assert_reported(validate(data), "journeys/maps/shop.md:2:8: error: is not UTF-8 (byte 0xff)",
                    "journeys/maps/shop.yml:", "is not UTF-8 (byte 0xfe)", "fix: save the file with UTF-8 encoding")
