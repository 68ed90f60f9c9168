"""The kinds of entry, declared once: folder, model, page, scaffold and unused-entry check.

Everything else (the loader, the cross-reference checks, the links both ways, the pages,
`playbook new`, the JSON Schemas and `playbook.json`) reads this registry, so a new kind
is one `Kind(...)` here, its model in `models.py`, its page template and its scaffold.
The links between kinds are declared on the models' fields (`Ref`, `Vocab`) and found by
`marked_paths`.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .models import Entry, Message, PromptSet, Ref, Rule, Scenario, Tactic, Vocab


@dataclass(frozen=True)
class Kind:
    """One kind of entry: `content/<folder>/<id>.yml`, shown at `<folder>/<id>/`."""

    name: str
    """Singular: `playbook new <name>`, `schema/<name>.json`, the page template's variable."""
    folder: str
    model: type[Entry]
    unused: tuple[str, str] | None = None
    """Code and words of the warning for an entry no scenario names; None if none is due."""

    @property
    def page_template(self) -> str:
        return f"{self.name}.md.j2"

    @property
    def scaffold_template(self) -> str:
        return f"{self.name}.yml.j2"

    def page(self, entry_id: str) -> str:
        """The site path of an entry's page."""
        return f"{self.folder}/{entry_id}.md"


# In the order pages are built and exports list them.
KINDS: tuple[Kind, ...] = (
    Kind("scenario", "scenarios", Scenario),
    Kind("tactic", "tactics", Tactic, ("PB201", "no scenario uses tactic")),
    Kind("message", "messages", Message, ("PB202", "no scenario offers message")),
    Kind("prompt", "prompts", PromptSet, ("PB203", "no scenario offers prompt set")),
    Kind("rule", "rules", Rule, ("PB206", "no scenario names rule")),
)
BY_FOLDER: dict[str, Kind] = {k.folder: k for k in KINDS}
BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
ENTRY_TYPES: tuple[type[Entry], ...] = tuple(k.model for k in KINDS)


# Marked fields --------------------------------------------------------------------------

EACH = "[]"  # every item of a list, or every value of a mapping
KEY = "{}"  # every key of a mapping
Mark = Ref | Vocab
Path = tuple[str, ...]
Loc = tuple[str | int, ...]


@cache
def marked_paths(model: type[BaseModel]) -> tuple[tuple[Path, Mark], ...]:
    """Every place in `model` that holds a marked id, as a path of field names, EACH, KEY."""
    found: list[tuple[Path, Mark]] = []
    for name, info in model.model_fields.items():
        for rest, mark in _paths(info.annotation, tuple(info.metadata)):
            found.append(((name, *rest), mark))
    return tuple(found)


def _paths(annotation: Any, metadata: tuple[Any, ...] = ()) -> Iterator[tuple[Path, Mark]]:
    for item in metadata:
        if isinstance(item, Ref | Vocab):
            yield (), item
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        yield from _paths(args[0], tuple(args[1:]))
    elif origin is list:
        yield from (((EACH, *p), m) for p, m in _paths(args[0]))
    elif origin is dict:
        yield from (((KEY, *p), m) for p, m in _paths(args[0]))
        yield from (((EACH, *p), m) for p, m in _paths(args[1]))
    elif origin in (Union, types.UnionType):
        for arg in args:
            yield from _paths(arg)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from marked_paths(annotation)


def values_at(model: BaseModel, path: Path) -> list[tuple[Loc, str, bool]]:
    """(location, value, is_key) for every value found along `path` in `model`."""
    # Level by level rather than recursively: this runs for every marked field of every
    # entry, in the check and again when the playbook links its entries.
    level: list[tuple[Loc, Any]] = [((), model)]
    for head in path:
        if head == KEY:
            return [((*loc, k), str(k), True) for loc, value in level for k in value or ()]
        following: list[tuple[Loc, Any]] = []
        for loc, value in level:
            if value is None:
                continue
            if head == EACH:
                pairs = value.items() if isinstance(value, dict) else enumerate(value)
                following += [((*loc, index), item) for index, item in pairs]
            else:
                following.append(((*loc, head), getattr(value, head)))
        level = following
    return [(loc, str(value), False) for loc, value in level if value is not None]
