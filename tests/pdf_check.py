"""Reading a PDF the way a test checks it: its pages' sizes in millimetres and its text, with pypdf."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from pypdf import PdfReader

POINT_MM = 25.4 / 72
SHEETS_MM = {"a3": (420, 297), "a1": (841, 594)}
"""ISO 216 sheets, landscape (width, height)."""


@dataclass(frozen=True)
class ReadPdf:
    sizes: list[tuple[float, float]]
    """Each page's MediaBox, width and height in millimetres."""
    text: str
    """The text of every page, whitespace left out (a cell's line breaks fall anywhere)."""

    def shows(self, words: str) -> bool:
        """Whether `words` appear in the text (whitespace ignored)."""
        return "".join(words.split()) in self.text


def read_pdf(data: bytes) -> ReadPdf:
    assert data.startswith(b"%PDF-"), data[:20]
    reader = PdfReader(BytesIO(data))
    sizes = [(float(page.mediabox.width) * POINT_MM, float(page.mediabox.height) * POINT_MM) for page in reader.pages]
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    return ReadPdf(sizes, text)


def is_sheet(size: tuple[float, float], sheet: str) -> bool:
    """Whether a page size is the landscape `sheet` (to a tenth of a millimetre)."""
    width, height = SHEETS_MM[sheet]
    return abs(size[0] - width) < 0.1 and abs(size[1] - height) < 0.1
