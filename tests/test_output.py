"""Writing folders atomically."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.output import MARKER, OutputError, write_tree

from .conftest import TEMPLATES


def test_write_tree_replaces_the_folder_whole(tmp_path: Path) -> None:
    """Old files disappear; new files appear with their content."""
    out = tmp_path / "out"
    write_tree(out, {"a.md": "one", "sub/b.md": b"two"})
    write_tree(out, {"c.md": "three"})
    assert sorted(p.name for p in out.rglob("*")) == [MARKER, "c.md"]
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


def test_write_tree_marks_its_folder_and_replaces_it_next_time(tmp_path: Path) -> None:
    """The marker lets the next run replace the folder; an empty folder is fine too."""
    out = tmp_path / "out"
    out.mkdir()
    write_tree(out, {"a.md": "one"}, cwd=tmp_path)
    assert (out / MARKER).is_file()
    write_tree(out, {"b.md": "two"}, cwd=tmp_path)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "b.md"]


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        ("cwd", "current folder"),
        ("parent", "current folder or one of its parents"),
        ("content", "holds content"),
        ("git", "holds .git"),
        ("unmarked", "not empty and was not written by playbook"),
        ("file", "is not a folder"),
    ],
)
def test_write_tree_refuses_what_it_did_not_write(tmp_path: Path, setup: str, words: str) -> None:
    """Folders the tool does not own are refused, and every file in them survives."""
    here = tmp_path / "project" / "work"
    here.mkdir(parents=True)
    out = {"cwd": here, "parent": here.parent}.get(setup, tmp_path / "target")
    if setup == "content":
        (out / "content").mkdir(parents=True)
    elif setup == "git":
        (out / ".git").mkdir(parents=True)
    elif setup == "unmarked":
        out.mkdir()
        (out / "notes.txt").write_text("mine", encoding="utf-8")
    elif setup == "file":
        out.write_text("a file", encoding="utf-8")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    with pytest.raises(OutputError, match=words):
        write_tree(out, {"a.md": "one"}, cwd=here)
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_cli_refuses_to_replace_the_content_or_the_current_folder(
    base_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`export --out content` and `docs --out .` exit 2 with one line; nothing is lost."""
    monkeypatch.chdir(base_content.parent)
    before = sorted(str(p) for p in base_content.parent.rglob("*"))
    runner = CliRunner()
    docs = ["docs", "--out", ".", "--templates", str(TEMPLATES)]
    for args in (["export", "--out", "content"], docs):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        (last,) = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
        assert "--out" in last or "not empty" in last or "current folder" in last
    assert sorted(str(p) for p in base_content.parent.rglob("*")) == before
