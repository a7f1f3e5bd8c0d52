"""Writing files so that an interrupted command leaves the previous file whole, never a half-written one."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def replace_text(path: Path, text: str | bytes) -> None:
    """Write `text` (UTF-8) or bytes to `path` by renaming a finished temporary file over it.

    A link at `path` is replaced by the file, not written through.
    """
    with _finished(path, text) as temporary:
        os.replace(temporary, path)


def create_text(path: Path, text: str) -> None:
    """Write `text` to a new file at `path`; :class:`FileExistsError` when anything (a link too) is there."""
    with _finished(path, text) as temporary:
        os.link(temporary, path, follow_symlinks=False)


@contextmanager
def _finished(path: Path, text: str | bytes) -> Iterator[str]:
    """A complete, synced temporary file beside `path`, removed again on the way out unless renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8") if isinstance(text, str) else text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode(path))
        yield temporary
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def _mode(path: Path) -> int:
    """The permissions of the file being replaced, else what a new file gets under the umask."""
    try:
        status = path.lstat()
    except OSError:
        status = None
    if status is not None and stat.S_ISREG(status.st_mode):
        return status.st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
