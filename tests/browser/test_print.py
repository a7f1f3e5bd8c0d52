"""Print: a journey page printed by chromium to PDF (A4 landscape) with nothing cut off and the matrix legible.

Chromium shrinks a page that is wider than the paper to fit it, but what overflows inside a scrolling box is
cut; so nothing may scroll in print, and every step name the printed page shows must be in the PDF's text
(pdftotext leaves out what falls off the paper). Needs poppler-utils (pdfinfo, pdftotext, pdftoppm).
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from pathlib import Path

from cjm_mkdocs.core.labels import LABELS

from .sites import load_catalog
from .web import ARTIFACTS

DE = LABELS["de"]
A4_LANDSCAPE_PRINTABLE = {"width": 1032, "height": 730}  # 297 × 210 mm less the 12 mm margins of cjm.css, in px
SCROLL_BOXES = (".cjm-matrix-wrap", ".cjm-curve-wrap", ".cjm-table-wrap", ".mermaid")
LEGIBLE_PT = 5.0  # smallest median word height of the printed matrix, in points
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


def poppler(tool: str, *args: str) -> str:
    path = shutil.which(tool)
    assert path, f"{tool} is missing: install poppler-utils (scripts/setup.sh --browser does)"
    return subprocess.run([path, *args], capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_journey_page_prints_in_landscape_with_nothing_cut_off(sites, tab) -> None:
    """The journey with the most steps, printed; the PDF and its matrix page as PNG go to test-artifacts/print/."""
    site = sites.get("material")
    journey = max(load_catalog(site.project / "journeys").journeys.values(), key=lambda j: len(j.steps))
    path = f"journeys/{journey.id}/"
    page = tab(viewport=A4_LANDSCAPE_PRINTABLE)
    page.goto(site.page_url(path), diagrams=site.mermaid_blocks(path))
    page.page.emulate_media(media="print")
    hidden = page.page.evaluate("""selectors => selectors.flatMap(s => [...document.querySelectorAll(s)]
        .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => `${s}: ${e.scrollWidth} > ${e.clientWidth} px`))""",
                                list(SCROLL_BOXES))
    printed = squeeze(page.page.evaluate("window.__cjm.visibleText('article')"))
    pdf_file = ARTIFACTS / "print" / f"{journey.id}.pdf"
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    pdf_file.write_bytes(page.page.pdf(prefer_css_page_size=True, print_background=True))
    matrix_text_pt = matrix_page(pdf_file, journey.id)
    info = poppler("pdfinfo", str(pdf_file))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) > 0 and width > height, info
    assert hidden == [], "in print these boxes hide content behind a scrollbar"
    in_pdf = squeeze(poppler("pdftotext", "-raw", str(pdf_file), "-"))  # in drawing order: wrapped labels stay whole
    lost = {step.name: (printed.count(squeeze(step.name)), in_pdf.count(squeeze(step.name)))
            for step in journey.steps if in_pdf.count(squeeze(step.name)) < printed.count(squeeze(step.name))}
    assert lost == {}, f"step names cut off in print (on the page, in the PDF): {lost}"
    assert matrix_text_pt >= LEGIBLE_PT, f"the printed matrix is shrunk to {matrix_text_pt:.1f} pt words"


def matrix_page(pdf_file: Path, name: str) -> float:
    """Save the PDF page with the matrix as PNG; return the median height of its words in points."""
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", str(pdf_file))).group(1))
    for number in range(1, pages + 1):
        text = squeeze(poppler("pdftotext", "-raw", "-f", str(number), "-l", str(number), str(pdf_file), "-"))
        if squeeze(DE["touchpoints"]) in text and squeeze(DE["step"]) in text:
            break
    else:
        raise AssertionError("no PDF page shows the matrix")
    poppler("pdftoppm", "-f", str(number), "-l", str(number), "-r", "80", "-png", "-singlefile",
            str(pdf_file), str(pdf_file.with_name(f"{name}-matrix")))
    boxes = WORD.findall(poppler("pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(pdf_file), "-"))
    return statistics.median(float(y_max) - float(y_min) for _, y_min, _, y_max in boxes)
