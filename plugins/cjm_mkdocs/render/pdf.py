"""HTML to PDF with WeasyPrint, offline: only files inside the folders it is given are read, no URL is fetched.

WeasyPrint is imported when a PDF is written (it loads Pango, and it is slow to import), so that pages, `cjm
validate` and a site without posters never pay for it. Fonts come from the system (fontconfig); no web font.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from ..core.messages import t

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse


SHEETS = {"a3": 1, "a1": 2}
"""The landscape sheets a poster is printed on, each with how many times an A3 sheet it is, side for side."""


class PdfUnavailable(Exception):
    """WeasyPrint cannot run here: the message says what is missing."""


SHRINKS = (1.0, 0.85, 0.7, 0.55)
"""The type sizes tried, largest first, for a document to fit one page."""


def write_pdf(html_at: Callable[[float], str], folders: Sequence[Path], fetcher: Any = None) -> bytes:
    """The PDF of `html_at(shrink)` at the largest shrink of :data:`SHRINKS` that fits one page (else the smallest).

    Each layout takes seconds, so after one that takes `n` pages (more than `n - 1`) only a shrink that could fit
    them on one by area is tried next, else the smallest. Relative addresses point into `folders[0]`, and only files
    inside `folders` are read (`fetcher`: a fetcher of :func:`offline_fetcher`'s kind, to look at what was asked).
    """
    weasyprint = _weasyprint()
    fetcher = fetcher or offline_fetcher(folders)
    base = folders[0].resolve().as_uri() + "/"
    shrink: float | None = SHRINKS[0]
    while shrink is not None:
        document = weasyprint.HTML(string=html_at(shrink), base_url=base, url_fetcher=fetcher).render()
        shrink = _next_shrink(shrink, len(document.pages))
    return document.write_pdf()


def _next_shrink(shrink: float, pages: int) -> float | None:
    """The shrink to try after a layout at `shrink` took `pages`, or None to keep it."""
    smaller = [other for other in SHRINKS if other < shrink]
    if pages == 1 or not smaller:
        return None
    return next((other for other in smaller if (pages - 1) * (other / shrink) ** 2 <= 1), smaller[-1])


def offline_fetcher(folders: Sequence[Path]) -> Any:
    """A WeasyPrint URL fetcher that serves `file:` URLs of regular files inside `folders`, read without following a
    link, and refuses everything else (http, https, ftp, data, files elsewhere); it keeps each address it was asked
    for in `asked` and each it refused in `refused`."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = [folder.resolve() for folder in folders]

    class OfflineFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file",))
            self.asked: list[str] = []
            self.refused: list[str] = []

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            self.asked.append(url)
            path = _local_file(url, roots)
            if path is None:
                self.refused.append(url)
                raise ValueError(f"not fetched (posters are made offline): {url}")
            return URLFetcherResponse(path.as_uri(), path.read_bytes())

    return OfflineFetcher()


def _local_file(url: str, roots: Sequence[Path]) -> Path | None:
    """The regular file a `file:` URL names inside one of `roots`, reached through no link; else None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path))
    for root in roots:
        if path.is_absolute() and path.is_relative_to(root) and ".." not in path.parts and _no_link(path, root):
            return path if path.is_file() else None
    return None


def _no_link(path: Path, root: Path) -> bool:
    """Whether no part of `path` below `root` is a symbolic link."""
    part = path
    while part != root:
        if part.is_symlink():
            return False
        part = part.parent
    return True


def _weasyprint() -> Any:
    """The weasyprint module, or :class:`PdfUnavailable` saying why it cannot load."""
    try:
        import weasyprint
    except ImportError as exc:
        raise PdfUnavailable(t("WeasyPrint is not installed ({reason}); install the project's locked dependencies "
                               "(scripts/setup.sh)", reason=exc)) from None
    except OSError as exc:
        raise PdfUnavailable(t("WeasyPrint cannot load Pango ({reason}); install Debian's libpango-1.0-0 and "
                               "libpangoft2-1.0-0 (scripts/setup.sh does)", reason=exc)) from None
    return weasyprint


def version() -> str:
    """The WeasyPrint version that writes the PDFs (a new one may lay them out otherwise)."""
    from importlib.metadata import PackageNotFoundError, version as installed

    try:
        return installed("weasyprint")
    except PackageNotFoundError:
        return "none"
