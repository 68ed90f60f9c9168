"""The built pages, read as a browser reads them: every list on every page kind is whole.

A template can pass every unit test and still glue a Markdown list into one paragraph
(whitespace control did, on every situation's rules). So this reads the real site's HTML
and checks that each section has one item per entry its YAML names, each linking to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from generator.load import load
from generator.playbook import LIST_LIMIT, Playbook

from .conftest import REPO


@pytest.fixture(scope="module")
def playbook() -> Playbook:
    return load(REPO / "content")


def _page(site: Path, folder: str, entry_id: str) -> BeautifulSoup:
    html = (site / folder / entry_id / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def section(soup: BeautifulSoup, heading_id: str) -> list[Tag]:
    """The elements after the h2 with `heading_id`, up to the next h2."""
    heading = soup.find("h2", id=heading_id)
    assert heading is not None, f"no section #{heading_id}"
    found: list[Tag] = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        found.append(sibling)
    return found


def items(elements: list[Tag], name: str = "li") -> list[Tag]:
    """The `name` elements in `elements`, leaving out those nested in another list item."""
    out: list[Tag] = []
    for element in elements:
        for found in element.find_all(name):
            if name != "li" or found.find_parent("li") is None:
                out.append(found)
    return out


def links_to(item: Tag, folder: str, entry_id: str) -> bool:
    return any(f"{folder}/{entry_id}/" in str(a.get("href", "")) for a in item.find_all("a"))


def _entries(playbook: Playbook, folder: str) -> list[tuple[str, Any]]:
    return sorted(playbook.entries[folder].items())


def test_situation_pages_list_every_entry_they_name(real_site: Path, playbook: Playbook) -> None:
    """Signals, steps, deadlines, notes, rules, messages, prompts, related: one item each."""
    for sid, s in _entries(playbook, "scenarios"):
        soup = _page(real_site, "scenarios", sid)
        where = f"scenarios/{sid}"
        assert len(items(section(soup, "how-to-recognise-it"))) == len(s.signals), where
        steps = soup.select("ol.pb-steps > li")
        assert len(steps) == len(s.steps), where
        for li, step in zip(steps, s.steps, strict=True):
            assert links_to(li, "tactics", step.tactic), f"{where}: step names {step.tactic}"
            versions = step.versions(s.platforms)
            assert len(li.select(".pb-for")) == (len(versions) if len(versions) > 1 else 0)
        rules = playbook.scenario_rules(s)
        clocks = [r for r in rules if r.clock and not r.jurisdiction]
        assert len(soup.select(".pb-actby")) == len(clocks), where
        if rules:
            rule_items = items(section(soup, "rules-that-apply"))
            assert len(rule_items) == len(rules), f"{where}: a rule per item"
            linked = [next(r.id for r in rules if links_to(li, "rules", r.id)) for li in rule_items]
            assert sorted(linked) == sorted(r.id for r in rules), f"{where}: one item a rule"
        if s.platform_notes:
            notes = section(soup, "what-differs-by-platform")
            assert len(items(notes, "h3")) == len(s.platform_notes), where
        messages = soup.select(".pb-message")
        assert [m["data-message"] for m in messages] == list(s.messages), where
        prompts = items(section(soup, "afterwards"))
        assert len(prompts) == len(s.prompts), where
        for li, pid in zip(prompts, s.prompts, strict=True):
            assert links_to(li, "prompts", pid), f"{where}: {pid}"
        related = playbook.related_scenarios(sid)
        shown = min(len(related), LIST_LIMIT) + (len(related) > LIST_LIMIT)
        assert len(items(section(soup, "related-situations"))) == shown, where
        for part in soup.select(".pb-for"):  # its own parts; other situations carry theirs
            if part.find_parent(attrs={"data-fold": "situations"}):
                continue
            ids = str(part.get("data-platforms", "")).split()
            assert ids and set(ids) <= set(s.platforms), f"{where}: {ids}"


def test_tactic_pages_list_their_steps_and_pitfalls(real_site: Path, playbook: Playbook) -> None:
    """How-to steps and pitfalls: one item each; used-by lists stay bounded."""
    for tid, t in _entries(playbook, "tactics"):
        soup = _page(real_site, "tactics", tid)
        assert len(items(section(soup, "how"))) == len(t.how), tid
        assert len(items(section(soup, "pitfalls"))) == len(t.pitfalls), tid
        users = playbook.used_by("tactics", tid)
        shown = min(len(users), LIST_LIMIT) + (len(users) > LIST_LIMIT)
        assert len(items(section(soup, "situations-that-use-it"))) == shown, tid


def test_prompt_rule_and_message_pages_are_whole(real_site: Path, playbook: Playbook) -> None:
    """Questions, sources, tones and blanks: one each, as the YAML lists them."""
    for pid, prompt in _entries(playbook, "prompts"):
        soup = _page(real_site, "prompts", pid)
        assert len(soup.select("ol.pb-questions > li")) == len(prompt.questions), pid
    for rid, rule in _entries(playbook, "rules"):
        soup = _page(real_site, "rules", rid)
        assert len(items(section(soup, "sources"))) == len(rule.sources), rid
    for mid, message in _entries(playbook, "messages"):
        soup = _page(real_site, "messages", mid)
        assert len(soup.select(".pb-tone-input")) == len(message.variants), mid
        assert len(soup.select(".pb-body")) == len(message.variants), mid
        assert len(soup.select(".pb-fields [data-name]")) == len(message.placeholders), mid
