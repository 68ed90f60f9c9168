"""The content model: the kinds of entry and the vocabulary, validated by Pydantic v2.

Field names here are the contract in DESIGN.md; contributors, exports and the JSON Schema
all read them from this file. Cross-references are ids marked with `Ref` (an entry of
another kind) or `Vocab` (a vocabulary list); `generator.link` checks every marked value
against the entries and the vocabulary, and `generator.playbook` links them both ways.
Each kind's names are declared once, as a `KindName` below, and registered with its
model in `generator.kinds`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RULE = "lowercase letters and digits in words joined by single hyphens, like 'late-payment'"
PLACEHOLDER_PATTERN = r"^[a-z][a-z0-9_]*$"
PLACEHOLDER_RULE = "a lowercase letter, then lowercase letters, digits or underscores"
URL_PATTERN = r"^(https?://[^\s/$.?#][^\s]*|mailto:[^\s]+)$"

# `{{ name }}` in a message body; anything else with braces is reported as malformed.
PLACEHOLDER_RE = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")


@functools.cache
def _words_pattern(words: tuple[str, ...], any_case: bool) -> re.Pattern[str]:
    flags = re.IGNORECASE if any_case else 0
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")(?![\w.])", flags)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, AfterValidator(_not_blank)]
Line = Annotated[str, AfterValidator(_not_blank), StringConstraints(max_length=200)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
Month = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


@dataclass(frozen=True)
class Prose:
    """Marks words a translation gives in its own language (generator.translate): text
    item by item, or, with `own`, a list the language writes its own way (the words
    its readers type), not one item for each English one."""

    own: bool = False


PROSE = Prose()
OWN_LIST = Prose(own=True)
ProseText = Annotated[Text, PROSE]
ProseLine = Annotated[Line, PROSE]


@dataclass(frozen=True)
class KindName:
    """What a kind of entry is called, declared once for everything that names the kind:
    the references below, the registry in `generator.kinds` (which pairs it with its
    model), the checker's messages, the pages and the exports. It lives here, apart from
    the registry, because the models' references need it and the registry needs the
    models."""

    name: str
    """Singular id: `playbook new <name>`, `schema/<name>.json`, the page template's variable."""
    folder: str
    """`content/<folder>/<id>.yml`, shown at `<folder>/<id>/`; the key in `playbook.json`."""
    noun: str
    """What a contributor calls one entry, in the checker's messages: "prompt set"."""
    plural: str
    """What a contributor calls several: "prompt sets"."""


SCENARIO = KindName("scenario", "scenarios", "scenario", "scenarios")
TACTIC = KindName("tactic", "tactics", "tactic", "tactics")
MESSAGE = KindName("message", "messages", "message", "messages")
PROMPT = KindName("prompt", "prompts", "prompt set", "prompt sets")
RULE = KindName("rule", "rules", "rule", "rules")


@dataclass(frozen=True)
class Ref:
    """Marks an id that names an entry of another kind."""

    kind: KindName
    code: str
    """The check code for an id that names no entry: one per field, and it never changes."""

    @property
    def folder(self) -> str:
        return self.kind.folder

    @property
    def noun(self) -> str:
        return self.kind.noun


@dataclass(frozen=True)
class Vocab:
    """Marks an id that must be listed in one vocabulary list of vocabulary.yml."""

    group: str
    noun: str


ScenarioId = Annotated[Id, Ref(SCENARIO, "PB107")]
TacticId = Annotated[Id, Ref(TACTIC, "PB108")]
StepTacticId = Annotated[Id, Ref(TACTIC, "PB104")]
MessageId = Annotated[Id, Ref(MESSAGE, "PB105")]
PromptId = Annotated[Id, Ref(PROMPT, "PB106")]
RuleId = Annotated[Id, Ref(RULE, "PB113")]
CategoryId = Annotated[Id, Vocab("categories", "category")]
PlatformId = Annotated[Id, Vocab("platforms", "platform")]
JurisdictionId = Annotated[Id, Vocab("jurisdictions", "jurisdiction")]
ToneId = Annotated[Id, Vocab("tones", "tone")]
ChannelId = Annotated[Id, Vocab("channels", "channel")]
TagId = Annotated[Id, Vocab("tags", "tag")]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Source(Strict):
    """Where a fact comes from, and when someone last checked that it still holds."""

    title: Line = Field(description="The page's title, as it appears on the page.")
    url: Url = Field(description="http(s) or mailto address of the page.")
    checked: date = Field(description="The day you last read the page (YYYY-MM-DD).")


class PlatformStep(Strict):
    """A step as it reads on one platform, where the platform's own words or rules differ."""

    do: ProseText = Field(description="What to do on this platform, in its own words (Markdown).")
    rules: list[RuleId] = Field(
        default_factory=list,
        description="Ids of this platform's rules the step relies on; linked after the text.",
    )


class Step(Strict):
    """One move in a scenario's playbook: a reusable tactic, applied to this situation."""

    tactic: StepTacticId = Field(
        description=f"Id of the tactic this step uses (content/{TACTIC.folder}/<id>.yml)."
    )
    do: ProseText = Field(
        description=(
            "What to do in this situation, concretely (Markdown). Readers of every platform "
            "the scenario lists see it, unless per_platform gives their platform its own."
        )
    )
    per_platform: dict[PlatformId, PlatformStep] = Field(
        default_factory=dict,
        description=(
            "Platform id to the step as it reads there, where the platform differs: its "
            "own words (order, offer, Resolution Center) and its own rules."
        ),
    )

    def versions(self, platforms: list[str]) -> list[StepVersion]:
        """The shared text and each platform's own, in the order of `platforms`; the
        shared text goes to every platform without its own (none if all have one)."""
        shared = [p for p in platforms if p not in self.per_platform]
        out = [StepVersion(shared, self.do, [])] if shared else []
        for p in platforms:
            if p in self.per_platform:
                own = self.per_platform[p]
                out.append(StepVersion([p], own.do, list(own.rules)))
        return out


class StepVersion(NamedTuple):
    """How a step reads for some platforms: their ids, the text, the rule ids it links."""

    platforms: list[str]
    do: str
    rules: list[str]


class Scenario(Strict):
    """A recognisable client situation with an ordered playbook of steps."""

    id: Id
    title: ProseLine
    category: CategoryId = Field(description="A category id from vocabulary.yml.")
    platforms: list[PlatformId] = Field(
        min_length=1, description="Platform ids from vocabulary.yml."
    )
    summary: ProseText = Field(description="One or two sentences: the situation in plain words.")
    signals: list[ProseText] = Field(min_length=1, description="How the reader recognises it.")
    stakes: ProseText = Field(description="What the reader stands to lose or gain (Markdown).")
    steps: list[Step] = Field(min_length=3, max_length=7)
    messages: list[MessageId] = Field(min_length=1, description="Message ids offered on the page.")
    prompts: list[PromptId] = Field(min_length=1, description="Reflection prompt-set ids.")
    related: list[ScenarioId] = Field(
        min_length=1, description="Related scenario ids (at least one; links go both ways)."
    )
    rules: list[RuleId] = Field(
        default_factory=list,
        description="Ids of the platform rules and laws that change what to do here.",
    )
    platform_notes: dict[PlatformId, ProseText] = Field(
        default_factory=dict,
        description=(
            "Platform id to what its readers must know here that the steps do not say "
            "(Markdown). A platform listed after the first whose vocabulary entry has "
            "needs_note must have one, even if only to say that nothing differs."
        ),
    )
    sources: list[Source] = Field(default_factory=list)
    tags: list[TagId] = Field(default_factory=list, description="Tag ids from vocabulary.yml.")
    search_terms: Annotated[list[Line], OWN_LIST] = Field(
        default_factory=list, description="Words people type when this happens to them."
    )


class Tactic(Strict):
    """A reusable technique that many scenarios apply."""

    id: Id
    title: ProseLine
    summary: ProseText
    when: ProseText = Field(description="When this tactic helps, and when it does not.")
    how: list[ProseText] = Field(min_length=1, description="The steps of the tactic, in order.")
    pitfalls: list[ProseText] = Field(min_length=1)
    frameworks: list[Line] = Field(
        default_factory=list, description="Credits: the frameworks and authors it draws on."
    )
    related: list[TacticId] = Field(default_factory=list, description="Related tactic ids.")
    sources: list[Source] = Field(default_factory=list)


class Placeholder(Strict):
    """A blank in a message that the reader fills in."""

    name: Annotated[str, StringConstraints(pattern=PLACEHOLDER_PATTERN, max_length=40)]
    label: ProseLine = Field(description="The form label, also shown as the [Label] blank.")
    example: ProseLine = Field(description="A realistic example value, shown as a hint.")
    default: Annotated[str, PROSE] | None = None
    choices: list[ProseLine] | None = Field(default=None, description="Offer a fixed list instead.")
    multiline: bool = False


class Message(Strict):
    """A fill-in message for one purpose, in tone variants that differ in warmth, not facts."""

    id: Id
    title: ProseLine
    purpose: ProseText
    channel: ChannelId = Field(description="A channel id from vocabulary.yml.")
    platforms: list[PlatformId] = Field(
        default_factory=list,
        description=(
            "The platforms this message is written for; none: every platform. A situation "
            "page shows it first to readers of these and folds it for the others."
        ),
    )
    placeholders: list[Placeholder] = Field(default_factory=list)
    variants: dict[ToneId, ProseText] = Field(
        min_length=2,
        description=(
            "Tone id (from vocabulary.yml) to the message body. {{ name }} is a placeholder, "
            "or a platform word from vocabulary.yml's words (contract, milestone)."
        ),
    )


class PromptSet(Strict):
    """Questions for after the dust settles."""

    id: Id
    title: ProseLine
    when: ProseText
    questions: list[ProseText] = Field(min_length=3)


class Clock(Strict):
    """A deadline the rule gives the reader: how long, in which unit, from what event."""

    starts: ProseLine = Field(
        description="The event that starts it, in the reader's words: fits '48 hours from ...'."
    )
    length: int = Field(ge=1, le=8760, description="How many units the reader has.")
    unit: Literal["hours", "days", "business_days"] = Field(
        description="hours, days (calendar days) or business_days (Monday to Friday)."
    )
    zone: str | None = Field(
        default=None,
        description="IANA time zone the platform counts days in; UTC when not given.",
    )


class Amount(Strict):
    """The money limits a law or court sets, in its own currency."""

    min: float | None = Field(default=None, ge=0, description="The smallest amount it covers.")
    max: float | None = Field(default=None, gt=0, description="The largest amount it covers.")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="ISO 4217 code: EUR, GBP, USD."
    )


class Scope(Strict):
    """To whom a law or court route applies. Each side listed must match the reader's
    places; a side left out matches anywhere. A place matches the places it is within
    (a client in `de` matches `eu`)."""

    you: list[JurisdictionId] = Field(
        default_factory=list,
        description="Where the freelancer (the supplier) is: place ids from vocabulary.yml.",
    )
    client: list[JurisdictionId] = Field(
        default_factory=list, description="Where the client is: place ids from vocabulary.yml."
    )
    client_is: Literal["business", "consumer", "any"] = Field(
        default="any", description="Whether it covers business clients, consumers or both."
    )
    amount: Amount | None = Field(default=None, description="The money limits it sets.")


class Change(Strict):
    """What the platform changed in this rule, and when."""

    when: Month | date = Field(description="When it changed: YYYY-MM or YYYY-MM-DD.")
    what: ProseText = Field(description="What changed, in your own words.")


class Rule(Strict):
    """One platform rule or law, stated once and named by id from every scenario it affects."""

    id: Id
    title: ProseLine = Field(description="The rule as a short headline.")
    platform: PlatformId = Field(description="A platform id from vocabulary.yml.")
    jurisdiction: JurisdictionId | None = Field(
        default=None, description="For a law: a jurisdiction id from vocabulary.yml."
    )
    scope: Scope | None = Field(
        default=None,
        description=(
            "For a law or court route: where the freelancer and the client must be, for "
            "which clients and amounts. Pages fold it away for readers elsewhere."
        ),
    )
    rule: ProseText = Field(description="The rule in your own words (Markdown).")
    consequence: ProseText | None = Field(
        default=None, description="What happens to the reader who misses it."
    )
    clock: Clock | None = Field(default=None, description="The deadline, if the rule sets one.")
    sources: list[Source] = Field(min_length=1)
    changed: Change | None = Field(default=None, description="A dated note of what changed.")


class Term(Strict):
    """One allowed value in the vocabulary, with the words readers see."""

    id: Id
    title: ProseLine
    summary: ProseText | None = None


class Place(Term):
    """A place whose laws rules name: a country, a state or city, or a union of countries."""

    within: JurisdictionId | None = Field(
        default=None,
        description="The place it is part of (de within eu, us-tx within us): rules for "
        "that place apply here too.",
    )


class Category(Term):
    """A group of scenarios, shown as one choice in the home page's triage."""

    summary: ProseText
    complaint: ProseText | None = Field(default=None, description="The group's common complaint.")


class Platform(Term):
    """A platform, or direct work for clients you invoice yourself."""

    def words_pattern(self, *, any_case: bool = False) -> re.Pattern[str]:
        """A pattern for the platform's own words; `any_case` for what readers type
        ("fiverr buyer"), where "Gig" and "gig" are one."""
        return _words_pattern(tuple(self.own_words), any_case)

    def named_in(self, text: str, *, any_case: bool = False) -> re.Match[str] | None:
        """The first of the platform's own words in `text`, if any."""
        if not self.own_words:
            return None
        return self.words_pattern(any_case=any_case).search(text)

    needs_note: bool = Field(
        default=False,
        description="A scenario listing it after its first platform must say what differs.",
    )
    own_words: list[Line] = Field(
        default_factory=list,
        description=(
            "Words only this platform uses (its name, Job Success Score, Offer Extras): a "
            "step's text that readers of other platforms see must not use them."
        ),
    )


class Word(Strict):
    """A word a message body uses as {{ id }} that each platform says its own way."""

    id: Annotated[str, StringConstraints(pattern=PLACEHOLDER_PATTERN, max_length=40)]
    default: ProseLine = Field(
        description="The word with no platform chosen, and in the exports (Espanso, text)."
    )
    platforms: dict[str, ProseLine] = Field(
        default_factory=dict,
        description="Platform id to that platform's word, where it differs from the default.",
    )

    def on(self, platform: str | None) -> str:
        """The word as `platform` says it; the default when none is chosen."""
        return self.platforms.get(platform or "", self.default)


class Vocabulary(Strict):
    """The allowed categories, platforms, jurisdictions, tones, channels, tags and words."""

    categories: list[Category] = Field(min_length=1)
    platforms: list[Platform] = Field(min_length=1)
    jurisdictions: list[Place] = Field(
        default_factory=list, description="Places whose laws rules name (rules' jurisdiction)."
    )
    tones: list[Term] = Field(min_length=1)
    channels: list[Term] = Field(min_length=1)
    tags: list[Term] = Field(default_factory=list)
    words: list[Word] = Field(
        default_factory=list,
        description="Words messages use that differ by platform (contract or order).",
    )

    def places_around(self, place: str) -> list[str]:
        """`place` and the places it is within, innermost first (us-tx, us); it stops
        at a place already seen, so a loop in `within` ends."""
        within = {j.id: j.within for j in self.jurisdictions}
        chain = [place]
        while (outer := within.get(chain[-1])) is not None and outer not in chain:
            chain.append(outer)
        if outer is not None and outer in chain:
            chain.append(outer)  # the loop, for the check to report
        return chain


Entry = Scenario | Tactic | Message | PromptSet | Rule
