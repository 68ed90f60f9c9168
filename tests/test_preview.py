"""The preview's machinery for `mkdocs serve --dirty`, one rebuild at a time, without MkDocs
building anything. tests/test_build.py runs it in real builds, against a full build."""

from __future__ import annotations

import gc
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
from mkdocs.structure.files import File, Files

from generator.preview import Preview, merge_search_entries, quiet_dirty_warning


@dataclass
class FakeIndex:
    entries: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class FakeSearch:
    """What the preview uses of Material's search plugin: a new index each build, the
    entries of the pages it built, and the index it kept from the last dirty build."""

    search_index: FakeIndex = field(default_factory=FakeIndex)
    search_index_prev: FakeIndex | None = None


def entries(url: str, text: str) -> list[dict[str, Any]]:
    """A page's search entries: the page, then one section of it."""
    return [
        {"location": url, "text": text},
        {"location": f"{url}#section", "text": f"{text}, section"},
    ]


def rebuild(
    preview: Preview,
    site: Path,
    pages: dict[str, str | None],
    search: FakeSearch | None = None,
) -> None:
    """One dirty rebuild of `pages` (name: text, or None when the rebuild skips it), in
    the order given, through the preview's hooks, writing each page into `site`."""
    preview.start_build()
    files = Files(
        [File(f"{name}.md", "docs", str(site), use_directory_urls=True) for name in pages]
    )
    preview.on_env(jinja2.Environment(), files)
    if search is not None:
        search.search_index = FakeIndex()  # Material starts an index on every build
    for name, text in pages.items():
        if text is None:
            continue
        preview.page_built(f"{name}/")
        if search is not None:
            search.search_index.entries += entries(f"{name}/", text)
        page = site / name / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    plugins = {} if search is None else {"material/search": search}
    preview.finish(SimpleNamespace(site_dir=str(site), plugins=plugins))  # type: ignore[arg-type]


@pytest.fixture
def no_collection(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The idle collection, noted instead of run."""
    ran = threading.Event()
    monkeypatch.setattr(gc, "collect", lambda *args: ran.set())
    return ran


def test_search_index_keeps_pages_not_rebuilt_and_drops_pages_gone(
    tmp_path: Path, no_collection: threading.Event
) -> None:
    """Material replaces one page's entries; the merged index has each page's latest
    entries, in the order a full build indexes them, and none of a page that is gone."""
    preview, search = Preview(), FakeSearch()
    rebuild(preview, tmp_path, {"a": "A", "b": "B", "c": "C"}, search)
    first = [entries("a/", "A"), entries("b/", "B"), entries("c/", "C")]
    assert search.search_index.entries == [entry for page in first for entry in page]
    search.search_index_prev = search.search_index  # as Material keeps it when dirty
    rebuild(preview, tmp_path, {"a": None, "b": "B2"}, search)  # c is gone
    assert search.search_index.entries == entries("a/", "A") + entries("b/", "B2")
    assert search.search_index_prev is None, "nothing left for Material to merge"


def test_the_index_follows_the_order_of_the_pages(
    tmp_path: Path, no_collection: threading.Event
) -> None:
    """The index follows the pages' order now, not the order they were kept or built in."""
    preview, search = Preview(), FakeSearch()
    rebuild(preview, tmp_path, {"a": "A", "b": "B"}, search)
    rebuild(preview, tmp_path, {"b": "B2", "a": None}, search)
    assert search.search_index.entries == entries("b/", "B2") + entries("a/", "A")


def test_a_page_rebuilt_without_entries_loses_its_old_ones() -> None:
    """Entries kept from the last build stand in only for pages this build did not render:
    a page that now asks to be left out of search (`search: exclude`) is left out."""
    kept = {"a/": entries("a/", "A"), "b/": entries("b/", "B")}
    merged = merge_search_entries([], ["a/", "b/"], {"b/"}, kept)
    assert merged == {"a/": entries("a/", "A")}


def test_without_material_search_the_index_is_left_alone(
    tmp_path: Path, no_collection: threading.Event
) -> None:
    """Under another search plugin the preview merges nothing, and the rebuild goes on."""
    preview = Preview()
    rebuild(preview, tmp_path, {"a": "A"})
    rebuild(preview, tmp_path, {"a": "A2"})
    assert (tmp_path / "a" / "index.html").read_text("utf-8") == "A2"


def test_files_of_pages_gone_are_removed_with_their_empty_folders(
    tmp_path: Path, no_collection: threading.Event
) -> None:
    """A dirty rebuild leaves the files of pages that are gone; the preview removes
    them, as a full build, which starts from an empty folder, never writes them."""
    preview = Preview()
    site = tmp_path / "site"
    rebuild(preview, site, {"a": "A", "tags/scope": "S", "tags/money": "M"})
    (site / "robots.txt").write_text("kept", encoding="utf-8")  # not the preview's
    rebuild(preview, site, {"a": None, "tags/money": None})
    assert not (site / "tags" / "scope").exists()
    assert (site / "tags" / "money" / "index.html").is_file()
    assert (site / "a" / "index.html").is_file()
    assert (site / "robots.txt").is_file()


def test_a_new_site_folder_keeps_the_old_one_as_it_is(
    tmp_path: Path, no_collection: threading.Event
) -> None:
    """Files are removed only from the folder the last rebuild wrote to."""
    preview = Preview()
    rebuild(preview, tmp_path / "one", {"a": "A", "b": "B"})
    rebuild(preview, tmp_path / "two", {"a": "A"})
    assert (tmp_path / "one" / "b" / "index.html").is_file()


def test_the_idle_collection_runs_later_and_a_build_cancels_it(
    tmp_path: Path, no_collection: threading.Event
) -> None:
    """The preview collects garbage while it waits, never during the build that follows."""
    preview = Preview(idle_delay=0.05)
    rebuild(preview, tmp_path, {"a": "A"})
    assert no_collection.wait(5), "the collection never ran"

    no_collection.clear()
    preview.idle_delay = 0.2
    rebuild(preview, tmp_path, {"a": "A"})
    preview.start_build()
    assert not no_collection.wait(0.5), "the collection ran although a build had started"


def test_the_dirty_warning_is_quiet_only_when_asked(caplog: pytest.LogCaptureFixture) -> None:
    """MkDocs' warning that a dirty build may be wrong is dropped for the preview alone."""
    build_log = logging.getLogger("mkdocs.commands.build")
    warning = "A 'dirty' build is being performed, this will likely lead to inaccurate"
    try:
        quiet_dirty_warning(True)
        build_log.warning(warning)
        build_log.warning("another warning")
        assert warning not in caplog.text and "another warning" in caplog.text
    finally:
        quiet_dirty_warning(False)
    build_log.warning(warning)
    assert warning in caplog.text
