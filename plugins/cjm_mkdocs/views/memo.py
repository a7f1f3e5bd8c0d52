"""Views worked out once: per catalog for the pages and downloads of one build, per journey across builds.

A build hands one catalog to many pages; :func:`per_catalog` lets them share a view of it. On `mkdocs serve` the
loader hands back the very journey objects of unchanged files build after build; :func:`per_journey` keeps a
view of such a journey until the object (or its prose, which the loader sets anew) changes. Both key on
identity and hold what they key on, so a new catalog or journey never meets an old result. Results are shared:
callers must not change them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, TypeVar

from ..core.catalog import Catalog
from ..core.model import Journey

R = TypeVar("R")


def per_catalog(view: Callable[..., R]) -> Callable[..., R]:
    """`view(catalog, …)` worked out once per catalog and arguments (the latest catalog's results are kept)."""
    kept: dict[Hashable, R] = {}
    of: list[Catalog | None] = [None]

    @wraps(view)
    def shared(catalog: Catalog, *args: Hashable, **options: Hashable) -> R:
        if of[0] is not catalog:
            of[0] = catalog
            kept.clear()
        key = (args, tuple(sorted(options.items())))
        if key not in kept:
            kept[key] = view(catalog, *args, **options)
        return kept[key]
    return shared


def per_journey(view: Callable[..., R]) -> Callable[..., R]:
    """`view(journey, *args)` worked out again only for a journey object (or prose) or arguments it has not seen
    under that id."""
    kept: dict[tuple[str, tuple[Hashable, ...]], tuple[Journey, Any, R]] = {}

    @wraps(view)
    def shared(journey: Journey, *args: Hashable) -> R:
        key = (journey.id, args)
        found = kept.get(key)
        if found is None or found[0] is not journey or found[1] != journey.body:
            found = kept[key] = (journey, journey.body, view(journey, *args))
        return found[2]
    return shared
