"""Every path the playbook generates, in one place: the map of the site.

Pages are named by their source path in the docs folder (`rules/upwork-escrow.md`),
which MkDocs serves at a URL (`rules/upwork-escrow/`). The renderer, the navigation, the
templates (the `route` global) and the page scripts (`#pb-site`'s "routes") all ask
here, so that a path changes in one place.

An entry's page is `<folder>/<id>.md` and a tag's is `tags/<slug of its title>.md`. Two
names that give one path would keep one page and silently lose the other, so `playbook
check` refuses them (PB129, in load.py) before a build can, and `Pages.add` refuses any
clash that gets past it.
"""

from __future__ import annotations

import re
from typing import Generic, TypeVar

INDEX = "index"
"""The list page of a folder (`tactics/index.md`, `situations/index.md`): no id may take it."""
PAGED = "page"
"""The folder of a long list's later pages: `messages/page/2.md`."""

HOME = "index.md"
GROUPS = "situations/index.md"
PLATFORMS = "platforms/index.md"
TAGS = "tags.md"
DOWNLOADS = "downloads.md"


def entry(folder: str, entry_id: str) -> str:
    """An entry's page: `tactics/paper-trail.md`."""
    return f"{folder}/{entry_id}.md"


def library(folder: str) -> str:
    """The list of every entry of a kind: `tactics/index.md`."""
    return f"{folder}/{INDEX}.md"


def all_situations(folder: str, entry_id: str) -> str:
    """The page listing every situation of an entry whose own page shows only some."""
    return f"{folder}/{entry_id}/situations.md"


def group(category_id: str) -> str:
    """A group's overview: `situations/payment.md`."""
    return f"situations/{category_id}.md"


def platform(platform_id: str) -> str:
    """A platform's rules and clocks: `platforms/upwork.md`."""
    return f"platforms/{platform_id}.md"


def slug(text: str) -> str:
    """The id Python-Markdown's toc gives a heading, so links can point at it."""
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def tag_page(title: str) -> str:
    """The page listing the situations with one tag: `tags/money-at-risk.md`."""
    return f"tags/{slug(title)}.md"


def paged(path: str, number: int) -> str:
    """Page `number` of the list whose first page is `path` (messages/index.md's page 2
    is messages/page/2.md)."""
    if number == 1:
        return path
    base = path.removesuffix(".md").removesuffix(f"/{INDEX}")
    return f"{base}/{PAGED}/{number}.md"


def is_entry_page(path: str, folders: frozenset[str]) -> bool:
    """Whether a page is reached through list pages, not the navigation: an entry's page
    (of one of `folders`), a tag's, or a later page of a list."""
    folder, _, name = path.partition("/")
    later_page = f"/{PAGED}/" in path
    return ((folder in folders or folder == "tags") and name != f"{INDEX}.md") or later_page


def url(path: str) -> str:
    """The address MkDocs serves a page at (directory URLs): `rules/x.md` -> `rules/x/`,
    `tactics/index.md` -> `tactics/`, `index.md` -> ``."""
    stem = path.removesuffix(".md")
    if stem == INDEX:
        return ""
    return stem.removesuffix(f"/{INDEX}") + "/"


def language_root(language: str, source: str = "en") -> str:
    """Where a language's site lives within the published one: English at the root, each
    other language in its own folder (`es/`, `pt-br/`), built from the same content."""
    return "" if language == source else f"{language}/"


def in_language(path: str, language: str, source: str = "en") -> str:
    """The address of the page at `path` in another language's site, from the root of
    the published site: `rules/x.md` in Spanish is `es/rules/x/`."""
    return language_root(language, source) + url(path)


def across(path: str, here: str, there: str, source: str = "en") -> str:
    """A relative address from the page at `path` in `here`'s site to the same page in
    `there`'s: from Spanish `rules/x.md` to English, `../../../rules/x/`. Written as
    plain HTML links, which MkDocs leaves alone: the other site is not in this build."""
    return across_url(url(path), here, there, source)


def across_url(page_url: str, here: str, there: str, source: str = "en") -> str:
    """`across` for a page known by its address in its site (MkDocs' `page.url`)."""
    own = language_root(here, source) + page_url
    return "../" * own.count("/") + language_root(there, source) + page_url or "./"


def for_scripts() -> dict[str, str]:
    """Addresses the page scripts build, with `{id}` for the id (main.html's #pb-site)."""
    return {"rule": url(entry("rules", "{id}"))}


T = TypeVar("T")


class Pages(dict[str, T], Generic[T]):
    """Generated pages by path, where a second page for a path is a bug, never a silent
    replacement: the checker should have refused the names that led to it (PB129)."""

    def add(self, path: str, page: T) -> None:
        if path in self:
            raise RouteClash(f"two generated pages would share '{path}'")
        self[path] = page


class RouteClash(RuntimeError):
    """Two generated pages for one path: a name the checker let through."""
