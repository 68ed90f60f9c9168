"""Site paths that come from names in the content, and the checks that keep them apart.

An entry's page is `<folder>/<id>.md` and a tag's is `tags/<slug of its title>.md`. Two
names that give one path would keep one page and silently lose the other, so `playbook
check` refuses them (PB129) before a build can.
"""

from __future__ import annotations

import re

INDEX = "index"
"""The list page of a folder (`tactics/index.md`, `situations/index.md`): no id may take it."""


def slug(text: str) -> str:
    """The id Python-Markdown's toc gives a heading, so links can point at it."""
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def tag_page(title: str) -> str:
    """The site path of the page listing the situations with one tag."""
    return f"tags/{slug(title)}.md"
