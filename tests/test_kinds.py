"""A kind registered at run time is seen everywhere, with no other file of the repository
changed: loaded, checked, rendered, linked, exported and described by a JSON Schema.

The throwaway kind is a checklist (`content/checklists/<id>.yml`) that names one tactic.
Scenarios name other kinds through fields of their model, so the test also registers, in
place of the scenario model, one with a `checklists` field: the one change to an existing
model that a real kind named by scenarios needs. Nine scenarios name the checklist, one
more than an entry's page lists, so its page of all situations is made too (a new kind
there once crashed `playbook docs`). Its page template is written into a copy of the
page templates. `monkeypatch` puts the registry back after each test.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from pydantic import Field

from generator.cli import main
from generator.export import json_export
from generator.kinds import KINDS, Kind
from generator.load import check, load
from generator.models import (
    SCENARIO,
    Id,
    KindName,
    Line,
    Ref,
    Scenario,
    Strict,
    TacticId,
    Text,
)
from generator.playbook import LIST_LIMIT
from generator.render import render
from generator.schema import schema_files, schema_models

from . import conftest
from .conftest import BASE, TEMPLATES, Builder, copy_tree, edit_file

CHECKLIST = KindName("checklist", "checklists", "checklist", "checklists")
# PB199 is no rule of the checker: a real kind's reference field gets a new code in
# generator/problems.py, with its fixture in tests/fixtures/errors/.
ChecklistId = Annotated[Id, Ref(CHECKLIST, "PB199")]
USES = LIST_LIMIT + 1
"""Scenarios naming the checklist: one more than its page lists."""


class Checklist(Strict):
    """Things to check before acting: the throwaway kind's model."""

    id: Id
    title: Line
    summary: Text
    tactic: TacticId  # a reference to a kind that exists: PB108 when it names no tactic


class ScenarioWithChecklists(Scenario):
    """The scenario model, able to name checklists."""

    checklists: list[ChecklistId] = Field(default_factory=list)


PAGE_TEMPLATE = """\
{% import "_macros.md.j2" as m with context %}
{{ m.front_matter(checklist.title, checklist.summary) }}

# {{ checklist.title | md }}

{{ checklist.summary | trim }}

{{ m.entry_link(kinds.tactic, checklist.tactic) }}

{{ m.situations(kind, checklist.id) | trim }}
"""

CHECKLIST_FILE = """\
id: before-invoice
title: Before you invoice
summary: Check the hours and the brief before you send the invoice.
tactic: paper-trail
"""


@pytest.fixture
def checklist(monkeypatch: pytest.MonkeyPatch) -> Kind:
    """The checklist kind, registered for one test, with scenarios that can name it."""
    kind = Kind(CHECKLIST, Checklist)
    kinds = [replace(k, model=ScenarioWithChecklists) if k.names == SCENARIO else k for k in KINDS]
    monkeypatch.setattr(KINDS, "all", (*kinds, kind))
    return kind


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The base fixture with one checklist, named by USES scenarios."""
    content = copy_tree(BASE, tmp_path / "content")
    (content / CHECKLIST.folder).mkdir()
    (content / CHECKLIST.folder / "before-invoice.yml").write_text(CHECKLIST_FILE, "utf-8")
    scenarios = content / "scenarios"
    for n in range(2, USES + 1):
        copy = scenarios / f"late-payment-{n}.yml"
        shutil.copy(scenarios / "late-payment.yml", copy)
        edit_file(
            copy,
            ("id: late-payment", f"id: late-payment-{n}"),
            ("title: Client pays late", f"title: Client pays late, case {n}"),
        )
    for n in range(1, USES + 1):
        path = scenarios / ("late-payment.yml" if n == 1 else f"late-payment-{n}.yml")
        with path.open("a", encoding="utf-8") as handle:
            handle.write("checklists: [before-invoice]\n")
    return content


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """A copy of the page templates with the checklist's page template added."""
    copy = Path(shutil.copytree(TEMPLATES, tmp_path / "templates"))
    (copy / "checklist.md.j2").write_text(PAGE_TEMPLATE, encoding="utf-8")
    return copy


def test_its_entries_load_and_link_both_ways(checklist: Kind, content: Path) -> None:
    """The checklist is read with its model; scenarios' names for it and its name for a
    tactic are links both ways."""
    playbook = load(content)
    entry = playbook.entries[checklist.folder]["before-invoice"]
    assert isinstance(entry, Checklist) and entry.tactic == "paper-trail"
    assert len(playbook.used_by(checklist.folder, "before-invoice")) == USES
    assert playbook.used_by("tactics", "paper-trail", by=checklist.folder) == ["before-invoice"]
    assert playbook.warnings == []


def test_a_broken_reference_gets_its_code_and_line(checklist: Kind, content: Path) -> None:
    """A checklist naming a missing tactic, and a scenario naming a missing checklist, are
    reported at their lines with their references' codes and the kinds' nouns."""
    edit_file(content / checklist.folder / "before-invoice.yml", ("paper-trail", "paper-trial"))
    scenario = content / "scenarios" / "scope-creep.yml"
    last = len(scenario.read_text(encoding="utf-8").splitlines())
    with scenario.open("a", encoding="utf-8") as handle:
        handle.write("checklists: [before-invoicing]\n")
    lines = [p.format_text(content) for p in check(content)]
    assert lines == [
        "checklists/before-invoice.yml:4:9: PB108 tactic 'paper-trial' does not exist "
        "(did you mean 'paper-trail'?)",
        f"scenarios/scope-creep.yml:{last + 1}:14: PB199 checklist 'before-invoicing' does not "
        "exist (did you mean 'before-invoice'?)",
    ]


def test_unregistered_its_folder_is_unknown(content: Path) -> None:
    """Without the registration the same content is refused: the registry is what counts."""
    codes = {p.code for p in check(content)}
    assert "checklist" not in KINDS.names()
    assert "PB009" in codes  # content/checklists is not a kind's folder


def test_its_pages_render_and_link(checklist: Kind, content: Path, templates: Path) -> None:
    """Its page, from its template, links to its tactic and the first situations naming
    it, then to the page listing all of them, headed in the default words."""
    pages = render(load(content), templates)
    page = pages[checklist.page("before-invoice")]
    assert "# Before you invoice" in page
    assert "[Paper trail](../tactics/paper-trail.md)" in page
    assert page.count("](../scenarios/late-payment") == LIST_LIMIT
    assert f"[All {USES} situations](before-invoice/situations.md)" in page
    every = pages[f"{checklist.folder}/before-invoice/situations.md"]
    assert "# Situations linked to [Before you invoice](../before-invoice.md)" in every
    assert every.count("](../../scenarios/late-payment") == USES


def test_playbook_docs_writes_its_pages(
    checklist: Kind, content: Path, templates: Path, tmp_path: Path
) -> None:
    """`playbook docs` writes its page, its page of all situations and its schema."""
    out = tmp_path / "out"
    args = ["docs", "--content", str(content), "--templates", str(templates), "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (out / checklist.folder / "before-invoice.md").is_file()
    assert (out / checklist.folder / "before-invoice" / "situations.md").is_file()
    assert (out / "downloads" / "schema" / f"{checklist.name}.json").is_file()


def test_the_strict_build_validates_its_links(
    checklist: Kind,
    content: Path,
    templates: Path,
    build_site: Builder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """MkDocs --strict builds its pages and finds every link on them."""
    monkeypatch.setattr(conftest, "TEMPLATES", templates)  # the build's page templates
    site = build_site(content)
    html = (site / checklist.folder / "before-invoice" / "index.html").read_text("utf-8")
    assert 'href="../../tactics/paper-trail/"' in html
    assert 'href="../../scenarios/late-payment/"' in html
    assert (site / "downloads" / "schema" / f"{checklist.name}.json").is_file()


def test_it_is_exported_and_has_a_schema(checklist: Kind, content: Path) -> None:
    """playbook.json lists its entries under its folder, valid against the export's
    schema; its own schema checks a content file; the editors' schemas list its ids."""
    playbook = load(content)
    files = {name: json.loads(data) for name, data in json_export(playbook).items()}
    data = files["playbook.json"]
    assert [e["id"] for e in data[checklist.folder]] == ["before-invoice"]
    Draft202012Validator(files["schema/playbook.json"]).validate(data)
    own = Draft202012Validator(files[f"schema/{checklist.name}.json"])
    own.validate(data[checklist.folder][0])
    assert not own.is_valid({**data[checklist.folder][0], "surprise": 1})
    editors = {name: json.loads(text) for name, text in schema_files(playbook).items()}
    assert editors[f"{checklist.name}.json"]["properties"]["tactic"]["enum"] == [
        "follow-up",
        "paper-trail",
    ]
    checklists = editors["scenario.json"]["properties"]["checklists"]
    assert checklists["items"]["enum"] == ["before-invoice"]


def test_playbook_schema_counts_it(checklist: Kind, content: Path, tmp_path: Path) -> None:
    """`playbook schema` writes one schema more than there are real kinds' plus two."""
    out = tmp_path / "schema"
    result = CliRunner().invoke(main, ["schema", "--content", str(content), "--out", str(out)])
    assert (result.exit_code, result.stderr) == (
        0,
        f"wrote {len(schema_models())} schemas to {out}\n",
    )
    assert (out / f"{checklist.name}.json").is_file()
