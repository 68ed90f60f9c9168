"""Load a content folder into a `Playbook`, or raise one `ContentError` with every problem.

Pure Python, no MkDocs: `playbook check`, the plugin, exports and tests all call `load`.
"""

from __future__ import annotations

import os
import types
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .i18n import site_languages
from .kinds import KINDS
from .link import link
from .models import (
    ID_PATTERN,
    ID_RULE,
    PLACEHOLDER_PATTERN,
    PLACEHOLDER_RULE,
    URL_PATTERN,
    Entry,
    Vocabulary,
)
from .parsecache import collector_paused, parse_all
from .playbook import Located, Playbook
from .problems import WARNING_CODES, ContentError, Problem, did_you_mean
from .routes import INDEX, tag_page
from .safety import check_strings
from .translate import (
    FINGERPRINT_PATTERN,
    GLOSSARY,
    I18N,
    Edition,
    Glossary,
    Status,
    TranslationBase,
    changed_parts,
    compare,
    lay_over,
    shape_of,
    translation_model,
)
from .yamlread import Document, Loc, Marks, describe, read_entry

VOCABULARY = "vocabulary.yml"
PAGES = "pages"  # hand-written Markdown, the MkDocs docs_dir; not read here


@dataclass(frozen=True)
class Parsed:
    """One file after reading and validation: a model, or the problems that stop it."""

    kind: str
    path: Path
    model: Entry | Vocabulary | None
    marks: Marks
    problems: tuple[Problem, ...]


def load(
    content_dir: Path,
    *,
    today: date | None = None,
    stale_after_days: int = 365,
    translations: bool = True,
) -> Playbook:
    """Read, validate and cross-link every entry under `content_dir`, and, unless
    `translations` is false, every translation (content/i18n/), checked against them.

    Raises `ContentError` carrying every error and warning when any error is found;
    otherwise returns the playbook with its warnings in `Playbook.warnings`.
    """
    with collector_paused():
        return _load(
            content_dir, today=today, stale_after_days=stale_after_days, translations=translations
        )


def _load(
    content_dir: Path, *, today: date | None, stale_after_days: int, translations: bool
) -> Playbook:
    content_dir = Path(content_dir)
    problems: list[Problem] = []
    files, placement = discover(content_dir)
    problems += placement
    parsed = parse_all(parse_file, files)
    for item in parsed:
        problems += item.problems
    vocab_item = next((p for p in parsed if p.kind == "vocabulary"), None)
    if vocab_item is None:
        problems.append(
            Problem(
                content_dir / VOCABULARY,
                1,
                1,
                "PB009",
                f"{VOCABULARY} is missing: every content folder needs one",
            )
        )
    entries = [p for p in parsed if p.kind != "vocabulary"]
    if vocab_item is None or not isinstance(vocab_item.model, Vocabulary):
        raise ContentError(problems)
    entry_types = KINDS.entry_types()
    playbook, ref_problems = link(
        vocab_item.model,
        [(p.kind, p.path, p.model, p.marks) for p in entries if isinstance(p.model, entry_types)],
        root=content_dir,
        unreadable={(p.kind, p.path.stem) for p in entries if p.model is None},
        today=today or date.today(),
        stale_after_days=stale_after_days,
    )
    playbook.origins[("vocabulary", "vocabulary")] = Located(vocab_item.path, vocab_item.marks)
    problems += ref_problems
    files, found = discover_translations(content_dir) if translations else ([], [])
    problems += found
    if files:
        unreadable = {(p.kind, p.path.stem) for p in entries if p.model is None}
        parsed_translations = parse_all(parse_translation, files)
        for item in parsed_translations:
            problems += item.problems
        playbook.editions, found = editions(playbook, parsed_translations, unreadable)
        problems += found
    errors = [p for p in problems if p.code not in WARNING_CODES]
    if errors:
        raise ContentError(problems)
    playbook.warnings = sorted(problems)
    return playbook


def check(
    content_dir: Path, *, today: date | None = None, stale_after_days: int = 365
) -> list[Problem]:
    """Every error and warning for a content folder, sorted; empty when all is well."""
    try:
        return load(content_dir, today=today, stale_after_days=stale_after_days).warnings
    except ContentError as exc:
        return exc.problems


def discover(
    content_dir: Path, top_files: tuple[str, ...] = (VOCABULARY,)
) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """The files to read, as (kind, path), and problems with files in the wrong place.

    A file is a kind's folder's, or one of `top_files` at the top (its kind is its name
    without `.yml`); in the content folder the top holds vocabulary.yml, in a language's
    translations also glossary.yml."""
    if not content_dir.is_dir():
        return [], [Problem(content_dir, 1, 1, "PB009", "content folder not found")]
    root = content_dir.resolve()
    files: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(content_dir, followlinks=False):
        here = Path(dirpath)
        rel = here.relative_to(content_dir).parts
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if rel == ():
            for d in list(dirnames):
                if d in (PAGES, I18N):  # read by discover_translations
                    dirnames.remove(d)
                elif not KINDS.has_folder(d):
                    problems.append(
                        _misplaced(
                            here / d,
                            f"unknown folder '{d}': entries go in {', '.join(KINDS.folders())}",
                        )
                    )
                    dirnames.remove(d)
        for d in list(dirnames):
            if (here / d).is_symlink():
                problems += _check_link(here / d, root)
                dirnames.remove(d)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            if path.is_symlink() and _check_link(path, root):
                problems += _check_link(path, root)
                continue
            if rel == ():
                if name in top_files:
                    files.append((name.removesuffix(".yml"), path))
                elif name.endswith((".yml", ".yaml")):
                    problems.append(
                        _misplaced(
                            path,
                            f"'{name}' is outside the kind folders: move "
                            f"it into one of {', '.join(KINDS.folders())}",
                        )
                    )
                continue
            if name.endswith(".yaml"):
                problems.append(
                    _misplaced(
                        path, f"rename '{name}' to '{name[:-5]}.yml': entries use the .yml ending"
                    )
                )
            elif name.endswith(".yml"):
                files.append((rel[0], path))
            elif not name.endswith(".md"):  # a README.md beside entries is fine
                problems.append(
                    _misplaced(path, f"'{name}' is not an entry: only .yml files belong here")
                )
    return sorted(files, key=lambda f: str(f[1])), problems


def _misplaced(path: Path, message: str) -> Problem:
    return Problem(path, 1, 1, "PB009", message)


def _check_link(path: Path, root: Path) -> list[Problem]:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop, before Python 3.13
        what = "a symlink loop" if "loop" in str(exc).lower() else "its target is missing"
        return [
            Problem(
                path,
                1,
                1,
                "PB010",
                f"symlink cannot be followed ({what}): replace it with the file itself",
            )
        ]
    if target == root or root in target.parents:
        return []
    return [
        Problem(
            path,
            1,
            1,
            "PB010",
            "symlink points outside the content folder: replace it with the file itself",
        )
    ]


def parse_file(kind: str, path: Path) -> Parsed:
    """Read and validate one file; never raises for bad content."""
    model_cls: type[Entry | Vocabulary] = (
        Vocabulary if kind == "vocabulary" else KINDS.by_folder(kind).model
    )
    parsed = _parse(kind, path, model_cls, prose_checked=kind != "vocabulary")
    model, problems, marks = parsed.model, list(parsed.problems), parsed.marks
    if model is None:
        return parsed
    entry_types = KINDS.entry_types()
    if isinstance(model, entry_types) and model.id != path.stem:
        line, col = marks.find(("id",))
        message = (
            f"id '{model.id}' does not match the file name '{path.name}': "
            f"use id '{path.stem}' or rename the file"
        )
        problems.append(Problem(path, line, col, "PB103", message))
        model = None  # links name files, so this entry cannot be linked to
    if isinstance(model, entry_types) and model.id == INDEX:
        line, col = marks.find(("id",))
        message = (
            f"id '{INDEX}' is the name of the {kind} list page, which this entry's page "
            "would replace: choose another id and rename the file"
        )
        problems.append(Problem(path, line, col, "PB129", message))
        model = None
    if isinstance(model, Vocabulary):
        problems += _repeated_terms(path, model, marks)
        problems += _clashing_pages(path, model, marks)
    # An entry with unsafe or unfinished text still has its links checked in this run:
    # `load` raises on any error, so it is never rendered.
    return Parsed(kind, path, model, marks, tuple(problems))


def _parse(kind: str, path: Path, model_cls: type[BaseModel], *, prose_checked: bool) -> Parsed:
    """Read one file and validate it against `model_cls`: the model, or its problems."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Parsed(
            kind,
            path,
            None,
            Marks(),
            (Problem(path, 1, 1, "PB009", f"file cannot be read: {exc.strerror or exc}"),),
        )
    doc = read_entry(path, raw)
    if not isinstance(doc, Document):
        return Parsed(kind, path, None, Marks(), tuple(doc))
    problems = check_strings(path, doc.strings, doc.marks, prose_checked=prose_checked)
    try:
        model: Any = model_cls.model_validate(doc.data)
    except ValidationError as exc:
        # A TODO is its own problem; the same value's type or format error adds nothing.
        todo_at = {(p.line, p.col) for p in problems if p.code == "PB130"}
        for err in exc.errors():
            problem = _validation_problem(path, doc.marks, model_cls, err)
            if (problem.line, problem.col) not in todo_at:
                problems.append(problem)
        model = None
    return Parsed(kind, path, model, doc.marks, tuple(problems))


def discover_translations(content_dir: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """The translation files, as (`<lang>/<folder>`, path), where `<folder>` is a kind's
    folder, `vocabulary` or `glossary`; and problems with files in the wrong place."""
    root = content_dir / I18N
    if not root.is_dir():
        return [], []
    known = site_languages()
    files: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    for lang_dir in sorted(root.iterdir()):
        if lang_dir.name.startswith("."):
            continue
        if not lang_dir.is_dir() or lang_dir.name not in known:
            hint = did_you_mean(lang_dir.name, known)
            message = (
                f"'{lang_dir.name}' is not a language of the site{hint}: "
                f"translations go in {', '.join(f'{I18N}/{k}/' for k in known)}; a new language "
                "starts with its interface catalogue (CONTRIBUTING.md, 'Translating')"
            )
            problems.append(_misplaced(lang_dir, message))
            continue
        found, wrong = discover(lang_dir, top_files=(VOCABULARY, f"{GLOSSARY}.yml"))
        problems += wrong
        for kind, path in found:
            files.append((f"{lang_dir.name}/{kind}", path))
    return files, problems


def parse_translation(kind: str, path: Path) -> Parsed:
    """Read and validate one translation file (`kind` is `<lang>/<folder>`)."""
    folder = kind.partition("/")[2]
    model_cls: type[BaseModel]
    if folder == GLOSSARY:
        model_cls = Glossary
    elif folder == "vocabulary":
        model_cls = translation_model(Vocabulary)
    elif shape_of(KINDS.by_folder(folder).model) is None:
        message = f"{folder} have no words to translate: remove this file"
        return Parsed(kind, path, None, Marks(), (_misplaced(path, message),))
    else:
        model_cls = translation_model(KINDS.by_folder(folder).model)
    return _parse(kind, path, model_cls, prose_checked=folder != GLOSSARY)


def editions(
    playbook: Playbook, parsed: list[Parsed], unreadable: set[tuple[str, str]]
) -> tuple[dict[str, Edition], list[Problem]]:
    """Each language's translations laid over the English, and what is wrong with them."""
    problems: list[Problem] = []
    out: dict[str, Edition] = {}
    for item in parsed:
        language = item.kind.partition("/")[0]
        edition = out.setdefault(language, Edition(language))
        edition.made_from += (id(item.model),)
        if item.kind.endswith(f"/{GLOSSARY}") and isinstance(item.model, Glossary):
            out[language].glossary = item.model
    for item in parsed:
        language, _, folder = item.kind.partition("/")
        edition = out[language]
        if folder == GLOSSARY or not isinstance(item.model, TranslationBase):
            continue
        if folder == "vocabulary":
            english: Any = playbook.vocabulary
            target: tuple[str, str] = ("vocabulary", "vocabulary")
        else:
            entry_id = item.path.stem
            english = playbook.entries[folder].get(entry_id)
            target = (folder, entry_id)
            if english is None:
                if (folder, entry_id) not in unreadable:
                    known = playbook.entries[folder]
                    message = (
                        f"no {KINDS.by_folder(folder).noun} '{entry_id}' to translate"
                        f"{did_you_mean(entry_id, known)}: name the file after the English "
                        f"entry's id (content/{folder}/<id>.yml)"
                    )
                    problems.append(Problem(item.path, 1, 1, "PB140", message))
                continue
        found_problems, translated, status = _laid(item, english, edition)
        problems += found_problems
        if translated is None or status is None:
            continue
        if target == ("vocabulary", "vocabulary"):
            edition.vocabulary = translated
        else:
            edition.entries[target] = translated
        edition.status[target] = status
    return out, problems


Laid = tuple[list[Problem], Any, Status | None]
_LAID: dict[Path, tuple[object, object, object, Laid]] = {}
"""Each translation laid over its English, kept while neither changed: under `make
serve`, unchanged files are the very same parsed objects (parsecache.py), so an edit
lays again only the translations it touched. The objects are kept with the result, so
that none is freed and its identity given to another."""


def _laid(item: Parsed, english: Any, edition: Edition) -> Laid:
    inputs = (item.model, english, edition.glossary)
    kept = _LAID.get(item.path)
    if kept is not None and all(a is b for a, b in zip(kept[:3], inputs, strict=True)):
        return kept[3]
    result = _lay_translation(item, english, edition)
    _LAID[item.path] = (item.model, english, edition.glossary, result)
    return result


def _lay_translation(item: Parsed, english: Any, edition: Edition) -> Laid:
    """The problems of one translation, the English entry with its words in place, and
    how far the page can trust it (None for both when it cannot be laid)."""
    assert isinstance(item.model, TranslationBase)
    model_cls = type(english)
    recorded = item.model.english
    changed = changed_parts(recorded, english)
    problems: list[Problem] = []
    if changed:
        line, col = item.marks.find(("english",), key=True)
        message = (
            f"the English changed since this translation ({', '.join(changed)}): bring "
            "those parts up to date, then run `playbook translated "
            f"{item.path.name}` to record it"
        )
        problems.append(Problem(item.path, line, col, "PB210", message))
    words = item.model.model_dump(exclude_none=True, exclude={"english", "reviewed", "sources"})
    merged, found = lay_over(english, words)
    problems += compare(item.path, item.marks, model_cls, found, set(changed), edition.glossary)
    try:
        translated = model_cls.model_validate(merged)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(
                Problem(
                    item.path, 1, 1, "PB102", f"'{describe(tuple(err['loc']))}': {_explain(err)}"
                )
            )
        return problems, None, None
    sources = tuple(getattr(item.model, "sources", ()))
    tops = tuple(dict.fromkeys(part.partition(".")[0] for part in changed))
    return problems, translated, Status(edition.language, item.model.reviewed, tops, sources)


def _repeated_terms(path: Path, vocabulary: Vocabulary, marks: Marks) -> list[Problem]:
    """PB111 for an id listed twice in one vocabulary list (pages would repeat HTML ids)."""
    problems = []
    for group in Vocabulary.model_fields:
        seen: set[str] = set()
        for i, term in enumerate(getattr(vocabulary, group)):
            if term.id in seen:
                line, col = marks.find((group, i, "id"))
                message = f"'{term.id}' appears twice in {group}: remove one or rename it"
                problems.append(Problem(path, line, col, "PB111", message))
            seen.add(term.id)
    places = [j.id for j in vocabulary.jurisdictions]
    for i, place in enumerate(vocabulary.jurisdictions):
        if place.within is None:
            continue
        line, col = marks.find(("jurisdictions", i, "within"))
        if place.within not in places:
            message = (
                f"jurisdictions.{place.id}: within '{place.within}' is not a listed place"
                f"{did_you_mean(place.within, places)}: add it or correct the id"
            )
            problems.append(Problem(path, line, col, "PB109", message))
        elif place.id in vocabulary.places_around(place.id)[1:]:
            message = (
                f"jurisdictions.{place.id}: 'within' leads back to '{place.id}': a place "
                "cannot be inside itself; correct one of the 'within' ids"
            )
            problems.append(Problem(path, line, col, "PB102", message))
    platforms = [p.id for p in vocabulary.platforms]
    for i, word in enumerate(vocabulary.words):
        for key in word.platforms:
            if key not in platforms:
                line, col = marks.find(("words", i, "platforms", key), key=True)
                message = (
                    f"words.{word.id}: '{key}' is not a platform listed under platforms"
                    f"{did_you_mean(key, platforms)}"
                )
                problems.append(Problem(path, line, col, "PB109", message))
    return problems


def _clashing_pages(path: Path, vocabulary: Vocabulary, marks: Marks) -> list[Problem]:
    """PB129 for vocabulary names whose pages would take another page's path: a group or
    platform id `index`, and titles whose tag pages share a slug, or have none."""
    problems = []
    for group in ("categories", "platforms"):
        for i, term in enumerate(getattr(vocabulary, group)):
            if term.id == INDEX:
                line, col = marks.find((group, i, "id"))
                message = (
                    f"{group}: id '{INDEX}' is the name of the list page, which this one's "
                    "page would replace: choose another id"
                )
                problems.append(Problem(path, line, col, "PB129", message))
    pages: dict[str, str] = {}
    for group in ("categories", "platforms", "tags"):
        for i, term in enumerate(getattr(vocabulary, group)):
            page, title = tag_page(term.title), term.title
            line, col = marks.find((group, i, "title"))
            if page == tag_page(""):
                message = (
                    f"{group}.{term.id}: title '{title}' has no letters or digits for "
                    "its tag page's address: add a word"
                )
                problems.append(Problem(path, line, col, "PB129", message))
            elif pages.setdefault(page, title) != title:
                message = (
                    f"{group}.{term.id}: title '{title}' gives the same tag page "
                    f"({page}) as '{pages[page]}', and one would be lost: make the titles "
                    "differ in letters or digits, not only in punctuation or case"
                )
                problems.append(Problem(path, line, col, "PB129", message))
    return problems


def _validation_problem(path: Path, marks: Marks, model_cls: type[BaseModel], err: Any) -> Problem:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    where = describe(loc)
    if kind == "extra_forbidden":
        line, col = marks.find(loc, key=True)
        allowed = _fields_at(model_cls, loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed)
        rest = hint or (f"; allowed here: {', '.join(allowed)}" if allowed else "")
        return Problem(path, line, col, "PB101", f"unknown field '{where}'{rest}")
    if kind == "missing":
        line, col = marks.find(loc[:-1])
        return Problem(path, line, col, "PB100", f"required field '{where}' is missing: add it")
    line, col = marks.find(loc)
    return Problem(path, line, col, "PB102", f"'{where}': {_explain(err)}")


def _explain(err: Any) -> str:
    pattern = (err.get("ctx") or {}).get("pattern")
    if err["type"] == "string_pattern_mismatch" and pattern == ID_PATTERN:
        return f"'{err['input']}' is not a valid id: use {ID_RULE}"
    if err["type"] == "string_pattern_mismatch" and pattern == PLACEHOLDER_PATTERN:
        return f"'{err['input']}' is not a valid placeholder name: use {PLACEHOLDER_RULE}"
    if err["type"] == "string_pattern_mismatch" and pattern == URL_PATTERN:
        return "not a valid web address: use an http://, https:// or mailto: address"
    if err["type"] == "string_pattern_mismatch" and pattern == FINGERPRINT_PATTERN:
        return (
            "not a fingerprint of the English: leave `english` as `playbook new` wrote it, "
            "or run `playbook translated` on the file"
        )
    if err["type"] == "too_short":
        least = (err.get("ctx") or {}).get("min_length", 1)
        if least == 1:
            return "needs at least 1 item: add one"
        return f"needs at least {least} items: add more"
    if err["type"] in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return "not a date: write it as YYYY-MM-DD, like 2026-11-01"
    message: str = err["msg"]
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return message[0].lower() + message[1:]


def _fields_at(model_cls: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model found at `loc` inside `model_cls`, for suggestions."""
    current: Any = model_cls
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(str(part))
        if info is None:
            return []
        current = _unwrap(info.annotation)
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return sorted(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """list[X] -> X, dict[K, V] -> V, X | None -> X, Annotated[X, ...] -> X."""
    while True:
        origin = get_origin(annotation)
        args = [a for a in get_args(annotation) if a is not type(None)]
        if origin is list or origin is Annotated or origin in (Union, types.UnionType):
            annotation = args[0]
        elif origin is dict:
            annotation = args[1]
        else:
            return annotation
