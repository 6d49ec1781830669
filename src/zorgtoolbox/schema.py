"""JSON Schemas of the data files, generated from the models.

Editors (through the `# yaml-language-server: $schema=…` line at the top of every data
file) and third-party tools such as check-jsonschema use them; `zorgtoolbox validate`
remains the authority, as it also checks what a schema cannot (references, ladders).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

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
    """The JSON Schema (draft 2020-12) of one kind of data file.

    It accepts and refuses what validate's rules for one file accept and refuse (the
    models and the link policy; a test generates documents and compares the two), with
    one exception JSON itself makes: it has one kind of number, so `1.0` counts as an
    integer for a JSON Schema, while validate wants `1`.
    """
    body = SCHEMA_MODELS[name].model_json_schema(by_alias=True, mode="validation")
    _same_rules_as_validate(body)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_file_name(name),
        **body,
    }


def _same_rules_as_validate(schema: dict[str, Any]) -> None:
    """Write into `schema` what validate does besides the model's own constraints.

    - validate strips surrounding white space before it checks a pattern or a length;
      a JSON Schema cannot strip, so an anchored pattern `^P$` (whose matches hold no
      white space: ids, case labels) becomes `^\\s*(?=\\S{0,N}\\s*$)(?:P)\\s*$`, with the
      length N it had as maxLength;
    - a link's `url` is empty or follows the link policy (urls.SAFE_URL_PATTERN).
    """
    from .urls import SAFE_URL_PATTERN

    for node in _string_schemas(schema):
        pattern = node.get("pattern", "")
        if pattern.startswith("^") and pattern.endswith("$"):
            longest = node.pop("maxLength", "")
            node.pop("minLength", None)  # the pattern needs one character at least
            node["pattern"] = rf"^\s*(?=\S{{0,{longest}}}\s*$)(?:{pattern[1:-1]})\s*$"
    link = schema.get("$defs", {}).get("Link")
    if link is not None:
        inner = SAFE_URL_PATTERN[1:-1]
        link["properties"]["url"]["pattern"] = rf"^\s*(?:{inner})?\s*$"


def _string_schemas(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if node.get("type") == "string":
            yield node
        for value in node.values():
            yield from _string_schemas(value)
    elif isinstance(node, list):
        for item in node:
            yield from _string_schemas(item)


def schema_texts() -> dict[str, str]:
    """File name → JSON text of every schema, deterministic."""
    return {
        schema_file_name(name): json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"
        for name in SCHEMA_MODELS
    }
