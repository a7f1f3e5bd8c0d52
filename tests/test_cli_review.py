"""`cjm review`: what is overdue or due soon, with owners; exit 1 on overdue only with --fail-on-overdue."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from journey_data import PERSONA, write_data

# journey_data's journey: owner marketing, last reviewed 2026-03-01, so due 2027-03-01 (12 months)
PERSONA_REVIEWED = PERSONA + "department: kundenservice\nlast_reviewed: 2026-05-01\n"  # due 2027-05-01


def cjm_review(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cjm_mkdocs.cli", "review", "journeys", *args], cwd=root,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    write_data(tmp_path / "journeys", {"personas/anna.yml": PERSONA_REVIEWED})
    return tmp_path


def test_overdue_is_listed_but_fails_only_when_asked(data_dir: Path) -> None:
    plain = cjm_review(data_dir, "--today", "2027-03-02")
    strict = cjm_review(data_dir, "--today", "2027-03-02", "--fail-on-overdue")
    assert plain.returncode == 0 and strict.returncode == 1, plain.stderr + strict.stderr
    assert plain.stdout == strict.stdout
    *lines, summary = plain.stdout.splitlines()
    assert lines == ["journeys/maps/shop.yml: overdue: journey `shop` (Kauf über Preisvergleich), owner Marketing, "
                     "last reviewed 2026-03-01; due 2027-03-01, 1 day ago"]
    assert summary == "journeys: 1 overdue, 0 due within 30 days, 1 up to date on 2027-03-02"


def test_due_soon_follows_the_window_and_never_fails(data_dir: Path) -> None:
    narrow = cjm_review(data_dir, "--today", "2027-02-15", "--within", "13", "--fail-on-overdue")
    wide = cjm_review(data_dir, "--today", "2027-02-15", "--within", "14", "--fail-on-overdue")
    assert narrow.returncode == wide.returncode == 0, narrow.stderr + wide.stderr
    assert narrow.stdout.splitlines() == ["journeys: 0 overdue, 0 due within 13 days, 2 up to date on 2027-02-15"]
    assert wide.stdout.splitlines()[0] == ("journeys/maps/shop.yml: due soon: journey `shop` (Kauf über "
                                           "Preisvergleich), owner Marketing, last reviewed 2026-03-01; "
                                           "due 2027-03-01, in 14 days")


def test_personas_are_listed_with_their_owner(data_dir: Path) -> None:
    result = cjm_review(data_dir, "--today", "2027-03-20", "--within", "60")
    lines = result.stdout.splitlines()
    assert lines[1] == ("journeys/personas/anna.yml: due soon: persona `anna` (Anna Schneider), owner Kundenservice, "
                        "last reviewed 2026-05-01; due 2027-05-01, in 42 days")
    assert lines[-1] == "journeys: 1 overdue, 1 due within 60 days, 0 up to date on 2027-03-20"


def test_a_persona_never_reviewed_is_overdue(tmp_path: Path) -> None:
    write_data(tmp_path / "journeys")  # the persona has no last_reviewed and no owner
    result = cjm_review(tmp_path, "--today", "2026-06-01", "--fail-on-overdue")
    assert result.returncode == 1
    assert ("journeys/personas/anna.yml: overdue: persona `anna` (Anna Schneider), owner no owner, last reviewed never; "
            "never reviewed") in result.stdout.splitlines()


def test_broken_data_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    write_data(tmp_path / "journeys", {"maps/shop.yml": "title: [unclosed\n"})
    result = cjm_review(tmp_path)
    assert result.returncode == 1
    assert "journeys/maps/shop.yml" in result.stderr and "1 error in journeys: fix it first (`cjm validate`)" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("args", [("--today", "1.3.2027"), ("--within", "-1")])
def test_bad_options_are_usage_errors(data_dir: Path, args: tuple[str, ...]) -> None:
    result = cjm_review(data_dir, *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert args[0] in result.stderr
