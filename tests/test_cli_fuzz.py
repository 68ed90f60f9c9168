"""Every command, random arguments, random content trees: exit 0, 1 or 2, never a traceback."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main

from .conftest import BASE, TEMPLATES, copy_tree

FILES = [
    "vocabulary.yml",
    "scenarios/late-payment.yml",
    "scenarios/scope-creep.yml",
    "tactics/paper-trail.yml",
    "messages/reminder.yml",
    "prompts/after-money.yml",
    "rules/review-3-days.yml",
    "rules/new.yml",
    "notes/stray.yml",
    "scenarios/draft.yaml",
]
# Fragments that YAML, Markdown, Jinja and the checker each treat specially.
FRAGMENTS = [
    "id: late-payment\n",
    "title: x\n",
    "rules: [review-3-days, nope]\n",
    "clock: {length: 0, unit: weeks, zone: Mars/Base}\n",
    "variants: {firm: '[[x]] {{ y }}'}\n",
    "- [",
    "]",
    "{{",
    "&a [*a]\n",
    "!!python/object:os.system\n",
    "\t",
    "<script>",
    "TODO",
    "\x00",
    "ü",
    ": : :\n",
    "[" * 60,
]
ARGS = [
    "--strict",
    "--format",
    "github",
    "json",
    "espanso",
    "text",
    "--tone",
    "firm",
    "--set",
    "client_name=Dana",
    "x",
    "--blanks",
    "reminder",
    "late-payment",
    "scenario",
    "rule",
    "Bad_Id",
    "",
    "-",
    "..",
]
COMMANDS = [
    ["check"],
    ["check", "--strict", "--format", "github"],
    ["check", "--staged"],
    ["new", "rule", "fresh-rule", "--templates", str(TEMPLATES.parent / "scaffold")],
    ["new", "scenario", "late-payment", "--templates", str(TEMPLATES.parent / "scaffold")],
    ["render", "reminder", "--blanks"],
    ["render", "reminder", "--tone", "firm", "--set", "client_name=Dana"],
    ["export", "--out", "out"],
    ["export", "--format", "json", "--out", "out"],
    ["export", "--out", "content"],
    ["docs", "--out", "."],
    ["docs", "--out", "out", "--templates", str(TEMPLATES)],
    ["schema", "--out", "content/scenarios"],
    ["schema", "--out", "out"],
    [],
]

mutation = st.tuples(
    st.sampled_from(FILES),
    st.one_of(
        st.none(),  # delete the file
        st.lists(st.sampled_from(FRAGMENTS), max_size=6).map("".join),
        st.text(max_size=40),
    ),
)


@settings(
    max_examples=int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.lists(mutation, max_size=4),
    command=st.sampled_from(COMMANDS),
    extra=st.lists(st.sampled_from(ARGS), max_size=2),
)
def test_no_command_prints_a_traceback(
    changes: list[tuple[str, str | None]],
    command: list[str],
    extra: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever the arguments and the content, a command answers with an exit status."""
    root = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        content = copy_tree(BASE, root / "content")
        for rel, text in changes:
            path = content / rel
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", errors="surrogatepass")
        monkeypatch.chdir(root)
        result = CliRunner().invoke(main, [*command, *extra])
        assert result.exit_code in (0, 1, 2), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            command,
            extra,
            changes,
            repr(result.exception),
        )
        assert "Traceback" not in result.output
    finally:
        shutil.rmtree(root, ignore_errors=True)
