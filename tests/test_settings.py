"""Project settings: one `[tool.playbook]` table read by the CLI and the plugin alike."""

from __future__ import annotations

from pathlib import Path

from generator.settings import DEFAULT_STALE_AFTER_DAYS, stale_after_days

from .conftest import REPO


def test_stale_limit_comes_from_the_nearest_pyproject(tmp_path: Path) -> None:
    """A content folder below a pyproject.toml uses its [tool.playbook] value."""
    (tmp_path / "pyproject.toml").write_text("[tool.playbook]\nstale_after_days = 30\n", "utf-8")
    (tmp_path / "content").mkdir()
    assert stale_after_days(tmp_path / "content") == 30


def test_missing_or_broken_settings_fall_back_to_the_default(tmp_path: Path) -> None:
    """No table, or a pyproject that does not parse, gives the default limit."""
    (tmp_path / "pyproject.toml").write_text("[tool.playbook\n", "utf-8")
    assert stale_after_days(tmp_path) == DEFAULT_STALE_AFTER_DAYS


def test_the_repository_sets_one_year() -> None:
    """The playbook's own limit is 365 days, set once in pyproject.toml."""
    assert stale_after_days(REPO / "content") == 365
    assert "stale_after_days" not in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
