"""Element ids that stay unique on a hand-written page that embeds the same journey more than once."""

from __future__ import annotations

import re

_ID = re.compile(r'(\sid=")([^"]*)(")')
_REFERENCE = re.compile(r'(\s(?:href="#|aria-labelledby="|aria-describedby="|headers="|for="))([^"]*)(")')


class PageIds:
    """The ids a page's embeds have used so far; an embed's ids that are taken get a number (`step-x-2`)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def distinct(self, block: str) -> str:
        """`block` with each id already used on the page renamed, and the block's own references to it."""
        ids = [found.group(2) for found in _ID.finditer(block)]
        renamed = {name: self._free(name) for name in dict.fromkeys(ids) if name in self._taken}
        self._taken |= {renamed.get(name, name) for name in ids}
        if not renamed:
            return block
        block = _ID.sub(lambda found: found.group(1) + renamed.get(found.group(2), found.group(2)) + found.group(3), block)
        return _REFERENCE.sub(lambda found: found.group(1) + _rename_list(found.group(2), renamed) + found.group(3), block)

    def _free(self, name: str) -> str:
        number = 2
        while f"{name}-{number}" in self._taken:
            number += 1
        return f"{name}-{number}"


def _rename_list(value: str, renamed: dict[str, str]) -> str:
    """A reference attribute's value (one id, or several separated by spaces) with renamed ids."""
    return " ".join(renamed.get(name, name) for name in value.split(" "))
