"""Writing folders atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output import write_tree


def test_write_tree_replaces_the_folder_whole(tmp_path: Path) -> None:
    """Old files disappear; new files appear with their content."""
    out = tmp_path / "out"
    write_tree(out, {"a.md": "one", "sub/b.md": b"two"})
    write_tree(out, {"c.md": "three"})
    assert sorted(p.name for p in out.rglob("*")) == ["c.md"]
    assert (out / "c.md").read_text(encoding="utf-8") == "three"


def test_failed_write_leaves_the_old_folder(tmp_path: Path) -> None:
    """A failure half-way leaves the previous folder as it was, and no staging folder."""
    out = tmp_path / "out"
    write_tree(out, {"keep.md": "kept"})

    class Boom(dict[str, str]):
        def items(self):  # type: ignore[no-untyped-def, override]
            yield "first.md", "fine"
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_tree(out, Boom())
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert (out / "keep.md").read_text(encoding="utf-8") == "kept"
