"""Plain English for second-language readers, measured on the real content.

The numbers come from `generator.prose`, the same splitter `playbook check` uses for its
PB207 warning (a sentence over 35 words). Run with `-s` to see the measurements.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from generator.load import load
from generator.models import Message
from generator.playbook import Playbook
from generator.prose import LONGEST, prose, sentences, words

from .conftest import REPO

LONG = 25
LONG_SHARE = 0.05
ACRONYMS = re.compile(r"\b(?:BIFF|DESC|NVC|SBI|BATNA|STATE|HEARD|LAST)\b")
# Idioms a learner of English would not know; say the plain thing instead.
IDIOMS = [
    "slipped through the cracks",
    "slip through the cracks",
    "the sting",
    "let the record do the arguing",
    "sleep on it",
    "ball is in",
    "on the same page",
    "drop the ball",
    "go the extra mile",
    "bite the bullet",
    "cut corners",
    "burn bridges",
    "by the book",
    "in the loop",
    "moving the goalposts",
    "move the goalposts",
    "at the end of the day",
    "cold feet",
    "pull the plug",
    "red tape",
    "touch base",
    "up in the air",
    "a tall order",
    "the elephant in the room",
    "throw in the towel",
    "water under the bridge",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAY = "|".join(WEEKDAYS)
_MONTH = "|".join(MONTHS)
DATED = re.compile(
    rf"\b(?P<weekday>{_DAY}),? "
    rf"(?:(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH})|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}}))"
)


@pytest.fixture(scope="module")
def playbook() -> Playbook:
    return load(REPO / "content")


def _reader_sentences(playbook: Playbook) -> list[tuple[str, int, str]]:
    """(entry id, words, sentence) for every sentence of every scenario and tactic."""
    found = []
    for table in (playbook.scenarios, playbook.tactics):
        for entry_id, entry in sorted(table.items()):
            for _, text in prose(entry.model_dump()):
                found += [(entry_id, words(s), s) for s in sentences(text)]
    return found


def test_sentences_are_short(playbook: Playbook) -> None:
    """At most 5% of sentences in scenarios and tactics over 25 words, none over 35."""
    found = _reader_sentences(playbook)
    lengths = [n for _, n, _ in found]
    long = [(i, n, s) for i, n, s in found if n > LONG]
    print(
        f"\n{len(found)} sentences, {sum(lengths) / len(found):.1f} words on average, "
        f"{len(long)} ({len(long) / len(found):.1%}) over {LONG} words, "
        f"{sum(n > LONGEST for n in lengths)} over {LONGEST}, longest {max(lengths)}"
    )
    assert max(lengths) <= LONGEST, [x for x in long if x[1] > LONGEST]
    assert len(long) <= LONG_SHARE * len(found), sorted(long, key=lambda x: -x[1])[:20]


def test_no_idioms(playbook: Playbook) -> None:
    """No idiom that a learner of English would have to look up."""
    hits = []
    for table in (playbook.scenarios, playbook.tactics, playbook.messages, playbook.rules):
        for entry_id, entry in table.items():
            text = " ".join(t for _, t in prose(entry.model_dump())).lower()
            hits += [(entry_id, idiom) for idiom in IDIOMS if idiom in " ".join(text.split())]
    assert hits == []


def test_tactics_are_named_in_plain_words(playbook: Playbook) -> None:
    """Framework acronyms stay in the credits, out of titles and step headings."""
    titles = [t.title for t in playbook.tactics.values()]
    titles += [s.title for s in playbook.scenarios.values()]
    assert [t for t in titles if ACRONYMS.search(t)] == []


def _dated_examples(message: Message) -> list[str]:
    texts = [p.example for p in message.placeholders]
    texts += [p.default for p in message.placeholders if p.default]
    texts += list(message.variants.values())
    return [m.group(0) for text in texts for m in DATED.finditer(text)]


def test_example_dates_fall_on_the_weekday_they_name(playbook: Playbook) -> None:
    """'Friday 5 December' is a Friday in 2026 or 2027, so a reader can trust the example."""
    wrong = []
    for mid, message in sorted(playbook.messages.items()):
        for found in _dated_examples(message):
            m = DATED.match(found)
            assert m is not None
            day = int(m.group("d1") or m.group("d2"))
            month = MONTHS.index(m.group("m1") or m.group("m2")) + 1
            weekday = WEEKDAYS.index(m.group("weekday"))
            if all(date(year, month, day).weekday() != weekday for year in (2026, 2027)):
                wrong.append((mid, found))
    assert wrong == []


GREETING = re.compile(r"^(?:Hello|Hi|Dear|Good (?:morning|afternoon))\b")


def test_firm_tones_keep_a_greeting_and_a_sign_off(playbook: Playbook) -> None:
    """Firm is not rude: every tone opens with a greeting and ends with the sender's name."""
    rude = []
    for mid, message in sorted(playbook.messages.items()):
        for tone, body in message.variants.items():
            lines = [line for line in body.strip().splitlines() if line.strip()]
            opening = [line for line in lines if not line.startswith("Subject:")][:1]
            if message.channel in ("public-review-reply", "dispute-form"):
                continue  # a public reply or a statement to a dispute team is not a letter
            if not opening or not GREETING.match(opening[0]):
                rude.append((mid, tone, "greeting"))
            if "{{ your_name }}" not in lines[-1]:
                rude.append((mid, tone, "sign-off"))
    assert rude == []
