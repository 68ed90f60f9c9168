"""Write output folders so that a failure leaves nothing half-written, and nothing is lost.

`playbook docs`, `export` and `schema` replace their `--out` folder as a whole. That is
safe only for a folder the tool owns, so before writing, `write_tree` refuses any other:
the working directory and its parents, a folder that holds content, templates or a git
repository, and a non-empty folder without the marker file the tool leaves in each folder
it writes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

MARKER = ".playbook-output"
MARKER_TEXT = (
    "This folder is written by the `playbook` command, which replaces it whole on the next\n"
    "run. Do not keep other files here.\n"
)
# Names that show a folder holds work of its own, never output.
_PRECIOUS = (".git", "content", "templates", "generator", "mkdocs.yml", "pyproject.toml")


class OutputError(Exception):
    """The output folder is one the tool must not replace; the message says why."""


def check_target(out: Path, cwd: Path | None = None) -> None:
    """Raise OutputError unless `out` is absent, empty, or a folder the tool wrote before."""
    out = out.resolve()
    here = (cwd or Path.cwd()).resolve()
    if out == here or out in here.parents:
        raise OutputError(
            f"'{out}' is the current folder or one of its parents, and --out replaces the "
            "folder it is given: name a new folder, such as build/docs"
        )
    if not out.exists() and not out.is_symlink():
        return
    if out.is_symlink() or not out.is_dir():
        raise OutputError(f"'{out}' exists and is not a folder: choose another --out")
    held = sorted(name for name in _PRECIOUS if (out / name).exists())
    if held:
        raise OutputError(
            f"'{out}' holds {', '.join(held)}: it is not an output folder, and --out would "
            "replace it; name a new folder, such as build/docs"
        )
    if any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputError(
            f"'{out}' is not empty and was not written by playbook: --out replaces the "
            "folder whole, so empty it first, or name a new folder"
        )


def write_tree(out: Path, files: Mapping[str, str | bytes], cwd: Path | None = None) -> None:
    """Write `files` (relative path -> content) as the folder `out`, replacing it whole.

    Refuses (OutputError) a folder the tool does not own. Everything is written into a
    temporary sibling folder first; only when all files are there does it take the place
    of `out`. The folder gets the marker file that lets the next run replace it.
    """
    check_target(out, cwd)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; the result is a normal folder
    try:
        for rel, content in sorted([*files.items(), (MARKER, MARKER_TEXT)]):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            target.write_bytes(data)
        if out.exists():
            old = out.with_name(f".{out.name}-old-{os.getpid()}")
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
