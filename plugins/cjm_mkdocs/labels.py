"""Words the site shows, in German and English, chosen by configuration."""

from __future__ import annotations

LANGUAGES = ("de", "en")

LABELS: dict[str, dict[str, str]] = {
    "de": {
        "awareness": "Bewusstsein",
        "consideration": "Überlegung",
        "decision": "Entscheidung",
        "purchase": "Kauf",
        "post-purchase": "Nachkauf",
        "delighting": "begeisternd",
        "okay": "okay",
        "disappointing": "enttäuschend",
    },
    "en": {
        "awareness": "Awareness",
        "consideration": "Consideration",
        "decision": "Decision",
        "purchase": "Purchase",
        "post-purchase": "Post-purchase",
        "delighting": "delighting",
        "okay": "okay",
        "disappointing": "disappointing",
    },
}


def labels(language: str) -> dict[str, str]:
    """The label table for `language` ("de" or "en")."""
    return LABELS[language]
