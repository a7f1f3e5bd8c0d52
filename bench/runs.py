"""Each measurement of the benchmark, on corpora written under one output folder."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from .browser import render_seconds
from .corpus import CorpusSpec, journey_id, write_corpus
from .measure import Run, run_timed, tool
from .progress import say
from .sites import write_baseline, write_mermaid2


class Bench:
    """The output folder and the corpora already written in it."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.corpora: dict[CorpusSpec, Path] = {}
        self.builds: dict[tuple[CorpusSpec, str], Run] = {}
        self.loads: list[float] = []

    def corpus(self, spec: CorpusSpec) -> Path:
        """A fresh corpus for `spec` (written once per run)."""
        if spec not in self.corpora:
            root = self.out / f"corpus-{spec.journeys}x{spec.steps}"
            shutil.rmtree(root, ignore_errors=True)
            say(f"writing {spec.journeys} journeys × {spec.steps} steps, {spec.personas} personas, "
                f"{spec.departments} departments to {root}")
            write_corpus(spec, root)
            self.corpora[spec] = root
        return self.corpora[spec]

    def validate(self, spec: CorpusSpec, runs: int = 3) -> list[float]:
        """Wall times of `cjm validate` on the corpus, each run a fresh process."""
        root = self.corpus(spec)
        seconds = []
        for number in range(1, runs + 1):
            say(f"cjm validate ({number} of {runs}) …")
            run = self._note(run_timed(tool("cjm"), ["validate", "journeys"], root, self.out / "validate.log"))
            say(f"cjm validate: {run.seconds:.2f} s ({run.output.strip().splitlines()[-1]})")
            seconds.append(run.seconds)
        return seconds

    def build(self, spec: CorpusSpec, site: str = "plugin") -> Run:
        """`mkdocs build --strict` of one of the corpus's sites: plugin, baseline or mermaid2."""
        if (spec, site) not in self.builds:
            root = self.corpus(spec)
            config = {"plugin": lambda: root / "mkdocs.yml", "mermaid2": lambda: write_mermaid2(root),
                      "baseline": lambda: self._baseline(root)}[site]()
            say(f"mkdocs build ({site}, {spec.journeys} journeys) …")
            log = self.out / f"build-{site}-{spec.journeys}.log"
            run = run_timed(tool("mkdocs"), ["build", "--strict", "-f", str(config),
                                             "-d", str(config.parent / f"site-{site}")], config.parent, log)
            say(f"mkdocs build ({site}, {spec.journeys} journeys): {run.seconds:.1f} s "
                f"(CPU {run.cpu_seconds:.1f} s), {run.peak_rss_mb:.0f} MB")
            self.builds[spec, site] = self._note(run)
        return self.builds[spec, site]

    def _note(self, run: Run) -> Run:
        self.loads.append(run.load)
        return run

    def _baseline(self, root: Path) -> Path:
        say("writing the plugin's generated pages out as the baseline site …")
        config, count = write_baseline(root)
        say(f"baseline: {count} generated pages written to {config.parent / 'docs'}")
        return config

    def growth(self, spec: CorpusSpec, sizes: list[int], site: str = "plugin") -> dict[int, Run]:
        """Builds of `site` at each size."""
        return {n: self.build(_sized(spec, n), site) for n in sizes}

    def rebuild(self, spec: CorpusSpec, preview: bool = False, dirty: bool = False) -> dict[str, float | int]:
        """A serve-style rebuild after editing one journey (the file is restored afterwards).

        With `preview`, the site is the plugin's preview of that journey (CJM_PREVIEW), as an editor would serve it;
        with `dirty`, the whole site is served as `mkdocs serve --dirty` serves it.
        """
        root = self.corpus(spec)
        journey = root / "journeys" / "maps" / f"{journey_id(spec.journeys // 2)}.yml"
        original = journey.read_bytes()
        what = f"the preview of {journey.stem}" if preview else f"{spec.journeys} journeys{', dirty' if dirty else ''}"
        say(f"serve-style build, edit {journey.name}, rebuild ({what}) …")
        try:
            run = run_timed(str(Path(__file__).resolve().parent / "serve.py"),
                            [str(root / "mkdocs.yml"), str(journey), *(["--dirty"] if dirty else [])],
                            root, self.out / f"serve{'-preview' if preview else ''}{'-dirty' if dirty else ''}.log",
                            {"CJM_PREVIEW": journey.stem if preview else ""})
        finally:
            journey.write_bytes(original)
        figures = json.loads(self._note(run).output.strip().splitlines()[-1])
        say(f"serve rebuild ({what}): {figures['rebuild_s']:.1f} s, {figures['rebuild_parsed_files']} file(s) re-parsed, "
            f"{figures['rebuild_rendered_pages']} page(s) rendered")
        return figures

    def long_page(self, spec: CorpusSpec) -> tuple[float, list[float]]:
        """Size (KB) of the corpus's long journey page, and the seconds until its diagrams render, per load."""
        site = self.corpus(spec) / "site-plugin"
        self.build(spec)
        page = f"journeys/{journey_id(0)}/"
        html = (site / page / "index.html").read_text(encoding="utf-8")
        diagrams = html.count('class="mermaid"')
        say(f"rendering {page} ({diagrams} diagram(s)) in headless chromium, 5 loads …")
        seconds = render_seconds(site, page, diagrams)
        size = len(html.encode()) / 1024
        say(f"{spec.long_steps}-step journey page: {size:.0f} KB, diagrams rendered in "
            f"{', '.join(f'{s:.2f}' for s in seconds)} s")
        return size, seconds


def _sized(spec: CorpusSpec, journeys: int) -> CorpusSpec:
    return replace(spec, journeys=journeys)
