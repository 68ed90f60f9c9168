"""Fill a message's blanks: the same text the web form's preview shows and copies."""

from __future__ import annotations

from collections.abc import Mapping

from .models import PLACEHOLDER_RE, Message, Placeholder


class MissingValues(Exception):
    """Raised when blanks have no value and no default; carries every missing placeholder."""

    def __init__(self, missing: list[Placeholder]) -> None:
        self.missing = missing
        super().__init__(", ".join(p.name for p in missing))


def blank(placeholder: Placeholder) -> str:
    """The visible blank for an unfilled placeholder, as the page shows it."""
    return f"[{placeholder.label}]"


def fill(message: Message, tone: str, values: Mapping[str, str], *, blanks: bool = False) -> str:
    """The message body for `tone` with values (or defaults) in place of its placeholders.

    Values are inserted literally, never parsed again: a value containing `{{ x }}` stays
    as typed. Without `blanks`, a placeholder with neither value nor default raises
    `MissingValues` listing all of them; with `blanks`, it becomes `[Label]`.
    """
    body = message.variants[tone].strip()
    by_name = {p.name: p for p in message.placeholders}
    resolved: dict[str, str] = {}
    missing: list[Placeholder] = []
    for name in dict.fromkeys(PLACEHOLDER_RE.findall(body)):
        placeholder = by_name[name]
        value = values.get(name) or placeholder.default
        if value:
            resolved[name] = value
        elif blanks:
            resolved[name] = blank(placeholder)
        else:
            missing.append(placeholder)
    if missing:
        raise MissingValues(missing)
    return PLACEHOLDER_RE.sub(lambda m: resolved[m.group(1)], body)
