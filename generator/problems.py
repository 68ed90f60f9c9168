"""Problems found in content: stable codes, positions, and the exception that carries them."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# Every rule the checker enforces, with its stable code. Codes never change meaning;
# a retired rule keeps its number reserved. Each has a fixture in tests/fixtures/errors/.
CODES: dict[str, str] = {
    # Reading files
    "PB001": "YAML syntax error",
    "PB002": "duplicate key in a mapping",
    "PB003": "file is not a mapping of fields",
    "PB004": "unsupported YAML tag",
    "PB005": "YAML anchors and aliases are not allowed",
    "PB006": "file or text too large",
    "PB007": "file is not valid UTF-8",
    "PB008": "file is empty",
    "PB009": "file in the wrong place or with the wrong ending",
    "PB010": "symlink pointing outside the content folder, or that cannot be followed",
    "PB011": "mapping key is not a plain string",
    "PB012": "lists or mappings nested too deeply",
    # Fields
    "PB100": "required field missing",
    "PB101": "unknown field",
    "PB102": "field has the wrong type or an invalid value",
    "PB103": "id does not match the file name",
    "PB110": "duplicate id",
    "PB111": "value repeated in a list",
    # Cross-references
    "PB104": "scenario step names a tactic that does not exist",
    "PB105": "reference to a message that does not exist",
    "PB106": "reference to a prompt set that does not exist",
    "PB107": "reference to a scenario that does not exist",
    "PB108": "reference to a tactic that does not exist",
    "PB109": "value not in the vocabulary",
    "PB112": "entry refers to itself",
    "PB113": "reference to a rule that does not exist",
    "PB114": "rule clock names an unknown time zone",
    "PB115": "scenario lists a platform without saying what differs there",
    "PB116": "platform note for a platform the scenario does not list",
    "PB117": "scenario names a rule of a platform it does not list",
    "PB118": "step version for a platform the scenario does not list",
    "PB119": "scenario offers a message written only for platforms it does not list",
    "PB127": "rule scope names no place in or around its jurisdiction",
    "PB128": "message id whose Espanso trigger begins another message's",
    "PB129": "two pages would share one address, or a page would have none",
    # Translations (content/i18n/<lang>/)
    "PB140": "translation of an entry that does not exist",
    "PB141": "translation's blanks differ from the English",
    "PB142": "translation's numbers differ from the English",
    "PB143": "translation's durations differ from the English",
    "PB144": "translation's links differ from the English",
    "PB145": "translation has items or keys the English does not",
    "PB146": "translation leaves out text the English has",
    # Message placeholders
    "PB120": "placeholder used in a body but not declared",
    "PB121": "placeholder declared but never used",
    "PB122": "malformed placeholder in a message body",
    "PB123": "placeholder default or choices inconsistent",
    "PB124": "message body text that text expanders would misread",
    "PB125": "a tone leaves out a blank the other tones use",
    "PB126": "placeholder named like a platform word",
    # Unfinished or unsafe text
    "PB130": "TODO left in an entry",
    "PB300": "raw HTML in content",
    "PB301": "link with a URL scheme other than http, https or mailto",
    "PB302": "Markdown attribute list in content",
    # Warnings (errors only with --strict)
    "PB201": "tactic not used by any scenario",
    "PB202": "message not used by any scenario",
    "PB203": "prompt set not used by any scenario",
    "PB204": "source checked too long ago",
    "PB205": "template syntax outside a message body (shown literally)",
    "PB206": "rule not named by any scenario",
    "PB207": "sentence over 35 words",
    "PB208": "a platform's version of a step names another platform's rule",
    "PB209": "step text that readers of one platform see uses another platform's own words",
    "PB210": "translation made from an older English",
    "PB211": "translation does not write a term as the language's glossary does",
}

WARNING_CODES = frozenset(code for code in CODES if code.startswith("PB2"))


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a place in a file."""

    path: Path
    line: int
    col: int
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self.code in WARNING_CODES else Severity.ERROR

    def display_path(self, cwd: Path | None = None) -> str:
        """The path relative to `cwd` (the current directory by default), with forward slashes."""
        base = cwd or Path.cwd()
        try:
            rel = os.path.relpath(self.path, base)
        except ValueError:  # another drive on Windows
            rel = str(self.path)
        return rel.replace(os.sep, "/")

    def format_text(self, cwd: Path | None = None) -> str:
        word = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.display_path(cwd)}:{self.line}:{self.col}: {word}{self.code} {self.message}"

    def format_github(self, cwd: Path | None = None) -> str:
        kind = "warning" if self.severity is Severity.WARNING else "error"
        message = _github_escape(f"{self.code} {self.message}")
        return (
            f"::{kind} file={self.display_path(cwd)},line={self.line},col={self.col},"
            f"title={self.code}::{message}"
        )


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by path, line, column, code; drop exact duplicates."""
    return sorted(set(problems))


class ContentError(Exception):
    """Raised by `load` with every problem found, never just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__(f"{len(self.problems)} problem(s) in content")

    def format(self, cwd: Path | None = None) -> str:
        return "\n".join(p.format_text(cwd) for p in self.problems)


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    match = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
