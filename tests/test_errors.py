"""Every rule of the checker: one failing fixture per code, checked for code and position."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.load import check
from generator.problems import CODES, Problem, Severity

from .conftest import BASE, FIXTURES, copy_tree, edit_file, overlay

ERRORS = FIXTURES / "errors"
# One folder per code, `PBnnn`, plus `PBnnn-<branch>` for each other way a code is reached.
FIXTURE_CODES = sorted(p.name for p in ERRORS.iterdir() if p.is_dir())
TODAY = date(2026, 11, 21)


@pytest.mark.parametrize("code", FIXTURE_CODES)
def test_fixture_reports_its_code_at_its_line(code: str, tmp_path: Path) -> None:
    """The fixture named after a code makes the checker report exactly that, where expected."""
    assert code.split("-")[0] in (ERRORS / code / "expect.txt").read_text(encoding="utf-8")
    content = copy_tree(BASE, tmp_path / "content")
    overlay(ERRORS / code, content)
    expected = (ERRORS / code / "expect.txt").read_text(encoding="utf-8").splitlines()
    problems = check(content, today=TODAY)
    assert [_head(p, content) for p in problems] == expected
    assert all(len(p.message) > 30 for p in problems), "each message says how to fix it"


def _head(problem: Problem, content: Path) -> str:
    """'path:line:col: CODE', with 'warning: ' before warning codes."""
    word = "warning: " if problem.severity is Severity.WARNING else ""
    return f"{problem.display_path(content)}:{problem.line}:{problem.col}: {word}{problem.code}"


def test_base_fixture_is_clean() -> None:
    """The tree every fixture starts from has no problems of its own."""
    assert check(BASE, today=TODAY) == []


def test_every_code_has_a_fixture() -> None:
    """No rule without a fixture, and no fixture without a rule."""
    assert sorted(CODES) == sorted({name.split("-")[0] for name in FIXTURE_CODES})


def test_unsafe_text_does_not_hide_a_broken_link(tmp_path: Path) -> None:
    """Raw HTML and a misspelt category in one file: both are reported in the same run."""
    content = copy_tree(BASE, tmp_path / "content")
    edit_file(
        content / "scenarios" / "late-payment.yml",
        ("category: payment", "category: payments"),
        ("The due date has passed.", "The due date has <b>passed</b>."),
    )
    codes = [p.code for p in check(content, today=TODAY)]
    assert codes == ["PB109", "PB300"]
