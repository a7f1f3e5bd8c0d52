"""A persona's face when it has no image of its own on the site: its initials in a coloured circle, as inline SVG.

Nothing is fetched: the SVG is part of the page. The colour follows from the persona's id, so a persona keeps
its colour on every page and build; every colour carries white text at WCAG AA contrast in both palettes.
"""

from __future__ import annotations

import hashlib

from markupsafe import Markup

from .escape import html_text

COLOURS = ("#3949ab", "#00796b", "#c2185b", "#5d4037", "#6a1b9a", "#2e7d32", "#ad1457", "#455a64", "#bf360c", "#0277bd")
"""Fills with at least 4.5:1 contrast to white text."""


def initials(name: str) -> str:
    """Up to two initials of a persona's name: "Anna Schneider" → "AS"; "Helga, die Seniorin" → "H"."""
    words = [word for word in name.split(",")[0].split() if word[:1].isalnum()]
    letters = [words[0][0], words[-1][0]] if len(words) > 1 else [word[0] for word in words[:1]]
    return "".join(letters).upper() or "?"


def initials_avatar(persona_id: str, name: str) -> Markup:
    """The persona's initials avatar: an inline SVG image named after the persona."""
    colour = COLOURS[int(hashlib.blake2b(persona_id.encode(), digest_size=2).hexdigest(), 16) % len(COLOURS)]
    return Markup(
        f'<svg class="cjm-avatar" viewBox="0 0 48 48" role="img" aria-label="{html_text(name)}" '
        f'xmlns="http://www.w3.org/2000/svg"><circle cx="24" cy="24" r="24" fill="{colour}"/>'
        f'<text x="24" y="24" dy="0.35em" text-anchor="middle" fill="#fff" font-size="20" font-weight="700" '
        f'font-family="sans-serif">{html_text(initials(name))}</text></svg>')
