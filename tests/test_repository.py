"""Files around the code: workflows, issue forms, pre-commit and the two commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .conftest import REPO

GITHUB = REPO / ".github"
YAML_FILES = sorted([*GITHUB.rglob("*.yml"), REPO / ".pre-commit-config.yaml"])


def make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.M))


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_yaml_files_parse(path: Path) -> None:
    """Workflows, issue forms and the pre-commit config are valid YAML mappings."""
    assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict)


def test_workflows_call_make_targets_that_exist() -> None:
    """Every `make X` in a workflow or in .ci/run is a target of the Makefile."""
    targets = make_targets()
    texts = [p.read_text(encoding="utf-8") for p in (GITHUB / "workflows").glob("*.yml")]
    texts.append((REPO / ".ci" / "run").read_text(encoding="utf-8"))
    called = {name for text in texts for name in re.findall(r"\bmake ([a-z][a-z-]*)", text)}
    assert called and called <= targets


def test_check_workflow_annotates_pull_requests() -> None:
    """The PR workflow runs make test and the GitHub-format check."""
    workflow = yaml.safe_load((GITHUB / "workflows" / "check.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert "make test" in runs
    assert any("playbook check --strict --format github" in run for run in runs)


def test_pages_workflow_uses_the_official_actions() -> None:
    """The site is built strictly and deployed with GitHub's own Pages actions."""
    text = (GITHUB / "workflows" / "pages.yml").read_text(encoding="utf-8")
    for action in (
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "actions/configure-pages",
    ):
        assert action in text
    assert "make build" in text


def test_issue_forms_have_required_fields() -> None:
    """Each issue form has a name, a description and at least one required field."""
    for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml"):
        if path.name == "config.yml":
            continue
        form = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert form["name"] and form["description"]
        assert any(item.get("validations", {}).get("required") for item in form["body"])


def test_readme_opens_with_the_two_commands() -> None:
    """The README says `make serve` and `make test` near the top."""
    head = (REPO / "README.md").read_text(encoding="utf-8")[:1500]
    assert "make serve" in head and "make test" in head


def test_pre_commit_runs_the_content_check() -> None:
    """The pre-commit config runs `playbook check` on content changes."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert "playbook check" in hooks["playbook-check"]["entry"]
    assert "content/" in hooks["playbook-check"]["files"]


def test_every_entry_names_its_schema_for_editors() -> None:
    """Each entry's first line points editors at its kind's schema (as `playbook new` writes)."""
    from generator.kinds import KINDS

    missing = []
    for kind in KINDS:
        line = f"# yaml-language-server: $schema=../../schema/{kind.name}.json"
        for path in sorted((REPO / "content" / kind.folder).glob("*.yml")):
            if path.read_text(encoding="utf-8").splitlines()[0] != line:
                missing.append(path.name)
    assert missing == []
