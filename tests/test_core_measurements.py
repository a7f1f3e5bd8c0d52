"""KPI measurements from CSV files beside a journey: read into the KPI's history, bad rows located like YAML."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from cjm_mkdocs.core.loading import JourneyLoader
from cjm_mkdocs.core.messages import speaking
from journey_data import JOURNEY, write_data

KPIS = """\
kpis:
  - name: Conversion
    definition: Käufe je Besuch
    source: Analytics
    target: 3.5
    history:
      - {date: 2026-01-31, value: 2.0}
  - id: anrufe
    name: Anrufe je Bestellung
    definition: Anrufe geteilt durch Bestellungen
    source: Telefonanlage
    target: 0.1
    better: lower
"""


def load(tmp_path, files: dict[str, str | bytes]):
    root = write_data(tmp_path / "journeys", {"maps/shop.yml": JOURNEY + KPIS, **files})
    with speaking("en"):
        return JourneyLoader(root, base=tmp_path, language="en").load()


def where(problems) -> list[tuple[str, int, int, str, str]]:
    return [(p.file, p.line, p.column, p.field, p.message) for p in problems]


def test_a_table_per_journey_and_one_per_kpi_join_the_kpis_history(tmp_path):
    catalog, problems = load(tmp_path, {
        "maps/shop.csv": "kpi,date,value,source\nconversion,2026-02-28,2.4,BI\nanrufe,2026-02-28,0.3,\n",
        "maps/shop.anrufe.csv": "Datum;Wert;Notiz\n31.03.2026;0,25;nach der Schulung\n",
    })
    assert problems == []
    conversion, calls = catalog.journeys["shop"].kpis
    assert [(m.date, m.value, m.source) for m in conversion.measured] == [
        (dt.date(2026, 1, 31), 2.0, None), (dt.date(2026, 2, 28), 2.4, "BI")]
    assert conversion.current == 2.4
    assert [(m.date.isoformat(), m.value, m.note) for m in calls.measured] == [
        ("2026-02-28", 0.3, None), ("2026-03-31", 0.25, "nach der Schulung")]
    assert calls.current == 0.25


def test_bad_rows_are_located_by_line_and_column_and_all_reported_together(tmp_path):
    _, problems = load(tmp_path, {"maps/shop.csv": (
        "kpi,date,value\n"
        "conversion,2026-02-30,2.4\n"      # no such day
        "konversion,2026-03-31,2.5\n"      # no such KPI
        'anrufe,2026-03-31,"0,3 %"\n'      # not a number (a comma delimiter: no decimal comma)
        "anrufe,,0.2\n"                    # no date
        "\n"                               # blank lines are skipped
        "conversion,2026-01-31,2.2\n"      # the YAML measured that day otherwise
        "conversion,2026-01-31,2.0\n"      # … and this one equals it: left out quietly
    )})
    assert where(problems) == [
        ("journeys/maps/shop.csv", 2, 12, "date", "`2026-02-30` is not a valid date"),
        ("journeys/maps/shop.csv", 3, 1, "kpi", "no KPI of this journey has the id `konversion`"),
        ("journeys/maps/shop.csv", 4, 19, "value", "`0,3 %` is not a plain number"),
        ("journeys/maps/shop.csv", 5, 8, "date", "the date is missing"),
        ("journeys/maps/shop.csv", 7, 23, "value", "2026-01-31 is measured twice, here 2.2 and 2.0 elsewhere"),
    ]
    assert problems[1].hint == "did you mean `conversion`?"


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("shop.csv", "date,value\n2026-02-28,2\n", (1, 1, "", "the header has no column `kpi`")),
    ("shop.csv", "kpi,datum,wert,farbe\n", (1, 16, "farbe", "unknown column `farbe`")),
    ("shop.csv", "kpi,date,value,Date\n", (1, 16, "Date", "column `Date` is named twice")),
    ("shop.csv", "", (0, 0, "", "is empty")),
    ("shop.csv", b"kpi,date,value\nconversion,2026-02-28,\xff\n", (2, 23, "", "is not UTF-8 (byte 0xff)")),
    ("shop.csv", "kpi,date,value\nconversion,2026-02-28,2\x00\n", (2, 24, "", "contains the control character U+0000")),
    ("shop.csv", 'kpi,date,value\nconversion,2026-02-28,"2\n', (0, 0, "", "cannot be read as CSV: unexpected end of data")),
    ("shop.csv", "kpi,date,value,note\nconversion,2026-02-28,2,a\u202eb\n", (2, 26, "", "contains the invisible character U+202E RIGHT-TO-LEFT OVERRIDE")),
    ("shop.nps.csv", "date,value\n2026-02-28,2\n", (0, 0, "", "is named for the KPI `nps`, which this journey does not have")),
])
def test_an_unreadable_table_gets_one_located_problem(tmp_path, name, content, expected):
    _, problems = load(tmp_path, {f"maps/{name}": content})
    assert where(problems) == [(f"journeys/maps/{name}", *expected)]


def test_a_table_beside_no_journey_is_a_warning_and_a_linked_one_is_not_followed(tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("kpi,date,value\nconversion,2026-02-28,99\n", encoding="utf-8")
    root = write_data(tmp_path / "journeys", {"maps/shop.yml": JOURNEY + KPIS, "maps/kasse.csv": "kpi,date,value\n"})
    os.symlink(secret, root / "maps/shop.csv")
    with speaking("en"):
        catalog, problems = JourneyLoader(root, base=tmp_path, language="en").load()
    assert [(p.file, p.severity, p.message) for p in problems] == [
        ("journeys/maps/kasse.csv", "warning", "is not read: no journey file `kasse.yml` beside it"),
        ("journeys/maps/shop.csv", "error", "is a symbolic link"),
    ]
    assert catalog.journeys["shop"].kpis[0].current == 2.0


def test_a_changed_table_is_read_again_on_the_next_load(tmp_path):
    root = write_data(tmp_path / "journeys", {"maps/shop.yml": JOURNEY + KPIS,
                                              "maps/shop.conversion.csv": "date,value\n2026-02-28,2.4\n"})
    loader = JourneyLoader(root, base=tmp_path, language="en")
    assert loader.load()[0].journeys["shop"].kpis[0].current == 2.4
    assert loader.load()[0].journeys["shop"].kpis[0].current == 2.4 and loader.parsed_files == 0
    (root / "maps/shop.conversion.csv").write_text("date,value\n2026-02-28,2.4\n2026-03-31,2.9\n", encoding="utf-8")
    assert loader.load()[0].journeys["shop"].kpis[0].current == 2.9 and loader.parsed_files == 1
