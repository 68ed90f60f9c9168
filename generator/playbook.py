"""The loaded playbook: validated entries, their files, and the links between them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import InitVar, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from . import routes
from .i18n import PSEUDO, SOURCE
from .kinds import KINDS, marked_paths, values_at
from .models import (
    MESSAGE,
    PLACEHOLDER_RE,
    PROMPT,
    RULE,
    SCENARIO,
    TACTIC,
    Category,
    Entry,
    Message,
    PromptSet,
    Ref,
    Rule,
    Scenario,
    Tactic,
    Term,
    Vocabulary,
    Word,
)
from .problems import Problem
from .translate import Edition, Status
from .yamlread import Marks


@dataclass(frozen=True)
class Located:
    """Where an entry came from: its file and the positions of its fields."""

    path: Path
    marks: Marks


@dataclass
class Playbook:
    """Every entry, cross-linked both ways. Built by `generator.load.load`.

    `entries` maps each kind's folder to its entries by id; `users` maps a folder and an
    id to the entries that name it, as (folder, id) pairs in sorted order.
    """

    vocabulary: Vocabulary
    entries: dict[str, dict[str, Entry]]
    origins: dict[tuple[str, str], Located] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    stale_before: date | None = None
    """Sources checked before this day are overdue a check (pages say so)."""
    links: InitVar[dict[tuple[str, str], set[tuple[str, str]]] | None] = None
    """For each (folder, id) named, the entries naming it, when the caller has walked
    the entries already (`link` does, to check them); found here otherwise."""
    editions: dict[str, Edition] = field(default_factory=dict)
    """Each language's translations, checked (content/i18n/<lang>/)."""
    language: str = SOURCE
    """The language of the words: English, or the language of `in_language`'s view."""
    status: dict[tuple[str, str], Status] = field(default_factory=dict)
    """In a language's view, each translated entry's (folder, id) -> how far its
    translation can be trusted; an entry not listed is shown in English."""
    source: Playbook | None = None
    """In a language's view, the English playbook it was made from."""
    tag_pages: dict[str, str] = field(default_factory=dict)
    """In a language's view, each translated tag title -> the English title's page, so
    that a page has one address in every language."""

    def __post_init__(self, links: dict[tuple[str, str], set[tuple[str, str]]] | None) -> None:
        for kind in KINDS:
            self.entries.setdefault(kind.folder, {})
        if links is None:
            links = defaultdict(set)
            for kind in KINDS:
                for entry_id, entry in self.entries[kind.folder].items():
                    for target in names(kind.folder, entry):
                        links[target].add((kind.folder, entry_id))
        self._words: dict[str, tuple[Vocabulary, dict[str, Word]]] = {}
        order = {kind.folder: i for i, kind in enumerate(KINDS)}
        self.users: dict[tuple[str, str], list[tuple[str, str]]] = {
            target: sorted(sources, key=lambda s: (order[s[0]], s[1]))
            for target, sources in links.items()
        }

    def in_language(self, language: str) -> Playbook:
        """The playbook as `language`'s site shows it: each translated entry, and the
        vocabulary, with its words in place; the rest in English. English and the
        pseudo-language are the playbook itself."""
        if language in (SOURCE, PSEUDO):
            return self
        edition = self.editions.get(language, Edition(language))
        entries = {folder: dict(table) for folder, table in self.entries.items()}
        for (folder, entry_id), entry in edition.entries.items():
            entries[folder][entry_id] = entry
        vocabulary = edition.vocabulary or self.vocabulary
        view = Playbook(
            vocabulary,
            entries,
            origins=self.origins,
            warnings=self.warnings,
            stale_before=self.stale_before,
            links={target: set(sources) for target, sources in self.users.items()},
            editions=self.editions,
            language=language,
            status=dict(edition.status),
            source=self,
        )
        for group in ("categories", "platforms", "tags"):
            english = {t.id: t.title for t in getattr(self.vocabulary, group)}
            for term in getattr(vocabulary, group):
                view.tag_pages.setdefault(term.title, routes.tag_page(english[term.id]))
        return view

    def versions(self, folder: str, entry_id: str) -> dict[str, Any]:
        """An entry in every language it is written in: English first, then each
        translation, in the order of the languages' folders (a message page offers them
        all, whatever the page's language)."""
        english = self.source or self
        found: dict[str, Any] = {SOURCE: english.entries[folder][entry_id]}
        for language in sorted(self.editions):
            translated = self.editions[language].entries.get((folder, entry_id))
            if translated is not None:
                found[language] = translated
        return found

    def vocabulary_in(self, language: str) -> Vocabulary:
        """The vocabulary as `language` writes it (English where it is not translated)."""
        english = self.source or self
        edition = self.editions.get(language)
        return edition.vocabulary if edition and edition.vocabulary else english.vocabulary

    def words_in(self, language: str) -> dict[str, Word]:
        """The platform words of message bodies as `language` writes them."""
        vocabulary = self.vocabulary_in(language)
        kept = self._words.get(language)
        if kept is None or kept[0] is not vocabulary:
            kept = self._words[language] = (vocabulary, {w.id: w for w in vocabulary.words})
        return kept[1]

    def shown_language(self, folder: str, entry_id: str) -> str:
        """The language an entry's words are shown in on this site."""
        return SOURCE if self.in_english(folder, entry_id) else self.language

    def tag_page(self, title: str) -> str:
        """The page of the tag titled `title` (a group's, a platform's or a tag's)."""
        return self.tag_pages.get(title) or routes.tag_page(title)

    def in_english(self, folder: str, entry_id: str) -> bool:
        """Whether an entry shows in English on a site in another language."""
        return self.language != SOURCE and (folder, entry_id) not in self.status

    def translated(self, folder: str, entry_id: str) -> Status | None:
        """How an entry's translation stands in this view; None if it shows in English
        (always, in the English playbook)."""
        return self.status.get((folder, entry_id))

    # Typed views, for Python code; templates may also use `entries[folder]`.
    @property
    def scenarios(self) -> dict[str, Scenario]:
        return cast(dict[str, Scenario], self.entries[SCENARIO.folder])

    @property
    def tactics(self) -> dict[str, Tactic]:
        return cast(dict[str, Tactic], self.entries[TACTIC.folder])

    @property
    def messages(self) -> dict[str, Message]:
        return cast(dict[str, Message], self.entries[MESSAGE.folder])

    @property
    def prompts(self) -> dict[str, PromptSet]:
        return cast(dict[str, PromptSet], self.entries[PROMPT.folder])

    @property
    def rules(self) -> dict[str, Rule]:
        return cast(dict[str, Rule], self.entries[RULE.folder])

    @property
    def words(self) -> dict[str, Word]:
        """The platform words message bodies may use, by id."""
        return {w.id: w for w in self.vocabulary.words}

    def worded(
        self, message: Message, platform: str | None = None, language: str | None = None
    ) -> Message:
        """`message` with every platform word in its bodies as `platform` says it (the
        words' defaults with none), in `language` (this playbook's words without one):
        what the exports carry and `playbook render` fills."""
        words = self.words if language is None else self.words_in(language)
        declared = {p.name for p in message.placeholders}

        def word(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in declared or name not in words:
                return match.group(0)
            return words[name].on(platform)

        variants = {t: PLACEHOLDER_RE.sub(word, body) for t, body in message.variants.items()}
        if variants == message.variants:
            return message
        return message.model_copy(update={"variants": variants})

    def links_of(self, folder: str, entry_id: str) -> set[tuple[str, str]]:
        """The entries one entry names, and those that name it, as (folder, id) pairs."""
        found = set(self.users.get((folder, entry_id), []))
        found.update(names(folder, self.entries[folder][entry_id]))
        return found

    def used_by(self, folder: str, entry_id: str, by: str = SCENARIO.folder) -> list[str]:
        """Ids of the entries of folder `by` that name entry `entry_id` of `folder`, sorted."""
        return [i for f, i in self.users.get((folder, entry_id), []) if f == by]

    def entry(self, folder: str, entry_id: str) -> Any:
        """One entry by its kind's folder and id (for templates)."""
        return self.entries[folder][entry_id]

    def page(self, folder: str, entry_id: str) -> str:
        """The site path of an entry's page."""
        return KINDS.by_folder(folder).page(entry_id)

    def overdue(self, checked: date) -> bool:
        """Whether a source checked on `checked` is overdue a fresh check."""
        return self.stale_before is not None and checked < self.stale_before

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
        """Related both ways: those it names, in its order, then those that name it, sorted."""
        own = list(self.scenarios[scenario_id].related)
        others = sorted(set(self.used_by(SCENARIO.folder, scenario_id)) - {scenario_id, *own})
        return own + others

    def situations_of(self, folder: str, entry_id: str) -> list[str]:
        """The situations an entry's page lists: related ones, or those that use it."""
        if folder == SCENARIO.folder:
            return self.related_scenarios(entry_id)
        return self.used_by(folder, entry_id)

    def all_situations_page(self, folder: str, entry_id: str) -> str | None:
        """The page listing every situation of an entry, when its own page shows only some."""
        if len(self.situations_of(folder, entry_id)) <= LIST_LIMIT:
            return None
        return routes.all_situations(folder, entry_id)

    def related_tactics(self, tactic_id: str) -> list[str]:
        """Related tactics both ways, deduplicated, sorted."""
        tactic = self.tactics[tactic_id]
        by_tactics = self.used_by(TACTIC.folder, tactic_id, by=TACTIC.folder)
        both = set(tactic.related) | set(by_tactics)
        both.discard(tactic_id)
        return sorted(both)

    def rules_for(self, platform_id: str) -> list[Rule]:
        """A platform's rules: those with a clock first (shortest first), then by title."""
        found = [r for r in self.rules.values() if r.platform == platform_id]
        return sorted(found, key=rule_order)

    def rules_by_place(self, platform_id: str) -> list[tuple[str | None, list[Rule]]]:
        """A platform's rules grouped by jurisdiction, in vocabulary order; the rest first."""
        return self.by_place(self.rules_for(platform_id))

    def by_place(self, rules: list[Rule]) -> list[tuple[str | None, list[Rule]]]:
        """`rules` grouped by jurisdiction, in vocabulary order, the rest first (titled
        None: the page says "Everywhere" in its language); each group keeps the order of
        `rules`."""
        places: list[tuple[str | None, str | None]] = [(None, None)]
        places += [(j.id, j.title) for j in self.vocabulary.jurisdictions]
        groups = [(title, [r for r in rules if r.jurisdiction == jid]) for jid, title in places]
        return [(title, found) for title, found in groups if found]

    def scenario_rules(self, scenario: Scenario) -> list[Rule]:
        """The rules a scenario names, in `rules` or in its steps' platform versions,
        ordered by platform as the scenario lists them."""
        order = {p: i for i, p in enumerate(scenario.platforms)}
        named = dict.fromkeys(scenario.rules)
        for step in scenario.steps:
            for own in step.per_platform.values():
                named.update(dict.fromkeys(own.rules))
        found = [self.rules[r] for r in named]
        return sorted(found, key=lambda r: (order.get(r.platform, len(order)), *rule_order(r)))

    def rule_places(self, rule: Rule) -> dict[str, str]:
        """Where a law applies, for the page's script: each side of its scope (`you`,
        `client`) as place ids; a law with no scope applies when either side is in its
        jurisdiction (`either`). A rule that is no law applies everywhere: {}."""
        if rule.scope is not None and (rule.scope.you or rule.scope.client):
            sides = {"you": rule.scope.you, "client": rule.scope.client}
            return {side: " ".join(ids) for side, ids in sides.items() if ids}
        if rule.jurisdiction:
            return {"either": rule.jurisdiction}
        return {}

    def platforms_named(self, text: str) -> list[str]:
        """Ids of the platforms whose own words `text` uses in any case (search terms)."""
        return [p.id for p in self.vocabulary.platforms if p.named_in(text, any_case=True)]

    def platform_titles(self, ids: list[str]) -> list[str]:
        """The titles of platform ids, in the order given."""
        return [self.term("platforms", i).title for i in ids]

    def tags_for(self, scenario: Scenario) -> list[str]:
        """The tags a scenario page carries: its category, platforms and tags, by title."""
        titles = [self.category(scenario.category).title]
        titles += [self.term("platforms", p).title for p in scenario.platforms]
        titles += [self.term("tags", t).title for t in scenario.tags]
        return titles


def names(folder: str, entry: Entry) -> Iterator[tuple[str, str]]:
    """The entries `entry` (of kind `folder`) names, as (folder, id), repeats included."""
    for path, mark in marked_paths(KINDS.by_folder(folder).model):
        if isinstance(mark, Ref):
            yield from ((mark.folder, value) for _, value, _ in values_at(entry, path))


LIST_LIMIT = 8
"""Entry pages list at most this many situations, then link to a page with all of them,
so that a page does not grow with the playbook."""

_UNIT_HOURS = {"hours": 1, "days": 24, "business_days": 24 * 7 / 5}


def rule_order(rule: Rule) -> tuple[int, float, str, str]:
    """Clocks first, the shortest first; then laws by jurisdiction; then by title."""
    if rule.clock is None:
        return (1, 0.0, rule.jurisdiction or "", rule.title.lower())
    hours = rule.clock.length * _UNIT_HOURS[rule.clock.unit]
    return (0, hours, rule.jurisdiction or "", rule.title.lower())
