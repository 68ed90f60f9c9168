"""Linking: the validated entries become one `Playbook`, every cross-reference checked.

Like a linker, `link` is the step that joins separately read files: it builds the
playbook's tables and links from the entries, and reports what does not join up (an id
named but missing, a duplicate id, an entry nothing uses), so the two stay one walk.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from .export import espanso_misreads, trigger
from .kinds import EACH, KINDS, marked_paths, values_at
from .models import (
    MESSAGE,
    PLACEHOLDER_RE,
    RULE,
    Entry,
    Message,
    Ref,
    Rule,
    Scenario,
    Step,
    Vocab,
    Vocabulary,
)
from .playbook import Located, Playbook
from .problems import Problem, did_you_mean
from .yamlread import Loc, Marks

Row = tuple[str, Path, Entry, Marks]

_BRACES = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\}\}|\{%|%\}|\{#|#\}", re.S)
_ZONES: frozenset[str] | None = None


class _Report:
    """Collects problems for one entry, placing each at the field it is about."""

    def __init__(self, path: Path, marks: Marks, sink: list[Problem]) -> None:
        self.path, self.marks, self.sink = path, marks, sink

    def add(self, loc: Loc, code: str, message: str, *, key: bool = False) -> None:
        line, col = self.marks.find(loc, key=key)
        self.sink.append(Problem(self.path, line, col, code, message))


def link(
    vocabulary: Vocabulary,
    rows: Sequence[Row],
    *,
    root: Path,
    unreadable: set[tuple[str, str]],
    today: date,
    stale_after_days: int,
) -> tuple[Playbook, list[Problem]]:
    """Build the playbook from validated entries and report every broken or missing link.

    `unreadable` holds (kind, id) of files that failed to read or validate: they already
    have their own problems, so links to them are not reported again as missing.
    """
    problems: list[Problem] = []
    tables: dict[str, dict[str, Entry]] = {kind.folder: {} for kind in KINDS}
    origins: dict[tuple[str, str], Located] = {}
    for kind, path, model, marks in rows:
        entry_id = str(model.id)
        if entry_id in tables[kind]:
            first = origins[(kind, entry_id)].path.relative_to(root)
            _Report(path, marks, problems).add(
                ("id",),
                "PB110",
                f"id '{entry_id}' is already used by {first.as_posix()}: choose another id",
            )
            continue
        tables[kind][entry_id] = model
        origins[(kind, entry_id)] = Located(path, marks)

    checker = _Checker(vocabulary, tables, unreadable)
    stale_before = today - timedelta(days=stale_after_days)
    for (kind, entry_id), where in sorted(origins.items()):
        report = _Report(where.path, where.marks, problems)
        model = tables[kind][entry_id]
        checker.entry(kind, model, report)
        _check_sources(model, report, stale_before, stale_after_days)

    playbook = Playbook(
        vocabulary=vocabulary,
        entries=tables,
        origins=origins,
        stale_before=stale_before,
        links=checker.links,
    )
    if not unreadable:  # a broken file may be the one that uses an entry
        _check_unused(playbook, problems)
    _check_triggers(playbook, problems)
    return playbook, problems


class _Checker:
    def __init__(
        self,
        vocabulary: Vocabulary,
        tables: dict[str, dict[str, Entry]],
        unreadable: set[tuple[str, str]],
    ) -> None:
        self.tables = tables
        self.unreadable = unreadable
        self.vocabulary = vocabulary
        self.vocab: dict[str, list[str]] = {
            name: [t.id for t in getattr(vocabulary, name)] for name in Vocabulary.model_fields
        }
        self.needs_note = {p.id for p in vocabulary.platforms if p.needs_note}
        self.words = {w.id for w in vocabulary.words}
        self.marked = [(p.id, p.words_pattern()) for p in vocabulary.platforms if p.own_words]
        """Each platform with words that other platforms' readers must not meet."""
        self.any_marked = re.compile("|".join(f"(?:{p.pattern})" for _, p in self.marked))
        """All of them at once: most texts have none, and one search says so."""
        self.links: dict[tuple[str, str], set[tuple[str, str]]] = {}
        """Each (folder, id) named, with the entries naming it: the playbook's links."""

    def entry(self, folder: str, model: Entry, report: _Report) -> None:
        """Every marked id in the entry, then the checks particular to its kind."""
        for path, mark in marked_paths(type(model)):
            seen: set[tuple[Loc, str]] = set()
            for loc, value, is_key in values_at(model, path):
                if path[-1] == EACH and not is_key:  # a list of ids: each once in it
                    if (loc[:-1], value) in seen:
                        report.add(
                            loc, "PB111", f"'{value}' appears twice in {path[0]}: remove one"
                        )
                        continue
                    seen.add((loc[:-1], value))
                if isinstance(mark, Vocab):
                    self.term(report, loc, value, mark, key=is_key)
                else:
                    self.ref(report, loc, value, mark, own=(folder, str(model.id)))
        if isinstance(model, Message):
            self.message(model, report)
        elif isinstance(model, Scenario):
            self.notes(model, report)
        elif isinstance(model, Rule):
            if model.clock is not None and model.clock.zone:
                self.zone(report, model.clock.zone)
            self.scope(model, report)

    def term(self, report: _Report, loc: Loc, value: str, mark: Vocab, key: bool) -> None:
        known = self.vocab[mark.group]
        if value not in known:
            report.add(
                loc,
                "PB109",
                f"{mark.noun} '{value}' is not in vocabulary.yml{did_you_mean(value, known)}",
                key=key,
            )

    def ref(self, report: _Report, loc: Loc, ref: str, mark: Ref, own: tuple[str, str]) -> None:
        self.links.setdefault((mark.folder, ref), set()).add(own)
        if (mark.folder, ref) == own:
            report.add(loc, "PB112", f"'{ref}' lists itself as related: remove it")
        elif not self.exists(mark.folder, ref):
            where = f"step {int(loc[1]) + 1} names " if loc[0] == "steps" else ""
            which = ", which" if where else ""
            report.add(
                loc,
                mark.code,
                f"{where}{mark.noun} '{ref}'{which} does not exist{self.suggest(ref, mark.folder)}",
            )

    def notes(self, s: Scenario, report: _Report) -> None:
        """Rules, notes and steps fit the platforms listed: a note for each that needs one."""
        for i, rule_id in enumerate(s.rules):
            rule = self.tables[RULE.folder].get(rule_id)
            if isinstance(rule, Rule) and rule.platform not in s.platforms:
                report.add(
                    ("rules", i),
                    "PB117",
                    f"rule '{rule_id}' is a {rule.platform} rule, and this scenario does not "
                    f"list {rule.platform}: add it to platforms or remove the rule",
                )
        for i, platform in enumerate(s.platforms[1:], start=1):
            if platform in self.needs_note and platform not in s.platform_notes:
                report.add(
                    ("platforms", i),
                    "PB115",
                    f"the steps are written for '{s.platforms[0]}': add platform_notes.{platform} "
                    f"saying what differs on {platform}, or that nothing does",
                )
        for platform in s.platform_notes:
            if platform not in s.platforms:
                report.add(
                    ("platform_notes", platform),
                    "PB116",
                    f"platform_notes.{platform}: '{platform}' is not listed in platforms: add it "
                    "there or remove the note",
                    key=True,
                )
        for i, message_id in enumerate(s.messages):
            message = self.tables[MESSAGE.folder].get(message_id)
            written_for = message.platforms if isinstance(message, Message) else []
            if written_for and not set(written_for) & set(s.platforms):
                report.add(
                    ("messages", i),
                    "PB119",
                    f"message '{message_id}' is written for {', '.join(written_for)}, "
                    "none of which this scenario lists: offer a message for its platforms",
                )
        for i, step in enumerate(s.steps):
            self.step(s, i, step, report)

    def step(self, s: Scenario, i: int, step: Step, report: _Report) -> None:
        """A step's versions: for platforms listed, with their own rules, in their own words."""
        n = i + 1
        for platform, own in step.per_platform.items():
            if platform not in s.platforms:
                report.add(
                    ("steps", i, "per_platform", platform),
                    "PB118",
                    f"step {n} has a version for '{platform}', which this scenario does not "
                    "list: add it to platforms or remove the version",
                    key=True,
                )
            for j, rule_id in enumerate(own.rules):
                rule = self.tables[RULE.folder].get(rule_id)
                if isinstance(rule, Rule) and rule.platform != platform:
                    report.add(
                        ("steps", i, "per_platform", platform, "rules", j),
                        "PB208",
                        f"step {n}'s {platform} version names '{rule_id}', which is a rule of "
                        f"{rule.platform}: name one of {platform}'s rules, or move it to the "
                        f"{rule.platform} version",
                    )
        if len(s.platforms) < 2 and not step.per_platform:
            return  # one platform's readers only: its own words are theirs
        for readers, text, _ in step.versions(s.platforms):
            self.own_words(report, ("steps", i, "do"), f"step {n}", text, readers)
        for platform, own in step.per_platform.items():
            where = ("steps", i, "per_platform", platform, "do")
            self.own_words(report, where, f"step {n}'s {platform} version", own.do, [platform])

    def own_words(
        self, report: _Report, loc: Loc, what: str, text: str, readers: list[str]
    ) -> None:
        """PB209 when `text`, which readers of `readers` see, uses another platform's words."""
        if not self.marked or not self.any_marked.search(text):
            return
        for platform_id, pattern in self.marked:
            others = [r for r in readers if r != platform_id]
            found = pattern.search(text) if others else None
            if found:
                report.add(
                    loc,
                    "PB209",
                    f"{what} says '{found.group(0)}', which only {platform_id} uses, and readers "
                    f"on {', '.join(others)} see it: put that part in per_platform.{platform_id} "
                    "and write the others' own version (or words that fit every platform)",
                )

    def scope(self, rule: Rule, report: _Report) -> None:
        """A scope names places its law reaches: at least one inside the rule's
        jurisdiction, or around it (an EU rule for a client in `de`)."""
        scope, place = rule.scope, rule.jurisdiction
        if scope is None:
            return
        if place is None:
            report.add(
                ("scope",),
                "PB127",
                "a scope says where a law applies, and this rule names no jurisdiction: "
                "add 'jurisdiction' or remove 'scope'",
                key=True,
            )
            return
        named = [*scope.you, *scope.client]
        known = set(self.vocab["jurisdictions"])
        if not named or not set(named) <= known:
            return  # no places, or unknown ones (PB109 says so)
        related = any(
            place in self.vocabulary.places_around(p) or p in self.vocabulary.places_around(place)
            for p in named
        )
        if not related:
            report.add(
                ("scope",),
                "PB127",
                f"the scope names {', '.join(named)}, none of them in or around the rule's "
                f"jurisdiction '{place}': correct the scope or the jurisdiction",
                key=True,
            )

    def zone(self, report: _Report, zone: str) -> None:
        zones = _time_zones()
        if zone not in zones:
            report.add(
                ("clock", "zone"),
                "PB114",
                f"'{zone}' is not a time zone name: use an IANA name like 'America/New_York', "
                f"or remove 'zone' to count in UTC{did_you_mean(zone, zones)}",
            )

    def message(self, m: Message, report: _Report) -> None:
        declared: dict[str, int] = {}
        for i, ph in enumerate(m.placeholders):
            if ph.name in self.words:
                report.add(
                    ("placeholders", i, "name"),
                    "PB126",
                    f"placeholder '{ph.name}' has the name of a platform word in "
                    "vocabulary.yml, which bodies already fill in: rename the placeholder",
                )
            if ph.name in declared:
                report.add(
                    ("placeholders", i, "name"),
                    "PB111",
                    f"placeholder '{ph.name}' is "
                    f"declared twice (also item {declared[ph.name] + 1}): keep one",
                )
            declared.setdefault(ph.name, i)
            if ph.choices is not None and len(ph.choices) < 2:
                report.add(
                    ("placeholders", i, "choices"),
                    "PB123",
                    "choices need at least two options; use 'default' for a fixed value",
                )
            if ph.choices and ph.default is not None and ph.default not in ph.choices:
                report.add(
                    ("placeholders", i, "default"),
                    "PB123",
                    f"default '{ph.default}' "
                    "is not one of the choices: add it to them or change it",
                )
        used: set[str] = set()
        used_in: dict[str, set[str]] = {}
        for tone, body in m.variants.items():
            used_in[tone] = set(PLACEHOLDER_RE.findall(body))
            misread = espanso_misreads(body)
            if misread and misread not in ("{{", "}}"):  # stray braces are PB122's
                report.add(
                    ("variants", tone),
                    "PB124",
                    f"the {tone} body has '{misread}', which text expanders read as part of a "
                    "form field: reword it (for example 'see [this]' instead of '[[this]]')",
                    key=True,
                )
            for token in _BRACES.findall(body):
                match = PLACEHOLDER_RE.fullmatch(token)
                if match is None:
                    report.add(
                        ("variants", tone),
                        "PB122",
                        f"'{token}' in the {tone} body is not "
                        "a placeholder: write {{ name }} with a declared name, or remove "
                        "the braces",
                        key=True,
                    )
                    continue
                name = match.group(1)
                if name in self.words and name not in declared:
                    continue  # a platform word, filled in from the vocabulary
                used.add(name)
                if name not in declared:
                    report.add(
                        ("variants", tone),
                        "PB120",
                        f"the {tone} body uses "
                        f"{{{{ {name} }}}}, which is not declared: add it to "
                        f"placeholders{did_you_mean(name, list(declared))}",
                        key=True,
                    )
        for name, i in declared.items():
            if name not in used:
                report.add(
                    ("placeholders", i, "name"),
                    "PB121",
                    f"placeholder '{name}' is declared but no body uses it: use it or remove it",
                )
                continue
            for tone, names in used_in.items():  # tones differ in warmth, never in facts
                if name not in names:
                    report.add(
                        ("variants", tone),
                        "PB125",
                        f"the {tone} body leaves out {{{{ {name} }}}}, which the other tones "
                        "use: tones differ in warmth, not in facts; use it here too",
                        key=True,
                    )

    def exists(self, kind: str, ref: str) -> bool:
        return ref in self.tables[kind] or (kind, ref) in self.unreadable

    def suggest(self, ref: str, kind: str) -> str:
        known = [*self.tables[kind], *(i for k, i in self.unreadable if k == kind)]
        hint = did_you_mean(ref, known)
        return hint or f" (no {kind} file content/{kind}/{ref}.yml)"


def _time_zones() -> frozenset[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(zoneinfo.available_timezones())
    return _ZONES


def _check_sources(model: Entry, report: _Report, stale_before: date, days: int) -> None:
    for i, source in enumerate(getattr(model, "sources", [])):
        if source.checked < stale_before:
            report.add(
                ("sources", i, "checked"),
                "PB204",
                f"'{source.title}' was last checked on {source.checked}, "
                f"more than {days} days ago: read the page again and update 'checked'",
            )


def _check_triggers(playbook: Playbook, problems: list[Problem]) -> None:
    """PB128: Espanso expands a trigger as soon as it is typed, so a message's trigger
    that begins another message's would make the longer one unreachable."""
    owners = {trigger(m.id, tone): m.id for m in playbook.messages.values() for tone in m.variants}
    for short, long in pairwise(sorted(owners)):
        if long.startswith(short) and owners[short] != owners[long]:
            where = playbook.origins[(MESSAGE.folder, owners[long])]
            _Report(where.path, where.marks, problems).add(
                ("id",),
                "PB128",
                f"its Espanso trigger '{long}' begins with '{short}', the trigger of message "
                f"'{owners[short]}', so it could never be typed: rename one of the two messages",
            )


def _check_unused(playbook: Playbook, problems: list[Problem]) -> None:
    for kind in KINDS:
        if kind.unused is None:
            continue
        for entry_id in sorted(playbook.entries[kind.folder]):
            if not playbook.used_by(kind.folder, entry_id):
                where = playbook.origins[(kind.folder, entry_id)]
                _Report(where.path, where.marks, problems).add(
                    ("id",), kind.unused.code, kind.unused_message(entry_id)
                )
