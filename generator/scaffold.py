"""`playbook new`: a skeleton entry with every field, comments and TODO markers, or a
translation of an English entry with each text to translate marked TODO."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import yaml
from pydantic import BaseModel

from .i18n import site_languages
from .kinds import KINDS
from .models import ID_PATTERN, ID_RULE
from .playbook import Playbook
from .problems import did_you_mean
from .translate import I18N, VOCABULARY, fingerprints, shape_of, words_of


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


def scaffold_translation(
    playbook: Playbook, language: str, kind: str, entry_id: str, content_dir: Path
) -> Path:
    """Write the translation skeleton of an English entry (or, for kind `vocabulary`,
    of the vocabulary) and return its path; never overwrites a file. Each text reads
    `TODO: <the English>`, so `playbook check` (PB130) shows what is left to translate."""
    if language not in site_languages():
        known = ", ".join(site_languages())
        raise ScaffoldError(f"'{language}' is not a language of the site: use one of {known}")
    english: BaseModel
    if kind == VOCABULARY:
        english, name = playbook.vocabulary, VOCABULARY
        target_dir = content_dir / I18N / language
    else:
        folder = KINDS.by_name(kind).folder
        found = playbook.entries[folder].get(entry_id)
        if found is None:
            hint = did_you_mean(entry_id, playbook.entries[folder])
            raise ScaffoldError(f"no {kind} '{entry_id}' in English to translate{hint}")
        english, name = found, entry_id
        target_dir = content_dir / I18N / language / folder
    path = target_dir / f"{name}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists: edit it")
    shape = shape_of(type(english))
    assert shape is not None
    words = _todo(words_of(english, shape))
    head = {"english": fingerprints(english), "reviewed": False}
    depth = "../" * len(path.relative_to(content_dir).parts)
    schema = f"{kind}.translation.json"
    text = (
        f"# yaml-language-server: $schema={depth}schema/{schema}\n"
        f"# {language} words of content/"
        + (f"{name}.yml" if kind == VOCABULARY else f"{KINDS.by_name(kind).folder}/{name}.yml")
        + "\n# Replace each TODO with the translation (CONTRIBUTING.md, 'Translating').\n"
        + "# `english` records the English it is made from; leave it as it is.\n"
        + _dump(head)
        + _dump(words)
    )
    target_dir.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path


def restamp(path: Path, english: BaseModel) -> None:
    """Record in a translation file that it is made from today's English: its `english`
    fingerprints, rewritten in place; the rest of the file is kept as it is."""
    text = path.read_text(encoding="utf-8")
    block = _dump({"english": fingerprints(english)})
    pattern = re.compile(r"^english:[^\n]*\n(?:[ \t]+[^\n]*\n|\n(?=[ \t]))*", re.M)
    found = pattern.search(text)
    text = text[: found.start()] + block + text[found.end() :] if found else block + text
    path.write_text(text, encoding="utf-8")


def _todo(words: Any) -> Any:
    if isinstance(words, str):
        return f"TODO: {words}"
    if isinstance(words, list):
        return [_todo(w) for w in words]
    if isinstance(words, dict):
        return {k: _todo(v) for k, v in words.items()}
    return words


class _Dumper(yaml.SafeDumper):
    """Writes text of several lines (message bodies) as a literal block, as people do."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)
