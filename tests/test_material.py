"""The installed Material still has what generator/material.py reaches into.

A Material upgrade that renames or reshapes its search plugin's index fails here, in
one place, rather than as a search index that drifts from a full build's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from material.plugins.search.plugin import SearchPlugin
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator import material

from .conftest import site_config


@pytest.fixture
def config(base_content: Path, tmp_path: Path) -> MkDocsConfig:
    """The real mkdocs.yml, loaded but not built, with Material's search ready to index."""
    loaded = load_config(str(site_config(base_content, tmp_path)), site_dir=str(tmp_path / "s"))
    search = material.search_plugin(loaded)
    assert search is not None
    assert isinstance(search, SearchPlugin)
    search.on_config(loaded)
    return loaded


def written_index(config: MkDocsConfig) -> list[dict[str, str]]:
    """The entries Material writes: its own index merged with the one it kept."""
    search = material.search_plugin(config)
    assert isinstance(search, SearchPlugin)
    data = json.loads(search.search_index.generate_search_index(search.search_index_prev))
    docs: list[dict[str, str]] = data["docs"]
    return docs


def test_material_writes_the_entries_given_and_nothing_it_kept(config: MkDocsConfig) -> None:
    """What the preview replaces is the whole index Material writes after a dirty build."""
    search = material.search_plugin(config)
    assert search is not None
    old = {"location": "a/", "title": "A", "text": "old"}
    search.search_index.entries = [old]
    search.search_index_prev = search.search_index  # as Material keeps it when dirty
    search.on_config(config)  # the next build's index: Material merges the kept one in
    assert material.index_entries(search) == []
    assert written_index(config) == [old]

    new = [{"location": "b/", "title": "B", "text": "new"}]
    material.replace_index_entries(search, new)
    assert written_index(config) == new


def test_a_full_build_forgets_the_kept_index(config: MkDocsConfig) -> None:
    search = material.search_plugin(config)
    assert search is not None
    search.search_index_prev = search.search_index
    material.forget_kept_index(config)
    assert search.search_index_prev is None


def test_another_search_plugin_is_not_material(tmp_path: Path) -> None:
    """Under MkDocs' own search, nothing of Material's is looked for."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins: [search]\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    assert "search" in config.plugins
    assert material.search_plugin(config) is None
    material.forget_kept_index(config)  # nothing to forget, and no error
