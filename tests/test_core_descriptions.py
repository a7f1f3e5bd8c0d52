"""Field descriptions in every language: German from the model's docstrings, the others from complete tables."""

from __future__ import annotations

import re

import pytest

from cjm_mkdocs.core import model
from cjm_mkdocs.core.descriptions import ENGLISH, SOURCE_LANGUAGE, TRANSLATIONS, translate
from cjm_mkdocs.core.labels import LABELS, LANGUAGES
from cjm_mkdocs.core.schema import schemas
from cjm_mkdocs.render.export import export_schema

MODELS = [kind for kind in vars(model).values()
          if isinstance(kind, type) and issubclass(kind, model.Record) and kind is not model.Record]


def described(record: type[model.Record]) -> dict[str, str]:
    """Field → German description, for the fields that have one."""
    return {name: info.description for name, info in record.model_fields.items() if info.description}


def code_spans(text: str) -> set[str]:
    return set(re.findall(r"`([^`]+)`", text))


def enum_values(node: object) -> list[str]:
    """Every value of every `enum` in a JSON Schema."""
    if isinstance(node, dict):
        return list(node.get("enum", [])) + [value for child in node.values() for value in enum_values(child)]
    if isinstance(node, list):
        return [value for child in node for value in enum_values(child)]
    return []


def property_descriptions(schema: dict) -> list[str]:
    blocks = [schema, *schema.get("$defs", {}).values()]
    return [spec["description"] for block in blocks for spec in block.get("properties", {}).values()
            if "description" in spec]


def test_every_language_but_german_has_a_table() -> None:
    assert set(TRANSLATIONS) == set(LANGUAGES) - {SOURCE_LANGUAGE}


def test_each_label_table_names_its_language() -> None:
    """The pages take the language of field descriptions and schemas from the labels they are given."""
    assert {code: LABELS[code]["language"] for code in LANGUAGES} == {code: code for code in LANGUAGES}


@pytest.mark.parametrize("language", sorted(TRANSLATIONS))
def test_every_described_field_has_a_text_in_every_language(language: str) -> None:
    table = TRANSLATIONS[language]
    assert set(table) == {record for record in MODELS if described(record)}
    for record in MODELS:
        if described(record):
            assert list(table[record]) == list(described(record)), record.__name__
            assert all(text.strip() for text in table[record].values()), record.__name__


def test_no_two_fields_share_a_german_description() -> None:
    texts = [text for record in MODELS for text in described(record).values()]
    assert len(texts) == len(set(texts)) > 90


def test_the_values_a_german_description_names_are_named_in_english_too() -> None:
    """Allowed values, `true`, numbers and dates are the same words in every language; examples are translated."""
    keywords = {value for schema in schemas().values() for value in enum_values(schema)} | {"true", "false"}
    for record, fields in ENGLISH.items():
        for name, english in fields.items():
            german = described(record)[name]
            kept = {span for span in code_spans(german) if span in keywords or re.fullmatch(r"[\d%-]+", span)}
            assert kept <= code_spans(english), (record.__name__, name)


def test_english_schemas_differ_from_german_in_field_descriptions_only() -> None:
    german, english = schemas(), schemas("en")
    assert german == schemas(SOURCE_LANGUAGE)
    for name, schema in german.items():
        assert strip_descriptions(english[name]) == strip_descriptions(schema)
        assert set(property_descriptions(english[name])) <= {text for fields in ENGLISH.values()
                                                              for text in fields.values()}
        assert not set(property_descriptions(english[name])) & set(property_descriptions(schema))


def test_the_export_schema_is_translated_too() -> None:
    german, english = property_descriptions(export_schema()), property_descriptions(export_schema("en"))
    assert len(english) == len(german) > 90
    assert "The journey's title. Example: `Open a current account`" in english
    assert "Titel der Journey. Beispiel: `Girokonto eröffnen`" in german


def test_an_untranslated_description_is_an_error() -> None:
    schema = {"title": "X", "properties": {"new": {"type": "string", "description": "Ein neues Feld."}}}
    with pytest.raises(KeyError, match=r"no en description .*Ein neues Feld.*core/descriptions\.py"):
        translate(schema, "en")
    assert translate(schema, SOURCE_LANGUAGE) == schema


def strip_descriptions(schema: dict) -> dict:
    """The schema without its field descriptions."""
    result = {**schema, "$defs": {name: strip_descriptions(block) for name, block in schema.get("$defs", {}).items()}}
    result["properties"] = {key: {k: v for k, v in spec.items() if k != "description"}
                            for key, spec in schema.get("properties", {}).items()}
    return result
