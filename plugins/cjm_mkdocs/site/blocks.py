"""Finished HTML held out of Markdown's way.

A generated page is mostly HTML that Markdown cannot change, yet Python-Markdown and
MkDocs would parse every block of it twice more (md_in_html, the anchor scan). A page's
:class:`HtmlBlocks` swaps each block for a short comment before Markdown runs and puts
the blocks back into the HTML afterwards, so the result is the same page, made faster.
"""

from __future__ import annotations

import html
import re
import secrets


class HtmlBlocks:
    """The HTML blocks of one page, each stood for by a placeholder comment no other text can contain."""

    def __init__(self) -> None:
        token = secrets.token_hex(8)
        self._blocks: list[str] = []
        self._mark = f"<!--cjm-block {token} {{}}-->"
        self._placeholder = re.compile(rf"<!--cjm-block {token} (\d+)-->")

    def __bool__(self) -> bool:
        return bool(self._blocks)

    def hold(self, block: str) -> str:
        """Keep a one-line block; returns its placeholder."""
        self._blocks.append(block)
        return self._mark.format(len(self._blocks) - 1)

    def restore(self, text: str) -> str:
        """`text` (Markdown or the HTML made from it) with every placeholder replaced by its block."""
        return self._placeholder.sub(lambda found: self._blocks[int(found.group(1))], text)

    def anchor_ids(self) -> set[str]:
        """The `id`s the blocks define, for link checks that cannot see inside them."""
        return {html.unescape(value) for block in self._blocks for value in _ID.findall(block)}


_ID = re.compile(r"""\sid="([^"]*)\"""")
