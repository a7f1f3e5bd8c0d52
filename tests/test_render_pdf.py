"""render.pdf: WeasyPrint offline — files inside the given folders only, never a URL — and one page when it fits."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from cjm_mkdocs.render import pdf
from pdf_check import read_pdf

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every attempt to open a connection, recorded and refused."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_only_files_inside_the_folders_are_read_and_no_url_is_fetched(tmp_path: Path, no_network: list[object]):
    assets, outside = tmp_path / "assets", tmp_path / "outside"
    assets.mkdir(), outside.mkdir()
    (assets / "dot.svg").write_text(SVG, encoding="utf-8")
    (outside / "secret.svg").write_text(SVG, encoding="utf-8")
    (assets / "linked.svg").symlink_to(outside / "secret.svg")
    asked_for = ["https://cdn.example.com/logo.png", "http://example.com/style.css", (outside / "secret.svg").as_uri(),
                 "ftp://example.com/x.png"]
    html = ('<html><head><link rel="stylesheet" href="http://example.com/style.css"></head><body>'
            '<img src="dot.svg"><img src="linked.svg"><img src="../outside/secret.svg">'
            '<img src="https://cdn.example.com/logo.png"><img src="ftp://example.com/x.png">'
            f'<img src="{(outside / "secret.svg").as_uri()}"><p>Text</p></body></html>')
    fetcher = pdf.offline_fetcher([assets])

    made = pdf.write_pdf(lambda shrink: html, [assets], fetcher)

    assert read_pdf(made).shows("Text")
    assert no_network == []
    served = [url for url in fetcher.asked if url not in fetcher.refused]
    assert served == [(assets / "dot.svg").as_uri()]
    assert set(asked_for) | {(assets / "linked.svg").as_uri()} <= set(fetcher.refused)


def lines(height_mm: float) -> str:
    """A page of A6 (148 mm high, no margin) holding lines of 10 mm up to `height_mm`."""
    rows = '<p style="height: 10mm; margin: 0">line</p>' * round(height_mm / 10)
    return f"<style>@page {{ size: A6; margin: 0 }} body {{ margin: 0 }}</style>{rows}"


@pytest.mark.parametrize(("height", "tried", "pages"), [
    (140, [1.0], 1),
    (160, [1.0, 0.85], 1),  # 2 pages, then 136 mm
    (200, [1.0, 0.85, 0.7], 1),  # 2 pages, 170 mm still 2, then 140 mm
    (320, [1.0, 0.7, 0.55], 2),  # 3 pages: at 0.85 more than 2 × 0.72 pages could not fit; 224 mm, then 176 mm
])
def test_the_largest_type_that_fits_one_page_is_taken(tmp_path: Path, height: float, tried: list[float], pages: int):
    shrinks: list[float] = []

    def html_at(shrink: float) -> str:
        shrinks.append(shrink)
        return lines(height * shrink)

    made = read_pdf(pdf.write_pdf(html_at, [tmp_path]))

    assert shrinks == tried
    assert len(made.sizes) == pages


def test_what_fits_no_sheet_keeps_its_smallest_type_on_more_pages(tmp_path: Path):
    shrinks: list[float] = []

    def html_at(shrink: float) -> str:
        shrinks.append(shrink)
        return lines(900 * shrink)

    made = read_pdf(pdf.write_pdf(html_at, [tmp_path]))
    assert shrinks == [1.0, 0.55]  # 7 pages: more than 6 × 0.3 at the smallest, which is laid out once
    assert len(made.sizes) == 4  # 0.55 × 900 mm = 50 lines of 10 mm, 14 to a page
