"""Synthetic, schema-valid content for the benchmark: N scenarios and proportionate entries.

Every entry has the fields and text lengths of the real ones (a scenario file is 3-5 KB,
a message 2-3 KB), every id it names exists, and every tactic, message and prompt set is
used, so `playbook check --strict` passes. Entries per 100 scenarios: 20 tactics, 50
messages, 5 prompt sets, 30 rules. Each kind keeps the same average fan-in at every N (a tactic is
used by about 25 scenarios, a message by 6), so entry pages do not grow with N and any
growth the benchmark measures comes from the site, not from the data.

Run alone: `python benchmarks/generate.py 1000 /tmp/content`.
"""

from __future__ import annotations

import random
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

TACTICS_PER_100 = 20
MESSAGES_PER_100 = 50
PROMPTS_PER_100 = 5
RULES_PER_100 = 30

T = TypeVar("T")

_WORD_TEXT = """
client freelancer invoice payment milestone contract scope deadline review rating feedback
platform escrow dispute refund revision draft file delivery brief budget estimate quote hour
rate week day message email call record note project work change request approval decision
question answer problem reason fact date amount fee term rule policy support team mediator
evidence screenshot summary recap reminder notice warning boundary expectation plan step
option risk cost time trust tone calm clear short polite firm friendly neutral honest direct
written agreed extra new late early final first second next last small large fair unfair
open closed paid unpaid funded released held shared signed sent received read asked offered
explain confirm check keep send write ask offer agree decline pause stop start finish deliver
release fund refund cancel escalate document protect listen repeat name state propose accept
refuse follow remind update invite thank apologise explain plan prepare decide wait answer
the a an your their this that each every any some more less no not only also still already
with without before after during until about for from into onto over under between against
and or but so because if when while where which who what how why then than as at by in of on
to up out off
"""
_WORDS = _WORD_TEXT.split()
_TITLE_WORDS = [w for w in _WORDS if len(w) > 3]
_PLACEHOLDERS = [
    ("client_name", "Client's name", "Dana"),
    ("your_name", "Your name", "Sam"),
    ("project_name", "Project", "Website redesign"),
    ("invoice_number", "Invoice number", "INV-2026-014"),
    ("amount", "Amount due", "$1,200"),
    ("due_date", "Due date", "14 November"),
    ("milestone_name", "Milestone", "Second draft"),  # `milestone` is a platform word
    ("deadline", "New deadline", "Friday 5 December"),
    ("link", "Link", "https://pay.example.com/inv-2026-014"),
    ("hours", "Hours", "12"),
]


@dataclass(frozen=True)
class Counts:
    """How many entries of each kind a generated tree holds."""

    scenarios: int
    tactics: int
    messages: int
    prompts: int
    rules: int

    @classmethod
    def for_scenarios(cls, n: int) -> Counts:
        def share(per_100: int) -> int:
            return max(3, n * per_100 // 100)

        return cls(
            n,
            share(TACTICS_PER_100),
            share(MESSAGES_PER_100),
            share(PROMPTS_PER_100),
            share(RULES_PER_100),
        )

    @property
    def files(self) -> int:
        return self.scenarios + self.tactics + self.messages + self.prompts + self.rules


class _Text:
    """Plausible English-shaped text of realistic lengths, reproducible from a seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def words(self, low: int, high: int, pool: list[str] = _WORDS) -> str:
        return " ".join(self.rng.choice(pool) for _ in range(self.rng.randint(low, high)))

    def sentence(self, low: int = 8, high: int = 22) -> str:
        text = self.words(low, high)
        return text[0].upper() + text[1:] + "."

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def title(self) -> str:
        text = self.words(4, 9, _TITLE_WORDS)
        return text[0].upper() + text[1:]

    def sample(self, items: list[str], low: int, high: int) -> list[str]:
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))

    def ids(self, make: Callable[[int], T], n: int, low: int, high: int) -> list[T]:
        """Between `low` and `high` distinct ids out of `make(0)` ... `make(n - 1)`."""
        return [make(j) for j in self.rng.sample(range(n), min(n, self.rng.randint(low, high)))]


def _folded(text: str, indent: int) -> str:
    """A `>-` block scalar, wrapped like the hand-written entries."""
    pad = " " * indent
    lines = textwrap.wrap(text, width=88 - indent)
    return ">-\n" + "\n".join(pad + line for line in lines)


def _items(key: str, values: list[str]) -> str:
    if not values:
        return f"{key}: []\n"
    return f"{key}:\n" + "".join(f"  - {_folded(v, 4)}\n" for v in values)


def _ids(key: str, values: list[str]) -> str:
    if not values:
        return f"{key}: []\n"
    return f"{key}:\n" + "".join(f"  - {v}\n" for v in values)


def _source(text: _Text, today: date, indent: str) -> str:
    checked = today - timedelta(days=text.rng.randint(1, 300))
    slug = "-".join(text.words(2, 4, _TITLE_WORDS).split())
    return (
        f"{indent}title: {text.title()}\n"
        f"{indent}url: https://help.example.com/articles/{slug}\n"
        f"{indent}checked: {checked.isoformat()}\n"
    )


def _sid(i: int) -> str:
    return f"situation-{i:05d}"


def _tid(i: int) -> str:
    return f"tactic-{i:05d}"


def _mid(i: int) -> str:
    return f"message-{i:05d}"


def _pid(i: int) -> str:
    return f"prompt-set-{i:05d}"


def _rid(i: int) -> str:
    return f"rule-{i:05d}"


def scenario_yaml(i: int, counts: Counts, vocab: dict[str, list[str]], today: date) -> str:
    rng = random.Random(f"scenario-{i}")
    t = _Text(rng)
    # The first tactic, message and prompt set walk round-robin so each one is used.
    tactics = [_tid(i % counts.tactics)]
    tactics += [x for x in t.ids(_tid, counts.tactics, 5, 6) if x not in tactics]
    messages = [_mid(i % counts.messages)]
    messages += [x for x in t.ids(_mid, counts.messages, 1, 3) if x not in messages]
    prompts = [_pid(i % counts.prompts)]
    prompts += [x for x in t.ids(_pid, counts.prompts, 0, 1) if x not in prompts]
    others = [_sid(rng.randrange(counts.scenarios)) for _ in range(rng.randint(0, 3))]
    related = list(dict.fromkeys(x for x in others if x != _sid(i)))
    related = related or [_sid((i + 1) % counts.scenarios)]  # at least one, as required
    steps = "".join(
        f"  - tactic: {tid}\n    do: {_folded(t.sentences(2, 3), 6)}\n" for tid in tactics[:6]
    )
    # A scenario names only rules of platforms it lists, and says what differs on each
    # platform after its first that needs a note (as vocabulary.yml marks them).
    platforms = t.sample(vocab["platforms"], 1, 3)
    rules = [_rid(i % counts.rules)]
    platforms += [p for p in [rule_platform(i % counts.rules, vocab)] if p not in platforms]
    rules += [
        x
        for j in t.ids(int, counts.rules, 0, 3)
        if (x := _rid(j)) not in rules and rule_platform(j, vocab) in platforms
    ]
    notes = {p: t.sentences(1, 2) for p in platforms[1:] if p in vocab["needs_note"]}
    sources = "".join("  - " + _source(t, today, "    ").lstrip() for _ in range(rng.randint(0, 2)))
    return (
        f"id: {_sid(i)}\n"
        f"title: {t.title()}\n"
        f"category: {vocab['categories'][i % len(vocab['categories'])]}\n"
        f"platforms: [{', '.join(platforms)}]\n"
        f"summary: {_folded(t.sentences(1, 2), 2)}\n"
        + _items("signals", [t.sentences(1, 2) for _ in range(rng.randint(3, 5))])
        + f"stakes: {_folded(t.sentences(3, 5), 2)}\n"
        + f"steps:\n{steps}"
        + _ids("messages", messages)
        + _ids("prompts", prompts)
        + _ids("related", related)
        + _ids("rules", rules)
        + (f"platform_notes:\n{_mapping(notes)}" if notes else "")
        + (f"sources:\n{sources}" if sources else "")
        + f"tags: [{', '.join(t.sample(vocab['tags'], 0, 2))}]\n"
        + _ids("search_terms", [t.words(3, 7) for _ in range(rng.randint(3, 8))])
    )


def tactic_yaml(i: int, counts: Counts, today: date) -> str:
    rng = random.Random(f"tactic-{i}")
    t = _Text(rng)
    related = [x for x in t.ids(_tid, counts.tactics, 0, 2) if x != _tid(i)]
    frameworks = [t.title() for _ in range(rng.randint(0, 2))]
    sources = "".join("  - " + _source(t, today, "    ").lstrip() for _ in range(rng.randint(0, 1)))
    return (
        f"id: {_tid(i)}\n"
        f"title: {t.title()}\n"
        f"summary: {_folded(t.sentences(1, 2), 2)}\n"
        f"when: {_folded(t.sentences(2, 3), 2)}\n"
        + _items("how", [t.sentences(1, 2) for _ in range(rng.randint(3, 6))])
        + _items("pitfalls", [t.sentences(1, 2) for _ in range(rng.randint(2, 4))])
        + _ids("frameworks", frameworks)
        + _ids("related", related)
        + (f"sources:\n{sources}" if sources else "")
    )


def message_yaml(i: int, vocab: dict[str, list[str]]) -> str:
    rng = random.Random(f"message-{i}")
    t = _Text(rng)
    chosen = [_PLACEHOLDERS[0], *rng.sample(_PLACEHOLDERS[1:], rng.randint(1, 5))]
    placeholders = "".join(
        f"  - name: {name}\n    label: {label}\n    example: {example!r}\n"
        for name, label, example in chosen
    )
    variants = ""
    for tone in vocab["tones"]:
        lines = [f"Subject: {t.title()}", "", f"Hi {{{{ {chosen[0][0]} }}}},", ""]
        for name, _, _ in chosen[1:]:
            lines.append(f"{t.sentence(6, 16)} {{{{ {name} }}}} {t.sentence(4, 12)}")
            lines.append("")
        lines += [t.sentence(), "", "Thanks,"]
        variants += f"  {tone}: |\n" + "".join(f"    {x}\n" if x else "\n" for x in lines)
    return (
        f"id: {_mid(i)}\n"
        f"title: {t.title()}\n"
        f"purpose: {_folded(t.sentences(1, 2), 2)}\n"
        f"channel: {rng.choice(vocab['channels'])}\n"
        f"placeholders:\n{placeholders}"
        f"variants:\n{variants}"
    )


def rule_platform(i: int, vocab: dict[str, list[str]]) -> str:
    """The platform of rule i: the first draw of its seed, as `rule_yaml` makes it."""
    return random.Random(f"rule-{i}").choice(vocab["platforms"])


def rule_yaml(i: int, vocab: dict[str, list[str]], today: date) -> str:
    rng = random.Random(f"rule-{i}")
    t = _Text(rng)
    platform = rng.choice(vocab["platforms"])
    place = ""
    if platform == "direct" and vocab.get("jurisdictions"):
        place = f"jurisdiction: {rng.choice(vocab['jurisdictions'])}\n"
    clock = ""
    if rng.random() < 0.5:
        unit = rng.choice(["hours", "days", "business_days"])
        clock = (
            f"clock:\n  starts: {t.words(3, 6)}\n  length: {rng.randint(1, 30)}\n  unit: {unit}\n"
        )
    sources = "".join("  - " + _source(t, today, "    ").lstrip() for _ in range(rng.randint(1, 2)))
    return (
        f"id: {_rid(i)}\n"
        f"title: {t.title()}\n"
        f"platform: {platform}\n"
        + place
        + f"rule: {_folded(t.sentences(2, 4), 2)}\n"
        + f"consequence: {_folded(t.sentences(1, 2), 2)}\n"
        + clock
        + f"sources:\n{sources}"
    )


def prompt_yaml(i: int) -> str:
    rng = random.Random(f"prompt-{i}")
    t = _Text(rng)
    return f"id: {_pid(i)}\ntitle: {t.title()}\nwhen: {_folded(t.sentences(1, 2), 2)}\n" + _items(
        "questions", [t.sentences(1, 2) for _ in range(rng.randint(4, 7))]
    )


def _mapping(values: dict[str, str]) -> str:
    return "".join(f"  {key}: {_folded(text, 4)}\n" for key, text in values.items())


def _vocabulary(path: Path) -> dict[str, list[str]]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = {group: [term["id"] for term in data.get(group, [])] for group in data}
    found["needs_note"] = [p["id"] for p in data["platforms"] if p.get("needs_note")]
    return found


def generate(out: Path, n: int, *, repo: Path, today: date | None = None) -> Counts:
    """Write a content tree of `n` scenarios to `out` (replacing it); return its counts."""
    today = today or date.today()
    counts = Counts.for_scenarios(n)
    if out.exists():
        shutil.rmtree(out)
    for kind in ("scenarios", "tactics", "messages", "prompts", "rules"):
        (out / kind).mkdir(parents=True)
    shutil.copyfile(repo / "content" / "vocabulary.yml", out / "vocabulary.yml")
    shutil.copytree(repo / "content" / "pages", out / "pages")
    vocab = _vocabulary(out / "vocabulary.yml")
    for i in range(counts.scenarios):
        _write(out / "scenarios" / f"{_sid(i)}.yml", scenario_yaml(i, counts, vocab, today))
    for i in range(counts.tactics):
        _write(out / "tactics" / f"{_tid(i)}.yml", tactic_yaml(i, counts, today))
    for i in range(counts.messages):
        _write(out / "messages" / f"{_mid(i)}.yml", message_yaml(i, vocab))
    for i in range(counts.prompts):
        _write(out / "prompts" / f"{_pid(i)}.yml", prompt_yaml(i))
    for i in range(counts.rules):
        _write(out / "rules" / f"{_rid(i)}.yml", rule_yaml(i, vocab, today))
    return counts


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    size, target = int(sys.argv[1]), Path(sys.argv[2])
    made = generate(target, size, repo=Path.cwd())
    sys.stderr.write(f"wrote {made} to {target}\n")
