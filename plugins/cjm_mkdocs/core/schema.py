"""JSON Schema of each file kind, for yaml-language-server and the writing guide."""

from __future__ import annotations

from typing import Any

from .model import DepartmentsFile, Journey, Persona

SCHEMA_FILES = {
    "departments.schema.json": DepartmentsFile,
    "persona.schema.json": Persona,
    "journey.schema.json": Journey,
}


def schemas() -> dict[str, dict[str, Any]]:
    """File name → JSON Schema, for every kind of data file."""
    result = {}
    for name, model in SCHEMA_FILES.items():
        schema = model.model_json_schema(mode="validation")
        schema["properties"].pop("body", None)
        if "id" in schema.get("required", []) and model is not DepartmentsFile:
            schema["required"].remove("id")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = name
        result[name] = schema
    return result
