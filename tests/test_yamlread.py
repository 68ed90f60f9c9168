"""Reading one YAML file: positions, refusals, and never an exception."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from generator.yamlread import Document, read_entry

PATH = Path("content/scenarios/x.yml")


def test_positions_of_keys_and_values() -> None:
    """Every value and key has a 1-based line and column."""
    doc = read_entry(PATH, b"id: x\nsteps:\n  - tactic: paper-trail\n    do: it\n")
    assert isinstance(doc, Document)
    assert doc.marks.values[("id",)] == (1, 5)
    assert doc.marks.values[("steps", 0, "tactic")] == (3, 13)
    assert doc.marks.keys[("steps", 0, "do")] == (4, 5)
    assert doc.marks.find(("steps", 0, "missing")) == (3, 5)


def test_byte_order_mark_is_accepted() -> None:
    """A UTF-8 BOM, as some editors write, is read silently."""
    doc = read_entry(PATH, b"\xef\xbb\xbfid: x\n")
    assert isinstance(doc, Document) and doc.data == {"id": "x"}


def test_dates_and_numbers_are_typed() -> None:
    """YAML dates become dates; the model decides what else is acceptable."""
    doc = read_entry(PATH, b"checked: 2026-11-01\ncount: 3\nflag: yes\n")
    assert isinstance(doc, Document)
    assert str(doc.data["checked"]) == "2026-11-01"
    assert doc.data["count"] == 3 and doc.data["flag"] is True


def test_billion_laughs_is_refused_fast_and_small() -> None:
    """Nested aliases are refused before any expansion, with little memory (no clock)."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    bomb = "\n".join(lines).encode()
    tracemalloc.start()
    problems = read_entry(PATH, bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(problems, list) and {p.code for p in problems} == {"PB005"}
    assert peak < 20 * 1024 * 1024  # expanded, the bomb would need gigabytes


def test_recursive_alias_does_not_hang() -> None:
    """An alias that contains itself is refused, not walked forever."""
    problems = read_entry(PATH, b"a: &a [*a]\n")
    assert isinstance(problems, list) and [p.code for p in problems] == ["PB005"]


def test_several_documents_are_a_syntax_error() -> None:
    """One entry per file: a second document is reported, not ignored."""
    problems = read_entry(PATH, b"id: a\n---\nid: b\n")
    assert isinstance(problems, list) and problems[0].code == "PB001"
    assert problems[0].line == 2


def test_tabs_get_a_hint() -> None:
    """Indenting with a tab says so."""
    problems = read_entry(PATH, b"steps:\n\t- tactic: x\n")
    assert isinstance(problems, list) and problems[0].code == "PB001"
    assert "spaces, not tabs" in problems[0].message


def test_scalar_file_is_not_a_mapping() -> None:
    """A file holding one value is reported as such."""
    problems = read_entry(PATH, b"just words\n")
    assert isinstance(problems, list) and problems[0].code == "PB003"
    assert "a single value" in problems[0].message
