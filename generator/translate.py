"""Translations: a language's words laid over the English entries.

The English YAML is the source of structure: ids, references, clocks, sources and
placeholder names. A translation holds only the words, in the English entry's shape:

- `content/i18n/<lang>/<folder>/<id>.yml` for one entry: the fields marked `Prose` in
  `generator.models` (titles, summaries, signals, steps' text, message bodies and
  placeholder labels...), lists item by item, mappings by key, and placeholders and
  vocabulary terms by their name or id. Search terms are the language's own list.
- `content/i18n/<lang>/vocabulary.yml` for the vocabulary's words (group and tag
  titles, places, tones, the platform words of message bodies).
- `content/i18n/<lang>/glossary.yml`: how the language writes key terms (escrow,
  milestone, Connects), checked in every translation of that language.

Each translation records the English it was made from (`english`: a fingerprint of each
part, written by `playbook new translation`) and whether a native speaker has reviewed
it (`reviewed`). A part whose English changed since is reported (PB210) and the page says
so; a text whose placeholders, numbers, durations or links differ from its English is an
error, as tldr-pages and the python-sdk check theirs.

`Edition` is one language's translations, checked; `Playbook.in_language` lays them over
the English entries for that language's site.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import types
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Field, StringConstraints, create_model

from .i18n import N_
from .models import PLACEHOLDER_RE, Line, Prose, Source, Strict, Vocabulary
from .problems import Problem
from .yamlread import Loc, Marks, describe

I18N = "i18n"
"""The folder of translations inside the content folder."""
VOCABULARY = "vocabulary"
"""The vocabulary's translation: `content/i18n/<lang>/vocabulary.yml`."""
GLOSSARY = "glossary"
KEY_FIELDS = ("id", "name")
"""A list of models with one of these fields is translated item by item by that key."""
FINGERPRINT = 8
"""Hex digits of a part's fingerprint: enough to tell versions of one text apart."""

FINGERPRINT_PATTERN = r"^[0-9a-f]{8}$"
Hash = Annotated[str, StringConstraints(pattern=FINGERPRINT_PATTERN)]


# The shape of a model's words -------------------------------------------------------------


@dataclass(frozen=True)
class Leaf:
    """One text, translated as a whole."""

    annotation: Any


@dataclass(frozen=True)
class Own:
    """A list the language writes its own way (search terms): not item by item."""

    annotation: Any


@dataclass(frozen=True)
class Items:
    """A list, item by item: by position, or by each item's `key` field."""

    item: Shape
    key: str | None


@dataclass(frozen=True)
class Values:
    """A mapping, value by value under the English keys."""

    item: Shape


@dataclass(frozen=True)
class Fields:
    """A model's translated fields."""

    model: type[BaseModel]
    fields: tuple[tuple[str, Shape], ...]


Shape = Leaf | Own | Items | Values | Fields


@functools.cache
def shape_of(model: type[BaseModel]) -> Fields | None:
    """The words of `model`: its fields marked `Prose`, and the models within that have
    some; None if it has none."""
    found: list[tuple[str, Shape]] = []
    for name, info in model.model_fields.items():
        shape = _shape(info.annotation, tuple(info.metadata))
        if shape is not None:
            found.append((name, shape))
    return Fields(model, tuple(found)) if found else None


def _shape(annotation: Any, metadata: tuple[Any, ...] = ()) -> Shape | None:
    mark = next((m for m in metadata if isinstance(m, Prose)), None)
    if mark is not None:
        rest = tuple(m for m in metadata if not isinstance(m, Prose))
        typed = Annotated[(annotation, *rest)] if rest else annotation
        return Own(typed) if mark.own else Leaf(typed)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _shape(args[0], (*args[1:], *metadata))
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _shape(inner[0]) if len(inner) == 1 else None
    if origin is list:
        item = _shape(args[0])
        return None if item is None else Items(item, _key_field(args[0]))
    if origin is dict:
        item = _shape(args[1])
        return None if item is None else Values(item)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return shape_of(annotation)
    return None


def _key_field(annotation: Any) -> str | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return next((k for k in KEY_FIELDS if k in annotation.model_fields), None)
    return None


# The translation files' models ------------------------------------------------------------


class TranslationBase(Strict):
    """What every translation file records beside its words."""

    english: dict[str, Hash] = Field(
        default_factory=dict,
        description=(
            "The English each part was translated from, as fingerprints: written by "
            "`playbook new translation`; refresh them with `playbook translated` once a "
            "part is brought up to date."
        ),
    )
    reviewed: bool = Field(
        default=False,
        description="Whether a native speaker has read the translation against the English.",
    )


class SourceHere(TranslationBase):
    """Base for an entry's translation: it may also link the platform's own pages in
    this language (a rule's page shows them, and says that the platform's page decides)."""

    sources: list[Source] = Field(
        default_factory=list,
        description="The platform's own pages on this, in this language, where they exist.",
    )


@functools.cache
def translation_model(model: type[BaseModel]) -> type[TranslationBase]:
    """The model of a translation file of `model` (an entry kind or the vocabulary)."""
    base = TranslationBase if model is Vocabulary else SourceHere
    doc = f"The words of one {model.__name__.lower()}, in another language."
    return _words_model(model, base, f"{model.__name__}Translation", doc)  # type: ignore[return-value]


@functools.cache
def _words_model(
    model: type[BaseModel],
    base: type[Strict] = Strict,
    name: str = "",
    doc: str | None = None,
) -> type[Strict]:
    """A model of `model`'s words: each field of its shape optional, with its description."""
    shape = shape_of(model)
    assert shape is not None, f"{model.__name__} has no words to translate"
    fields = {
        field: (_words_type(s) | None, Field(default=None, description=_description(model, field)))
        for field, s in shape.fields
    }
    return create_model(  # type: ignore[no-any-return, call-overload]
        name or f"{model.__name__}Words", __base__=base, __doc__=doc, **fields
    )


def _description(model: type[BaseModel], field: str) -> str | None:
    return model.model_fields[field].description


def _words_type(shape: Shape) -> Any:
    if isinstance(shape, Leaf | Own):
        return shape.annotation
    if isinstance(shape, Items):
        inner = _words_type(shape.item)
        return dict[str, inner] if shape.key else list[inner]  # type: ignore[valid-type]
    if isinstance(shape, Values):
        return dict[str, _words_type(shape.item)]  # type: ignore[misc]
    return _words_model(shape.model)


# The English side ------------------------------------------------------------------------


def words_of(value: Any, shape: Shape) -> Any:
    """The words of an English value (a model, or what a field holds) in the shape of a
    translation: what a translation starts from, and what fingerprints are taken of."""
    if value is None:
        return None
    if isinstance(shape, Leaf | Own):
        return list(value) if isinstance(value, list) else value
    if isinstance(shape, Items):
        if shape.key:
            return {getattr(v, shape.key): words_of(v, shape.item) for v in value}
        return [words_of(v, shape.item) for v in value]
    if isinstance(shape, Values):
        return {k: words_of(v, shape.item) for k, v in value.items()}
    out = {}
    for name, inner in shape.fields:
        words = words_of(getattr(value, name), inner)
        if words not in (None, [], {}):
            out[name] = words
    return out


def parts(model: BaseModel) -> dict[str, Any]:
    """The English words of an entry by part, as fingerprints name them: each top-level
    field, and each item of a list kept by key (`tags.late-payment`)."""
    shape = shape_of(type(model))
    assert shape is not None
    found: dict[str, Any] = {}
    for name, inner in shape.fields:
        words = words_of(getattr(model, name), inner)
        if words in (None, [], {}):
            continue
        if isinstance(inner, Items) and inner.key:
            found.update({f"{name}.{key}": item for key, item in words.items()})
        else:
            found[name] = words
    return found


def fingerprint(words: Any) -> str:
    text = json.dumps(words, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:FINGERPRINT]


def fingerprints(model: BaseModel) -> dict[str, str]:
    """The fingerprint of each part of an English entry (a translation's `english`)."""
    return {part: fingerprint(words) for part, words in parts(model).items()}


# The glossary ----------------------------------------------------------------------------

Unit = Literal["hours", "days", "business_days", "weeks", "months", "years"]


class GlossaryTerm(Strict):
    """How the language writes one English term."""

    term: Line = Field(description="The English term, as the English text writes it.")
    write: list[Line] = Field(
        min_length=1,
        description="The forms a translation may use (singular, plural); the first is preferred.",
    )
    avoid: list[Line] = Field(
        default_factory=list, description="Words a translation must not use for it."
    )
    checked: bool = Field(
        default=True,
        description=(
            "Whether translations are checked for it: false for an English word with "
            "everyday meanings too ('order' in 'in order to')."
        ),
    )
    note: Line | None = Field(default=None, description="Why, and the platform page that says so.")


class Glossary(Strict):
    """How one language writes the playbook's key terms and its units of time."""

    terms: list[GlossaryTerm] = Field(default_factory=list)
    units: dict[Unit, list[Line]] = Field(
        default_factory=dict,
        description=(
            "Each unit of time as the language writes it after a number (días, dias): "
            "a duration in the English must keep its number and unit."
        ),
    )


# One language's translations, checked ----------------------------------------------------


@dataclass(frozen=True)
class Status:
    """How far one entry's page can trust its translation."""

    language: str
    reviewed: bool
    changed: tuple[str, ...] = ()
    """Parts whose English changed since the translation was made (top-level fields)."""
    sources: tuple[Source, ...] = ()


@dataclass
class Edition:
    """One language's translations: the words by entry, checked against the English."""

    language: str
    entries: dict[tuple[str, str], Any] = field(default_factory=dict)
    """(folder, id) -> the entry with the translation's words in place."""
    status: dict[tuple[str, str], Status] = field(default_factory=dict)
    """(folder, id) -> how far its translation can be trusted; the vocabulary's is
    ("vocabulary", "vocabulary")."""
    vocabulary: Vocabulary | None = None
    glossary: Glossary | None = None
    made_from: tuple[int, ...] = ()
    """The identities of the translation files' parsed models. Unchanged files are parsed
    once (parsecache.py), so an edition made from the same files has the same tuple: a
    preview renders everything again only when a translation changed."""


@dataclass(frozen=True)
class Pair:
    """A text and its translation, where the translation has it."""

    loc: Loc
    english: str
    translated: str


@dataclass
class Comparison:
    """What laying one translation over its English found."""

    pairs: list[Pair] = field(default_factory=list)
    missing: list[Loc] = field(default_factory=list)
    """Text the English has and the translation leaves out."""
    extra: list[tuple[Loc, str]] = field(default_factory=list)
    """Items, keys or text the translation has and the English does not: where, and why."""


def lay_over(english: BaseModel, words: dict[str, Any]) -> tuple[dict[str, Any], Comparison]:
    """The English entry's data with the translation's words in place, and what the
    comparison found. Where the shapes differ (a list of another length), the English
    stays for that part."""
    shape = shape_of(type(english))
    assert shape is not None
    found = Comparison()
    data = english.model_dump()
    merged = _lay(data, words, shape, (), found)
    return merged, found


def _lay(english: Any, words: Any, shape: Shape, loc: Loc, found: Comparison) -> Any:
    if english is None:
        if words is not None:
            found.extra.append((loc, "the English has no text here"))
        return english
    if words is None:
        if isinstance(shape, Leaf) or (
            isinstance(shape, Fields | Items | Values) and _has_text(english)
        ):
            found.missing.append(loc)
        return english
    if isinstance(shape, Own):
        return words
    if isinstance(shape, Leaf):
        if isinstance(english, str):
            found.pairs.append(Pair(loc, english, words))
        return words
    if isinstance(shape, Items) and not shape.key:
        if len(words) != len(english):
            found.extra.append(
                (loc, f"has {len(words)} items where the English has {len(english)}")
            )
            return english
        pairs = enumerate(zip(english, words, strict=True))
        return [_lay(e, w, shape.item, (*loc, i), found) for i, (e, w) in pairs]
    if isinstance(shape, Items):
        assert shape.key is not None
        keys = [item[shape.key] for item in english]
        for key in words:
            if key not in keys:
                found.extra.append(((*loc, key), f"'{key}' is not in the English"))
        return [
            _lay(item, words.get(item[shape.key]), shape.item, (*loc, item[shape.key]), found)
            for item in english
        ]
    if isinstance(shape, Values):
        for key in words:
            if key not in english:
                found.extra.append(((*loc, key), f"'{key}' is not in the English"))
        return {k: _lay(v, words.get(k), shape.item, (*loc, k), found) for k, v in english.items()}
    out = dict(english)
    for name, inner in shape.fields:
        if name in words:
            out[name] = _lay(english.get(name), words[name], inner, (*loc, name), found)
        elif english.get(name) not in (None, [], {}) and not isinstance(inner, Own):
            found.missing.append((*loc, name))
    return out


def _has_text(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_has_text(v) for v in value)
    if isinstance(value, dict):
        return any(_has_text(v) for v in value.values())
    return False


def part_of(loc: Loc, model: type[BaseModel]) -> str:
    """The part (as fingerprints name them) that a location in a translation is in."""
    shape = shape_of(model)
    assert shape is not None
    head = str(loc[0])
    inner = dict(shape.fields).get(head)
    if isinstance(inner, Items) and inner.key and len(loc) > 1:
        return f"{head}.{loc[1]}"
    return head


# Comparing a text with its English -------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|<((?:https?:|mailto:)[^>\s]+)>")
_DURATION = re.compile(
    r"\b(\d+)(?:-|\s+)(business[ -]days?|working[ -]days?|hours?|days?|weeks?|months?|years?)\b",
    re.I,
)
_ENGLISH_UNITS: dict[str, Unit] = {
    "hour": "hours",
    "day": "days",
    "business day": "business_days",
    "working day": "business_days",
    "week": "weeks",
    "month": "months",
    "year": "years",
}


def numbers(text: str) -> Counter[str]:
    """The numbers in a text, with separators dropped: "US$20,000" and "20.000 US$" agree."""
    return Counter(re.sub(r"\D", "", n) for n in _NUMBER.findall(text))


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER_RE.findall(text))


def links(text: str) -> Counter[str]:
    return Counter(a or b for a, b in _LINK.findall(text))


def durations(text: str) -> list[tuple[str, Unit]]:
    """Each "14 days" or "48-hour" in an English text, as (number, unit)."""
    found: list[tuple[str, Unit]] = []
    for number, unit in _DURATION.findall(text):
        word = re.sub(r"[ -]+", " ", unit.lower()).removesuffix("s")
        found.append((number, _ENGLISH_UNITS[word]))
    return found


def differences(pair: Pair, glossary: Glossary | None) -> Iterator[tuple[str, str]]:
    """(code, what) for each way a translated text departs from its English."""
    english, translated = pair.english, pair.translated
    if placeholders(english) != placeholders(translated):
        want = ", ".join(f"{{{{ {n} }}}}" for n in sorted(placeholders(english))) or "none"
        yield "PB141", f"its blanks differ from the English, which has {want}"
    if numbers(english) != numbers(translated):
        lost = sorted((numbers(english) - numbers(translated)).elements())
        added = sorted((numbers(translated) - numbers(english)).elements())
        what = "; ".join(
            part
            for part in (
                f"the English has {', '.join(lost)}" if lost else "",
                f"the English does not have {', '.join(added)}" if added else "",
            )
            if part
        )
        yield "PB142", f"its numbers differ from the English ({what}): write the same numbers"
    if links(english) != links(translated):
        yield "PB144", "its links differ from the English: link the same addresses"
    if glossary is not None and glossary.units:
        for number, unit in durations(english):
            forms = glossary.units.get(unit)
            if forms and not _has_duration(translated, number, forms):
                yield (
                    "PB143",
                    f"the English says {number} {unit.replace('_', ' ')}: write {number} "
                    f"and the unit as the glossary does ({', '.join(forms)})",
                )
    if glossary is not None:
        yield from _glossary_differences(english, translated, glossary)


def _has_duration(text: str, number: str, forms: list[str]) -> bool:
    words = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    pattern = rf"(?<!\d){re.escape(number)}(?:\s+|-)(?:\S+\s+){{0,2}}?(?:{words})\b"
    return re.search(pattern, text, re.I) is not None


@functools.cache
def _term_pattern(term: str) -> re.Pattern[str]:
    """A glossary term in English text, plural included. A term with a capital is a
    name (Milestone Payment, Connects) and matches as written: "milestone payments" in
    a sentence is not Freelancer.com's feature."""
    flags = 0 if any(c.isupper() for c in term) else re.I
    return re.compile(rf"\b{re.escape(term)}(?:s|es)?\b", flags)


def _glossary_differences(
    english: str, translated: str, glossary: Glossary
) -> Iterator[tuple[str, str]]:
    lowered = translated.casefold()
    english = PLACEHOLDER_RE.sub(" ", english)  # {{ contract }} is a blank, not the word
    for term in glossary.terms:
        if not term.checked or not _term_pattern(term.term).search(english):
            continue
        avoided = [w for w in term.avoid if re.search(rf"\b{re.escape(w)}\b", translated, re.I)]
        if avoided:
            yield (
                "PB211",
                f"'{avoided[0]}' is not the glossary's word for '{term.term}': "
                f"write '{term.write[0]}'",
            )
        elif not any(form.casefold() in lowered for form in term.write):
            yield "PB211", f"the English says '{term.term}': the glossary writes '{term.write[0]}'"


def compare(
    path: Path,
    marks: Marks,
    model: type[BaseModel],
    found: Comparison,
    changed: set[str],
    glossary: Glossary | None,
) -> list[Problem]:
    """The problems of one translation laid over its English. Where a part's English
    changed since (`changed`), its differences are expected: PB210 says so once."""
    problems: list[Problem] = []
    for pair in found.pairs:
        if pair.translated.startswith("TODO"):
            continue  # not translated yet: PB130 says so
        for code, what in differences(pair, glossary):
            if code != "PB211" and part_of(pair.loc, model) in changed:
                continue
            line, col = marks.find(pair.loc)
            problems.append(Problem(path, line, col, code, f"'{describe(pair.loc)}': {what}"))
    for loc, why in found.extra:
        if part_of(loc, model) in changed:
            continue
        line, col = marks.find(loc, key=True)
        problems.append(
            Problem(
                path,
                line,
                col,
                "PB145",
                f"'{describe(loc)}' {why}: translate what the English has, no more",
            )
        )
    for loc in found.missing:
        if part_of(loc, model) in changed:
            continue
        line, col = marks.find(loc[:-1])
        problems.append(
            Problem(
                path,
                line,
                col,
                "PB146",
                f"'{describe(loc)}' is not translated: add it (the English has it)",
            )
        )
    return problems


def changed_parts(recorded: dict[str, str], english: BaseModel) -> list[str]:
    """The parts whose English is not what the translation was made from, sorted."""
    now = fingerprints(english)
    return sorted(p for p in set(now) | set(recorded) if now.get(p) != recorded.get(p))


PART_WORDS: dict[str, str] = {
    "title": N_("the title"),
    "summary": N_("the summary"),
    "signals": N_("how to recognise it"),
    "stakes": N_("what is at stake"),
    "steps": N_("the steps"),
    "platform_notes": N_("what differs by platform"),
    "search_terms": N_("the search words"),
    "when": N_("when to use it"),
    "how": N_("how to do it"),
    "pitfalls": N_("the pitfalls"),
    "purpose": N_("what it is for"),
    "placeholders": N_("the blanks"),
    "variants": N_("the message"),
    "questions": N_("the questions"),
    "rule": N_("the rule"),
    "consequence": N_("what happens if you miss it"),
    "clock": N_("the deadline"),
    "changed": N_("what changed"),
}
"""What the page calls each part of an entry when its English changed since translation."""
