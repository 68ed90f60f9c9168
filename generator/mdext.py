"""A Markdown extension: links to other sites get rel="noopener noreferrer"."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

EXTERNAL = ("http://", "https://")


class _ExternalLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            if link.get("href", "").startswith(EXTERNAL) and not link.get("rel"):
                link.set("rel", "noopener noreferrer")


class ExternalLinksExtension(Extension):
    """Adds rel="noopener noreferrer" to every link that leaves the site."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After attr_list (priority 8), so a rel set by a template is kept.
        md.treeprocessors.register(_ExternalLinks(md), "playbook_external_links", 5)
