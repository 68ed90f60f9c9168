"""Exports: the playbook in formats other tools read, as {relative path: bytes}.

Pure functions, no file I/O: `playbook export` writes the result with
`output.write_tree`, and the MkDocs plugin publishes it under `downloads/`. Every format
is deterministic: the same content gives byte-identical files.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise
from typing import Any

import yaml
from pydantic import BaseModel

from . import __version__
from .fill import fill
from .i18n import SOURCE, translations
from .kinds import KINDS, Kind
from .models import MESSAGE, PLACEHOLDER_RE, Message
from .playbook import Playbook
from .routes import language_root
from .schema import EXPORT_FORMAT, schema_files, sorted_entries

FORMATS = ("json", "espanso", "text")
DOWNLOADS_DIR = "downloads"  # the site folder the plugin publishes exports in
PACKAGE_NAME = "freelance-client-playbook"
PACKAGE_TITLE = "Freelance Client Playbook"
PACKAGE_AUTHOR = "Freelance Client Playbook contributors"
JSON_FILE = "playbook.json"
ESPANSO_ZIP = f"{PACKAGE_NAME}-espanso.zip"
TEXT_ZIP = f"{PACKAGE_NAME}-text.zip"
TEXT_FOLDER = f"{PACKAGE_NAME}-text"
TRIGGER_PREFIX = ":pb-"
# The earliest time a zip entry can carry; fixed so that zips are reproducible.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
VERSION_RE = re.compile(r"^\d+\.\d+\.\d+$")

# What Espanso would read in a form's literal text: `[[x]]` fields, `{{x}}` variables and
# the `\{` `\}` escapes that its `form:` shorthand rewrites to "{ " and " }".
_ESPANSO_SPECIAL = ("[[", "]]", "{{", "}}", "\\{", "\\}")


class ExportError(Exception):
    """Content that an export format cannot carry faithfully; says which entry and why."""


def export_files(
    playbook: Playbook,
    formats: Iterable[str] = FORMATS,
    *,
    homepage: str | None = None,
    language: str = SOURCE,
) -> dict[str, bytes]:
    """The downloads for `formats`, as the site publishes them and `playbook export` writes.

    json: playbook.json and schema/*.json; espanso: a zip of the Espanso package;
    text: a zip of one .txt per message and tone.
    """
    chosen = set(formats)
    unknown = chosen - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export formats: {', '.join(sorted(unknown))}")
    files: dict[str, bytes] = {}
    if "json" in chosen:
        files.update(json_export(playbook))
    # The two zips depend on the messages alone, and `mkdocs serve` asks for them on
    # every rebuild: they are made again only when the messages change.
    key = f"{_messages_key(playbook, homepage)}:{language}"
    if "espanso" in chosen:
        files[ESPANSO_ZIP] = _remembered(
            ("espanso", key),
            lambda: zip_bytes(espanso_package(playbook, homepage=homepage, language=language)),
        )
    if "text" in chosen:
        files[TEXT_ZIP] = _remembered(
            ("text", key),
            lambda: zip_bytes({f"{TEXT_FOLDER}/{k}": v for k, v in text_files(playbook).items()}),
        )
    return dict(sorted(files.items()))


_MADE: dict[tuple[str, str], bytes] = {}


def _remembered(key: tuple[str, str], make: Callable[[], bytes]) -> bytes:
    if key not in _MADE:
        if len(_MADE) > 8:  # only the latest few matter: the current messages
            _MADE.clear()
        _MADE[key] = make()
    return _MADE[key]


def _messages_key(playbook: Playbook, homepage: str | None) -> str:
    """A fingerprint of everything the message exports are made from."""
    digest = hashlib.sha256(json.dumps([homepage, __version__]).encode("utf-8"))
    digest.update(_json_of(playbook.vocabulary, 1).encode("utf-8"))
    for message in sorted_entries(playbook.messages):
        digest.update(b"\0" + _json_of(message, 2).encode("utf-8"))
        # The JSON sorts keys; the exports list the tones in the order written.
        digest.update(json.dumps(list(message.variants)).encode("utf-8"))
    return digest.hexdigest()


def json_export(playbook: Playbook) -> dict[str, bytes]:
    """playbook.json (every entry, references as ids) and the schema it validates against."""
    files = {JSON_FILE: playbook_json(playbook)}
    files.update({f"schema/{name}": data for name, data in _published_schemas(KINDS.all).items()})
    return files


def playbook_json(playbook: Playbook) -> bytes:
    """playbook.json: byte for byte `dump_json` of `export_document(playbook)`, made faster.

    `mkdocs serve` exports after every edit, and most entries are then the very objects it
    exported before (generator/parsecache.py): each entry's JSON is kept while the entry lives,
    and the document is joined from the pieces, laid out as `json.dumps(indent=2)` would.
    """
    fields = {"format": json.dumps(EXPORT_FORMAT), "vocabulary": _json_of(playbook.vocabulary, 1)}
    for kind in KINDS:
        items = [_json_of(entry, 2) for entry in sorted_entries(playbook.entries[kind.folder])]
        fields[kind.folder] = "[\n    " + ",\n    ".join(items) + "\n  ]" if items else "[]"
    body = ",\n  ".join(f"{json.dumps(key)}: {value}" for key, value in sorted(fields.items()))
    _forget_all_but(playbook)
    return ("{\n  " + body + "\n}\n").encode("utf-8")


_JSON_OF: dict[int, tuple[BaseModel, int, str]] = {}


def _json_of(model: BaseModel, level: int) -> str:
    """`model` as indented JSON, nested `level` deep; kept for as long as the object lives."""
    kept = _JSON_OF.get(id(model))
    if kept is not None and kept[0] is model and kept[1] == level:
        return kept[2]
    data = model.model_dump(mode="json")
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    text = text.replace("\n", "\n" + "  " * level)  # JSON strings hold no raw newline
    _JSON_OF[id(model)] = (model, level, text)
    return text


def _forget_all_but(playbook: Playbook) -> None:
    """Drop the JSON kept for entries that are no longer in the playbook."""
    live = {id(playbook.vocabulary)}
    live.update(id(entry) for table in playbook.entries.values() for entry in table.values())
    for key in [k for k in _JSON_OF if k not in live]:
        del _JSON_OF[key]


@functools.cache
def _published_schemas(kinds: tuple[Kind, ...]) -> dict[str, bytes]:
    """The schemas as Downloads publishes them, without enums: the same in every build
    with the same kinds."""
    return schema_files()


def in_every_language(playbook: Playbook) -> list[tuple[str, Message]]:
    """Each message in each language it is written in, as (language, message), worded
    (platform words in their default form, as that language writes them): by id, English
    first. The exports carry them all, whatever the site's language."""
    return [
        (language, playbook.worded(version, language=language))
        for mid in sorted(playbook.messages)
        for language, version in playbook.versions(MESSAGE.folder, mid).items()
    ]


def text_files(playbook: Playbook) -> dict[str, bytes]:
    """`<message>.<tone>.txt` -> the body with `[Label]` blanks, as `playbook render --blanks`,
    platform words in their default form; a translation's in `<language>/`."""
    return {
        f"{language_root(language)}{message.id}.{tone}.txt": (
            fill(message, tone, {}, blanks=True) + "\n"
        ).encode("utf-8")
        for language, message in in_every_language(playbook)
        for tone in message.variants
    }


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A zip of `files`, entries sorted, with fixed timestamps and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever builds it, so the bytes do not vary
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


# Espanso ---------------------------------------------------------------------------------


def trigger(message_id: str, tone: str, language: str = SOURCE) -> str:
    """What the reader types to expand one message in one tone, e.g. `:pb-reminder-firm`,
    or in another language `:pb-es:reminder-firm`: no id holds a colon, so no trigger of
    one language begins one of another's (Espanso would expand the shorter first)."""
    if language == SOURCE:
        return f"{TRIGGER_PREFIX}{message_id}-{tone}"
    return f"{TRIGGER_PREFIX}{language}:{message_id}-{tone}"


def espanso_package(
    playbook: Playbook,
    *,
    version: str = __version__,
    homepage: str | None = None,
    language: str = SOURCE,
) -> dict[str, bytes]:
    """The Espanso package in the Hub's layout: `<name>/<version>/` with its three files."""
    if not VERSION_RE.match(version):
        raise ExportError(f"Espanso package version '{version}' is not MAJOR.MINOR.PATCH")
    matches = [
        espanso_match(playbook, message, tone, language=lang)
        for lang, message in in_every_language(playbook)
        for tone in message.variants
    ]
    _check_triggers([m["trigger"] for m in matches])
    manifest = {
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": _description(playbook, language),
        "version": version,
        "author": PACKAGE_AUTHOR,
    }
    if homepage:
        manifest["homepage"] = homepage
    header = (
        f"# {PACKAGE_TITLE}: generated from content/{MESSAGE.folder}/ by `playbook export`.\n"
        "# Edit the messages there, not here: this file is rewritten on every build.\n"
    )
    base = f"{PACKAGE_NAME}/{version}"
    return {
        f"{base}/README.md": _readme(playbook, matches, homepage, language).encode("utf-8"),
        f"{base}/_manifest.yml": dump_yaml(manifest),
        f"{base}/package.yml": header.encode("utf-8") + dump_yaml({"matches": matches}),
    }


def espanso_match(
    playbook: Playbook, message: Message, tone: str, language: str = SOURCE
) -> dict[str, Any]:
    """One Espanso match: a trigger, a label for the search bar, a form and its fields."""
    form = espanso_form(message, tone)
    used = set(PLACEHOLDER_RE.findall(message.variants[tone]))
    tones = playbook.vocabulary_in(language).tones
    tone_title = next((t.title for t in tones if t.id == tone), tone)
    match: dict[str, Any] = {
        "trigger": _Quoted(trigger(message.id, tone, language)),
        "label": f"{message.title} ({tone_title})",
        "form": form,
    }
    fields = espanso_fields(message, used)
    if fields:
        match["form_fields"] = fields
    return match


def espanso_form(message: Message, tone: str) -> str:
    """The body for `tone` as an Espanso form layout: each placeholder a `[[name]]` field."""
    body = message.variants[tone].strip()  # as `fill` does, so both give the same text
    out: list[str] = []
    last = 0
    for found in PLACEHOLDER_RE.finditer(body):
        out.append(_literal(message, tone, body[last : found.start()], before_field=True))
        out.append(f"[[{found.group(1)}]]")
        last = found.end()
    out.append(_literal(message, tone, body[last:], before_field=False))
    return "".join(out)


def espanso_fields(message: Message, names: set[str]) -> dict[str, dict[str, Any]]:
    """`form_fields` for the placeholders in `names` that are more than a plain text box."""
    fields: dict[str, dict[str, Any]] = {}
    for placeholder in message.placeholders:
        if placeholder.name not in names:
            continue
        spec: dict[str, Any] = {}
        if placeholder.choices:
            spec["type"] = "choice"
            spec["values"] = [escape_variables(c) for c in placeholder.choices]
        elif placeholder.multiline:
            spec["multiline"] = True
        if placeholder.default:
            spec["default"] = escape_variables(placeholder.default)
        if spec:
            fields[placeholder.name] = spec
    return fields


def escape_variables(text: str) -> str:
    """A field value Espanso shows literally: it unescapes `\\{\\{` to `{{` after injecting."""
    return text.replace("{{", "\\{\\{").replace("}}", "\\}\\}")


def espanso_misreads(body: str) -> str | None:
    """The first piece of a body's literal text that Espanso would misread, or None.

    A form's text has no escape that survives Espanso's `form:` shorthand unchanged, so
    such text is refused: `playbook check` reports it (PB124), and the export never
    writes it wrong.
    """
    last = 0
    pieces = []
    for field in PLACEHOLDER_RE.finditer(body):
        pieces.append((body[last : field.start()], True))
        last = field.end()
    pieces.append((body[last:], False))
    for text, before_field in pieces:
        found = [s for s in _ESPANSO_SPECIAL if s in text]
        if before_field and text.endswith(("[", "\\")):
            found.append(text[-1] + "[[")
        if found:
            return found[0]
    return None


def _literal(message: Message, tone: str, text: str, *, before_field: bool) -> str:
    misread = espanso_misreads(text + ("{{ x }}" if before_field else ""))
    if misread:
        raise ExportError(
            f"message '{message.id}', {tone} body: Espanso would read '{misread}' as part "
            "of a form field or variable; reword the text around it"
        )
    return text


def _check_triggers(triggers: list[str]) -> None:
    # Espanso expands as soon as a trigger is typed, so a trigger that begins another
    # would make the longer one unreachable. In sorted order such pairs are neighbours.
    ordered = sorted(triggers)
    for short, long in pairwise(ordered):
        if long.startswith(short):
            raise ExportError(
                f"Espanso trigger '{short}' is the start of '{long}': "
                "rename a message or a tone so that neither begins the other"
            )


def _description(playbook: Playbook, language: str = SOURCE) -> str:
    tr = translations(language)
    *others, last = [t.title.lower() for t in playbook.vocabulary.tones]
    tones = tr.gettext("%(first)s and %(last)s") % {"first": ", ".join(others), "last": last}
    return tr.ngettext(
        "%(num)s fill-in message for freelancers in trouble with a client "
        "(late payment, scope creep, reviews, disputes), in %(tones)s tones.",
        "%(num)s fill-in messages for freelancers in trouble with a client "
        "(late payment, scope creep, reviews, disputes), in %(tones)s tones.",
        len(playbook.messages),
    ) % {"num": len(playbook.messages), "tones": tones if others else last}


def _readme(
    playbook: Playbook,
    matches: list[dict[str, Any]],
    homepage: str | None,
    language: str = SOURCE,
) -> str:
    _ = translations(language).gettext
    lines = [
        f"# {PACKAGE_TITLE}",
        "",
        _description(playbook, language),
        "",
        _(
            "Type a trigger, fill in the form that opens, and submit it (Ctrl+Enter): the "
            "message is typed where your cursor is. Every trigger starts with `:pb-`; use "
            "Espanso's search bar and type a few words of a title to find one."
        ),
        "",
    ]
    if homepage:
        lines += [_("Source and updates: <%(url)s>") % {"url": homepage}, ""]
    install = _(
        "Unzip the package into the folder that `espanso path packages` prints, then run "
        "`espanso restart`. Or push it to a git repository and run `%(command)s`."
    ) % {"command": f"espanso install {PACKAGE_NAME} --git <repository address> --external"}
    lines += [
        "## " + _("Install"),
        "",
        install,
        "",
        "## " + _("Triggers"),
        "",
        "| " + _("Trigger") + " | " + _("Message") + " |",
        "| --- | --- |",
    ]
    for match in matches:
        label = str(match["label"]).replace("|", "\\|")
        lines.append(f"| `{match['trigger']}` | {label} |")
    return "\n".join(lines) + "\n"


class _YamlDumper(yaml.SafeDumper):
    """The pure-Python dumper, so bytes do not depend on libyaml; lists indented."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


class _Quoted(str):
    """A string written in double quotes, as Espanso's documentation writes triggers."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Bodies read best as block text (`|-`); PyYAML quotes them when it has to instead.
    style = '"' if isinstance(data, _Quoted) else "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style=style)


_YamlDumper.add_representer(str, _represent_str)
_YamlDumper.add_representer(_Quoted, _represent_str)


def dump_yaml(data: Any) -> bytes:
    """Deterministic YAML: keys in the order given, UTF-8, long lines unbroken."""
    text: str = yaml.dump(
        data, Dumper=_YamlDumper, sort_keys=False, allow_unicode=True, width=10_000
    )
    return text.encode("utf-8")
