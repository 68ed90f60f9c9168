"""JSON Schema for each kind of entry, the vocabulary and the JSON export, from the models.

One source of truth: editors validate content files against `schema/<kind>.json`, and
readers of `playbook.json` against `schema/playbook.json`; both are generated here from
`generator.models`, never written by hand. A test fails when the committed `schema/`
folder no longer matches the models: run `playbook schema` to refresh it.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from .kinds import KINDS
from .models import Strict, Vocabulary
from .playbook import Playbook

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
EXPORT_FORMAT: Literal[1] = 1
"""Version of the layout of `playbook.json`; raise it when a change would break readers."""


class _ExportBase(Strict):
    """Every entry of the Freelance Client Playbook; cross-references are entry ids."""

    format: Literal[1] = Field(description="Version of this JSON layout.")
    vocabulary: Vocabulary


# One list per kind of entry, named like the kind's folder, each sorted by id.
PlaybookExport: type[_ExportBase] = create_model(
    "PlaybookExport",
    __base__=_ExportBase,
    __doc__=_ExportBase.__doc__,
    **{k.folder: (list[k.model], Field(description="Sorted by id.")) for k in KINDS},  # type: ignore[call-overload, name-defined]
)

# File stem in schema/ for each model: one per content kind (named like the kind's
# singular), the vocabulary, and the JSON export.
SCHEMA_MODELS: dict[str, type[BaseModel]] = dict(
    sorted(
        {
            **{k.name: k.model for k in KINDS},
            "playbook": PlaybookExport,
            "vocabulary": Vocabulary,
        }.items()
    )
)


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that a document of `model` validates against."""
    return {"$schema": JSON_SCHEMA_DIALECT, **model.model_json_schema()}


def dump_json(data: Any) -> bytes:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8, one final newline."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def schema_files() -> dict[str, bytes]:
    """Every schema as `<name>.json` -> bytes, the content of the `schema/` folder."""
    return {f"{name}.json": dump_json(json_schema(m)) for name, m in SCHEMA_MODELS.items()}


def export_document(playbook: Playbook) -> _ExportBase:
    """The playbook as one validated document, entries sorted by id."""
    lists = {k.folder: sorted_entries(playbook.entries[k.folder]) for k in KINDS}
    return PlaybookExport(format=EXPORT_FORMAT, vocabulary=playbook.vocabulary, **lists)


def sorted_entries(table: dict[str, Any]) -> list[Any]:
    return [table[k] for k in sorted(table)]
