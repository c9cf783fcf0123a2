"""JSON Schemas of the two document kinds, generated from the models."""

from __future__ import annotations

import json
from typing import Any, Literal

SCHEMA_BASE_URL = "https://ml-design-checklist.github.io/ml-design-checklist/schemas/"
"""Where the published site serves the schemas."""

DocumentKind = Literal["checklist", "assessment"]


def json_schema(kind: DocumentKind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a ``checklist`` or an ``assessment`` file."""
    from checklist.models import Assessment, Checklist

    model = Checklist if kind == "checklist" else Assessment
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URL}{kind}.schema.json",
        **schema,
    }


def schema_text(kind: DocumentKind) -> str:
    """The schema as it is printed and published: indented JSON with a final newline."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
