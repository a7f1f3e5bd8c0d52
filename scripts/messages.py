"""Bring the German message catalogue up to date with the code (`make messages`).

Extracts every `t(...)` and `tn(...)` message of the package and its scaffold templates (as
tests/test_core_messages.py does), adds the new ones to plugins/cjm_mkdocs/locale/de/LC_MESSAGES/messages.po with
an empty translation, drops those no code uses any more, and keeps the file's header as it is. Writes nothing else.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "plugins" / "cjm_mkdocs"
CATALOGUE = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"t": None, "tn": (1, 2)}
METHODS = [("**.py", "python"), ("**/scaffolds/**.j2", "jinja2.ext:babel_extract")]


def main() -> int:
    template = Catalog()
    for _, _, message, _, _ in extract_from_dir(str(PACKAGE), METHODS, keywords=KEYWORDS, comment_tags=()):
        template.add(message if isinstance(message, str) else tuple(message))
    text = CATALOGUE.read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0]
    catalogue = read_po(io.BytesIO(text.encode("utf-8")), locale="de")
    catalogue.update(template, no_fuzzy_matching=True)
    body = io.BytesIO()
    write_po(body, catalogue, width=0, no_location=True, omit_header=True, sort_output=True, ignore_obsolete=True)
    updated = header + "\n\n" + body.getvalue().decode("utf-8").lstrip("\n")
    CATALOGUE.write_text(updated, encoding="utf-8")
    untranslated = [m.id for m in catalogue if m.id and not (all(m.string) if m.pluralizable else m.string)]
    for message in untranslated:
        print(f"to translate: {message}")
    print(f"{CATALOGUE.relative_to(REPO)}: {len(template)} messages, {len(untranslated)} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
