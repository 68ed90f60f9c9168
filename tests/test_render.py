"""Rendering: golden Markdown for one entry of each kind, and the helpers behind it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.kinds import KINDS
from generator.load import load
from generator.models import SCENARIO
from generator.playbook import LIST_LIMIT, Playbook
from generator.render import (
    Renderer,
    href,
    indent_block,
    md_escape,
    render,
    segments,
)

from .conftest import BASE, REPO, TEMPLATES, copy_tree

GOLDEN = REPO / "tests" / "golden"
GOLDEN_PAGES = [
    "scenarios/late-payment.md",
    "tactics/paper-trail.md",
    "messages/reminder.md",
    "prompts/after-money.md",
    "situations/payment.md",
    "tactics/index.md",
    "rules/city-pay-within-30-days.md",
    "platforms/upwork.md",
    "platforms/direct.md",
]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render(load(BASE, today=date(2026, 11, 21)), TEMPLATES)


@pytest.mark.parametrize("path", GOLDEN_PAGES)
def test_golden_page(path: str, pages: dict[str, str], update_golden: bool) -> None:
    """The rendered Markdown equals tests/golden/ (pytest --update-golden rewrites it)."""
    golden = GOLDEN / path
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[path], encoding="utf-8")
    assert pages[path] == golden.read_text(encoding="utf-8")


def test_every_entry_gets_a_page(pages: dict[str, str]) -> None:
    """One page per entry and per category, plus the index pages, in sorted order."""
    assert list(pages) == sorted(pages)
    assert {
        "index.md",
        "tags.md",
        "downloads.md",
        "situations/index.md",
        "situations/payment.md",
        "situations/scope.md",
        "scenarios/late-payment.md",
        "scenarios/scope-creep.md",
        "tactics/index.md",
        "tactics/paper-trail.md",
        "tactics/follow-up.md",
        "messages/index.md",
        "messages/reminder.md",
        "messages/change-request.md",
        "prompts/index.md",
        "prompts/after-money.md",
        "platforms/index.md",
        "platforms/upwork.md",
        "platforms/direct.md",
        "rules/cancel-48-hours.md",
        "rules/city-pay-within-30-days.md",
        "rules/funded-only.md",
        "rules/pacific-7-days.md",
        "rules/respond-5-business-days.md",
        "rules/review-3-days.md",
        "tags/direct-clients.md",
        "tags/money-at-risk.md",
        "tags/payment.md",
        "tags/scope.md",
        "tags/upwork.md",
    } == set(pages)


def test_links_go_both_ways(pages: dict[str, str]) -> None:
    """A tactic lists the scenarios that use it; related scenarios link back."""
    assert "[Client pays late](../scenarios/late-payment.md)" in pages["tactics/paper-trail.md"]
    assert "[Client pays late](late-payment.md)" in pages["scenarios/scope-creep.md"]
    assert "[Scope creep](scope-creep.md)" in pages["scenarios/late-payment.md"]
    assert "| 2 situations |" in pages["tactics/index.md"]


def test_rules_link_both_ways_and_clocks_come_first(pages: dict[str, str]) -> None:
    """A rule lists its situations; a scenario links its rules; platform pages put clocks first."""
    rule = pages["rules/review-3-days.md"]
    assert "[Client pays late](../scenarios/late-payment.md)" in rule
    assert (
        "[The client reviews a delivery within 3 days](../rules/review-3-days.md)"
        in (pages["scenarios/late-payment.md"])
    )
    upwork = pages["platforms/upwork.md"]
    order = ["cancel-48-hours", "pacific-7-days"]
    positions = [upwork.index(f"rules/{rid}.md") for rid in [*order, "funded-only"]]
    assert positions == sorted(positions)
    assert "**48 hours** after the cancellation request" in upwork


def test_clock_reads_in_full_without_javascript(pages: dict[str, str]) -> None:
    """The clock's sentence states length, unit, start and whose calendar it counts in:
    a platform's zone (UTC unless the rule names one), or for a law the reader's own."""
    assert (
        "<strong>5 business days</strong> after you file the dispute. The clock counts "
        "business days (Monday to Friday) in UTC." in pages["rules/respond-5-business-days.md"]
    )
    assert "Upwork counts days in America/Los_Angeles time." in pages["rules/pacific-7-days.md"]
    assert (
        "The law counts calendar days where you are." in pages["rules/city-pay-within-30-days.md"]
    )
    assert 'data-zone="local"' in pages["rules/city-pay-within-30-days.md"]
    assert (
        "<strong>48 hours</strong> after the cancellation request.</p>"
        in (pages["rules/cancel-48-hours.md"])
    )


def test_rendering_is_deterministic() -> None:
    """Two renders of the same content give the same text."""
    playbook = load(BASE, today=date(2026, 11, 21))
    assert render(playbook, TEMPLATES) == render(playbook, TEMPLATES)


def test_md_escape_neutralises_markup() -> None:
    """Titles show literally: no emphasis, links, HTML or attribute lists."""
    assert md_escape("*Big* [deal](x) <b> {: onclick=y }") == (
        r"\*Big\* \[deal\]\(x\) &lt;b&gt; \{: onclick=y \}"
    )


def test_indent_block_keeps_paragraphs_in_list_items() -> None:
    """Continuation lines are indented; blank lines stay blank."""
    assert indent_block("one\n\ntwo\nthree\n", 4) == "one\n\n    two\n    three"


def test_href_is_relative() -> None:
    """Links between generated pages are relative, so MkDocs can validate them."""
    assert href("scenarios/a.md", "tactics/b.md") == "../tactics/b.md"
    assert href("index.md", "scenarios/a.md") == "scenarios/a.md"


def test_segments_split_placeholders() -> None:
    """A body becomes literal text and named blanks."""
    parts = segments("Hi {{ name }}, {{x}}!")
    assert [(p.text, p.name) for p in parts] == [
        ("Hi ", None),
        ("{{ name }}", "name"),
        (", ", None),
        ("{{x}}", "x"),
        ("!", None),
    ]


def test_message_data_is_escaped_in_its_attribute(pages: dict[str, str]) -> None:
    """The JSON a form is built from sits in an attribute, HTML-escaped by autoescape."""
    page = pages["messages/reminder.md"]
    assert 'data-pb="{&#34;id&#34;:&#34;reminder&#34;' in page
    assert "{{ client_name }}" in page  # the raw body, for the script to split


def test_lists_on_entry_pages_are_bounded(base_content: Path) -> None:
    """A tactic used by 11 situations lists 8, then links to a page with all 11."""
    source = (base_content / "scenarios" / "late-payment.yml").read_text(encoding="utf-8")
    for i in range(2, 11):
        text = source.replace("id: late-payment", f"id: late-payment-{i}")
        (base_content / "scenarios" / f"late-payment-{i}.yml").write_text(text, "utf-8")
    pages = render(load(base_content), TEMPLATES)
    tactic = pages["tactics/paper-trail.md"]
    assert tactic.count("](../scenarios/") == LIST_LIMIT
    assert "[All 11 situations](paper-trail/situations.md)" in tactic
    everything = pages["tactics/paper-trail/situations.md"]
    assert everything.count("](../../scenarios/") == 11
    assert "tactics/follow-up/situations.md" in pages  # used by 11 too
    assert "messages/change-request/situations.md" not in pages  # 1 situation: no page


# Rendering again after an edit (make serve) ------------------------------------------


def edited(playbook: Playbook, folder: str, entry_id: str, **changes: Any) -> Playbook:
    """The playbook with one entry changed, as a rebuild after saving its file loads it."""
    entries = {f: dict(table) for f, table in playbook.entries.items()}
    entries[folder][entry_id] = entries[folder][entry_id].model_copy(update=changes)
    return Playbook(
        vocabulary=playbook.vocabulary,
        entries=entries,
        stale_before=playbook.stale_before,
        editions=playbook.editions,
    )


def test_an_edit_renders_again_only_the_pages_it_can_change() -> None:
    """After any entry of the fixture is retitled, the pages are those of a full render,
    and only index pages and the pages of the entry and its neighbours were rendered."""
    playbook = load(BASE, today=date(2026, 11, 21))
    renderer = Renderer(TEMPLATES)
    total = len(renderer.render(playbook))
    assert renderer.rendered == total
    for folder, table in playbook.entries.items():
        for entry_id, entry in table.items():
            changed = edited(playbook, folder, entry_id, title=entry.title + " (edited)")
            assert renderer.render(changed) == render(changed, TEMPLATES), (folder, entry_id)
            assert 0 < renderer.rendered < total, (folder, entry_id)
            assert renderer.render(playbook) == render(playbook, TEMPLATES), (folder, entry_id)


def test_an_edit_of_links_renders_the_pages_of_old_and_new_neighbours() -> None:
    """On the playbook itself: a situation that names other situations, tactics, messages
    and rules than before; edits of every kind's texts."""
    playbook = load(REPO / "content")
    renderer = Renderer(TEMPLATES)
    total = len(renderer.render(playbook))
    scenario = next(s for s in playbook.scenarios.values() if len(s.related) >= 2)
    other = next(s for s in playbook.scenarios.values() if s.category != scenario.category)
    rule = next(r for r in playbook.rules if r not in scenario.rules)
    edits: list[tuple[str, str, dict[str, Any]]] = [
        ("scenarios", scenario.id, {"related": [*scenario.related[1:], other.id]}),
        ("scenarios", scenario.id, {"rules": [*scenario.rules, rule], "summary": "Edited."}),
        ("scenarios", scenario.id, {"steps": list(reversed(scenario.steps))}),
        ("scenarios", scenario.id, {"messages": scenario.messages[:1]}),
        ("scenarios", scenario.id, {"tags": scenario.tags[1:], "category": other.category}),
        ("scenarios", other.id, {"title": "A title that sorts " + other.title}),
    ]
    for kind in KINDS:
        if kind.names != SCENARIO and playbook.entries[kind.folder]:  # scenarios' are above
            first = min(playbook.entries[kind.folder])
            edits.append((kind.folder, first, {"title": "Edited title"}))
    edits.append(("messages", min(playbook.messages), {"purpose": "Edited purpose."}))
    message = playbook.messages[min(playbook.messages)]
    channel = next(c.id for c in playbook.vocabulary.channels if c.id != message.channel)
    edits.append(("messages", message.id, {"channel": channel}))
    # Models compare dicts regardless of order; pages show the tones in the order written.
    tones = dict(reversed(message.variants.items()))
    edits.append(("messages", message.id, {"variants": tones}))
    for folder, entry_id, changes in edits:
        changed = edited(playbook, folder, entry_id, **changes)
        assert renderer.render(changed) == render(changed, TEMPLATES), (folder, changes)
        assert 0 < renderer.rendered < total / 3, (folder, changes, renderer.rendered, total)
        renderer.render(playbook)  # back to the playbook as it is, for the next edit


def test_a_template_edit_renders_every_page_again(tmp_path: Path) -> None:
    templates = copy_tree(TEMPLATES, tmp_path / "templates")
    playbook = load(BASE, today=date(2026, 11, 21))
    renderer = Renderer(templates)
    total = len(renderer.render(playbook))
    renderer.render(playbook)
    assert renderer.rendered == 0  # nothing changed
    macros = templates / "_macros.md.j2"
    macros.write_text(macros.read_text("utf-8").replace("checked on", "read on"), "utf-8")
    pages = renderer.render(playbook)
    assert renderer.rendered == total
    assert pages == render(playbook, templates)
    assert any("read on" in text for text in pages.values())
