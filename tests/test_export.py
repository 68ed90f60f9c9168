"""Exports: JSON with its schema, the Espanso package and plain text, checked end to end."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker

from generator.cli import main
from generator.export import (
    ESPANSO_ZIP,
    TEXT_FOLDER,
    TEXT_ZIP,
    ZIP_TIME,
    ExportError,
    espanso_fields,
    espanso_package,
    export_files,
    in_every_language,
    json_export,
    playbook_json,
    text_files,
    trigger,
)
from generator.fill import fill
from generator.kinds import KINDS
from generator.load import load
from generator.models import Message, Placeholder
from generator.output import MARKER
from generator.playbook import Playbook
from generator.schema import dump_json, export_document, schema_files, schema_models

from .conftest import BASE, REPO, Builder, copy_tree

PACKAGE = "freelance-client-playbook/0.1.0"
# Espanso's own patterns: the `form:` shorthand (espanso-config), the form window's
# fields (espanso-modulo) and variables (espanso-render).
FORM_CONTROL = re.compile(r"\[\[\s*(\w+)(\.\w+)?\s*\]\]")
FORM_WINDOW_FIELD = re.compile(r"\{\{(.*?)\}\}|\[\[(.*?)\]\]")
VARIABLE = re.compile(r"\{\{\s*((?P<name>\w+)(\.(?P<sub>\w+))?)\s*\}\}")


@pytest.fixture(scope="module")
def playbook() -> Playbook:
    return load(REPO / "content", today=date(2026, 11, 21))


@pytest.fixture(scope="module")
def package(playbook: Playbook) -> dict[str, Any]:
    files = espanso_package(playbook)
    return {name: data.decode("utf-8") for name, data in files.items()}


def expand(match: dict[str, Any], values: dict[str, str]) -> str:
    """What Espanso types for a `form:` match once the form's fields hold `values`."""
    replace = FORM_CONTROL.sub(lambda m: f"{{{{form1.{m.group(1)}}}}}", match["form"])
    replace = replace.replace("\\{", "{ ").replace("\\}", " }")
    typed = VARIABLE.sub(lambda m: values[m.group("sub")], replace)
    return typed.replace("\\{\\{", "{{").replace("\\}\\}", "}}")


def examples(message: Message) -> dict[str, str]:
    """The example of every blank, as a reader would pick it in a form."""
    values = {}
    for p in message.placeholders:
        values[p.name] = p.example
        if p.choices and p.example not in p.choices:
            values[p.name] = p.default or p.choices[0]
    return values


def _versions(playbook: Playbook) -> list[tuple[str, Message, str]]:
    """(language, worded message, tone) in the order of the Espanso matches: each message
    in each language it is written in."""
    return [(lang, m, t) for lang, m in in_every_language(playbook) for t in m.variants]


def test_json_validates_against_its_schema(playbook: Playbook) -> None:
    """playbook.json validates against schema/playbook.json, and each entry against its kind's."""
    files = {name: json.loads(data) for name, data in json_export(playbook).items()}
    data = files["playbook.json"]
    checker = FormatChecker()
    Draft202012Validator(files["schema/playbook.json"], format_checker=checker).validate(data)
    for kind in KINDS:
        validator = Draft202012Validator(files[f"schema/{kind.name}.json"])
        for entry in data[kind.folder]:
            validator.validate(entry)
    Draft202012Validator(files["schema/vocabulary.json"]).validate(data["vocabulary"])


def test_json_holds_every_entry_with_ids(playbook: Playbook) -> None:
    """Every entry of every kind, sorted by id, with cross-references as ids."""
    data = json.loads(json_export(playbook)["playbook.json"])
    assert data["format"] == 1
    assert set(data) == {"format", "vocabulary", *(kind.folder for kind in KINDS)}
    for kind in KINDS:
        assert [e["id"] for e in data[kind.folder]] == sorted(playbook.entries[kind.folder])
    scenario = data["scenarios"][0]
    assert scenario["steps"][0]["tactic"] in playbook.tactics
    assert all(mid in playbook.messages for mid in scenario["messages"])
    schema = json.loads(schema_files()["playbook.json"])
    assert Draft202012Validator(schema).is_valid({**data, "surprise": 1}) is False


def test_schema_command_writes_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`playbook schema --out DIR` writes a schema per kind, the vocabulary's and the
    export's; id fields list today's ids."""
    copy_tree(BASE, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["schema", "--out", "s"])
    assert (result.exit_code, result.stderr) == (0, f"wrote {len(schema_models())} schemas to s\n")
    written = {p.name: p.read_bytes() for p in (tmp_path / "s").iterdir() if p.name != MARKER}
    assert written == schema_files(load(tmp_path / "content"))
    scenario = json.loads(written["scenario.json"])
    assert scenario["properties"]["category"]["enum"] == ["payment", "scope"]
    step = scenario["$defs"]["Step"]["properties"]["tactic"]
    assert step["enum"] == ["follow-up", "paper-trail"]
    assert list(scenario["properties"])[:4] == ["id", "title", "category", "platforms"]


def test_published_schemas_list_no_ids() -> None:
    """The Downloads' schemas describe the format, not one day's ids."""
    assert "enum" not in json.loads(schema_files()["scenario.json"])["properties"]["category"]


def test_schema_command_without_clean_content_still_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Broken content: the schemas are written anyway, without the lists, with a note."""
    content = copy_tree(BASE, tmp_path / "content")
    (content / "tactics" / "paper-trail.yml").write_text("id: [", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["schema", "--out", "s"])
    assert result.exit_code == 0
    assert "without the lists of allowed ids" in result.stderr


@pytest.mark.parametrize("kind", KINDS.names())
def test_content_files_validate_against_their_schema(kind: str) -> None:
    """Every content file passes the schema an editor would check it with."""
    schema = json.loads(schema_files()[f"{kind}.json"])
    validator = Draft202012Validator(schema)
    for path in sorted((REPO / "content" / KINDS.by_name(kind).folder).glob("*.yml")):
        # YAML 1.1 reads 2026-01-01 as a date; editors (YAML 1.2) read it as text.
        data = json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))
        assert list(validator.iter_errors(data)) == [], path.name


def test_espanso_package_follows_the_hub_layout(package: dict[str, str]) -> None:
    """<name>/<version>/ with package.yml, _manifest.yml and README.md; names as the Hub wants."""
    assert sorted(package) == [
        f"{PACKAGE}/README.md",
        f"{PACKAGE}/_manifest.yml",
        f"{PACKAGE}/package.yml",
    ]
    manifest = yaml.safe_load(package[f"{PACKAGE}/_manifest.yml"])
    assert sorted(manifest) == ["author", "description", "name", "title", "version"]
    assert all(isinstance(v, str) and v.strip() for v in manifest.values())
    assert re.fullmatch(r"[a-z0-9-]+", manifest["name"])
    assert f"{manifest['name']}/{manifest['version']}" == PACKAGE
    assert re.fullmatch(r"\d+\.\d+\.\d+", manifest["version"])
    assert all(name.endswith(".yml") for name in package if not name.endswith("README.md"))
    assert package[f"{PACKAGE}/README.md"].startswith("# Freelance Client Playbook\n")


def test_espanso_matches_one_per_message_and_tone(
    playbook: Playbook, package: dict[str, str]
) -> None:
    """A unique trigger, a label and a form per message and tone; fields well named."""
    text = package[f"{PACKAGE}/package.yml"]
    assert "{{" not in text
    matches = yaml.safe_load(text)["matches"]
    # Every message in every language it is written in (exports carry default words).
    versions = _versions(playbook)
    triggers = [m["trigger"] for m in matches]
    assert triggers == [trigger(m.id, t, lang) for lang, m, t in versions]
    english = [f":pb-{m.id}-{t}" for _, m in sorted(playbook.messages.items()) for t in m.variants]
    assert [t for t in triggers if ":" not in t[1:]] == english
    ordered = sorted(triggers)
    assert not any(b.startswith(a) for a, b in pairwise(ordered))
    for match, (lang, message, tone) in zip(matches, versions, strict=True):
        assert sorted(match) in (
            ["form", "label", "trigger"],
            ["form", "form_fields", "label", "trigger"],
        )
        tones = {t.id: t.title for t in playbook.vocabulary_in(lang).tones}
        assert match["label"] == f"{message.title} ({tones[tone]})"
        fields = [m.group(1) for m in FORM_CONTROL.finditer(match["form"])]
        assert set(fields) == set(re.findall(r"\{\{\s*(\w+)\s*\}\}", message.variants[tone]))
        assert all(re.fullmatch(r"[A-Za-z0-9_]+", f) for f in fields)
        window = [
            a or b
            for line in match["form"].splitlines()
            for a, b in FORM_WINDOW_FIELD.findall(line)
        ]
        assert window == fields, "the form window shows exactly these fields"
        by_name = {p.name: p for p in message.placeholders}
        specs = match.get("form_fields", {})
        assert set(specs) <= set(fields)
        for name in fields:
            placeholder, spec = by_name[name], specs.get(name, {})
            assert spec.get("type") == ("choice" if placeholder.choices else None)
            assert spec.get("values") == placeholder.choices
            assert spec.get("multiline", False) == (
                placeholder.multiline and not placeholder.choices
            )
            assert spec.get("default") == (placeholder.default or None)
    assert len(matches) == len(versions)


def test_espanso_forms_type_what_render_prints(playbook: Playbook, package: dict[str, str]) -> None:
    """Each form filled with the examples types exactly the text `fill` gives."""
    matches = yaml.safe_load(package[f"{PACKAGE}/package.yml"])["matches"]
    for match, (_, message, tone) in zip(matches, _versions(playbook), strict=True):
        values = examples(message)
        assert expand(match, values) == fill(message, tone, values), match["trigger"]


def test_espanso_round_trip_through_the_cli(tmp_path: Path) -> None:
    """On the fixture content, each form equals `playbook render --set ...` for every tone."""
    playbook = load(BASE, today=date(2026, 11, 21))
    package = espanso_package(playbook)
    matches = yaml.safe_load(package[f"{PACKAGE}/package.yml"])["matches"]
    runner = CliRunner()
    for match, (_, message, tone) in zip(matches, _versions(playbook), strict=True):
        mid = message.id
        values = examples(playbook.messages[mid])
        sets = [arg for name, value in values.items() for arg in ("--set", f"{name}={value}")]
        args = ["render", mid, "--content", str(BASE), "--tone", tone, *sets]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        assert result.stdout == expand(match, values) + "\n"


def test_text_files_equal_render_with_blanks(tmp_path: Path) -> None:
    """Each .txt is byte for byte what `playbook render --blanks` prints."""
    playbook = load(BASE, today=date(2026, 11, 21))
    files = text_files(playbook)
    assert sorted(files) == [
        "change-request.firm.txt",
        "change-request.friendly.txt",
        "reminder.firm.txt",
        "reminder.friendly.txt",
    ]
    runner = CliRunner()
    for name, data in files.items():
        mid, tone, _ = name.split(".")
        args = ["render", mid, "--content", str(BASE), "--tone", tone, "--blanks"]
        assert runner.invoke(main, args).stdout_bytes == data
    assert files["reminder.firm.txt"] == b"[Client's name], [Amount] is overdue.\n[Notes]\nThanks\n"


def test_no_placeholder_survives_in_text(playbook: Playbook) -> None:
    """Every blank of the real content becomes a [Label]; no `{{` is left."""
    files = text_files(playbook)
    assert len(files) == len(_versions(playbook))
    assert not [name for name, data in files.items() if b"{{" in data or b"}}" in data]


def test_exports_are_deterministic(tmp_path: Path) -> None:
    """Two exports of the same content give the same bytes; zips have fixed times, sorted."""
    runner = CliRunner()
    count = 1 + len(schema_models()) + 2  # playbook.json, the schemas and the two zips
    for out in ("one", "two"):
        result = runner.invoke(
            main, ["export", "--content", str(BASE), "--out", str(tmp_path / out)]
        )
        assert (result.exit_code, result.stderr) == (
            0,
            f"wrote {count} files to {tmp_path / out}\n",
        )
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.*")}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.*")}
    assert one == two and len(one) == count + 1  # with the marker
    for name in (ESPANSO_ZIP, TEXT_ZIP):
        infos = zipfile.ZipFile(io.BytesIO(one[Path(name)])).infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos)
        assert {i.date_time for i in infos} == {ZIP_TIME}
    texts = zipfile.ZipFile(io.BytesIO(one[Path(TEXT_ZIP)])).namelist()
    assert texts[0] == f"{TEXT_FOLDER}/change-request.firm.txt"


def test_one_format_at_a_time(tmp_path: Path) -> None:
    """--format espanso writes only the Espanso zip."""
    result = CliRunner().invoke(
        main,
        ["export", "--content", str(BASE), "--format", "espanso", "--out", str(tmp_path / "o")],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [MARKER, ESPANSO_ZIP]


def test_failed_export_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text Espanso would misread fails the check, so the export stops: the folder is kept."""
    content = copy_tree(BASE, tmp_path / "content")
    path = content / "messages" / "change-request.yml"
    path.write_text(path.read_text("utf-8").replace("Here is a quote.", "See [[notes]]."), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", "--content", "content", "--out", "out"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines[:-1]] == ["PB124", "PB124"]
    assert lines[-1] == "Error: content has problems: run 'playbook check'"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "out"]
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_field_values_escape_espanso_variables() -> None:
    """A choice or default with `{{` is escaped the way Espanso unescapes it."""
    placeholder = Placeholder(
        name="x", label="X", example="a", default="{{a}}", choices=["{{a}}", "b"]
    )
    message = Message(
        id="m",
        title="M",
        purpose="P",
        channel="email",
        placeholders=[placeholder],
        variants={"friendly": "{{ x }}", "firm": "{{ x }}"},
    )
    assert espanso_fields(message, {"x"}) == {
        "x": {"type": "choice", "values": ["\\{\\{a\\}\\}", "b"], "default": "\\{\\{a\\}\\}"}
    }


def test_trigger_that_begins_another_is_refused() -> None:
    """`:pb-a-firm` would fire before `:pb-a-firm-friendly` could be typed: an error."""
    base = load(BASE, today=date(2026, 11, 21))
    messages = {
        mid: Message(
            id=mid, title=mid, purpose="P", channel="email", variants={"friendly": "x", "firm": "y"}
        )
        for mid in ("a", "a-firm")
    }
    playbook = Playbook(base.vocabulary, {"messages": messages})
    with pytest.raises(ExportError, match="trigger ':pb-a-firm' is the start of ':pb-a-firm-firm'"):
        export_files(playbook, ["espanso"])


def test_site_publishes_the_downloads(base_content: Path, build_site: Builder) -> None:
    """The built site has the three downloads, linked from the Downloads page."""
    site = build_site(base_content)
    for name in ("playbook.json", ESPANSO_ZIP, TEXT_ZIP, "schema/scenario.json"):
        assert (site / "downloads" / name).is_file(), name
    page = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    for name in ("playbook.json", ESPANSO_ZIP, TEXT_ZIP, "schema/scenario.json"):
        assert f'href="{name}"' in page, name
    assert (site / "downloads" / "playbook.json").read_bytes() == json_export(
        load(base_content, today=date(2026, 11, 21))
    )["playbook.json"]


@pytest.mark.parametrize("content", [BASE, REPO / "content"], ids=["fixture", "playbook"])
def test_playbook_json_is_the_plain_dump_of_the_export_document(content: Path) -> None:
    """playbook.json is joined from each entry's JSON, kept between rebuilds: it must be
    byte for byte what dumping the whole document at once gives, edits included."""
    playbook = load(content, today=date(2026, 11, 21))
    assert playbook_json(playbook) == dump_json(export_document(playbook).model_dump(mode="json"))
    first = min(playbook.messages)
    entries = {folder: dict(table) for folder, table in playbook.entries.items()}
    entries["messages"][first] = entries["messages"][first].model_copy(update={"title": "Ünï"})
    entries["prompts"] = {}
    edited = Playbook(vocabulary=playbook.vocabulary, entries=entries)
    expected = dump_json(export_document(edited).model_dump(mode="json"))
    assert playbook_json(edited) == expected
    assert '"prompts": []' in expected.decode("utf-8") and "Ünï" in expected.decode("utf-8")


def test_the_kept_zips_follow_the_order_of_the_tones() -> None:
    """`mkdocs serve` keeps the zips while the messages stay the same; tones written in
    another order are another Espanso package (its triggers are listed in that order)."""
    playbook = load(BASE, today=date(2026, 11, 21))
    first = export_files(playbook, ["espanso"])
    message = playbook.messages[min(playbook.messages)]
    entries = {folder: dict(table) for folder, table in playbook.entries.items()}
    reordered = dict(reversed(message.variants.items()))
    entries["messages"][message.id] = message.model_copy(update={"variants": reordered})
    edited = Playbook(vocabulary=playbook.vocabulary, entries=entries)
    assert edited.messages[message.id] == message  # the models cannot tell
    assert export_files(edited, ["espanso"]) != first
