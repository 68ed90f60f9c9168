"""JSON Schema for each kind of entry, the vocabulary and the JSON export, from the models.

One source of truth: editors validate content files against `schema/<kind>.json`, and
readers of `playbook.json` against `schema/playbook.json`; both are generated here from
`generator.models`, never written by hand. A test fails when the committed `schema/`
folder no longer matches the models: run `playbook schema` to refresh it.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, Field

from .models import Message, PromptSet, Scenario, Strict, Tactic, Vocabulary
from .playbook import Playbook

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
EXPORT_FORMAT: Literal[1] = 1
"""Version of the layout of `playbook.json`; raise it when a change would break readers."""


class PlaybookExport(Strict):
    """Every entry of the Freelance Client Playbook; cross-references are entry ids."""

    format: Literal[1] = Field(description="Version of this JSON layout.")
    vocabulary: Vocabulary
    scenarios: list[Scenario] = Field(description="Sorted by id.")
    tactics: list[Tactic] = Field(description="Sorted by id.")
    messages: list[Message] = Field(description="Sorted by id.")
    prompts: list[PromptSet] = Field(description="Sorted by id.")


# File stem in schema/ for each model: one per content kind (named like the kind's
# singular), the vocabulary, and the JSON export.
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "message": Message,
    "playbook": PlaybookExport,
    "prompt": PromptSet,
    "scenario": Scenario,
    "tactic": Tactic,
    "vocabulary": Vocabulary,
}


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


def export_document(playbook: Playbook) -> PlaybookExport:
    """The playbook as one validated document, entries sorted by id."""
    return PlaybookExport(
        format=EXPORT_FORMAT,
        vocabulary=playbook.vocabulary,
        scenarios=[playbook.scenarios[k] for k in sorted(playbook.scenarios)],
        tactics=[playbook.tactics[k] for k in sorted(playbook.tactics)],
        messages=[playbook.messages[k] for k in sorted(playbook.messages)],
        prompts=[playbook.prompts[k] for k in sorted(playbook.prompts)],
    )
