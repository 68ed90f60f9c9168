"""Project settings from `[tool.playbook]` in pyproject.toml: one place for the CLI and plugin."""

from __future__ import annotations

import tomllib
from pathlib import Path

DEFAULT_STALE_AFTER_DAYS = 365


def project_settings(start: Path) -> dict[str, object]:
    """`[tool.playbook]` of the nearest pyproject.toml at or above `start`, or {}."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                return {}
            settings = data.get("tool", {}).get("playbook", {})
            return settings if isinstance(settings, dict) else {}
    return {}


def stale_after_days(content_dir: Path) -> int:
    """Days after which a source's `checked` date draws a PB204 warning."""
    value = project_settings(content_dir.resolve()).get("stale_after_days")
    return value if isinstance(value, int) else DEFAULT_STALE_AFTER_DAYS
