"""The context of the writing guide's field tables (the `cjm:fields` embed)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...core.schema import schema_file
from ...views import guide
from ..inputs import Site
from .base import PageContext, page_fields


@dataclass(frozen=True)
class FieldsEmbed(PageContext):
    """``<!-- cjm:fields <kind> -->``: one table per block of a file kind, from its JSON Schema."""

    kind: str
    """The file kind (journey, persona, departments)."""
    schema: str
    """The kind's JSON Schema file name."""
    tables: list[guide.Table]
    anchors: Mapping[str, str]
    """Block name → the HTML id of its table."""
    titles: Mapping[str, str]
    """Block name → its table's heading."""


def fields_embed(site: Site, kind: str, here: str) -> FieldsEmbed:
    """The context of the field tables of a file kind."""
    return schema_fields_embed(site, kind, schema_file(kind), guide.tables(kind, site.labels["language"]), here)


def schema_fields_embed(site: Site, kind: str, schema: str, tables: list[guide.Table], here: str) -> FieldsEmbed:
    """The context of the field tables of a schema (`tables`, from :func:`~cjm_mkdocs.views.guide.schema_tables`)."""
    blocks = [table.block for table in tables]
    return FieldsEmbed(**page_fields(site, here), kind=kind, schema=schema, tables=tables,
                       anchors={block: guide.anchor(kind, block) for block in blocks},
                       titles={block: site.labels[guide.BLOCK_LABELS[block]] for block in blocks})
