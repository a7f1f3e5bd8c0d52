"""The `cjm` command: validate journey data and write its JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .loading import JourneyLoader
from .problems import format_github, format_human, format_json
from .schema import schemas

FORMATS = {"human": format_human, "json": format_json, "github": format_github}


@click.group()
@click.version_option(package_name="cjm-mkdocs")
def main() -> None:
    """Customer journey maps as code."""


@main.command()
@click.argument("data_dir", default="journeys", type=click.Path(path_type=Path, file_okay=False))
@click.option("--format", "output", type=click.Choice(list(FORMATS)), default="human", show_default=True,
              help="human-readable lines, JSON for tools, or GitHub workflow annotations")
def validate(data_dir: Path, output: str) -> None:
    """Check every file in DATA_DIR; exit 1 when anything is wrong."""
    catalog, problems = JourneyLoader(data_dir).load()
    errors = [p for p in problems if p.severity == "error"]
    if problems or output == "json":
        click.echo(FORMATS[output](problems))
    if output == "human":
        counts = f"{len(catalog.journeys)} journeys, {len(catalog.personas)} personas, {len(catalog.departments)} departments"
        verdict = f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)" if problems else "no problems"
        click.echo(f"{data_dir}: {counts}: {verdict}")
    raise SystemExit(1 if errors else 0)


@main.command()
@click.option("--out", "out_dir", default="schema", show_default=True, type=click.Path(path_type=Path, file_okay=False),
              help="folder the schema files are written to")
@click.option("--yes", is_flag=True, help="overwrite changed schema files without asking")
def schema(out_dir: Path, yes: bool) -> None:
    """Write the JSON Schema of each file kind, for editor completion."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, content in schemas().items():
        path = out_dir / name
        text = json.dumps(content, ensure_ascii=False, indent=2) + "\n"
        if path.exists() and path.read_text(encoding="utf-8") == text:
            click.echo(f"{path}: unchanged")
            continue
        if path.exists() and not yes and not click.confirm(f"{path} exists and differs. Overwrite?", default=False):
            click.echo(f"{path}: kept")
            continue
        path.write_text(text, encoding="utf-8")
        click.echo(f"{path}: written")


if __name__ == "__main__":
    main()
