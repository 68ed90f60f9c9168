"""`playbook new`: a skeleton entry with every field, comments and TODO markers."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import jinja2

from .kinds import KINDS
from .models import ID_PATTERN, ID_RULE


class ScaffoldError(Exception):
    """A skeleton cannot be written; the message says why and what to do."""


def scaffold(
    kind: str,
    entry_id: str,
    content_dir: Path,
    templates_dir: Path,
    *,
    title: str | None = None,
    today: date | None = None,
) -> Path:
    """Write the skeleton for a new entry and return its path; never overwrites a file."""
    if not re.fullmatch(ID_PATTERN, entry_id) or len(entry_id) > 80:
        raise ScaffoldError(f"'{entry_id}' is not a valid id: use {ID_RULE}")
    registered = KINDS.by_name(kind)
    target_dir = content_dir / registered.folder
    existing = sorted(target_dir.rglob(f"{entry_id}.yml")) if target_dir.is_dir() else []
    if existing:
        raise ScaffoldError(f"{existing[0]} already exists: edit it, or choose another id")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML, not HTML; the title is quoted below
    )
    text = env.get_template(registered.scaffold_template).render(
        id=entry_id,
        title=json.dumps(title, ensure_ascii=False) if title else "TODO",
        today=(today or date.today()).isoformat(),
    )
    target_dir.mkdir(parents=True, exist_ok=True)
    path = target_dir / f"{entry_id}.yml"
    with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
        handle.write(text)
    return path
