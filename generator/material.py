"""Material for MkDocs reached past its public interface, in one place: its search
plugin's kept index, and what its language selector is given.

A dirty rebuild's search index (preview.py) needs what Material keeps between builds:
the entries its plugin indexed in this build (`search_index.entries`), and the index it
kept from the last dirty build (`search_index_prev`), which it merges in as if an edit
re-rendered one page. Neither is published interface, so a Material upgrade may change
them: here, and nowhere else. tests/test_material.py checks the installed Material.
"""

from __future__ import annotations

from typing import Any, Protocol, cast

from mkdocs.config.defaults import MkDocsConfig

from . import routes
from .i18n import html_lang

SearchEntry = dict[str, Any]
"""One entry of the search index: a page, or a section of one (`location` says which)."""


class SearchIndex(Protocol):
    """What is used of Material's `SearchIndex`: the entries it will write."""

    entries: list[SearchEntry]


class SearchPlugin(Protocol):
    """What is used of Material's `SearchPlugin`: this build's index and the one it kept."""

    search_index: SearchIndex
    search_index_prev: SearchIndex | None


def search_plugin(config: MkDocsConfig) -> SearchPlugin | None:
    """Material's search plugin, or None under another one (whose index is its own)."""
    found = (p for p in config.plugins.values() if hasattr(p, "search_index_prev"))
    return cast("SearchPlugin | None", next(found, None))


def index_entries(search: SearchPlugin) -> list[SearchEntry]:
    """The entries of the pages this build rendered, in the order it rendered them."""
    return search.search_index.entries


def replace_index_entries(search: SearchPlugin, entries: list[SearchEntry]) -> None:
    """Make `entries` the whole index Material writes: nothing of its own kept index joins."""
    search.search_index.entries = entries
    search.search_index_prev = None


def forget_kept_index(config: MkDocsConfig) -> None:
    """Drop the index Material kept from a dirty build, so none of it joins this build's.

    After a full build every page was built and indexed: nothing Material kept from a
    dirty build in this process (tests run both) may join the index.
    """
    if (search := search_plugin(config)) is not None:
        search.search_index_prev = None


class LanguageMenu:
    """Material's language selector (`extra.alternate`), leading to the same page.

    Material's own takes one address per language (its home) and, in its page script,
    sends the reader to the other language's page only if that site's sitemap lists the
    address with the query string that keeps the reader's context (`?platform=`): never.
    So the playbook's `partials/alternate.html` asks this menu for each page's links.
    It is truthy but not iterable on purpose: Material's header then shows the selector
    (`{% if config.extra.alternate %}`), and its head writes no links to the languages'
    home pages (`{% if config.extra.alternate is iterable %}`), which its script would
    follow instead of ours.
    """

    def __init__(self, here: str, languages: list[str], names: dict[str, str]) -> None:
        self.here = here
        self.languages = languages
        self.names = names

    def __bool__(self) -> bool:
        return len(self.languages) > 1

    def links(self, page_url: str) -> list[dict[str, str | bool]]:
        """Each language's copy of the page at `page_url` (MkDocs' `page.url`), as a
        link relative to the page: name, `hreflang`, `href` and whether it is this one."""
        return [
            {
                "name": self.names[lang],
                "lang": html_lang(lang),
                "href": routes.across_url(page_url, self.here, lang),
                "current": lang == self.here,
            }
            for lang in self.languages
        ]
