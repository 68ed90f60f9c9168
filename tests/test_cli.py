"""The `playbook` command: exact output and exit codes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.export import export_files
from generator.load import load
from generator.models import Scenario
from generator.output import MARKER
from generator.render import render

from .conftest import BASE, TEMPLATES, copy_tree, edit_file


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)  # paths in output are relative to the current directory
    return CliRunner()


def test_clean_content_exits_zero(runner: CliRunner, tmp_path: Path) -> None:
    """Clean content: nothing on stdout, a summary on stderr, exit 0."""
    copy_tree(BASE, tmp_path / "content")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "ok: no errors, 0 warnings\n"


def test_problems_are_printed_relative_and_sorted(runner: CliRunner, tmp_path: Path) -> None:
    """Every problem on its own line, relative to the current directory, sorted; exit 1."""
    content = copy_tree(BASE, tmp_path / "content")
    edit_file(
        content / "scenarios" / "late-payment.yml",
        ("  - tactic: follow-up\n", "  - tactic: folow-up\n"),
        ("category: payment", "category: payment\nmood: grim"),
    )
    result = runner.invoke(main, ["check", "--content", "content"])
    assert result.exit_code == 1
    allowed = ", ".join(sorted(Scenario.model_fields))  # a new kind may add a field
    assert result.stdout.splitlines() == [
        "content/scenarios/late-payment.yml:4:1: PB101 unknown field 'mood'; allowed here: "
        + allowed,
    ]
    assert result.stderr == "1 error, 0 warnings\n"


def test_all_four_acceptance_problems_in_one_run(runner: CliRunner, tmp_path: Path) -> None:
    """A misspelt tactic, a duplicate key, an unknown field and a syntax error: all reported."""
    content = copy_tree(BASE, tmp_path / "content")
    late = content / "scenarios" / "late-payment.yml"
    late.write_text(
        late.read_text(encoding="utf-8").replace(
            "  - tactic: follow-up\n", "  - tactic: folow-up\n"
        ),
        encoding="utf-8",
    )
    scope = content / "scenarios" / "scope-creep.yml"
    scope.write_text(
        scope.read_text(encoding="utf-8").replace(
            "stakes: Unpaid hours.", "stakes: Unpaid hours.\nstakes: Time."
        ),
        encoding="utf-8",
    )
    tactic = content / "tactics" / "follow-up.yml"
    tactic.write_text(tactic.read_text(encoding="utf-8") + "pitfals:\n  - none\n", encoding="utf-8")
    prompt = content / "prompts" / "after-money.yml"
    prompt.write_text("id: after-money\ntitle: [unclosed\n", encoding="utf-8")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(" ")[:2] for line in lines] == [
        ["content/prompts/after-money.yml:3:1:", "PB001"],
        ["content/scenarios/late-payment.yml:14:13:", "PB104"],
        ["content/scenarios/scope-creep.yml:9:1:", "PB002"],
        ["content/tactics/follow-up.yml:9:1:", "PB101"],
    ]
    assert "(did you mean 'follow-up'?)" in lines[1]
    assert "(did you mean 'pitfalls'?)" in lines[3]
    assert "Traceback" not in result.output


def test_warnings_fail_only_with_strict(runner: CliRunner, tmp_path: Path) -> None:
    """An unused tactic is a warning: exit 0 normally, 1 with --strict."""
    content = copy_tree(BASE, tmp_path / "content")
    (content / "tactics" / "spare.yml").write_text(
        "id: spare\ntitle: Spare\nsummary: Unused.\nwhen: Never.\n"
        "how: [Wait.]\npitfalls: [None.]\n",
        encoding="utf-8",
    )
    line = (
        "content/tactics/spare.yml:1:5: warning: PB201 no scenario uses tactic 'spare': "
        "link it from a scenario or remove it\n"
    )
    result = runner.invoke(main, ["check"])
    assert (result.exit_code, result.stdout) == (0, line)
    assert result.stderr == "ok: no errors, 1 warning\n"
    strict = runner.invoke(main, ["check", "--strict"])
    assert (strict.exit_code, strict.stdout) == (1, line)
    assert strict.stderr == "0 errors, 1 warning\n"


def test_github_format(runner: CliRunner, tmp_path: Path) -> None:
    """--format github prints workflow commands that annotate the changed lines."""
    content = copy_tree(BASE, tmp_path / "content")
    late = content / "scenarios" / "late-payment.yml"
    late.write_text(
        late.read_text(encoding="utf-8").replace("category: payment", "category: payments"),
        encoding="utf-8",
    )
    result = runner.invoke(main, ["check", "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=content/scenarios/late-payment.yml,line=3,col=11,title=PB109::PB109 "
        "category 'payments' is not in vocabulary.yml (did you mean 'payment'?)\n"
    )


def test_usage_errors_exit_two(runner: CliRunner) -> None:
    """A missing folder or a bad option is a usage error: exit 2, no traceback."""
    missing = runner.invoke(main, ["check", "--content", "nowhere"])
    assert missing.exit_code == 2
    assert "no content folder at 'nowhere'" in missing.stderr
    bad = runner.invoke(main, ["check", "--format", "xml"])
    assert bad.exit_code == 2
    assert "Traceback" not in bad.output


def test_docs_writes_the_site_pages(runner: CliRunner, tmp_path: Path) -> None:
    """`playbook docs` writes generated and hand-written pages into a fresh folder."""
    copy_tree(BASE, tmp_path / "content")
    out = tmp_path / "out"
    (out / "stale").mkdir(parents=True)
    (out / MARKER).write_text("", encoding="utf-8")  # written by an earlier run
    result = runner.invoke(main, ["docs", "--templates", str(TEMPLATES), "--out", "out"])
    assert result.exit_code == 0, result.output
    assert (out / "scenarios" / "late-payment.md").is_file()
    assert (out / "about.md").read_text(encoding="utf-8").startswith("# About")
    assert not (out / "stale").exists(), "the folder is replaced as a whole"
    playbook = load(tmp_path / "content")
    pages, downloads = render(playbook, TEMPLATES), export_files(playbook)
    hand_written = [p for p in (tmp_path / "content" / "pages").rglob("*") if p.is_file()]
    assert (
        result.stderr == f"wrote {len(pages) + len(downloads) + len(hand_written)} files to out\n"
    )
    assert (out / "downloads" / "playbook.json").is_file(), "the Downloads page's links hold"


def test_docs_refuses_broken_content(runner: CliRunner, tmp_path: Path) -> None:
    """Broken content: problems on stderr, exit 1, and the output folder untouched."""
    content = copy_tree(BASE, tmp_path / "content")
    (content / "scenarios" / "late-payment.yml").write_text("id: [\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.md").write_text("mine", encoding="utf-8")
    result = runner.invoke(main, ["docs", "--templates", str(TEMPLATES), "--out", "out"])
    assert result.exit_code == 1
    assert "PB001" in result.stderr
    assert "Error: content has problems: run 'playbook check'" in result.stderr
    assert (out / "keep.md").read_text(encoding="utf-8") == "mine"


def test_every_command_has_help() -> None:
    """Each command explains itself in --help."""
    for name, command in main.commands.items():  # type: ignore[attr-defined]
        assert isinstance(command, click.Command)
        assert command.help and len(command.help) > 20, name


def test_staged_check_ignores_untracked_drafts(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--staged checks what a commit records: an untracked draft neither fails nor passes it."""
    repo = tmp_path / "repo"
    copy_tree(BASE, repo / "content")
    monkeypatch.chdir(repo)
    for args in (["init", "-q"], ["add", "content"]):
        subprocess.run(["git", *args], check=True, capture_output=True)
    draft = repo / "content" / "tactics" / "draft.yml"
    draft.write_text("id: draft\ntitle: TODO\n", encoding="utf-8")
    assert runner.invoke(main, ["check"]).exit_code == 1
    result = runner.invoke(main, ["check", "--strict", "--staged"])
    assert result.exit_code == 0, result.output
    subprocess.run(["git", "add", "content"], check=True, capture_output=True)
    staged = runner.invoke(main, ["check", "--staged"])
    assert staged.exit_code == 1
    assert staged.stdout.startswith("content/tactics/draft.yml:"), "paths as in the tree"


def test_staged_check_outside_git_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside a git repository, --staged says why in one line and exits 2."""
    copy_tree(BASE, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["check", "--staged"])
    assert result.exit_code == 2
    assert "git repository" in result.stderr
