"""Writes that an interruption cannot leave half-done: the previous file stays whole."""

from __future__ import annotations

import os

import pytest

from cjm_mkdocs.core.atomic import create_text, replace_text


def test_a_failed_write_leaves_the_previous_file_whole(tmp_path):
    path = tmp_path / "journeys.json"
    path.write_text('{"before": true}\n', encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        replace_text(path, '{"after": "\ud800"}')  # fails half-way, as a killed process would
    assert path.read_text(encoding="utf-8") == '{"before": true}\n'
    assert os.listdir(tmp_path) == ["journeys.json"]


def test_replace_keeps_permissions_and_replaces_a_link_instead_of_following_it(tmp_path):
    target = tmp_path / "target.txt"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(target)
    replace_text(link, "new")
    assert target.read_text(encoding="utf-8") == "keep" and not link.is_symlink()
    assert link.read_text(encoding="utf-8") == "new"
    link.chmod(0o640)
    replace_text(link, "newer")
    assert link.stat().st_mode & 0o777 == 0o640


def test_create_never_replaces_anything(tmp_path):
    path = tmp_path / "maps" / "neu.yml"
    create_text(path, "title: x\n")
    assert path.read_text(encoding="utf-8") == "title: x\n"
    with pytest.raises(FileExistsError):
        create_text(path, "title: y\n")
    dangling = tmp_path / "maps" / "link.yml"
    dangling.symlink_to(tmp_path / "nowhere.yml")
    with pytest.raises(FileExistsError):
        create_text(dangling, "title: z\n")
    assert not (tmp_path / "nowhere.yml").exists()
    assert sorted(os.listdir(path.parent)) == ["link.yml", "neu.yml"]
