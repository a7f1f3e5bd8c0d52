"""A small valid data folder for tests, written as real files."""

from __future__ import annotations

from pathlib import Path

DEPARTMENTS = """\
departments:
  - id: marketing
    name: Marketing
  - id: kundenservice
    name: Kundenservice
"""

PERSONA = """\
name: Anna Schneider
segment: Privatkunden
description: Preisbewusste Online-Käuferin
demographics:
  Alter: 34
channels: [Preisvergleich]
"""

JOURNEY = """\
title: Kauf über Preisvergleich
personas: [anna]
segment: Privatkunden
scenario: Anna sucht einen Staubsauger
start: Suche im Preisportal
end: Bewertung nach Lieferung
department: marketing
last_reviewed: 2026-03-01
stages:
  - id: awareness
    steps:
      - id: angebot-sehen
        name: Sieht Angebot
        rating: okay
        touchpoints:
          - channel: Preisportal
        pain_points:
          - id: versand-unklar
            text: Versandkosten nicht sichtbar
            department: kundenservice
  - id: purchase
    steps:
      - id: bestellen
        name: Bestellt
        rating: delighting
measures:
  - title: Versandkosten im Feed
    addresses: [versand-unklar]
"""


def write_data(root: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """Write the valid base folder to `root`, then `files` over it (path → content)."""
    base: dict[str, str | bytes] = {
        "departments.yml": DEPARTMENTS,
        "personas/anna.yml": PERSONA,
        "maps/shop.yml": JOURNEY,
    }
    base.update(files or {})
    for name, content in base.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root
