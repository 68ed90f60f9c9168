"""`playbook new`: skeletons that fail the check until filled, and never overwrite."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.kinds import EACH, KINDS, Kind, marked_paths
from generator.load import check
from generator.models import SCENARIO, TACTIC, Ref
from generator.scaffold import ScaffoldError, scaffold

from .conftest import REPO, Builder

SKELETONS = REPO / "templates" / "scaffold"

# What a contributor would write in place of each TODO, per field, in the base fixture.
FILL = {
    "category": "payment",
    "platforms": "direct",
    "tactic": "paper-trail",
    "messages": "reminder",
    "prompts": "after-money",
    "platform": "direct",
    "jurisdiction": "us-ny-nyc",
    "rules": "city-pay-within-30-days",
    "related": "late-payment",
    "when": "2024-01",
    "channel": "email",
    "url": "example.org/rule",
}


def fill_todos(path: Path) -> None:
    """Replace each TODO as a contributor would: a real id where one is needed, else prose."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#"):
            lines.append(line)
            continue
        key = line.strip().lstrip("- ").split(":")[0]
        value = FILL.get(key, "Written by a contributor.")
        if key == "" or line.strip() in ("- TODO", "TODO"):
            previous = next((k for k in reversed(lines) if not k.strip().startswith("#")), "")
            parent = previous.strip().lstrip("- ").split(":")[0]
            value = FILL.get(parent, "Written by a contributor.")
        lines.append(line.replace("TODO", value))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS.names())
def test_skeleton_fails_on_todos_then_passes_when_filled(kind: str, base_content: Path) -> None:
    """A fresh skeleton has PB130 errors (and is unused); filled in, it passes --strict."""
    path = scaffold(kind, "new-entry", base_content, SKELETONS, title="A new entry")
    assert path == base_content / KINDS.by_name(kind).folder / "new-entry.yml"
    assert path.read_text(encoding="utf-8").startswith(
        f"# yaml-language-server: $schema=../../schema/{kind}.json\n"
    )
    problems = check(base_content, today=date(2026, 11, 21))
    unused = KINDS.by_name(kind).unused
    assert problems and {p.code for p in problems} - {unused.code if unused else ""} == {"PB130"}
    fill_todos(path)
    if kind != SCENARIO.name:  # link the new entry from a scenario, or it is reported as unused
        name_in_scenario(base_content / "scenarios" / "scope-creep.yml", KINDS.by_name(kind))
    assert check(base_content, today=date(2026, 11, 21)) == []


def name_in_scenario(scenario: Path, kind: Kind) -> None:
    """Add `new-entry` to the scenario's list of ids of `kind`, found on the scenario model;
    a tactic, which scenarios name in their steps, replaces one step's tactic instead."""
    model = KINDS.by_name(SCENARIO.name).model
    lists = [
        path[0]
        for path, mark in marked_paths(model)
        if isinstance(mark, Ref) and mark.kind == kind.names and path[1:] == (EACH,)
    ]
    text = scenario.read_text(encoding="utf-8")
    if lists:
        field = f"{lists[0]}:\n"
        text = text.replace(field, f"{field}  - new-entry\n", 1)
    else:
        assert kind.names == TACTIC
        text = text.replace(
            "  - tactic: follow-up\n    do: Quote", "  - tactic: new-entry\n    do: Quote"
        )
    scenario.write_text(text, encoding="utf-8")


def test_skeletons_name_every_field_of_the_model() -> None:
    """Each skeleton shows every field its model has, so none is forgotten."""
    for kind in KINDS:
        text = (SKELETONS / kind.scaffold_template).read_text(encoding="utf-8")
        keys = set(re.findall(r"^([a-z_]+):", text, flags=re.M))
        assert keys == set(kind.model.model_fields), kind.name


def test_filled_scenario_appears_in_the_strict_build(
    base_content: Path, build_site: Builder
) -> None:
    """After filling, the new scenario page is built."""
    path = scaffold("scenario", "client-pays-in-crypto", base_content, SKELETONS, title="Crypto")
    fill_todos(path)
    site = build_site(base_content)
    html = (site / "scenarios" / "client-pays-in-crypto" / "index.html").read_text(encoding="utf-8")
    assert "Crypto" in html


def test_refuses_bad_ids_and_existing_files(base_content: Path) -> None:
    """A bad id names the rule; an existing file is left exactly as it was."""
    with pytest.raises(ScaffoldError, match="lowercase letters and digits"):
        scaffold("tactic", "Paper_Trail", base_content, SKELETONS)
    existing = base_content / "tactics" / "paper-trail.yml"
    before = existing.read_bytes()
    with pytest.raises(ScaffoldError, match="already exists"):
        scaffold("tactic", "paper-trail", base_content, SKELETONS)
    assert existing.read_bytes() == before


def test_cli_prints_the_path_and_the_next_step(
    base_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`playbook new` prints the file it wrote and what to run next; bad input exits 2."""
    monkeypatch.chdir(base_content.parent)
    runner = CliRunner()
    args = ["new", "prompt", "after-crypto", "--templates", str(SKELETONS)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    assert result.stdout == "content/prompts/after-crypto.yml\n"
    assert "playbook check" in result.stderr
    again = runner.invoke(main, args)
    assert again.exit_code == 2 and "already exists" in again.stderr
