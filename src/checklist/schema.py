"""JSON Schemas of the two document kinds, generated from the models."""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import json
import textwrap
import typing
from typing import TYPE_CHECKING, Any, Literal

from checklist.__about__ import SITE_URL

if TYPE_CHECKING:
    from pydantic import BaseModel

SCHEMA_BASE_URL = f"{SITE_URL}schemas/"
"""Where the published site serves the schemas."""

DocumentKind = Literal["checklist", "assessment"]


def json_schema(kind: DocumentKind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a ``checklist`` or an ``assessment`` file."""
    from checklist.models import Assessment, Checklist

    model = Checklist if kind == "checklist" else Assessment
    schema = model.model_json_schema(mode="validation")
    _describe_fields(model, schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URL}{kind}.schema.json",
        **schema,
    }


def schema_text(kind: DocumentKind) -> str:
    """The schema as it is printed and published: indented JSON with a final newline."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def _describe_fields(model: type[BaseModel], schema: dict[str, Any]) -> None:
    """Give every property the docstring written under its field, as pydantic would.

    Pydantic can do this itself (``use_attribute_docstrings``), but only by
    reading and parsing the models' source each time they are imported: a cost
    every command would pay for what only this one prints. The rules are
    pydantic's: a field's description is the docstring under it in the class
    that declares it (a subclass re-declaring a field without one has none), and
    an explicit ``description`` wins.
    """
    from checklist.loader import models_in

    definitions = schema.get("$defs", {})
    seen: set[type[BaseModel]] = set()
    pending = [model]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        target = schema if current is model else definitions.get(current.__name__)
        properties = target.get("properties", {}) if isinstance(target, dict) else {}
        try:  # resolves forward references that pydantic resolves only when building
            hints = typing.get_type_hints(current, include_extras=True)
        except (NameError, TypeError):
            hints = {}
        for name, field in current.model_fields.items():
            pending.extend(models_in(hints.get(name, field.annotation)))
            alias = field.validation_alias
            key = alias if isinstance(alias, str) else (field.alias or name)
            entry = properties.get(key)
            declared = next(
                (k for k in current.__mro__ if name in vars(k).get("__annotations__", {})), None
            )
            doc = _attribute_docstrings(declared).get(name) if declared else None
            if isinstance(entry, dict) and doc and "description" not in entry:
                entry["description"] = doc
                # Pydantic sorts the keys of every schema; keep that order.
                properties[key] = dict(sorted(entry.items()))


@functools.cache
def _attribute_docstrings(cls: type) -> dict[str, str]:
    """The string literal under each annotated attribute in one class's own body."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):  # no source: no docstrings, as in pydantic
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs
