"""`cjm poster`: a journey as a wall poster for workshops (landscape PDF, A3 or A1), from the same context as its
page on the site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .site_config import in_site_language, site_url
from ..core.labels import DEFAULT_LANGUAGE, labels
from ..core.messages import t
from ..core.validation import did_you_mean
from ..render.pdf import SHEETS, PdfUnavailable


@click.command()
@click.argument("journey_id", metavar="JOURNEY")
@click.option("--size", type=click.Choice(list(SHEETS)), default="a3", show_default=True,
              help="the sheet, landscape")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="the PDF file  [default: JOURNEY-SIZE.pdf]")
@click.option("--data-dir", default="journeys", show_default=True, type=click.Path(path_type=Path, file_okay=False),
              help="the journeys folder")
@click.option("--yes", is_flag=True, help="overwrite an existing file without asking")
@in_site_language(fallback=DEFAULT_LANGUAGE)
def poster(journey_id: str, size: str, output: Path | None, data_dir: Path, yes: bool, language: str) -> None:
    """Write JOURNEY's header, emotion curve and touchpoint matrix as a landscape PDF poster, offline; in the
    language of the pages (--language), by default the site's, else German as the plugin's."""
    from .commands import _load_clean, _write
    from ..core.versions import data_history
    from ..site.inputs import Site
    from ..site.pages import environment
    from ..site.posters import poster_pdf
    from ..views.timeline import journey_histories

    catalog = _load_clean(data_dir, language)
    if journey_id not in catalog.journeys:
        hint = did_you_mean(journey_id, catalog.journeys) or t("known: {ids}", ids=", ".join(catalog.journeys))
        raise click.UsageError(t("no {kind} has the id `{id}`; {hint}", kind=t("journey"), id=journey_id, hint=hint))
    history = data_history(data_dir)
    site = Site(catalog, labels(language), dt.date.today(), site_url=site_url(data_dir), history_state=history.state,
                histories=journey_histories(history, catalog.only([journey_id])))
    click.echo(t("{journey}: laying out the {size} poster (a few seconds)", journey=journey_id, size=size.upper()),
               err=True)
    try:
        made = poster_pdf(site, environment(), catalog.journeys[journey_id], size)
    except PdfUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    _write(output or Path(f"{journey_id}-{size}.pdf"), made, yes)
