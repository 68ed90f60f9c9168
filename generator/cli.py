"""The `playbook` command: check content, write the pages for other engines."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import click

from . import __version__
from .load import check as check_content
from .load import load
from .output import write_tree
from .problems import ContentError, Severity
from .render import render

CONTENT_HELP = "The content folder (default: ./content)."


def _settings(start: Path) -> dict[str, object]:
    """[tool.playbook] from the nearest pyproject.toml, if any."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                return {}
            settings = data.get("tool", {}).get("playbook", {})
            return settings if isinstance(settings, dict) else {}
    return {}


def _stale_days(content: Path) -> int:
    value = _settings(content.resolve()).get("stale_after_days", 365)
    return value if isinstance(value, int) else 365


content_option = click.option(
    "--content",
    "content",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help=CONTENT_HELP,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
def main() -> None:
    """The Freelance Client Playbook: check content and build its pages."""


@main.command()
@content_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="github prints workflow annotations for pull requests.",
)
@click.option("--strict", is_flag=True, help="Count warnings as problems (exit 1).")
def check(content: Path, fmt: str, strict: bool) -> None:
    """Check every entry and every link between entries.

    Prints one line per problem, `path:line:col: PBnnn message`, sorted by file and line.
    Exits 0 when clean, 1 when there are problems (warnings only with --strict).
    """
    if not content.is_dir():
        raise click.UsageError(f"no content folder at '{content}'")
    problems = check_content(content, stale_after_days=_stale_days(content))
    for problem in problems:
        click.echo(problem.format_github() if fmt == "github" else problem.format_text())
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    if errors or (strict and warnings):
        click.echo(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}", err=True)
        sys.exit(1)
    click.echo(f"ok: no errors, {_plural(warnings, 'warning')}", err=True)


@main.command()
@content_option
@click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("templates/pages"),
    show_default=True,
    help="Page templates.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write; replaced as a whole once every page is ready.",
)
def docs(content: Path, templates: Path, out: Path) -> None:
    """Write the site's Markdown pages to a folder, for MkDocs or another engine.

    The folder gets the generated pages plus the hand-written ones from content/pages.
    """
    try:
        playbook = load(content, stale_after_days=_stale_days(content))
    except ContentError as exc:
        click.echo(exc.format(), err=True)
        raise click.ClickException("content has problems: run 'playbook check'") from None
    pages = render(playbook, templates)
    hand_written = content / "pages"
    if hand_written.is_dir():
        for path in sorted(hand_written.rglob("*")):
            rel = path.relative_to(hand_written).as_posix()
            if path.is_file() and rel not in pages:
                pages[rel] = path.read_bytes()  # type: ignore[assignment]
    write_tree(out, pages)
    click.echo(f"wrote {len(pages)} pages to {out}", err=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
