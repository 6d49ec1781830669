"""JSON Schemas of the data files, generated from the models.

Editors (through the `# yaml-language-server: $schema=…` line at the top of every data
file) and third-party tools such as check-jsonschema use them; `zorgtoolbox validate`
remains the authority, as it also checks what a schema cannot (references, ladders).
"""

from __future__ import annotations

import json

from .models import (
    AdviceConfig,
    AgencyFile,
    Case,
    Classification,
    Corrections,
    Document,
    Flow,
    Glossary,
    Handhavingskader,
    Measure,
    Record,
    ReferenceCase,
    Toolbox,
)

#: Schema name → model. Files are written as `<name>.schema.json`.
SCHEMA_MODELS: dict[str, type[Record]] = {
    "toolbox": Toolbox,
    "document": Document,
    "corrections": Corrections,
    "classification": Classification,
    "agencies": AgencyFile,
    "glossary": Glossary,
    "handhavingskader": Handhavingskader,
    "measure": Measure,
    "flow": Flow,
    "advies": AdviceConfig,
    "case": Case,
    "reference-case": ReferenceCase,
}

SCHEMA_DIR = "schema"


def schema_file_name(name: str) -> str:
    return f"{name}.schema.json"


def json_schema(name: str) -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of one kind of data file."""
    body = SCHEMA_MODELS[name].model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_file_name(name),
        **body,
    }


def schema_texts() -> dict[str, str]:
    """File name → JSON text of every schema, deterministic."""
    return {
        schema_file_name(name): json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"
        for name in SCHEMA_MODELS
    }
