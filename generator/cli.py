"""The `playbook` command: check, scaffold, render and export the content, and write its pages."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .export import DOWNLOADS_DIR, FORMATS, ExportError, export_files
from .fill import MissingValues, fill
from .gitstaged import StagedError, as_in_tree, staged_copy
from .i18n import SOURCE, site_languages
from .kinds import KINDS
from .load import check as check_content
from .load import load
from .models import MESSAGE, Message
from .output import OutputError, write_tree
from .parsecache import loading_once
from .playbook import Playbook
from .problems import ContentError, Severity, did_you_mean
from .render import render
from .scaffold import ScaffoldError, restamp, scaffold, scaffold_translation
from .schema import schema_files
from .settings import stale_after_days
from .translate import I18N, VOCABULARY

F = TypeVar("F", bound=Callable[..., Any])

CONTENT_HELP = "The content folder (default: ./content)."


def templates_option(default: str, help_text: str) -> Callable[[F], F]:
    """--templates, a folder of Jinja templates that must exist."""
    return click.option(
        "--templates",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        default=Path(default),
        show_default=True,
        help=help_text,
    )


out_option = click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help=(
        "Folder to write: absent, empty, or one playbook wrote before. It is replaced "
        "as a whole once everything in it is ready."
    ),
)

content_option = click.option(
    "--content",
    "content",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help=CONTENT_HELP,
)


class _Group(click.Group):
    """Turns a file-system error in any command into one line and exit 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option(
    "--staged",
    is_flag=True,
    help="Check the content as staged for commit, ignoring unstaged edits and untracked files.",
)
def check(content: Path, fmt: str, strict: bool, staged: bool) -> None:
    """Check every entry and every link between entries.

    Prints one line per problem, `path:line:col: PBnnn message`, sorted by file and line.
    Exits 0 when clean, 1 when there are problems (warnings only with --strict).
    """
    if not content.is_dir():
        raise click.UsageError(f"no content folder at '{content}'")
    with loading_once():
        if staged:
            try:
                with staged_copy(content) as (copy, _):
                    found = check_content(copy, stale_after_days=stale_after_days(copy))
                    problems = as_in_tree(found, copy, content)
            except StagedError as exc:
                raise click.UsageError(str(exc)) from None
        else:
            problems = check_content(content, stale_after_days=stale_after_days(content))
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
@templates_option("templates/pages", "Page templates.")
@out_option
@click.option(
    "--language",
    type=click.Choice([SOURCE, *site_languages()]),
    default=SOURCE,
    show_default=True,
    help="The site's language: its interface, and each entry's translation where it has one.",
)
def docs(content: Path, templates: Path, out: Path, language: str) -> None:
    """Write the site's Markdown pages to a folder, for MkDocs or another engine.

    The folder gets the generated pages plus the hand-written ones from content/pages
    (content/i18n/<language>/pages for another language).
    """
    playbook = _load_or_exit(content).in_language(language)
    pages: dict[str, str | bytes] = dict(render(playbook, templates, language))
    # The Downloads page links to the exports: write them too, so its links hold.
    try:
        downloads = export_files(playbook, FORMATS, homepage=None, language=language)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    pages.update({f"{DOWNLOADS_DIR}/{name}": data for name, data in downloads.items()})
    hand_written = content / "pages" if language == SOURCE else content / I18N / language / "pages"
    if hand_written.is_dir():
        for path in sorted(hand_written.rglob("*")):
            rel = path.relative_to(hand_written).as_posix()
            if path.is_file() and rel not in pages:
                pages[rel] = path.read_bytes()
    _write(out, pages)
    click.echo(f"wrote {len(pages)} files to {out}", err=True)


@main.command("render")
@click.argument("message_id")
@content_option
@click.option("--tone", help="Tone of the message (default: its first tone).")
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="Fill a blank; repeat for each blank.",
)
@click.option("--blanks", is_flag=True, help="Leave unfilled blanks as [Label].")
@click.option(
    "--platform",
    help="Write the platform's own words (order, offer on fiverr); default: the words' defaults.",
)
def render_message(
    message_id: str,
    content: Path,
    tone: str | None,
    assignments: tuple[str, ...],
    blanks: bool,
    platform: str | None,
) -> None:
    """Print a message with its blanks filled in, ready to paste.

    Example: playbook render payment-reminder-overdue --tone firm --set client_name=Dana
    """
    playbook = _load_or_exit(content)
    platforms = [p.id for p in playbook.vocabulary.platforms]
    if platform is not None and platform not in platforms:
        hint = did_you_mean(platform, platforms)
        raise click.UsageError(
            f"no platform '{platform}'{hint}; the platforms are: {', '.join(platforms)}"
        )
    message = playbook.messages.get(message_id)
    if message is None:
        hint = did_you_mean(message_id, playbook.messages)
        raise click.UsageError(f"no message '{message_id}'{hint}; see content/{MESSAGE.folder}/")
    tones = list(message.variants)
    tone = tone or tones[0]
    if tone not in message.variants:
        hint = did_you_mean(tone, tones)
        raise click.UsageError(
            f"message '{message_id}' has no tone '{tone}'{hint}; its tones are: {', '.join(tones)}"
        )
    values = _parse_assignments(message, assignments)
    try:
        click.echo(fill(playbook.worded(message, platform), tone, values, blanks=blanks))
    except MissingValues as exc:
        lines = [f"  {p.name}: {p.label} (e.g. {p.example})" for p in exc.missing]
        raise click.ClickException(
            f"{_plural(len(exc.missing), 'blank')} without a value:\n"
            + "\n".join(lines)
            + "\nGive each with --set NAME=VALUE, or pass --blanks to leave [Label] blanks."
        ) from None


@main.command("new")
@click.argument("kind", type=click.Choice([*KINDS.names(), VOCABULARY]))
@click.argument("entry_id", metavar="ID", required=False)
@click.option("--title", help='The title, e.g. --title "Client pays late".')
@click.option(
    "--language",
    type=click.Choice(site_languages()),
    help="Start a translation of the English entry ID (or of the vocabulary) instead.",
)
@content_option
@templates_option("templates/scaffold", "Skeleton templates.")
def new(
    kind: str,
    entry_id: str | None,
    title: str | None,
    language: str | None,
    content: Path,
    templates: Path,
) -> None:
    """Start a new entry: write a skeleton with every field, comments and TODOs.

    With --language, start a translation of an existing English entry instead: each
    text to translate reads `TODO: <the English>`.

    \b
    Examples:
      playbook new scenario client-pays-in-crypto --title "Client wants to pay in crypto"
      playbook new scenario feedback-extortion --language es
      playbook new vocabulary --language pt-br
    """
    if not content.is_dir():
        raise click.UsageError(f"no content folder at '{content}'")
    if kind == VOCABULARY and not language:
        raise click.UsageError(
            "the vocabulary is edited in content/vocabulary.yml; "
            "`new vocabulary` only starts a translation (--language)"
        )
    if kind != VOCABULARY and not entry_id:
        raise click.UsageError("missing the ID of the entry")
    try:
        if language:
            playbook = _load_or_exit(content, translations=False)
            path = scaffold_translation(playbook, language, kind, entry_id or "", content)
        else:
            path = scaffold(kind, entry_id or "", content, templates, title=title)
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(str(path))
    then = f"`make serve LANGUAGE={language}`" if language else "`make serve`"
    click.echo(
        f"Next: replace each TODO in {path}, then run `playbook check` until it is clean, "
        f"and {then} to see the page.",
        err=True,
    )


@main.command("translated")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path)
)
@content_option
def translated(files: tuple[Path, ...], content: Path) -> None:
    """Record that translations are made from today's English (their `english` field).

    Run it on a translation once you have brought it up to date with the English that
    changed (PB210 names the parts). Example:
    playbook translated content/i18n/es/scenarios/feedback-extortion.yml
    """
    playbook = _load_or_exit(content, translations=False)
    root = (content / I18N).resolve()
    for file in files:
        rel = file.resolve().relative_to(root) if root in file.resolve().parents else None
        if rel is None or len(rel.parts) not in (2, 3):
            raise click.UsageError(f"{file} is not a translation under {content / I18N}/")
        if len(rel.parts) == 2:
            english: Any = playbook.vocabulary
        else:
            folder, name = rel.parts[1], rel.stem
            english = playbook.entries.get(folder, {}).get(name)
            if english is None:
                raise click.UsageError(f"{file} translates no English entry")
        restamp(file, english)
        click.echo(f"{file}: made from today's English", err=True)


@main.command("export")
@content_option
@click.option(
    "--format",
    "formats",
    type=click.Choice(FORMATS),
    multiple=True,
    help="json, espanso or text; repeat it for several (default: all three).",
)
@out_option
@click.option("--homepage", help="Web address for the Espanso package's manifest and README.")
def export_command(
    content: Path, formats: tuple[str, ...], out: Path, homepage: str | None
) -> None:
    """Write the messages and content for other tools: the site's Downloads.

    json: playbook.json with every entry, and schema/*.json. espanso: an Espanso package
    (zip) with one form per message and tone. text: a zip of one .txt per message and
    tone with [Label] blanks. The same content always gives the same bytes.
    """
    playbook = _load_or_exit(content)
    files = _exports(playbook, formats or FORMATS, homepage=homepage)
    _write(out, files)
    click.echo(f"wrote {_plural(len(files), 'file')} to {out}", err=True)


@main.command("schema")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schema"),
    show_default=True,
    help="Folder to write: absent, empty, or one playbook wrote before; replaced whole.",
)
@content_option
def schema_command(out: Path, content: Path) -> None:
    """Write the JSON Schema of each kind of entry, the vocabulary and playbook.json.

    Editors use them to check content files as you type: each id field lists the
    entries and vocabulary terms of the content folder, so a misspelt id is flagged.
    `make serve` and `make test` run it; run it yourself after adding an entry.
    """
    playbook = None
    if content.is_dir():
        try:
            playbook = load(content, stale_after_days=stale_after_days(content))
        except ContentError:
            click.echo(
                "note: the content has problems (see 'playbook check'), so the schemas "
                "are written without the lists of allowed ids",
                err=True,
            )
    files = schema_files(playbook)
    _write(out, files)
    click.echo(f"wrote {_plural(len(files), 'schema')} to {out}", err=True)


def _parse_assignments(message: Message, assignments: tuple[str, ...]) -> dict[str, str]:
    by_name = {p.name: p for p in message.placeholders}
    values: dict[str, str] = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--set '{item}' needs the form NAME=VALUE")
        placeholder = by_name.get(name)
        if placeholder is None:
            hint = did_you_mean(name, by_name) or f"; its blanks are: {', '.join(by_name)}"
            raise click.UsageError(f"message '{message.id}' has no blank '{name}'{hint}")
        if placeholder.choices and value not in placeholder.choices:
            raise click.UsageError(
                f"'{value}' is not a choice for {name}: use one of {', '.join(placeholder.choices)}"
            )
        values[name] = value
    return values


def _load_or_exit(content: Path, *, translations: bool = True) -> Playbook:
    """The playbook (without the translations' check, where only the English matters),
    or exit 1 with its problems."""
    if not content.is_dir():
        raise click.UsageError(f"no content folder at '{content}'")
    try:
        return load(content, stale_after_days=stale_after_days(content), translations=translations)
    except ContentError as exc:
        click.echo(exc.format(), err=True)
        raise click.ClickException("content has problems: run 'playbook check'") from None


def _exports(
    playbook: Playbook, formats: tuple[str, ...], homepage: str | None
) -> dict[str, bytes]:
    try:
        return export_files(playbook, formats, homepage=homepage)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None


def _write(out: Path, files: Mapping[str, str | bytes]) -> None:
    """Replace `out` with `files`, or exit 2 when `out` is not the tool's to replace."""
    try:
        write_tree(out, files)
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
