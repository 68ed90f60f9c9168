"""Rules on every text value: nothing unfinished, nothing that could run in a browser.

Prose fields are Markdown, and Python-Markdown passes raw HTML through; so raw HTML,
links with scripting schemes and attribute lists ({: onclick=...}) are refused in every
text field. Message bodies are exempt: they are shown as plain text, escaped, never as
Markdown. Template syntax is only a warning: content is data and shows literally.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .problems import Problem
from .prose import is_prose, long_sentence_problem, long_sentences
from .yamlread import Loc, Marks, describe

SAFE_SCHEMES = ("http", "https", "mailto")
_TODO = re.compile(r"\bTODO\b")

_AUTOLINK = re.compile(r"<(?:https?:|mailto:)[^>\s]*>", re.I)
_TAG = re.compile(r"<\s*/?\s*[a-z][a-z0-9-]*(?:[\s/>]|$)|<!--|<!\[CDATA\[|<![a-z]", re.I)
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REF_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*)\s*:", re.I)
_ATTR_LIST = re.compile(r"\{\s*:|\{\s*[#.][\w-][^}]*\}|\{[^{}]*=[^{}]*\}")
_TEMPLATE = re.compile(r"\{\{|\{%|\{#")


def check_strings(
    path: Path,
    strings: Iterable[tuple[Loc, str]],
    marks: Marks,
    *,
    prose_checked: bool = True,
) -> list[Problem]:
    """Problems in every string of a raw entry (`Document.strings`), each at its place.

    One pass for all text rules: leftover TODOs (PB130), sentences over 35 words in
    reader-facing prose (PB207, see `generator.prose`) and the safety rules below.
    """
    problems: list[Problem] = []
    for loc, text in strings:
        if prose_checked and is_prose(loc, text):
            for count, start in long_sentences(text):
                problems.append(long_sentence_problem(path, loc, marks, count, start))
        if "TODO" in text and _TODO.search(text):
            line, col = marks.find(loc)
            message = f"'{describe(loc)}' still says TODO: replace it with the real text"
            problems.append(Problem(path, line, col, "PB130", message))
        if loc[:1] == ("variants",):  # message bodies: plain text, checked by PB122
            continue
        found = check_text(text)
        if found:
            code, message = found
            line, col = marks.find(loc)
            problems.append(Problem(path, line, col, code, f"'{describe(loc)}': {message}"))
    return problems


def check_text(text: str) -> tuple[str, str] | None:
    """The first problem with one text, as (code, message), or None."""
    if "<" not in text and "]" not in text and "{" not in text:
        return None  # every rule below needs one of these: most prose is done here
    tag = _TAG.search(_AUTOLINK.sub("", text))
    if tag:
        return "PB300", (
            f"raw HTML '{tag.group(0).strip()}' is not allowed in content: use Markdown "
            "(*emphasis*, [links](https://...)) or describe it in words"
        )
    for target in [*_INLINE_LINK.findall(text), *_REF_LINK.findall(text)]:
        scheme = _SCHEME.match(target)
        if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
            return "PB301", (
                f"a link uses the '{scheme.group(1)}:' scheme: links may only use "
                "https://, http:// or mailto:"
            )
    if _ATTR_LIST.search(_without_templates(text)):
        return "PB302", (
            "attribute lists such as '{: ...}' are not allowed in content: remove the braces"
        )
    if _TEMPLATE.search(text):
        return "PB205", (
            "'{{', '{%' or '{#' shows literally on the page: content is never a template, and "
            "{{ name }} placeholders only work in message bodies"
        )
    return None


def _without_templates(text: str) -> str:
    """Text without template-looking braces, so '{{ x }}' is not taken for an attribute list."""
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", "", text, flags=re.S)
