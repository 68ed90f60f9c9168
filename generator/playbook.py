"""The loaded playbook: validated entries, their files, and the links between them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .models import Category, Message, PromptSet, Scenario, Tactic, Term, Vocabulary
from .problems import Problem
from .yamlread import Marks


@dataclass(frozen=True)
class Located:
    """Where an entry came from: its file and the positions of its fields."""

    path: Path
    marks: Marks


@dataclass
class Playbook:
    """Every entry, cross-linked both ways. Built by `generator.load.load`."""

    vocabulary: Vocabulary
    scenarios: dict[str, Scenario]
    tactics: dict[str, Tactic]
    messages: dict[str, Message]
    prompts: dict[str, PromptSet]
    origins: dict[tuple[str, str], Located] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tactic_users: dict[str, list[str]] = defaultdict(list)
        self.message_users: dict[str, list[str]] = defaultdict(list)
        self.prompt_users: dict[str, list[str]] = defaultdict(list)
        self.related_from: dict[str, list[str]] = defaultdict(list)
        for sid, scenario in sorted(self.scenarios.items()):
            for tactic_id in dict.fromkeys(step.tactic for step in scenario.steps):
                self.tactic_users[tactic_id].append(sid)
            for mid in scenario.messages:
                self.message_users[mid].append(sid)
            for pid in scenario.prompts:
                self.prompt_users[pid].append(sid)
            for other in scenario.related:
                self.related_from[other].append(sid)
        self.tactic_related_from: dict[str, list[str]] = defaultdict(list)
        for tid, tactic in sorted(self.tactics.items()):
            for other in tactic.related:
                self.tactic_related_from[other].append(tid)

    def category(self, category_id: str) -> Category:
        return next(c for c in self.vocabulary.categories if c.id == category_id)

    def term(self, group: str, term_id: str) -> Term:
        terms: list[Term] = list(getattr(self.vocabulary, group))
        return next((t for t in terms if t.id == term_id), Term(id=term_id, title=term_id))

    def scenarios_in(self, category_id: str) -> list[Scenario]:
        """Scenarios of one category, sorted by title."""
        found = [s for s in self.scenarios.values() if s.category == category_id]
        return sorted(found, key=lambda s: s.title.lower())

    def related_scenarios(self, scenario_id: str) -> list[str]:
        """Related both ways: those it names and those that name it, deduplicated, sorted."""
        scenario = self.scenarios[scenario_id]
        both = set(scenario.related) | set(self.related_from.get(scenario_id, []))
        both.discard(scenario_id)
        return sorted(both)

    def related_tactics(self, tactic_id: str) -> list[str]:
        """Related tactics both ways, deduplicated, sorted."""
        tactic = self.tactics[tactic_id]
        both = set(tactic.related) | set(self.tactic_related_from.get(tactic_id, []))
        both.discard(tactic_id)
        return sorted(both)

    def tags_for(self, scenario: Scenario) -> list[str]:
        """The tags a scenario page carries: its category, platforms and tags, by title."""
        titles = [self.category(scenario.category).title]
        titles += [self.term("platforms", p).title for p in scenario.platforms]
        titles += [self.term("tags", t).title for t in scenario.tags]
        return titles
