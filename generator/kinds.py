"""The kinds of entry, registered once: names, model, page, scaffold and unused-entry check.

Everything else (the loader, the cross-reference checks, the links both ways, the pages,
`playbook new`, the JSON Schemas and `playbook.json`) reads this registry, so a new kind
is its `KindName` and model in `models.py`, one `Kind(...)` here, its page template and
its scaffold. The links between kinds are declared on the models' fields (`Ref`, `Vocab`)
and found by `marked_paths`.
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from . import routes
from .i18n import N_
from .models import (
    MESSAGE,
    PROMPT,
    RULE,
    SCENARIO,
    TACTIC,
    Entry,
    KindName,
    Message,
    PromptSet,
    Ref,
    Rule,
    Scenario,
    Tactic,
    Vocab,
)


@dataclass(frozen=True)
class Unused:
    """The warning for an entry that no scenario names: its code, and the verb that says
    how a scenario would name it ("no scenario offers message ...")."""

    code: str
    verb: str


@dataclass(frozen=True)
class Kind:
    """One kind of entry: `content/<folder>/<id>.yml`, shown at `<folder>/<id>/`."""

    names: KindName
    model: type[Entry]
    unused: Unused | None = None
    """The warning for an entry no scenario names; None if none is due."""
    library: tuple[KindName, ...] = ()
    """The kinds its library page (`<folder>/index.md`, from `<folder>-index.md.j2`) shows:
    its own, and any whose entries it counts; empty for a kind without one."""
    situations_heading: str = N_("Situations linked to %(entry)s")
    """The heading of the page that lists every situation linked to an entry, translated
    where it is shown (situations-of.md.j2)."""

    # The names, read through the kind so that code holding a Kind needs nothing else.
    @property
    def name(self) -> str:
        return self.names.name

    @property
    def folder(self) -> str:
        return self.names.folder

    @property
    def noun(self) -> str:
        return self.names.noun

    @property
    def plural(self) -> str:
        return self.names.plural

    @property
    def page_template(self) -> str:
        return f"{self.name}.md.j2"

    @property
    def library_page(self) -> str:
        """The site path of its library (only for a kind that declares one)."""
        return routes.library(self.folder)

    @property
    def library_template(self) -> str:
        return f"{self.folder}-index.md.j2"

    @property
    def scaffold_template(self) -> str:
        return f"{self.name}.yml.j2"

    def page(self, entry_id: str) -> str:
        """The site path of an entry's page."""
        return routes.entry(self.folder, entry_id)

    def unused_message(self, entry_id: str) -> str:
        """The words of the unused-entry warning; only for a kind with `unused`."""
        assert self.unused is not None
        return (
            f"no {SCENARIO.noun} {self.unused.verb} {self.noun} '{entry_id}': "
            f"link it from a {SCENARIO.noun} or remove it"
        )


class Registry:
    """The kinds, in the order pages are built and exports list them, with lookups.

    There is one, `KINDS`. Every lookup reads `all` when it is made, never a copy taken
    at import, so that a test can register a kind for a while by replacing `all`
    (tests/test_kinds.py) and every part of the generator sees it.
    """

    def __init__(self, kinds: Iterable[Kind]) -> None:
        self.all: tuple[Kind, ...] = tuple(kinds)
        self._indexed: tuple[Kind, ...] = ()
        self._by_folder: dict[str, Kind] = {}
        self._by_name: dict[str, Kind] = {}
        self._types: tuple[type[Entry], ...] = ()

    def __iter__(self) -> Iterator[Kind]:
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)

    def _index(self) -> None:
        # Rebuilt only when `all` is another tuple: lookups run for every entry.
        if self._indexed is not self.all:
            self._by_folder = {k.folder: k for k in self.all}
            self._by_name = {k.name: k for k in self.all}
            self._types = tuple(k.model for k in self.all)
            self._indexed = self.all

    def by_folder(self, folder: str) -> Kind:
        self._index()
        return self._by_folder[folder]

    def by_name(self, name: str) -> Kind:
        self._index()
        return self._by_name[name]

    def folders(self) -> list[str]:
        """Every kind's folder, sorted (for messages that list them)."""
        return sorted(k.folder for k in self.all)

    def names(self) -> list[str]:
        """Every kind's name, sorted (for `playbook new`)."""
        return sorted(k.name for k in self.all)

    def has_folder(self, folder: str) -> bool:
        self._index()
        return folder in self._by_folder

    def entry_types(self) -> tuple[type[Entry], ...]:
        """Every kind's model, for `isinstance`."""
        self._index()
        return self._types


KINDS = Registry(
    (
        Kind(SCENARIO, Scenario, situations_heading=N_("Related to %(entry)s")),
        Kind(
            TACTIC,
            Tactic,
            Unused("PB201", "uses"),
            library=(TACTIC, SCENARIO),  # it counts the situations using each tactic
            situations_heading=N_("Situations that use %(entry)s"),
        ),
        Kind(
            MESSAGE,
            Message,
            Unused("PB202", "offers"),
            library=(MESSAGE,),
            situations_heading=N_("Situations that offer %(entry)s"),
        ),
        Kind(
            PROMPT,
            PromptSet,
            Unused("PB203", "offers"),
            library=(PROMPT,),
            situations_heading=N_("Situations that end with %(entry)s"),
        ),
        Kind(
            RULE,
            Rule,
            Unused("PB206", "names"),
            situations_heading=N_("Situations where it matters: %(entry)s"),
        ),
    )
)


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
