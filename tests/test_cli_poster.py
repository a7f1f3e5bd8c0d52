"""`cjm poster`: a journey as a landscape PDF poster, run as editors run it (a real subprocess, real files)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from journey_data import write_data
from pdf_check import is_sheet, read_pdf
from test_cli_commands import REPO, cjm

SAMPLE = REPO / "journeys"


def names_in(journey_file: Path) -> tuple[str, list[str]]:
    """A journey's title and step names, read from its YAML."""
    data = yaml.safe_load(journey_file.read_text(encoding="utf-8"))
    return data["title"], [step["name"] for stage in data["stages"] for step in stage["steps"]]


@pytest.mark.parametrize(("journey", "size"), [("glasfaser-hausanschluss", "a3"), ("umzug-strom-gas", "a1")])
def test_a_sample_journey_becomes_a_one_sheet_landscape_poster_with_its_title_and_steps(tmp_path, journey, size):
    out = tmp_path / "poster.pdf"
    result = cjm("poster", journey, "--size", size, "--output", str(out), "--data-dir", str(SAMPLE), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    poster = read_pdf(out.read_bytes())
    assert len(poster.sizes) == 1 and is_sheet(poster.sizes[0], size)
    title, steps = names_in(SAMPLE / "maps" / f"{journey}.yml")
    assert poster.shows(title)
    assert [step for step in steps if not poster.shows(step)] == []


def test_the_default_file_is_named_after_the_journey_and_the_size(tmp_path):
    write_data(tmp_path / "journeys")
    result = cjm("poster", "shop", "--language", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "shop-a3.pdf: written" in result.stdout
    assert "laying out the A3 poster" in result.stderr
    assert is_sheet(read_pdf((tmp_path / "shop-a3.pdf").read_bytes()).sizes[0], "a3")


def test_editor_text_stays_text_on_the_poster(tmp_path):
    hostile = {"title": "<script>alert(1)</script> Kauf", "step": "</style><h1>Gross</h1>",
               "does": '<img src="https://evil.example/x.png">', "persona": "Anna </td></table>"}
    journey = (write_data(tmp_path / "journeys") / "maps" / "shop.yml").read_text(encoding="utf-8")
    journey = (journey.replace("title: Kauf über Preisvergleich", f"title: '{hostile['title']}'")
               .replace("name: Sieht Angebot", f"name: '{hostile['step']}'\n        does: '{hostile['does']}'"))
    persona = (tmp_path / "journeys" / "personas" / "anna.yml").read_text(encoding="utf-8")
    write_data(tmp_path / "journeys", {"maps/shop.yml": journey,
                                       "personas/anna.yml": persona.replace("Anna Schneider", hostile["persona"])})
    result = cjm("poster", "shop", "--output", "p.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    poster = read_pdf((tmp_path / "p.pdf").read_bytes())
    assert [text for text in hostile.values() if not poster.shows(text)] == []


def test_an_unknown_journey_is_named_with_the_closest_one(tmp_path):
    write_data(tmp_path / "journeys")
    result = cjm("poster", "shopp", "--language", "en", cwd=tmp_path)
    assert result.returncode == 2
    assert "no journey has the id `shopp`; did you mean `shop`?" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr and not list(tmp_path.glob("*.pdf"))


def test_bad_data_gives_the_located_problems_and_no_poster(tmp_path):
    write_data(tmp_path / "journeys", {"maps/shop.yml": "title: a\ntitle: b\n"})
    result = cjm("poster", "shop", "--language", "en", cwd=tmp_path)
    assert result.returncode == 1
    assert "journeys/maps/shop.yml:2:1: error: title: duplicate key `title` (first at line 1)" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr and not list(tmp_path.glob("*.pdf"))


def test_an_existing_file_is_replaced_only_with_yes(tmp_path):
    write_data(tmp_path / "journeys")
    (tmp_path / "p.pdf").write_text("the poster printed last week", encoding="utf-8")
    kept = cjm("poster", "shop", "--output", "p.pdf", "--language", "en", cwd=tmp_path)
    assert kept.returncode == 0
    assert "p.pdf: kept (exists and differs; pass --yes to overwrite)" in kept.stdout
    assert (tmp_path / "p.pdf").read_text(encoding="utf-8") == "the poster printed last week"
    replaced = cjm("poster", "shop", "--output", "p.pdf", "--yes", "--language", "en", cwd=tmp_path)
    assert replaced.returncode == 0
    assert read_pdf((tmp_path / "p.pdf").read_bytes()).shows("Kauf über Preisvergleich")
