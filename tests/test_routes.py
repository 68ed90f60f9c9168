"""The map of the site: every generated path comes from generator/routes.py."""

from __future__ import annotations

from datetime import date

import pytest

from generator import routes
from generator.load import load
from generator.render import page_paths

from .conftest import BASE


def test_paths_and_addresses() -> None:
    assert routes.entry("rules", "x") == "rules/x.md"
    assert routes.paged(routes.library("messages"), 2) == "messages/page/2.md"
    assert routes.paged("situations/payment.md", 3) == "situations/payment/page/3.md"
    assert routes.url("rules/x.md") == "rules/x/"
    assert routes.url(routes.library("tactics")) == "tactics/"
    assert routes.url(routes.HOME) == ""
    assert routes.tag_page("Money at risk!") == "tags/money-at-risk.md"
    assert routes.for_scripts() == {"rule": "rules/{id}/"}
    assert routes.in_language("rules/x.md", "es") == "es/rules/x/"
    assert routes.in_language(routes.HOME, "pt-br") == "pt-br/"
    assert routes.in_language(routes.HOME, "en") == ""


def test_a_second_page_for_a_path_is_refused() -> None:
    pages: routes.Pages[str] = routes.Pages()
    pages.add("tactics/index.md", "the library")
    with pytest.raises(routes.RouteClash, match=r"tactics/index\.md"):
        pages.add("tactics/index.md", "a tactic with id 'index'")


def test_every_generated_page_has_its_own_path() -> None:
    """The renderer asks the routes for each path; none is generated twice."""
    playbook = load(BASE, today=date(2026, 11, 21))
    paths = list(page_paths(playbook))
    assert len(paths) == len(set(paths))
    for folder, entries in playbook.entries.items():
        for entry_id in entries:
            assert routes.entry(folder, entry_id) in paths
    for category in playbook.vocabulary.categories:
        assert routes.group(category.id) in paths
