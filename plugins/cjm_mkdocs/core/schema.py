"""JSON Schema of each file kind, for yaml-language-server and the writing guide."""

from __future__ import annotations

from typing import Any

from .descriptions import SOURCE_LANGUAGE, translate
from .model import FILE_KINDS, DepartmentsFile


def schema_file(kind: str) -> str:
    """The file name of a file kind's JSON Schema, e.g. ``journey.schema.json``."""
    return f"{kind}.schema.json"


def schemas(language: str = SOURCE_LANGUAGE) -> dict[str, dict[str, Any]]:
    """File name → JSON Schema, for every kind of data file, its field descriptions in `language`."""
    result = {}
    for kind, model in FILE_KINDS.items():
        name = schema_file(kind)
        schema = model.model_json_schema(mode="validation")
        schema["properties"].pop("body", None)
        if "id" in schema.get("required", []) and model is not DepartmentsFile:
            schema["required"].remove("id")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = name
        result[name] = translate(schema, language)
    return result
