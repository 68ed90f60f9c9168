"""The playbook's own content: clean under --strict, fully linked, and complete."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.load import load
from generator.playbook import Playbook

from .conftest import REPO

CONTENT = REPO / "content"


@pytest.fixture(scope="module")
def playbook() -> Playbook:
    return load(CONTENT)


def test_content_passes_strict_check(playbook: Playbook) -> None:
    """No errors and no warnings: what `playbook check --strict` demands."""
    assert [w.format_text(REPO) for w in playbook.warnings] == []


def test_every_scenario_step_names_an_existing_tactic(playbook: Playbook) -> None:
    """The design card's test: each step of each scenario links to a real tactic."""
    for sid, scenario in playbook.scenarios.items():
        for number, step in enumerate(scenario.steps, start=1):
            assert step.tactic in playbook.tactics, f"{sid} step {number}: {step.tactic}"
            assert (CONTENT / "tactics" / f"{step.tactic}.yml").is_file()


def test_every_category_has_two_or_more_scenarios(playbook: Playbook) -> None:
    """Each of the ten groups offers a choice."""
    counts = Counter(s.category for s in playbook.scenarios.values())
    assert {c.id: counts[c.id] for c in playbook.vocabulary.categories if counts[c.id] < 2} == {}


def test_counts(playbook: Playbook) -> None:
    """The content pack's size: 35 situations, 28+ tactics, 50+ messages, 8+ prompt sets."""
    assert len(playbook.scenarios) >= 35
    assert len(playbook.tactics) >= 28
    assert len(playbook.messages) >= 50
    assert len(playbook.prompts) >= 8


def test_rules_are_stated_once_with_clocks_of_every_unit(playbook: Playbook) -> None:
    """30+ rules, 12+ with a clock, and clocks in hours, days and business days."""
    clocks = [r.clock for r in playbook.rules.values() if r.clock]
    assert len(playbook.rules) >= 30
    assert len(clocks) >= 12
    assert {c.unit for c in clocks} == {"hours", "days", "business_days"}


def test_frameworks_are_credited(playbook: Playbook) -> None:
    """The frameworks of the content guide each appear in some tactic's credits."""
    credits = " ".join(c for t in playbook.tactics.values() for c in t.frameworks)
    for name in [
        "Nonviolent Communication",
        "Crucial Conversations",
        "Getting to Yes",
        "DESC",
        "SBI",
        "BIFF",
        "HEARD",
        "Voss",
        "Change control",
        "Thomas-Kilmann",
        "Difficult Conversations",
    ]:
        assert name in credits, name


def test_the_links_the_check_finds_are_the_links_of_the_playbook() -> None:
    """`link` hands the links it walked while checking to the playbook; walked again
    from the entries, they are the same, in the same order."""
    playbook = load(REPO / "content")
    walked = Playbook(vocabulary=playbook.vocabulary, entries=playbook.entries)
    assert playbook.users == walked.users  # each list in the same order
    tactic = min(playbook.tactics)
    assert playbook.used_by("tactics", tactic) == sorted(playbook.used_by("tactics", tactic))
