"""JSON Schema for each kind of entry, the vocabulary and the JSON export, from the models.

One source of truth: editors validate content files against `schema/<kind>.json` (and
translations against `schema/<kind>.translation.json`), and
readers of `playbook.json` against `schema/playbook.json`; both are generated here from
`generator.models`, never written by hand.

The editors' copy (`playbook schema`, into the git-ignored `schema/` that `make` keeps
fresh) also lists the allowed values: every id field marked `Ref` or `Vocab` gets an
`enum` of today's entry ids or vocabulary terms, so an editor flags `category: deadlinez`
or a misspelt tactic as you type. The published copy (Downloads) has no enums: the ids
of a later version would not match them.
"""

from __future__ import annotations

import functools
import json
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from .kinds import EACH, KEY, KINDS, Kind, marked_paths
from .models import Ref, Strict, Vocab, Vocabulary
from .playbook import Playbook
from .translate import Glossary, shape_of, translation_model

TRANSLATION = ".translation"
"""The schema of a kind's translations is `schema/<kind>.translation.json`."""

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
EXPORT_FORMAT: Literal[1] = 1
"""Version of the layout of `playbook.json`; raise it when a change would break readers."""


class _ExportBase(Strict):
    """Every entry of the Freelance Client Playbook; cross-references are entry ids."""

    format: Literal[1] = Field(description="Version of this JSON layout.")
    vocabulary: Vocabulary


def export_model() -> type[_ExportBase]:
    """The model of `playbook.json`: one list per kind of entry, named like the kind's
    folder, each sorted by id."""
    return _export_model(KINDS.all)


@functools.cache
def _export_model(kinds: tuple[Kind, ...]) -> type[_ExportBase]:
    # Made once per set of kinds: a registered kind joins the export (tests/test_kinds.py).
    lists: dict[str, Any] = {}
    for k in kinds:
        lists[k.folder] = (list[k.model], Field(description="Sorted by id."))  # type: ignore[name-defined]
    return create_model(
        "PlaybookExport", __base__=_ExportBase, __doc__=_ExportBase.__doc__, **lists
    )


def schema_models() -> dict[str, type[BaseModel]]:
    """The model of each file in schema/, by file stem: one per kind of entry (named like
    the kind's singular), the vocabulary and the JSON export; sorted by stem."""
    return _schema_models(KINDS.all)


@functools.cache
def _schema_models(kinds: tuple[Kind, ...]) -> dict[str, type[BaseModel]]:
    models: dict[str, type[BaseModel]] = {k.name: k.model for k in kinds}
    models.update(playbook=_export_model(kinds), vocabulary=Vocabulary)
    # Translations (content/i18n/<lang>/): one per kind, the vocabulary's and the glossary.
    models.update(
        {f"{k.name}{TRANSLATION}": translation_model(k.model) for k in kinds if shape_of(k.model)}
    )
    models[f"vocabulary{TRANSLATION}"] = translation_model(Vocabulary)
    models["glossary"] = Glossary
    return dict(sorted(models.items()))


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that a document of `model` validates against."""
    return {"$schema": JSON_SCHEMA_DIALECT, **model.model_json_schema()}


def dump_json(data: Any, *, sort_keys: bool = True) -> bytes:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8, one final newline.

    Schemas keep the models' order instead (`sort_keys=False`), which is the order of
    the fields in a skeleton from `playbook new`, so editors suggest them in that order.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=sort_keys)
    return (text + "\n").encode("utf-8")


def schema_files(playbook: Playbook | None = None) -> dict[str, bytes]:
    """Every schema as `<name>.json` -> bytes; with a playbook, entry ids become enums."""
    files = {}
    kind_names = set(KINDS.names())
    for name, model in schema_models().items():
        schema = json_schema(model)
        if playbook is not None and name in kind_names:
            add_enums(schema, model, playbook)
        files[f"{name}.json"] = dump_json(schema, sort_keys=False)
    return files


def add_enums(schema: dict[str, Any], model: type[BaseModel], playbook: Playbook) -> None:
    """Give each marked id field of `schema` the list of values it may take today."""
    for path, mark in marked_paths(model):
        if isinstance(mark, Vocab):
            values = [t.id for t in getattr(playbook.vocabulary, mark.group)]
        else:
            assert isinstance(mark, Ref)
            values = sorted(playbook.entries[mark.folder])
        _set_enum(schema, schema, path, values)


def _set_enum(
    root: dict[str, Any], node: dict[str, Any], path: tuple[str, ...], values: list[str]
) -> None:
    node = _resolve(root, node)
    if not path:
        node["enum"] = values
        return
    head, rest = path[0], path[1:]
    if head == KEY:
        node["propertyNames"] = {"enum": values}
    elif head == EACH:
        inner = node.get("items") or node.get("additionalProperties")
        if isinstance(inner, dict):
            _set_enum(root, inner, rest, values)
    else:
        _set_enum(root, node["properties"][head], rest, values)


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a `$ref` into `$defs`, and pick the non-null branch of an `anyOf`."""
    while True:
        if "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            node = next(n for n in node["anyOf"] if n.get("type") != "null")
        else:
            return node


def export_document(playbook: Playbook) -> _ExportBase:
    """The playbook as one validated document, entries sorted by id."""
    lists = {k.folder: sorted_entries(playbook.entries[k.folder]) for k in KINDS}
    return export_model()(format=EXPORT_FORMAT, vocabulary=playbook.vocabulary, **lists)


def sorted_entries(table: dict[str, Any]) -> list[Any]:
    return [table[k] for k in sorted(table)]
