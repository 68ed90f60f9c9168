"""Cross-reference checks: every id a entry names must exist, and nothing may be orphaned."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path

from .models import (
    PLACEHOLDER_RE,
    Entry,
    Message,
    PromptSet,
    Scenario,
    Source,
    Tactic,
    Vocabulary,
)
from .playbook import Located, Playbook
from .problems import Problem, did_you_mean
from .yamlread import Loc, Marks

Row = tuple[str, Path, Entry, Marks]

_BRACES = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\}\}|\{%|%\}|\{#|#\}", re.S)


class _Report:
    """Collects problems for one entry, placing each at the field it is about."""

    def __init__(self, path: Path, marks: Marks, sink: list[Problem]) -> None:
        self.path, self.marks, self.sink = path, marks, sink

    def add(self, loc: Loc, code: str, message: str, *, key: bool = False) -> None:
        line, col = self.marks.find(loc, key=key)
        self.sink.append(Problem(self.path, line, col, code, message))


def resolve(
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
    tables: dict[str, dict[str, Entry]] = {
        "scenarios": {},
        "tactics": {},
        "messages": {},
        "prompts": {},
    }
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
        checker.entry(model, report)
        _check_sources(model, report, stale_before, stale_after_days)

    playbook = Playbook(
        vocabulary=vocabulary,
        scenarios={k: v for k, v in tables["scenarios"].items() if isinstance(v, Scenario)},
        tactics={k: v for k, v in tables["tactics"].items() if isinstance(v, Tactic)},
        messages={k: v for k, v in tables["messages"].items() if isinstance(v, Message)},
        prompts={k: v for k, v in tables["prompts"].items() if isinstance(v, PromptSet)},
        origins=origins,
    )
    if not unreadable:  # a broken file may be the one that uses an entry
        _check_unused(playbook, problems)
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
        self.vocab = {
            "category": [c.id for c in vocabulary.categories],
            "platform": [t.id for t in vocabulary.platforms],
            "tone": [t.id for t in vocabulary.tones],
            "channel": [t.id for t in vocabulary.channels],
            "tag": [t.id for t in vocabulary.tags],
        }

    def entry(self, model: Entry, report: _Report) -> None:
        if isinstance(model, Scenario):
            self.scenario(model, report)
        elif isinstance(model, Tactic):
            self.refs(report, ("related",), model.related, "tactics", "PB108", "tactic", model.id)
        elif isinstance(model, Message):
            self.message(model, report)

    def scenario(self, s: Scenario, report: _Report) -> None:
        self.term(report, ("category",), s.category, "category")
        self.terms(report, ("platforms",), s.platforms, "platform")
        self.terms(report, ("tags",), s.tags, "tag")
        for i, rule in enumerate(s.rules):
            self.term(report, ("rules", i, "platform"), rule.platform, "platform")
        for i, step in enumerate(s.steps):
            if not self.exists("tactics", step.tactic):
                report.add(
                    ("steps", i, "tactic"),
                    "PB104",
                    f"step {i + 1} names tactic "
                    f"'{step.tactic}', which does not exist"
                    f"{self.suggest(step.tactic, 'tactics')}",
                )
        self.refs(report, ("messages",), s.messages, "messages", "PB105", "message")
        self.refs(report, ("prompts",), s.prompts, "prompts", "PB106", "prompt set")
        self.refs(report, ("related",), s.related, "scenarios", "PB107", "scenario", s.id)

    def message(self, m: Message, report: _Report) -> None:
        self.term(report, ("channel",), m.channel, "channel")
        for tone in m.variants:
            if tone not in self.vocab["tone"]:
                report.add(
                    ("variants", tone),
                    "PB109",
                    f"tone '{tone}' is not in vocabulary.yml"
                    f"{did_you_mean(tone, self.vocab['tone'])}",
                    key=True,
                )
        declared: dict[str, int] = {}
        for i, ph in enumerate(m.placeholders):
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
        for tone, body in m.variants.items():
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

    def term(self, report: _Report, loc: Loc, value: str, group: str) -> None:
        if value not in self.vocab[group]:
            report.add(
                loc,
                "PB109",
                f"{group} '{value}' is not in vocabulary.yml"
                f"{did_you_mean(value, self.vocab[group])}",
            )

    def terms(self, report: _Report, loc: Loc, values: list[str], group: str) -> None:
        for i, value in _unique(report, loc, values):
            self.term(report, (*loc, i), value, group)

    def refs(
        self,
        report: _Report,
        loc: Loc,
        ids: list[str],
        kind: str,
        code: str,
        noun: str,
        own_id: str | None = None,
    ) -> None:
        for i, ref in _unique(report, loc, ids):
            if ref == own_id:
                report.add((*loc, i), "PB112", f"'{ref}' lists itself as related: remove it")
            elif not self.exists(kind, ref):
                report.add(
                    (*loc, i), code, f"{noun} '{ref}' does not exist{self.suggest(ref, kind)}"
                )

    def exists(self, kind: str, ref: str) -> bool:
        return ref in self.tables[kind] or (kind, ref) in self.unreadable

    def suggest(self, ref: str, kind: str) -> str:
        known = [*self.tables[kind], *(i for k, i in self.unreadable if k == kind)]
        hint = did_you_mean(ref, known)
        return hint or f" (no {kind} file content/{kind}/{ref}.yml)"


def _unique(report: _Report, loc: Loc, values: list[str]) -> Iterable[tuple[int, str]]:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            report.add((*loc, i), "PB111", f"'{value}' appears twice in {loc[-1]}: remove one")
            continue
        seen.add(value)
        yield i, value


def _check_sources(model: Entry, report: _Report, stale_before: date, days: int) -> None:
    located: list[tuple[Loc, Source]] = []
    for i, source in enumerate(getattr(model, "sources", [])):
        located.append((("sources", i, "checked"), source))
    for i, rule in enumerate(getattr(model, "rules", [])):
        located.append((("rules", i, "source", "checked"), rule.source))
    for loc, source in located:
        if source.checked < stale_before:
            report.add(
                loc,
                "PB204",
                f"'{source.title}' was last checked on {source.checked}, "
                f"more than {days} days ago: read the page again and update 'checked'",
            )


def _check_unused(playbook: Playbook, problems: list[Problem]) -> None:
    unused: list[tuple[str, Mapping[str, object], Mapping[str, list[str]], str, str]] = [
        ("tactics", playbook.tactics, playbook.tactic_users, "PB201", "no scenario uses tactic"),
        (
            "messages",
            playbook.messages,
            playbook.message_users,
            "PB202",
            "no scenario offers message",
        ),
        (
            "prompts",
            playbook.prompts,
            playbook.prompt_users,
            "PB203",
            "no scenario offers prompt set",
        ),
    ]
    for kind, table, users, code, text in unused:
        for entry_id in sorted(table):
            if not users.get(entry_id):
                where = playbook.origins[(kind, entry_id)]
                _Report(where.path, where.marks, problems).add(
                    ("id",), code, f"{text} '{entry_id}': link it from a scenario or remove it"
                )
