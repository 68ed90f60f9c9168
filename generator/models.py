"""The content model: four kinds of entry and the vocabulary, validated by Pydantic v2.

Field names here are the contract in DESIGN.md; contributors, exports and the JSON Schema
all read them from this file. Cross-references are plain ids here and are resolved by
`generator.resolve`, which knows every entry.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RULE = "lowercase letters and digits in words joined by single hyphens, like 'late-payment'"
PLACEHOLDER_PATTERN = r"^[a-z][a-z0-9_]*$"
PLACEHOLDER_RULE = "a lowercase letter, then lowercase letters, digits or underscores"
URL_PATTERN = r"^(https?://[^\s/$.?#][^\s]*|mailto:[^\s]+)$"

# `{{ name }}` in a message body; anything else with braces is reported as malformed.
PLACEHOLDER_RE = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, AfterValidator(_not_blank)]
Line = Annotated[str, AfterValidator(_not_blank), StringConstraints(max_length=200)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Source(Strict):
    """Where a fact comes from, and when someone last checked that it still holds."""

    title: Line = Field(description="The page's title, as it appears on the page.")
    url: Url = Field(description="http(s) or mailto address of the page.")
    checked: date = Field(description="The day you last read the page (YYYY-MM-DD).")


class Step(Strict):
    """One move in a scenario's playbook: a reusable tactic, applied to this situation."""

    tactic: Id = Field(description="Id of the tactic this step uses (content/tactics/<id>.yml).")
    do: Text = Field(description="What to do in this situation, concretely (Markdown).")


class PlatformRule(Strict):
    """A platform rule that changes what to do, with its deadline and its source."""

    platform: Id = Field(description="A platform id from vocabulary.yml.")
    rule: Text = Field(description="The rule in your own words (Markdown).")
    act_within_days: int | None = Field(
        default=None, ge=1, le=365, description="Days the reader has to act, if there is a clock."
    )
    clock_starts: Line | None = Field(
        default=None, description="What starts the clock, e.g. 'the client's review deadline'."
    )
    source: Source


class Scenario(Strict):
    """A recognisable client situation with an ordered playbook of steps."""

    id: Id
    title: Line
    category: Id = Field(description="A category id from vocabulary.yml.")
    platforms: list[Id] = Field(min_length=1, description="Platform ids from vocabulary.yml.")
    summary: Text = Field(description="One or two sentences: the situation in plain words.")
    signals: list[Text] = Field(min_length=1, description="How the reader recognises it.")
    stakes: Text = Field(description="What the reader stands to lose or gain (Markdown).")
    steps: list[Step] = Field(min_length=3, max_length=7)
    messages: list[Id] = Field(min_length=1, description="Message ids offered on the page.")
    prompts: list[Id] = Field(min_length=1, description="Reflection prompt-set ids.")
    related: list[Id] = Field(default_factory=list, description="Related scenario ids.")
    rules: list[PlatformRule] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    tags: list[Id] = Field(default_factory=list, description="Tag ids from vocabulary.yml.")
    search_terms: list[Line] = Field(
        default_factory=list, description="Words people type when this happens to them."
    )


class Tactic(Strict):
    """A reusable technique that many scenarios apply."""

    id: Id
    title: Line
    summary: Text
    when: Text = Field(description="When this tactic helps, and when it does not.")
    how: list[Text] = Field(min_length=1, description="The steps of the tactic, in order.")
    pitfalls: list[Text] = Field(min_length=1)
    frameworks: list[Line] = Field(
        default_factory=list, description="Credits: the frameworks and authors it draws on."
    )
    related: list[Id] = Field(default_factory=list, description="Related tactic ids.")
    sources: list[Source] = Field(default_factory=list)


class Placeholder(Strict):
    """A blank in a message that the reader fills in."""

    name: Annotated[str, StringConstraints(pattern=PLACEHOLDER_PATTERN, max_length=40)]
    label: Line = Field(description="The form label, also shown as the [Label] blank.")
    example: Line = Field(description="A realistic example value, shown as a hint.")
    default: str | None = None
    choices: list[Line] | None = Field(default=None, description="Offer a fixed list instead.")
    multiline: bool = False


class Message(Strict):
    """A fill-in message for one purpose, in tone variants that differ in warmth, not facts."""

    id: Id
    title: Line
    purpose: Text
    channel: Id = Field(description="A channel id from vocabulary.yml.")
    placeholders: list[Placeholder] = Field(default_factory=list)
    variants: dict[Id, Text] = Field(
        min_length=2, description="Tone id (from vocabulary.yml) to the message body."
    )


class PromptSet(Strict):
    """Questions for after the dust settles."""

    id: Id
    title: Line
    when: Text
    questions: list[Text] = Field(min_length=3)


class Term(Strict):
    """One allowed value in the vocabulary, with the words readers see."""

    id: Id
    title: Line
    summary: Text | None = None


class Category(Term):
    """A group of scenarios, shown as one choice in the home page's triage."""

    summary: Text
    complaint: Text | None = Field(default=None, description="The group's common complaint.")


class Vocabulary(Strict):
    """The allowed categories, platforms, tones, channels and tags."""

    categories: list[Category] = Field(min_length=1)
    platforms: list[Term] = Field(min_length=1)
    tones: list[Term] = Field(min_length=1)
    channels: list[Term] = Field(min_length=1)
    tags: list[Term] = Field(default_factory=list)


Entry = Scenario | Tactic | Message | PromptSet
ENTRY_TYPES = (Scenario, Tactic, Message, PromptSet)

# Folder under content/ for each kind of entry, in the order pages are built.
KINDS: dict[str, type[Scenario] | type[Tactic] | type[Message] | type[PromptSet]] = {
    "scenarios": Scenario,
    "tactics": Tactic,
    "messages": Message,
    "prompts": PromptSet,
}
