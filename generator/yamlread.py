"""Read one YAML entry safely, keeping the line and column of every key and value.

PyYAML's loaders drop positions, silently keep the last of two equal keys and expand
aliases without limit. Here libyaml only composes the node graph (fast, in C); the walk
below builds plain Python values from it and refuses what content never needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

try:  # libyaml is much faster; fall back to the pure-Python composer without it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 256 * 1024
MAX_TEXT_CHARS = 20_000
MAX_DEPTH = 32
"""Entries nest a few levels (scenario > steps > step > do); deeper is never content."""

Loc = tuple[str | int, ...]
Pos = tuple[int, int]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass
class Marks:
    """Where each value (and each mapping key) of a document starts, 1-based."""

    values: dict[Loc, Pos] = field(default_factory=dict)
    keys: dict[Loc, Pos] = field(default_factory=dict)

    def find(self, loc: Loc, *, key: bool = False) -> Pos:
        """The position of `loc`, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        for end in range(len(loc), -1, -1):
            part = loc[:end]
            if part in table:
                return table[part]
            if part in self.values:
                return self.values[part]
        return (1, 1)


@dataclass
class Document:
    data: dict[str, Any]
    marks: Marks
    strings: list[tuple[Loc, str]] = field(default_factory=list)
    """Every string in `data`, with where it sits, in document order (as `iter_strings`
    finds them): the text rules read them without walking the data again."""


def read_entry(path: Path, raw: bytes) -> Document | list[Problem]:
    """Turn one file's bytes into a mapping with marks, or the problems that prevent it."""
    if len(raw) > MAX_FILE_BYTES:
        return [
            Problem(
                path,
                1,
                1,
                "PB006",
                f"file is {len(raw) // 1024} KiB; an entry may be at most "
                f"{MAX_FILE_BYTES // 1024} KiB: split it or shorten it",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return [
            Problem(
                path, line, col, "PB007", "file is not UTF-8 text: save it as UTF-8 in your editor"
            )
        ]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return [_syntax_problem(path, exc, text)]
    except yaml.YAMLError as exc:  # errors without a position
        return [Problem(path, 1, 1, "PB001", f"YAML could not be read: {exc}")]
    if node is None:
        return [
            Problem(
                path,
                1,
                1,
                "PB008",
                "file is empty: fill it in, or delete it if it is not meant to be here",
            )
        ]
    walker = _Walker(path)
    data = walker.build(node, ())
    if walker.problems:
        return walker.problems
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        line, col = _pos(node)
        return [
            Problem(
                path,
                line,
                col,
                "PB003",
                f"file holds {kind}; an entry must be a mapping of fields such as 'id: ...'",
            )
        ]
    return Document(data, walker.marks, walker.strings)


def _syntax_problem(path: Path, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    hint = ""
    lines = text.splitlines()
    if "\t" in (lines[line - 1] if 0 < line <= len(lines) else "") or "tab" in problem:
        hint = ": indent with spaces, not tabs"
    elif exc.context:
        hint = f" ({exc.context})"
    return Problem(path, line, col, "PB001", f"YAML syntax error: {problem}{hint}")


def _pos(node: yaml.Node) -> Pos:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Walker:
    """Build Python values from a composed node graph, recording positions and refusals."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.marks = Marks()
        self.problems: list[Problem] = []
        self.strings: list[tuple[Loc, str]] = []
        self._seen: set[int] = set()

    def _fail(self, node: yaml.Node, code: str, message: str) -> None:
        line, col = _pos(node)
        self.problems.append(Problem(self.path, line, col, code, message))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if id(node) in self._seen:
            # Node graphs share a node only where an alias points back at an anchor.
            # One report per file is enough: an alias bomb would otherwise print thousands.
            if any(p.code == "PB005" for p in self.problems):
                return None
            self._fail(
                node,
                "PB005",
                "anchors and aliases (&name, *name) are not allowed in "
                "content: write the text out where it is needed",
            )
            return None
        self._seen.add(id(node))
        if len(loc) > MAX_DEPTH:
            # Stop here, rather than recurse once per level: 400 nested [ in a file of a
            # few hundred bytes would otherwise exhaust Python's stack.
            if not any(p.code == "PB012" for p in self.problems):
                self._fail(
                    node,
                    "PB012",
                    f"lists or mappings nested more than {MAX_DEPTH} levels deep: entries "
                    "need only a few levels; check the brackets and the indentation",
                )
            return None
        self.marks.values[loc] = _pos(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, loc)
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any] | None:
        if node.tag != _MAP:
            self._fail(node, "PB004", f"unsupported tag {_short(node.tag)}: remove it")
            return None
        result: dict[str, Any] = {}
        first: dict[str, Pos] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self._fail(
                    key_node, "PB011", "mapping keys must be plain field names such as 'title'"
                )
                continue
            key = key_node.value
            if key in first:
                line, _ = first[key]
                self._fail(
                    key_node,
                    "PB002",
                    f"duplicate key '{key}' (first at line {line}): "
                    "YAML would silently keep only the last one; merge the two",
                )
                continue
            first[key] = _pos(key_node)
            self.marks.keys[(*loc, key)] = _pos(key_node)
            result[key] = self.build(value_node, (*loc, key))
        return result

    def _sequence(self, node: yaml.SequenceNode, loc: Loc) -> list[Any] | None:
        if node.tag != _SEQ:
            self._fail(node, "PB004", f"unsupported tag {_short(node.tag)}: remove it")
            return None
        return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]

    def _scalar(self, node: yaml.Node, loc: Loc) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self._fail(
                node,
                "PB004",
                f"unsupported tag {_short(node.tag)}: content is plain "
                "text, numbers, lists and mappings; remove the tag",
            )
            return None
        if node.tag == _STR:
            value: str = node.value
            if len(value) > MAX_TEXT_CHARS:
                self._fail(
                    node,
                    "PB006",
                    f"text of {len(value):,} characters; at most "
                    f"{MAX_TEXT_CHARS:,} are allowed: shorten it",
                )
                return None
            self.strings.append((loc, value))
            return value
        try:
            # Call the scalar constructor directly: construct_object would cache every node.
            return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
        except (yaml.YAMLError, ValueError, OverflowError):
            self._fail(
                node, "PB102", f"'{node.value}' is not a valid value; quote it to keep it as text"
            )
            return None


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml") else tag


def iter_strings(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string inside a document, with where it sits."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_strings(item, (*loc, index))


def describe(loc: Loc) -> str:
    """('steps', 2, 'tactic') -> 'steps[3].tactic' (items counted from 1, as people do)."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
