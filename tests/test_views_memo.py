"""views.memo: a view worked out once per catalog, and per journey across builds while the journey stays the same."""

from __future__ import annotations

from pathlib import Path

from cjm_mkdocs.core.catalog import Catalog
from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.core.model import Journey
from cjm_mkdocs.views.memo import per_catalog, per_journey
from conftest import dump, sample_data


def load(root: Path, loader: JourneyLoader | None = None) -> tuple[JourneyLoader, Catalog]:
    loader = loader or JourneyLoader(root / "journeys", base=root)
    catalog, problems = loader.load()
    assert [p for p in problems if p.severity == "error"] == []
    return loader, catalog


def write(root: Path, name: str, text: str) -> None:
    path = root / "journeys" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_journey_view_is_worked_out_again_when_the_journey_or_its_prose_changes(tmp_path: Path) -> None:
    for name, value in sample_data().items():
        write(tmp_path, name, dump(value))
    seen: list[str] = []

    @per_journey
    def words(journey: Journey, extra: str) -> str:
        seen.append(journey.id)
        return f"{journey.title} {journey.body.strip()} {extra}"

    loader, catalog = load(tmp_path)
    first = {i: words(j, "a") for i, j in catalog.journeys.items()}
    journey_id = next(iter(catalog.journeys))
    _, again = load(tmp_path, loader)
    assert {i: words(j, "a") for i, j in again.journeys.items()} == first
    assert len(seen) == len(first)  # the loader handed back the same journeys: nothing worked out again
    words(again.journeys[journey_id], "b")
    assert seen[-1] == journey_id and len(seen) == len(first) + 1  # other arguments, another result
    write(tmp_path, f"maps/{journey_id}.md", "Neue Prosa\n")
    _, prose = load(tmp_path, loader)
    assert "Neue Prosa" in words(prose.journeys[journey_id], "a")
    (tmp_path / "journeys" / "maps" / f"{journey_id}.md").unlink()
    _, without = load(tmp_path, loader)
    assert "Neue Prosa" not in words(without.journeys[journey_id], "a")


def test_a_catalog_view_is_shared_by_its_callers_and_made_anew_for_another_catalog(tmp_path: Path) -> None:
    for name, value in sample_data().items():
        write(tmp_path, name, dump(value))
    calls: list[int] = []

    @per_catalog
    def titles(catalog: Catalog, upper: bool = False) -> list[str]:
        calls.append(1)
        return [j.title.upper() if upper else j.title for j in catalog.journeys.values()]

    _, catalog = load(tmp_path)
    assert titles(catalog) is titles(catalog) and len(calls) == 1
    assert titles(catalog, upper=True) != titles(catalog) and len(calls) == 2
    _, other = load(tmp_path)
    titles(other)
    assert len(calls) == 3
