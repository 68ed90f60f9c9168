"""Plain words for second-language readers: sentences, their lengths, and the check.

Most readers meet the playbook in their second language, on a phone, under stress. A
sentence over 35 words is hard to follow on the first read, so `playbook check` warns
about each one (PB207), at the field it is in. Message bodies are letters the reader
edits and sends, and sources are titles, so neither is measured.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .problems import Problem
from .yamlread import Marks, describe, iter_strings

LONGEST = 35
"""A sentence with more words than this gets a PB207 warning."""

_SKIP = ("variants", "sources", "search_terms", "frameworks")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_CODE = re.compile(r"`[^`]*`")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|vs|approx|U\.S|U\.K)\.", re.I)
_BREAK = re.compile(r"\n\s*\n|\n\s*(?:[-*+]|\d+\.)\s+")
# Curly quotes as escapes: \u2018 \u2019 \u201c \u201d.
# A sentence starts with a capital, accented or not (À-Þ), a digit, or Spanish's ¿ and ¡.
_END = re.compile(
    "(?<=[.!?])[\"'\u2019\u201d)\\]*_]*\\s+(?=[\"'\u2018\u201c(\\[*_\u00bf\u00a1]*[A-Z0-9\u00c0-\u00d6\u00d8-\u00de])"
)
# A word starts with a letter of any alphabet, a digit or a currency sign.
_WORD = re.compile("[\\w$\u20ac\u00a3][\\w'\u2019$\u20ac\u00a3%.,/-]*")


def sentences(text: str) -> list[str]:
    """The sentences of a Markdown text: split at full stops, paragraphs and list items."""
    text = _CODE.sub("code", _LINK_TARGET.sub("]", text))
    text = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), text)
    found: list[str] = []
    for block in _BREAK.split(text):
        found += [s.strip() for s in _END.split(block) if s.strip()]
    return found


def words(sentence: str) -> int:
    """How many words a sentence has; numbers and amounts count as one word each."""
    return len(_WORD.findall(sentence))


def prose(data: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every reader-facing text of an entry, with its location."""
    for loc, text in iter_strings(data):
        if is_prose(loc, text):
            yield loc, text


def is_prose(loc: tuple[str | int, ...], text: str) -> bool:
    """Whether a string is reader-facing prose (not an id, a term, a source or a letter)."""
    return bool(loc) and loc[0] not in _SKIP and " " in text.strip()


def long_sentences(text: str) -> list[tuple[int, str]]:
    """(words, first words) for each sentence over LONGEST words in `text`."""
    # A sentence over LONGEST words needs at least LONGEST spaces: most texts stop here.
    if text.count(" ") + text.count("\n") < LONGEST:
        return []
    found = []
    for sentence in sentences(text):
        count = words(sentence)
        if count > LONGEST:
            found.append((count, " ".join(sentence.split()[:6])))
    return found


def long_sentence_problem(
    path: Path, loc: tuple[str | int, ...], marks: Marks, count: int, start: str
) -> Problem:
    """The PB207 warning for one long sentence, at its field."""
    line, col = marks.find(loc)
    message = (
        f"'{describe(loc)}': a sentence of {count} words (\"{start} ...\"); "
        f"keep each under {LONGEST + 1} words: split it, one idea a sentence"
    )
    return Problem(path, line, col, "PB207", message)
