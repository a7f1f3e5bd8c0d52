"""What a `cjm` command takes from the site its data folder belongs to (the nearest mkdocs.yml above it): the
language it speaks unless `--language` says otherwise, and the site's address."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import yaml

from ..core.labels import DEFAULT_LANGUAGE, LANGUAGES
from ..core.messages import SOURCE_LANGUAGE, speaking

SITE_CONFIG = "mkdocs.yml"
PLUGIN = "cjm"


class _SiteConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml (maintained code, not editor input) and passes over its `!ENV` and `!!python/…` tags."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_SiteConfigLoader.add_multi_constructor("!", _any_tag)
_SiteConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def site_config(data_dir: Path) -> dict[str, Any]:
    """The nearest mkdocs.yml above `data_dir`, read; empty when there is none or it cannot be read."""
    for folder in data_dir.resolve().parents:
        config = folder / SITE_CONFIG
        if config.is_file():
            try:
                site = yaml.load(config.read_text(encoding="utf-8"), Loader=_SiteConfigLoader)
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                return {}
            return site if isinstance(site, dict) else {}
    return {}


def site_url(data_dir: Path) -> str | None:
    """The `site_url` of the site `data_dir` belongs to, if it has one."""
    found = site_config(data_dir).get("site_url")
    return found if isinstance(found, str) and found else None


def site_language(data_dir: Path) -> str | None:
    """The cjm plugin's `language` in the site `data_dir` belongs to (its default when unset); None when no site
    there uses the plugin."""
    plugins = site_config(data_dir).get("plugins")
    entries = plugins.items() if isinstance(plugins, dict) else [
        next(iter(entry.items())) if isinstance(entry, dict) and entry else (entry, None) for entry in plugins or []]
    for name, options in entries:
        if name == PLUGIN:
            language = options.get("language") if isinstance(options, dict) else None
            return DEFAULT_LANGUAGE if language is None else language if language in LANGUAGES else None
    return None


def in_site_language(fallback: str = SOURCE_LANGUAGE) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command `--language`, and run it speaking that language: by default the `language` of the cjm
    plugin in the mkdocs.yml above its data folder, else `fallback`."""
    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(command)
        def run(*, language: str | None, **params: object) -> None:
            data_dir = params.get("data_dir")
            chosen = language or (site_language(data_dir) if isinstance(data_dir, Path) else None) or fallback
            with speaking(chosen):
                command(language=chosen, **params)

        return click.option("--language", type=click.Choice(LANGUAGES), default=None,
                            help=f"language of messages and prompts  [default: the `language` of the cjm plugin in "
                                 f"the mkdocs.yml above the data folder, else {fallback}]")(run)
    return decorate
