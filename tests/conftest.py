"""Shared fixtures: the repository's paths, content trees in tmp_path, and site builds."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
BASE = FIXTURES / "base"
TEMPLATES = REPO / "templates" / "pages"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ from the current output after a deliberate change.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def copy_tree(source: Path, target: Path) -> Path:
    """Copy a content tree, keeping symlinks as links."""
    shutil.copytree(source, target, symlinks=True)
    return target


def overlay(fixture: Path, content: Path) -> None:
    """Copy a fixture's files over a content tree (expect.txt is the fixture's own)."""
    for item in sorted(fixture.rglob("*")):
        if item.name == "expect.txt" or (item.is_dir() and not item.is_symlink()):
            continue
        target = content / item.relative_to(fixture)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() or target.is_symlink():
            target.unlink()
        if item.is_symlink():
            os.symlink(os.readlink(item), target)
        else:
            shutil.copyfile(item, target)


@pytest.fixture
def base_content(tmp_path: Path) -> Path:
    """A fresh copy of the small valid content tree."""
    return copy_tree(BASE, tmp_path / "content")


def site_config(content: Path, out_dir: Path, site_url: str | None = None) -> Path:
    """A copy of the real mkdocs.yml pointing at `content`, written into `out_dir`."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    replacements = {
        r"(?m)^docs_dir: .*$": f"docs_dir: {content / 'pages'}",
        r"(?m)^(\s+)content: content$": rf"\g<1>content: {content}",
        r"(?m)^(\s+)templates: templates/pages$": rf"\g<1>templates: {TEMPLATES}",
        r"(?m)^(\s+)custom_dir: .*$": rf"\g<1>custom_dir: {REPO / 'templates' / 'overrides'}",
    }
    if site_url is not None:
        replacements[r"(?m)^site_url: .*$"] = f"site_url: {site_url}"
    for pattern, replacement in replacements.items():
        text, count = re.subn(pattern, replacement, text)
        assert count == 1, f"mkdocs.yml no longer has a line matching {pattern}"
    (content / "pages").mkdir(exist_ok=True)
    config = out_dir / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


Builder = Callable[..., Path]


@pytest.fixture
def build_site(tmp_path: Path) -> Builder:
    """Build a site strictly, in process, from a content tree; returns the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def _build(content: Path, site_url: str | None = None, name: str = "site") -> Path:
        site = tmp_path / name
        config_file = site_config(content, tmp_path, site_url)
        config = load_config(str(config_file), site_dir=str(site), strict=True)
        build(config)
        return site

    return _build
