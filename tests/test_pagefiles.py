"""The page files that let `mkdocs serve --dirty` re-render only what an edit changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.pagefiles import STAMP, PageFiles, stamp_of


def mtimes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file() and p.name != STAMP
    }


def test_only_changed_files_are_rewritten(tmp_path: Path) -> None:
    """Unchanged pages keep their time; a changed one is rewritten; a gone one removed."""
    cache = PageFiles(tmp_path / "cache")
    assert sorted(cache.sync({"a.md": "one", "b/c.md": "two", "d.md": "x"}, "s1")) == [
        "a.md",
        "b/c.md",
        "d.md",
    ]
    old = {k: v - 10**9 for k, v in mtimes(cache.folder).items()}
    for rel, when in old.items():  # as if written a second ago
        os.utime(cache.folder / rel, ns=(when, when))
    assert cache.sync({"a.md": "one", "b/c.md": "TWO"}, "s1") == ["b/c.md"]
    now = mtimes(cache.folder)
    assert now["a.md"] == old["a.md"] and now["b/c.md"] > old["b/c.md"]
    assert "d.md" not in now


def test_a_new_stamp_rewrites_everything(tmp_path: Path) -> None:
    """When what every page depends on changes (nav, theme), every page is rebuilt."""
    cache = PageFiles(tmp_path / "cache")
    cache.sync({"a.md": "one", "b.md": b"\x00bytes"}, "s1")
    assert sorted(cache.sync({"a.md": "one", "b.md": b"\x00bytes"}, "s2")) == ["a.md", "b.md"]
    assert (cache.folder / "b.md").read_bytes() == b"\x00bytes"


def test_stamp_follows_page_names_and_watched_files(tmp_path: Path) -> None:
    """Adding a page, or touching a watched file, changes the stamp; nothing else does."""
    watched = tmp_path / "theme"
    watched.mkdir()
    (watched / "main.html").write_text("x", encoding="utf-8")
    first = stamp_of(["a.md"], [watched])
    assert stamp_of(["a.md"], [watched]) == first
    assert stamp_of(["a.md", "b.md"], [watched]) != first
    (watched / "main.html").write_text("changed", encoding="utf-8")
    assert stamp_of(["a.md"], [watched]) != first


def test_a_kept_cache_compares_in_memory_and_a_new_one_reads_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """make serve keeps one cache for the process: it does not read its thousands of
    files back after each edit. A new one (a new serve) compares with the files."""
    cache = PageFiles(tmp_path / "cache")
    cache.sync({"a.md": "one", "b.md": b"two"}, "s1")
    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self}"))
        assert cache.sync({"a.md": "one", "b.md": b"two"}, "s1") == []
        assert cache.sync({"a.md": "ONE", "b.md": b"two"}, "s1") == ["a.md"]
    (cache.folder / "b.md").unlink()  # gone behind its back: written again
    assert cache.sync({"a.md": "ONE", "b.md": b"two"}, "s1") == ["b.md"]
    fresh = PageFiles(tmp_path / "cache")
    assert fresh.sync({"a.md": "ONE", "b.md": b"TWO"}, "s1") == ["b.md"]
