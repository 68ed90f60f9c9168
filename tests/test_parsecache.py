"""The per-process cache of parsed files: a second load re-parses only what changed."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import load, parsecache
from generator.load import Parsed

from .conftest import BASE, copy_tree

HOUR_NS = 3600 * 1_000_000_000


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    parsecache.clear()
    yield
    parsecache.clear()


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[Path]:
    """Counts each call of `parse_file`, by path, while still parsing."""
    counts: Counter[Path] = Counter()
    real = load.parse_file

    def counting(kind: str, path: Path) -> Parsed:
        counts[path] += 1
        return real(kind, path)

    monkeypatch.setattr(load, "parse_file", counting)
    return counts


@pytest.fixture
def settled(tmp_path: Path) -> Path:
    """A copy of the base content whose files were all last modified a day ago."""
    content = copy_tree(BASE, tmp_path / "content")
    for path in _files(content):
        set_mtime(path, time.time_ns() - 24 * HOUR_NS)
    return content


def _files(content: Path) -> list[Path]:
    return sorted(p for p in content.rglob("*.yml") if p.is_file())


def set_mtime(path: Path, mtime_ns: int) -> None:
    os.utime(path, ns=(mtime_ns, mtime_ns))


def test_second_load_parses_nothing_when_nothing_changed(
    settled: Path, parses: Counter[Path]
) -> None:
    """The first load parses every file once; a second load of the same tree parses none."""
    load.load(settled)
    assert sorted(parses) == _files(settled)
    assert set(parses.values()) == {1}
    parses.clear()
    load.load(settled)
    assert parses == Counter()


def test_second_load_parses_only_the_changed_file(settled: Path, parses: Counter[Path]) -> None:
    """After one scenario is edited, only that file is read again, and its edit shows."""
    load.load(settled)
    parses.clear()
    scenario = settled / "scenarios" / "late-payment.yml"
    before = scenario.stat().st_mtime_ns
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("Client pays late", "Client pays LATE"), encoding="utf-8")
    set_mtime(scenario, before + HOUR_NS)  # same size: the new time alone marks the change
    playbook = load.load(settled)
    assert parses == Counter({scenario: 1})
    assert playbook.scenarios["late-payment"].title == "Client pays LATE"


def test_a_new_size_with_the_same_time_is_a_change(settled: Path, parses: Counter[Path]) -> None:
    """A file whose size changed is parsed again even if its modification time did not."""
    load.load(settled)
    parses.clear()
    scenario = settled / "scenarios" / "late-payment.yml"
    before = scenario.stat().st_mtime_ns
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("Client pays late", "Client pays very late"), "utf-8")
    set_mtime(scenario, before)
    playbook = load.load(settled)
    assert parses == Counter({scenario: 1})
    assert playbook.scenarios["late-payment"].title == "Client pays very late"


def test_a_file_modified_just_now_is_not_kept(settled: Path, parses: Counter[Path]) -> None:
    """A file edited within the clock's granularity is parsed on every load until it settles."""
    scenario = settled / "scenarios" / "late-payment.yml"
    scenario.touch()
    load.load(settled)
    load.load(settled)
    assert parses[scenario] == 2
    assert all(n == 1 for path, n in parses.items() if path != scenario)


def test_a_broken_file_is_reported_again_from_the_cache(
    settled: Path, parses: Counter[Path]
) -> None:
    """Problems are part of what is kept: an unchanged broken file fails every load."""
    scenario = settled / "scenarios" / "late-payment.yml"
    scenario.write_text("id: late-payment\ntitle: [\n", encoding="utf-8")
    set_mtime(scenario, time.time_ns() - HOUR_NS)
    first = load.check(settled)
    second = load.check(settled)
    assert first == second
    assert any(p.code == "PB001" and p.path == scenario for p in second)
    assert parses[scenario] == 1
