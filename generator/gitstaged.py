"""The content as staged for commit: what `git commit` would record, nothing else.

The pre-commit hook checks this snapshot, so an untracked draft or an unstaged edit in
the working tree neither fails nor passes a commit that does not contain it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from .problems import Problem


class StagedError(Exception):
    """The staged snapshot cannot be made (not a git repository, git missing)."""


@contextmanager
def staged_copy(content: Path) -> Iterator[tuple[Path, Path]]:
    """A temporary copy of the index; yields (copy of `content`, the repository's root)."""
    try:
        top = _git(content.resolve().parent, "rev-parse", "--show-toplevel").strip()
    except (OSError, subprocess.CalledProcessError) as exc:
        raise StagedError(f"--staged needs a git repository around '{content}': {exc}") from None
    root = Path(top)
    folder = Path(tempfile.mkdtemp(prefix="playbook-staged-"))
    try:
        _git(root, "checkout-index", "--all", "--quiet", f"--prefix={folder}/")
        yield folder / content.resolve().relative_to(root), root
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def as_in_tree(problems: list[Problem], copy: Path, content: Path) -> list[Problem]:
    """Problems found in the copy, reported at the paths of the working tree."""
    out = []
    for problem in problems:
        try:
            rel = problem.path.relative_to(copy)
        except ValueError:
            out.append(problem)
            continue
        out.append(replace(problem, path=content / rel))
    return out


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout
