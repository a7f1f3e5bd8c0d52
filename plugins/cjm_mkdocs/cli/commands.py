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

from ..core.atomic import replace_text
from .diff import diff
from .poster import poster
from .site_config import in_site_language, site_url
from ..core.fields import SLUG, not_an_id
from ..core.labels import DEFAULT_LANGUAGE, LANGUAGES, labels
from ..core.loading import JourneyLoader
from ..core.messages import t, tn
from ..core.model import DUE_SOON_DAYS, RESEARCH_METHODS
from ..core.problems import format_github, format_human, format_json
from ..core.schema import schemas
from ..core.validation import did_you_mean

if TYPE_CHECKING:
    from ..site.plan import SitePlan
    from ..core.catalog import Catalog
    from ..views.portfolio import ReviewEntry

FORMATS = {"human": format_human, "json": format_json, "github": format_github}
TABLES = ("steps", "touchpoints", "pain_points", "measures", "kpis", "research")
"""The tables of `cjm export --format csv`, by name (the file name without `.csv`)."""


@click.group()
@click.version_option(package_name="cjm-mkdocs")
def main() -> None:
    """Customer journey maps as code."""


@main.command()
@click.argument("data_dir", default="journeys", type=click.Path(path_type=Path, file_okay=False))
@click.option("--format", "output", type=click.Choice(list(FORMATS)), default="human", show_default=True,
              help="human-readable lines, JSON for tools, or GitHub workflow annotations")
@in_site_language()
def validate(data_dir: Path, output: str, language: str) -> None:
    """Check every file in DATA_DIR; exit 1 when anything is wrong."""
    catalog, problems = JourneyLoader(data_dir, language=language).load()
    errors = [p for p in problems if p.severity == "error"]
    if problems or output == "json":
        click.echo(FORMATS[output](problems))
    if output == "human":
        warnings = len(problems) - len(errors)
        verdict = ", ".join([tn("{count} error", "{count} errors", len(errors)),
                             tn("{count} warning", "{count} warnings", warnings)]) if problems else t("no problems")
        click.echo(f"{data_dir}: {catalog.summary()}: {verdict}")
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
@in_site_language()
def export(data_dir: Path, output: str, out: Path | None, table: str | None, yes: bool, language: str) -> None:
    """Write the whole model as JSON (with a schema version) or as CSV tables."""
    from ..render.export import EXPORT_SCHEMA_FILE, csv_tables, export_json, export_schema

    if output == "csv" and out is None and table is None:
        raise click.UsageError(t("standard output takes one CSV table: add --table ({tables}), or write them all to a "
                                 "folder with --out", tables=", ".join(TABLES)))
    if table is not None and (output != "csv" or out is not None):
        raise click.UsageError(t("--table prints one table of --format csv to standard output; leave out --out"))
    catalog = _load_clean(data_dir, language)
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
@click.option("--mermaid-js", default="node_modules/mermaid/dist/mermaid.min.js", show_default=True,
              type=click.Path(path_type=Path, dir_okay=False), help="local mermaid.min.js copied to the assets")
@click.option("--pages", "pages_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="folder of hand-written pages (e.g. content) copied beside them, their cjm embeds expanded")
@click.option("--yes", is_flag=True, help="overwrite existing files without asking")
@in_site_language(fallback=DEFAULT_LANGUAGE)
def generate(data_dir: Path, out: Path, language: str, mermaid_js: Path, pages_dir: Path | None, yes: bool) -> None:
    """Write every generated page as Markdown, for any static site generator (Zensical, …); in the language of
    the pages and messages (--language), by default the site's, else German as the plugin's."""
    from ..core.versions import data_history
    from ..site.pages import ASSETS, Site, environment
    from ..site.plan import MERMAID_CONFIG, SitePlan
    from ..views.timeline import journey_histories

    catalog, history = _load_clean(data_dir, language), data_history(data_dir)
    site = Site(catalog, labels(language), dt.date.today(), histories=journey_histories(history, catalog),
                history_state=history.state, site_url=site_url(data_dir))
    plan = SitePlan(site, environment())
    files = {**{page.uri: page.markdown for page in plan.pages}, **(_hand_written(plan, pages_dir) if pages_dir else {}),
             **plan.downloads, **plan.media, **plan.assets([MERMAID_CONFIG])}
    label = tn("writing {count} file", "writing {count} files", len(files))
    with click.progressbar(list(files.items()), label=label, file=sys.stderr) as bar:
        for uri, text in bar:
            _write(out / uri, text, yes, quiet=True)
    if mermaid_js.is_file():
        _write(out / ASSETS / "mermaid.min.js", mermaid_js.read_bytes(), yes)
    else:
        click.echo(t("{path}: not found; diagrams need mermaid.min.js beside the pages (run `npm ci`)", path=mermaid_js),
                   err=True)
    click.echo(t("{folder}: {pages}; link the CSS and JavaScript in {assets}/ from your site's config", folder=out,
                 pages=tn("{count} page", "{count} pages", len(plan.pages)), assets=ASSETS))


def _hand_written(plan: SitePlan, folder: Path) -> dict[str, str | bytes]:
    """The files below `folder`, Markdown pages with their embeds expanded; a broken embed or a clash is an error."""
    found = {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*")) if path.is_file()}
    problems = [t("{path} would hide a page cjm generates; move or rename it", path=folder / uri)
                for uri in plan.clashes(found)]
    files: dict[str, str | bytes] = {}
    for uri, path in found.items():
        if path.suffix != ".md":
            files[uri] = path.read_bytes()
            continue
        try:
            markdown = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(t("{path}: is not UTF-8 text; save it with UTF-8 encoding", path=folder / uri))
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
@in_site_language()
def review(data_dir: Path, within: int, fail_on_overdue: bool, today: dt.datetime | None, language: str) -> None:
    """List journeys and personas whose review is overdue or due soon, with their owners."""
    from ..views import portfolio

    catalog = _load_clean(data_dir, language)
    day = today.date() if today else dt.date.today()
    entries = portfolio.review_status(catalog, day, within)
    due = portfolio.needing_review(entries)
    for entry in due:
        click.echo(_review_line(catalog, entry))
    overdue = sum(entry.state == "overdue" for entry in due)
    click.echo(t("{folder}: {overdue} overdue, {soon} due within {days}, {current} up to date on {day}", folder=data_dir,
                 overdue=overdue, soon=len(due) - overdue, days=_days(within), current=len(entries) - len(due),
                 day=day.isoformat()))
    raise SystemExit(1 if fail_on_overdue and overdue else 0)


def _review_line(catalog: Catalog, entry: ReviewEntry) -> str:
    """`<file>: overdue: journey `<id>` (<title>), owner <department>, last reviewed <day>; due <day>, <n> days ago`."""
    from ..render.escape import one_line

    owner = one_line(catalog.departments[entry.owner].name) if entry.owner in catalog.departments else t("no owner")
    last = entry.last.isoformat() if entry.last else t("never")
    if entry.due is None or entry.days is None:
        when = t("never reviewed")
    elif entry.days < 0:
        when = t("due {day}, {days} ago", day=entry.due.isoformat(), days=_days(-entry.days))
    else:
        when = t("due {day}, in {days}", day=entry.due.isoformat(), days=_days(entry.days))
    state = {"overdue": t("overdue"), "due_soon": t("due soon"), "ok": t("up to date")}[entry.state]
    kind = {"journey": t("journey"), "persona": t("persona")}[entry.kind]
    return t("{file}: {state}: {kind} `{id}` ({title}), owner {owner}, last reviewed {last}; {when}",
             file=catalog.source_file(entry.kind, entry.id), state=state, kind=kind, id=entry.id,
             title=one_line(entry.title), owner=owner, last=last, when=when)


def _days(count: int) -> str:
    return tn("{count} day", "{count} days", count)


def _load_clean(data_dir: Path, language: str) -> Catalog:
    """The catalog of `data_dir`; with errors, they are printed and the command stops."""
    catalog, problems = JourneyLoader(data_dir, language=language).load()
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        click.echo(format_human(errors), err=True)
        raise click.ClickException(tn("{count} error in {folder}: fix it first (`cjm validate`)",
                                      "{count} errors in {folder}: fix them first (`cjm validate`)", len(errors),
                                      folder=data_dir))
    return catalog


def _write(path: Path, content: str | bytes, yes: bool, *, quiet: bool = False) -> None:
    """Write `path` atomically; an existing, different file is only replaced with --yes or a "y" at the prompt."""
    if path.is_dir():
        raise click.ClickException(t("{path} is a folder; give a file name", path=path))
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and path.read_bytes() != data and not yes:
        asked = sys.stdin.isatty() and click.confirm(t("{path} exists and differs. Overwrite?", path=path), default=False)
        if not asked:
            click.echo(t("{path}: kept (exists and differs; pass --yes to overwrite)", path=path))
            return
    try:
        replace_text(path, data)
    except OSError as exc:
        raise click.ClickException(t("{path} cannot be written: {reason}", path=path, reason=exc.strerror)) from None
    if not quiet:
        click.echo(t("{path}: written", path=path))


def _id(value: str) -> str:
    if not SLUG.match(value):
        raise click.BadParameter("; ".join(not_an_id(value)))
    return value


def _one_line(value: str) -> str:
    """An answer that lands in a YAML file: one line, no control, invisible or direction-changing characters."""
    for char in value:
        if char != "\u200d" and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            name = unicodedata.name(char, f"U+{ord(char):04X}")
            raise click.BadParameter(t("contains {name} (U+{code:04X}); write one line of visible text", name=name,
                                       code=ord(char)))
    if not value.strip():
        raise click.BadParameter(t("is empty; write a few words"))
    return value.strip()


def _answer(value: str | None, option: str, question: str, check: Callable[[str], str]) -> str:
    """`value` of `option` checked, or, when it was not given, the answer to `question` (asked again until it passes)."""
    if value is None:
        return click.prompt(question, value_proc=check)
    try:
        return check(value)
    except click.BadParameter as exc:
        raise click.BadParameter(exc.message, param_hint=f"'{option}'") from None


def _answers(given: dict[str, str | None], questions: dict[str, tuple[str, Callable[[str], str]]]) -> dict[str, str]:
    """Every field of `questions` (name → question, check), in their order: given as an option or asked for."""
    return {name: _answer(given[name], f"--{name.replace('_', '-')}", question, check)
            for name, (question, check) in questions.items()}


def _known(data_dir: Path, language: str) -> tuple[set[str], set[str]]:
    catalog, _ = JourneyLoader(data_dir, language=language).load()
    return set(catalog.personas), set(catalog.departments)


def _must_exist(value: str, known: set[str], kind: str) -> None:
    if value not in known:
        hint = did_you_mean(value, known) or t("known: {ids}", ids=", ".join(sorted(known)) or t("none yet"))
        raise click.UsageError(t("no {kind} has the id `{id}`; {hint}", kind=kind, id=value, hint=hint))


DATA_DIR = click.option("--data-dir", default="journeys", show_default=True, type=click.Path(path_type=Path, file_okay=False),
                        help="the journeys folder the file goes into")


def _asked(*names: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Options for `names` that are asked for when left out (in the command's language)."""
    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        for name in reversed(names):
            command = click.option(f"--{name.replace('_', '-')}", name, help=_HELP[name])(command)
        return command
    return decorate


_HELP = {
    "id": "the id, also the file name (a-z, 0-9, -)", "title": "the journey's title, as the site shows it",
    "persona": "id of the persona who walks it (personas/<id>.yml)",
    "department": "id of the owning department (from departments.yml)", "segment": "the customer segment",
    "scenario": "what the customer wants to achieve", "start": "where the journey starts", "end": "where the journey ends",
    "name": "the name", "description": "a short description, in one line",
    "method": "the research method: " + ", ".join(RESEARCH_METHODS),
}


def _id_question() -> tuple[str, Callable[[str], str]]:
    return t("Id (a-z, 0-9, -)"), _id


@main.group()
def new() -> None:
    """Create a new journey, persona, department or research source from a few questions."""


@new.command("journey")
@DATA_DIR
@_asked("id", "title", "persona", "department", "segment", "scenario", "start", "end")
@in_site_language()
def new_journey(data_dir: Path, language: str, **given: str | None) -> None:
    """A journey with the five default stages, one step each: maps/<id>.yml."""
    from . import scaffold

    fields = _answers(given, {"id": _id_question(), "title": (t("Title"), _one_line), "persona": (t("Persona id"), _id),
                              "department": (t("Owning department (id)"), _id), "segment": (t("Segment"), _one_line),
                              "scenario": (t("Scenario"), _one_line), "start": (t("Start"), _one_line),
                              "end": (t("End"), _one_line)})
    personas, departments = _known(data_dir, language)
    _must_exist(fields["persona"], personas, t("persona"))
    _must_exist(fields["department"], departments, t("department"))
    journey_id = fields.pop("id")
    _created(lambda: scaffold.new_journey(data_dir, journey_id, dt.date.today(), **fields))


@new.command("persona")
@DATA_DIR
@_asked("id", "name", "segment", "description")
@in_site_language()
def new_persona(data_dir: Path, language: str, **given: str | None) -> None:
    """A persona with every field to fill in: personas/<id>.yml."""
    from . import scaffold

    fields = _answers(given, {"id": _id_question(), "name": (t("Name"), _one_line), "segment": (t("Segment"), _one_line),
                              "description": (t("Short description"), _one_line)})
    persona_id = fields.pop("id")
    _created(lambda: scaffold.new_persona(data_dir, persona_id, dt.date.today(), **fields))


@new.command("department")
@DATA_DIR
@_asked("id", "name", "description")
@in_site_language()
def new_department(data_dir: Path, language: str, **given: str | None) -> None:
    """A department, appended to departments.yml."""
    from . import scaffold

    fields = _answers(given, {"id": _id_question(), "name": (t("Name"), _one_line),
                              "description": (t("Short description"), _one_line)})
    _, departments = _known(data_dir, language) if data_dir.is_dir() else (set(), set())
    department_id = fields.pop("id")
    _created(lambda: scaffold.new_department(data_dir, department_id, departments, **fields))


@new.command("research")
@DATA_DIR
@_asked("id", "title", "method")
@in_site_language()
def new_research(data_dir: Path, language: str, **given: str | None) -> None:
    """A research source that statements cite by id: research/<id>.yml."""
    from . import scaffold

    fields = _answers(given, {"id": _id_question(), "title": (t("Title"), _one_line),
                              "method": (t("Method ({methods})", methods=", ".join(RESEARCH_METHODS)), _method)})
    research_id = fields.pop("id")
    _created(lambda: scaffold.new_research(data_dir, research_id, dt.date.today(), **fields))


def _method(value: str) -> str:
    if value not in RESEARCH_METHODS:
        hint = did_you_mean(value, RESEARCH_METHODS) or t("methods: {names}", names=", ".join(RESEARCH_METHODS))
        raise click.BadParameter(t("`{value}` is no research method; {hint}", value=value, hint=hint))
    return value


def _created(make: Callable[[], Path]) -> None:
    from .scaffold import ScaffoldError

    try:
        path = make()
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(t("{path}: written; fill it in, then run `cjm validate`", path=path))


main.add_command(diff)
main.add_command(poster)
