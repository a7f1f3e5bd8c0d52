"""The `cjm` command: validate journey data and write its JSON Schema.

Page rendering, export and scaffolding are imported by the commands that use them,
so `cjm validate` starts without Jinja, Markdown and the overview views.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
import json
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .atomic import replace_text
from ..core.fields import SLUG, not_an_id
from ..core.labels import LANGUAGES, labels
from ..core.loading import JourneyLoader
from ..core.model import DUE_SOON_DAYS
from ..core.problems import format_github, format_human, format_json
from ..core.schema import schemas
from ..core.validation import did_you_mean

if TYPE_CHECKING:
    from ..site.plan import SitePlan
    from ..core.catalog import Catalog
    from ..views.portfolio import ReviewEntry

FORMATS = {"human": format_human, "json": format_json, "github": format_github}
TABLES = ("steps", "touchpoints", "pain_points", "measures", "kpis")
"""The tables of `cjm export --format csv`, by name (the file name without `.csv`)."""


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
        counts = catalog.summary()
        verdict = f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)" if problems else "no problems"
        click.echo(f"{data_dir}: {counts}: {verdict}")
    raise SystemExit(1 if errors else 0)


@main.command()
@click.option("--out", "out_dir", default="schema", show_default=True, type=click.Path(path_type=Path, file_okay=False),
              help="folder the schema files are written to")
@click.option("--yes", is_flag=True, help="overwrite changed schema files without asking")
@click.option("--check", is_flag=True, help="write nothing; exit 1 when a schema file is missing or out of date")
@click.option("--language", type=click.Choice(LANGUAGES), default="de", show_default=True,
              help="language of the field descriptions (editors show them as hints)")
def schema(out_dir: Path, yes: bool, check: bool, language: str) -> None:
    """Write the JSON Schema of each file kind, for editor completion."""
    stale = []
    for name, content in schemas(language).items():
        path = out_dir / name
        text = json.dumps(content, ensure_ascii=False, indent=2) + "\n"
        if path.exists() and path.read_text(encoding="utf-8") == text:
            click.echo(f"{path}: unchanged")
        elif check:
            stale.append(path)
            click.echo(f"{path}: out of date; run `cjm schema --yes`")
        else:
            _write(path, text, yes)
    raise SystemExit(1 if stale else 0)


@main.command()
@click.argument("data_dir", default="journeys", type=click.Path(path_type=Path, file_okay=False))
@click.option("--format", "output", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="one JSON document with a schema version, or CSV tables for spreadsheets and BI tools")
@click.option("--out", "out", type=click.Path(path_type=Path),
              help="file for json, folder for csv  [default: standard output]")
@click.option("--table", type=click.Choice(TABLES), help="with --format csv and no --out: the one table to print")
@click.option("--yes", is_flag=True, help="overwrite existing files without asking")
def export(data_dir: Path, output: str, out: Path | None, table: str | None, yes: bool) -> None:
    """Write the whole model as JSON (with a schema version) or as CSV tables."""
    from ..render.export import EXPORT_SCHEMA_FILE, csv_tables, export_json, export_schema

    if output == "csv" and out is None and table is None:
        raise click.UsageError(f"standard output takes one CSV table: add --table ({', '.join(TABLES)}), "
                               "or write them all to a folder with --out")
    if table is not None and (output != "csv" or out is not None):
        raise click.UsageError("--table prints one table of --format csv to standard output; leave out --out")
    catalog = _load_clean(data_dir)
    if out is None:
        click.echo(export_json(catalog) if output == "json" else csv_tables(catalog)[f"{table}.csv"], nl=False)
        return
    files = {out: export_json(catalog)} if output == "json" else {out / n: t for n, t in csv_tables(catalog).items()}
    if output == "json":
        files[out.with_name(EXPORT_SCHEMA_FILE)] = json.dumps(export_schema(), ensure_ascii=False, indent=2) + "\n"
    for path, text in files.items():
        _write(path, text, yes)


@main.command()
@click.argument("data_dir", default="journeys", type=click.Path(path_type=Path, file_okay=False))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="folder the Markdown pages and their assets are written to")
@click.option("--language", type=click.Choice(LANGUAGES), default="de", show_default=True)
@click.option("--mermaid-js", default="node_modules/mermaid/dist/mermaid.min.js", show_default=True,
              type=click.Path(path_type=Path, dir_okay=False), help="local mermaid.min.js copied to the assets")
@click.option("--pages", "pages_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="folder of hand-written pages (e.g. content) copied beside them, their cjm embeds expanded")
@click.option("--yes", is_flag=True, help="overwrite existing files without asking")
def generate(data_dir: Path, out: Path, language: str, mermaid_js: Path, pages_dir: Path | None, yes: bool) -> None:
    """Write every generated page as Markdown, for any static site generator (Zensical, …)."""
    from ..site.pages import ASSETS, Site, environment
    from ..site.plan import MERMAID_CONFIG, SitePlan

    plan = SitePlan(Site(_load_clean(data_dir), labels(language), dt.date.today()), environment())
    files = {**{page.uri: page.markdown for page in plan.pages}, **(_hand_written(plan, pages_dir) if pages_dir else {}),
             **plan.downloads, **plan.assets([MERMAID_CONFIG])}
    with click.progressbar(list(files.items()), label=f"writing {len(files)} files", file=sys.stderr) as bar:
        for uri, text in bar:
            _write(out / uri, text, yes, quiet=True)
    if mermaid_js.is_file():
        _write(out / ASSETS / "mermaid.min.js", mermaid_js.read_bytes(), yes)
    else:
        click.echo(f"{mermaid_js}: not found; diagrams need mermaid.min.js beside the pages (run `npm ci`)", err=True)
    click.echo(f"{out}: {len(plan.pages)} pages; link the CSS and JavaScript in {ASSETS}/ from your site's config")


def _hand_written(plan: SitePlan, folder: Path) -> dict[str, str | bytes]:
    """The files below `folder`, Markdown pages with their embeds expanded; a broken embed or a clash is an error."""
    found = {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*")) if path.is_file()}
    problems = [f"{folder}/{uri} would hide a page cjm generates; move or rename it" for uri in plan.clashes(found)]
    files: dict[str, str | bytes] = {}
    for uri, path in found.items():
        if path.suffix != ".md":
            files[uri] = path.read_bytes()
            continue
        try:
            markdown = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(f"{folder}/{uri}: is not UTF-8 text; save it with UTF-8 encoding")
            continue
        files[uri], broken = plan.expand(markdown, uri)
        problems += [f"{folder}/{problem}" for problem in broken]
    if problems:
        raise click.ClickException("\n".join(problems))
    return files


@main.command()
@click.argument("data_dir", default="journeys", type=click.Path(path_type=Path, file_okay=False))
@click.option("--within", type=click.IntRange(min=0), default=DUE_SOON_DAYS, show_default=True,
              metavar="DAYS", help="also list reviews falling due within this many days")
@click.option("--fail-on-overdue", is_flag=True, help="exit 1 when a review is overdue (for CI)")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", help="judge on this day  [default: today]")
def review(data_dir: Path, within: int, fail_on_overdue: bool, today: dt.datetime | None) -> None:
    """List journeys and personas whose review is overdue or due soon, with their owners."""
    from ..views import portfolio

    catalog = _load_clean(data_dir)
    day = today.date() if today else dt.date.today()
    entries = portfolio.review_status(catalog, day, within)
    due = portfolio.needing_review(entries)
    for entry in due:
        click.echo(_review_line(catalog, entry))
    overdue = sum(entry.state == "overdue" for entry in due)
    click.echo(f"{data_dir}: {overdue} overdue, {len(due) - overdue} due within {within} days, "
               f"{len(entries) - len(due)} up to date on {day.isoformat()}")
    raise SystemExit(1 if fail_on_overdue and overdue else 0)


def _review_line(catalog: Catalog, entry: ReviewEntry) -> str:
    """`<file>: overdue: journey `<id>` (<title>), owner <department>, last reviewed <day>; due <day>, <n> days ago`."""
    from ..render.escape import one_line

    owner = one_line(catalog.departments[entry.owner].name) if entry.owner in catalog.departments else "no owner"
    last = entry.last.isoformat() if entry.last else "never"
    if entry.due is None or entry.days is None:
        when = "never reviewed"
    elif entry.days < 0:
        when = f"due {entry.due.isoformat()}, {_days(-entry.days)} ago"
    else:
        when = f"due {entry.due.isoformat()}, in {_days(entry.days)}"
    state = entry.state.replace("_", " ")
    return (f"{catalog.source_file(entry.kind, entry.id)}: {state}: {entry.kind} `{entry.id}` ({one_line(entry.title)}), "
            f"owner {owner}, last reviewed {last}; {when}")


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _load_clean(data_dir: Path) -> Catalog:
    """The catalog of `data_dir`; with errors, they are printed and the command stops."""
    catalog, problems = JourneyLoader(data_dir).load()
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        click.echo(format_human(errors), err=True)
        raise click.ClickException(f"{len(errors)} error(s) in {data_dir}: fix them first (`cjm validate`)")
    return catalog


def _write(path: Path, content: str | bytes, yes: bool, *, quiet: bool = False) -> None:
    """Write `path` atomically; an existing, different file is only replaced with --yes or a "y" at the prompt."""
    if path.is_dir():
        raise click.ClickException(f"{path} is a folder; give a file name")
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and path.read_bytes() != data and not yes:
        asked = sys.stdin.isatty() and click.confirm(f"{path} exists and differs. Overwrite?", default=False)
        if not asked:
            click.echo(f"{path}: kept (exists and differs; pass --yes to overwrite)")
            return
    try:
        replace_text(path, data)
    except OSError as exc:
        raise click.ClickException(f"{path} cannot be written: {exc.strerror}") from None
    if not quiet:
        click.echo(f"{path}: written")


def _slug(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not SLUG.match(value):
        raise click.BadParameter("; ".join(not_an_id(value)))
    return value


def _one_line(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """An answer that lands in a YAML file: one line, no control, invisible or direction-changing characters."""
    for char in value:
        if char != "\u200d" and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            name = unicodedata.name(char, f"U+{ord(char):04X}")
            raise click.BadParameter(f"contains {name} (U+{ord(char):04X}); write one line of visible text")
    if not value.strip():
        raise click.BadParameter("is empty; write a few words")
    return value.strip()


def _known(data_dir: Path) -> tuple[set[str], set[str]]:
    catalog, _ = JourneyLoader(data_dir).load()
    return set(catalog.personas), set(catalog.departments)


def _must_exist(value: str, known: set[str], kind: str) -> None:
    if value not in known:
        hint = did_you_mean(value, known) or f"known: {', '.join(sorted(known)) or 'none yet'}"
        raise click.UsageError(f"no {kind} has the id `{value}`; {hint}")


DATA_DIR = click.option("--data-dir", default="journeys", show_default=True, type=click.Path(path_type=Path, file_okay=False),
                        help="the journeys folder the file goes into")


@main.group()
def new() -> None:
    """Create a new journey, persona or department from a few questions."""


@new.command("journey")
@DATA_DIR
@click.option("--id", "journey_id", prompt="Id (a-z, 0-9, -)", callback=_slug,
              help="the journey's id, also its file name: maps/<id>.yml")
@click.option("--title", prompt="Titel", callback=_one_line, help="the journey's title, as the site shows it")
@click.option("--persona", prompt="Persona-Id", callback=_slug, help="id of the persona who walks it (personas/<id>.yml)")
@click.option("--department", prompt="Verantwortliche Abteilung (Id)", callback=_slug,
              help="id of the owning department (from departments.yml)")
@click.option("--segment", prompt="Segment", callback=_one_line, help="the customer segment it is mapped for")
@click.option("--scenario", prompt="Szenario", callback=_one_line, help="what the customer wants to achieve")
@click.option("--start", prompt="Start", callback=_one_line, help="where the journey starts")
@click.option("--end", prompt="Ende", callback=_one_line, help="where the journey ends")
def new_journey(data_dir: Path, journey_id: str, **fields: str) -> None:
    """A journey with the five default stages, one step each."""
    from . import scaffold

    personas, departments = _known(data_dir)
    _must_exist(fields["persona"], personas, "persona")
    _must_exist(fields["department"], departments, "department")
    _created(lambda: scaffold.new_journey(data_dir, journey_id, dt.date.today(), **fields))


@new.command("persona")
@DATA_DIR
@click.option("--id", "persona_id", prompt="Id (a-z, 0-9, -)", callback=_slug,
              help="the persona's id, also its file name: personas/<id>.yml")
@click.option("--name", prompt="Name", callback=_one_line, help="the persona's name")
@click.option("--segment", prompt="Segment", callback=_one_line, help="the customer segment the persona stands for")
@click.option("--description", prompt="Kurzbeschreibung", callback=_one_line, help="who the persona is, in one line")
def new_persona(data_dir: Path, persona_id: str, **fields: str) -> None:
    """A persona with every field to fill in."""
    from . import scaffold

    _created(lambda: scaffold.new_persona(data_dir, persona_id, dt.date.today(), **fields))


@new.command("department")
@DATA_DIR
@click.option("--id", "department_id", prompt="Id (a-z, 0-9, -)", callback=_slug,
              help="the department's id, as journeys name it")
@click.option("--name", prompt="Name", callback=_one_line, help="the department's name")
@click.option("--description", prompt="Kurzbeschreibung", callback=_one_line, help="what the department does, in one line")
def new_department(data_dir: Path, department_id: str, **fields: str) -> None:
    """A department, appended to departments.yml."""
    from . import scaffold

    _, departments = _known(data_dir) if data_dir.is_dir() else (set(), set())
    _created(lambda: scaffold.new_department(data_dir, department_id, departments, **fields))


def _created(make: Callable[[], Path]) -> None:
    from .scaffold import ScaffoldError

    try:
        path = make()
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{path}: written; fill it in, then run `cjm validate`")

