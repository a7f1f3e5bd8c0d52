"""`cjm diff`: what changed in the journeys between two revisions, in domain words, for people reviewing a
pull request (plain text, Markdown for a comment, JSON for tools)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click

from .site_config import in_site_language
from ..core.labels import labels
from ..core.loading import DEPARTMENTS_FILE, NotAFile, read_regular_file, read_version
from ..core.messages import t, tn
from ..core.model import DepartmentsFile
from ..core.revisions import GitUnavailable, Repository
from ..core.versions import JourneyVersions
from ..render.changes import change_text
from ..render.escape import markdown_text, one_line
from ..views.history import JourneyDiff
from ..views.timeline import changed_files, compare


@click.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option("--data-dir", default="journeys", show_default=True, type=click.Path(path_type=Path, file_okay=False),
              help="the journeys folder to compare")
@click.option("--format", "output", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True,
              help="readable lines, Markdown for a pull-request comment, or JSON for tools")
@in_site_language()
def diff(base: str, head: str | None, data_dir: Path, output: str, language: str) -> None:
    """What changed in the journeys from revision BASE to HEAD (default: the working tree), in domain words:
    steps added, removed, renamed, moved or rerated, pain points added or resolved, measures' status, KPI values."""
    try:
        repository = Repository.of(data_dir)
        versions = JourneyVersions(repository, data_dir)
        before_files = versions.files(repository.resolve(base))
        after_files = versions.files(repository.resolve(head) if head else None)
    except GitUnavailable as exc:
        raise click.ClickException(t("{folder}: no git history to compare ({reason})", folder=data_dir,
                                     reason=exc)) from None
    found = compare(repository.root, changed_files(before_files, after_files), versions.disk)
    words = labels(language)
    sides = (base, head or words["working_tree"])
    if output == "json":
        click.echo(json.dumps({"base": base, "head": head, "journeys": [_json(d) for d in found]}, ensure_ascii=False))
    elif output == "markdown":
        click.echo(_markdown(found, sides, words, _departments(data_dir)))
    else:
        click.echo(_text(found, sides, words, _departments(data_dir)))


def _json(found: JourneyDiff) -> dict[str, object]:
    """A journey's changes as JSON data (what `dataclasses.asdict` gives, many times faster)."""
    return {**vars(found), "changes": [vars(change) for change in found.changes]}


def _departments(data_dir: Path) -> dict[str, str]:
    """Department id → name in the working tree, so owner changes read as names (ids where it cannot be read)."""
    try:
        model = read_version(read_regular_file(data_dir / DEPARTMENTS_FILE), DEPARTMENTS_FILE, DepartmentsFile)
    except NotAFile:
        return {}
    return {d.id: d.name for d in model.departments} if isinstance(model, DepartmentsFile) else {}


def _lines(found: JourneyDiff, words: dict[str, str], escape: Callable[[str], str], names: dict[str, str]) -> list[str]:
    if not found.readable:
        return [words["diff_unreadable"]]
    if not found.changes:
        return [words["diff_no_changes"]]
    return [change_text(change, words, escape, lambda i: names.get(i, i)) for change in found.changes]


def _text(found: list[JourneyDiff], sides: tuple[str, str], words: dict[str, str], names: dict[str, str]) -> str:
    out = [t("{count} changed ({base} → {head})", count=tn("{count} journey", "{count} journeys", len(found)),
             base=sides[0], head=sides[1])]
    for journey in found:
        out.append(f"\n{one_line(journey.title)} ({journey.journey})")
        out += [f"  - {line}" for line in _lines(journey, words, one_line, names)]
    return "\n".join(out)


def _markdown(found: list[JourneyDiff], sides: tuple[str, str], words: dict[str, str], names: dict[str, str]) -> str:
    base, head = (side.replace("`", "") for side in sides)
    out = [f"### {words['diff_title']}", "", f"`{base}` → `{head}`"]
    if not found:
        return "\n".join([*out, "", words["diff_none"]])
    for journey in found:
        out += ["", f"#### {markdown_text(journey.title)} (`{journey.journey}`)", ""]
        out += [f"- {line}" for line in _lines(journey, words, markdown_text, names)]
    return "\n".join(out)
