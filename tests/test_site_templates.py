"""site: the template contract in TEMPLATES.md matches the context classes, filters and helpers templates get."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
from importlib.resources import files as package_files

import pytest
from jinja2 import Environment

import cjm_mkdocs.site.contexts as contexts_package
import cjm_mkdocs.views as views_package
from cjm_mkdocs.site import pages
from cjm_mkdocs.site.contexts.base import PageContext
from conftest import ROOT

SECTION = re.compile(r"^## `(\w+)`$", re.MULTILINE)
NAMES = re.compile(r"`([A-Za-z_]\w*)`")
TEMPLATES = package_files("cjm_mkdocs").joinpath("templates")


def documented() -> dict[str, tuple[set[str], list[str]]]:
    """Class name → (the fields its table names, the templates its section names)."""
    text = (ROOT / "TEMPLATES.md").read_text(encoding="utf-8")
    parts = SECTION.split(text)
    found = {}
    for name, body in zip(parts[1::2], parts[2::2]):
        rows = [line for line in body.splitlines() if line.startswith("| `")]
        fields = {NAMES.findall(row.split("|")[1])[0] for row in rows}
        templates = re.findall(r"`([\w/.-]+\.j2)`", body.split("|", 1)[0])
        found[name] = (fields, templates)
    return found


def tables(heading: str) -> set[str]:
    """The names in the first column of the table headed `| <heading> |`."""
    text = (ROOT / "TEMPLATES.md").read_text(encoding="utf-8")
    table = text.split(f"| {heading} |", 1)[1].split("\n\n", 1)[0]
    return {name for row in table.splitlines()[2:] for name in NAMES.findall(row.split("|")[1])}


def classes() -> dict[str, type]:
    """Every dataclass of the context modules and the view modules, by name."""
    found: dict[str, type] = {}
    for package in (contexts_package, views_package):
        for module in pkgutil.iter_modules(package.__path__):
            loaded = importlib.import_module(f"{package.__name__}.{module.name}")
            found |= {name: cls for name, cls in vars(loaded).items()
                      if inspect.isclass(cls) and dataclasses.is_dataclass(cls) and cls.__module__ == loaded.__name__}
    return found


def own_fields(cls: type) -> set[str]:
    """A class's fields; a page context's without those of the context it extends (every page context has
    :class:`PageContext`'s; a poster has its journey page's)."""
    names = {field.name for field in dataclasses.fields(cls)}
    if issubclass(cls, PageContext) and cls is not PageContext:
        names -= {field.name for field in dataclasses.fields(cls.__mro__[1])}
    return names


@pytest.mark.parametrize("name", sorted(documented()))
def test_every_documented_field_exists_and_every_field_is_documented(name: str) -> None:
    assert name in classes(), f"TEMPLATES.md documents {name}, which is no dataclass of site/contexts or views"
    assert documented()[name][0] == own_fields(classes()[name])


def test_every_page_context_is_documented() -> None:
    contexts = {name for name, cls in classes().items() if issubclass(cls, PageContext)}
    assert contexts <= set(documented())


def test_every_named_template_exists() -> None:
    named = {template for _, templates in documented().values() for template in templates}
    assert named and all(TEMPLATES.joinpath(template).is_file() for template in named)


def test_templates_get_exactly_the_documented_filters_and_helpers() -> None:
    env, plain = pages.environment(), Environment()
    assert set(env.filters) - set(plain.filters) == tables("filter")
    assert set(env.globals) - set(plain.globals) == tables("helper")


def all_templates() -> list[str]:
    folder = ROOT / "plugins" / "cjm_mkdocs" / "templates"
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*.j2"))


CALLS_OR_COUNTS = re.compile(r"\b(portfolio|views|charts|catalog|ownership|guide|site)\.|namespace|\|\s*sum\b"
                             r"|selectattr|rejectattr")
ARITHMETIC = re.compile(r"\s(\+|-|\*|/|//|%)\s")


@pytest.mark.parametrize("template", all_templates())
def test_templates_only_format(template: str) -> None:
    """No calls into modules, no arithmetic, no counting or filtering state; lines a reviewer can read."""
    text = TEMPLATES.joinpath(template).read_text(encoding="utf-8")
    code = re.findall(r"\{\{.*?\}\}|\{%.*?%\}", re.sub(r"\{#.*?#\}", "", text, flags=re.DOTALL), flags=re.DOTALL)
    code = [re.sub(r"\"[^\"]*\"|'[^']*'", "''", part) for part in code]
    assert [part for part in code if CALLS_OR_COUNTS.search(part) or ARITHMETIC.search(part)] == []
    assert max(map(len, text.splitlines())) < 200
