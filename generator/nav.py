"""The sidebar: mkdocs.yml's nav, with the vocabulary's categories and platforms added.

mkdocs.yml names the situations and platforms indexes; the pages of each category and
platform come from the vocabulary, so they join the nav here, not by hand. The plugin
expands the nav on every build; benchmarks/measure.py writes the same nav out for plain
MkDocs.
"""

from __future__ import annotations

from typing import Any

from . import routes
from .models import Vocabulary


def nav_sections(
    vocabulary: Vocabulary,
    group_nav: str = routes.GROUPS,
    platform_nav: str = routes.PLATFORMS,
) -> dict[str, dict[str, str]]:
    """The nav entries to expand, each with its pages: a group per category, a platform each."""
    return {
        group_nav: {c.title: routes.group(c.id) for c in vocabulary.categories},
        platform_nav: {p.title: routes.platform(p.id) for p in vocabulary.platforms},
    }


def expand_nav(nav: list[Any], sections: dict[str, dict[str, str]]) -> list[Any]:
    """Replace each nav entry pointing at a key of `sections` by a section: it, then its pages.

    Every page gets its title here, so a dirty rebuild, which does not read unchanged
    pages, still knows the titles of the pages in the navigation.
    """

    def section(target: str, title: str) -> list[Any]:
        return [{title: target}] + [{name: path} for name, path in sections[target].items()]

    out: list[Any] = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            out.append({title: section(value, title) if value in sections else value})
        else:
            out.append(section(item, item) if item in sections else item)
    return out
