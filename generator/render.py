"""Render a `Playbook` into Markdown pages: a mapping of site path to text.

No I/O beyond reading templates, which are read from disk on every call so that
`mkdocs serve` picks up template edits. The plugin and `playbook docs` share this.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import __version__
from .export import (
    DOWNLOADS_DIR,
    ESPANSO_ZIP,
    JSON_FILE,
    PACKAGE_NAME,
    TEXT_ZIP,
    trigger,
)
from .kinds import BY_FOLDER, KINDS
from .models import PLACEHOLDER_RE, Message
from .playbook import LIST_LIMIT, Playbook
from .schema import SCHEMA_MODELS

HOME_LIMIT = 15
"""The home page lists this many situations of each group, then links to the group."""
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#!|])")


@dataclass(frozen=True)
class Segment:
    """A piece of a message body: literal text, or a placeholder to fill in."""

    text: str
    name: str | None = None


def page_paths(playbook: Playbook) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every generated page: site path -> (template name, template variables)."""
    pages: dict[str, tuple[str, dict[str, Any]]] = {
        "index.md": ("home.md.j2", {}),
        "situations/index.md": ("situations.md.j2", {}),
        "tactics/index.md": ("tactics-index.md.j2", {}),
        "messages/index.md": ("messages-index.md.j2", {}),
        "prompts/index.md": ("prompts-index.md.j2", {}),
        "platforms/index.md": ("platforms-index.md.j2", {}),
        "tags.md": ("tags.md.j2", {}),
        "downloads.md": ("downloads.md.j2", downloads_variables(playbook)),
    }
    for category in playbook.vocabulary.categories:
        pages[f"situations/{category.id}.md"] = ("category.md.j2", {"category": category})
    for platform in playbook.vocabulary.platforms:
        pages[f"platforms/{platform.id}.md"] = ("platform.md.j2", {"platform": platform})
    # One page per tag: a single page of every tag grew with the playbook (2.9 MB at
    # 5,000 situations).
    for tag, ids in tagged(playbook).items():
        pages[f"tags/{slug(tag)}.md"] = ("tag.md.j2", {"tag": tag, "ids": ids})
    for kind in KINDS:
        for entry_id, entry in playbook.entries[kind.folder].items():
            pages[kind.page(entry_id)] = (kind.page_template, {kind.name: entry})
            more = playbook.all_situations_page(kind.folder, entry_id)
            if more:  # the entry's page lists the first few; this page lists them all
                ids = playbook.situations_of(kind.folder, entry_id)
                pages[more] = (
                    "situations-of.md.j2",
                    {"folder": kind.folder, "entry": entry, "ids": ids},
                )
    return dict(sorted(pages.items()))


def tagged(playbook: Playbook) -> dict[str, list[str]]:
    """Each tag the situations carry, with their ids ordered by title; tags sorted."""
    found: dict[str, list[str]] = {}
    for scenario in sorted(playbook.scenarios.values(), key=lambda s: s.title.lower()):
        for tag in playbook.tags_for(scenario):
            found.setdefault(tag, []).append(scenario.id)
    return dict(sorted(found.items()))


def is_entry_page(path: str) -> bool:
    """Whether a site path is one entry's page, reached through index pages, not the nav."""
    folder, _, name = path.partition("/")
    return (folder in BY_FOLDER or folder == "tags") and name != "index.md"


def downloads_variables(playbook: Playbook) -> dict[str, Any]:
    """What the Downloads page links to: the files the plugin publishes under downloads/."""
    example: dict[str, Any] | None = None
    if playbook.messages:
        first = playbook.messages[min(playbook.messages)]
        tone = next(iter(first.variants))
        example = {"message": first, "tone": tone, "trigger": trigger(first.id, tone)}
    return {
        "files": {
            "json": f"{DOWNLOADS_DIR}/{JSON_FILE}",
            "espanso": f"{DOWNLOADS_DIR}/{ESPANSO_ZIP}",
            "text": f"{DOWNLOADS_DIR}/{TEXT_ZIP}",
        },
        "schemas": {name: f"{DOWNLOADS_DIR}/schema/{name}.json" for name in SCHEMA_MODELS},
        "package": {"name": PACKAGE_NAME, "version": __version__},
        "example": example,
    }


def render(playbook: Playbook, templates_dir: Path) -> dict[str, str]:
    """Render every page; the result is sorted by path and deterministic."""
    env = make_environment(templates_dir)
    # A message's block is the same on every page that offers it (it holds no links), so
    # it is rendered once per build: most scenarios offer three or four messages.
    blocks: dict[str, Markup] = {}
    partial = env.get_template("partials/message.html")

    def message_block(message: Message) -> Markup:
        if message.id not in blocks:
            html = partial.render(pb=playbook, message=message)
            blocks[message.id] = Markup(html.removesuffix("\n"))  # the page adds its own
        return blocks[message.id]

    env.globals["message_block"] = message_block
    out: dict[str, str] = {}
    for path, (template_name, variables) in page_paths(playbook).items():
        template = env.get_template(template_name)
        out[path] = template.render(pb=playbook, page_path=path, **variables)
    return out


_ENVIRONMENTS: dict[Path, jinja2.Environment] = {}


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """The Jinja environment over `templates_dir`, kept for the life of the process.

    `mkdocs serve` renders every page on each rebuild: keeping the environment keeps the
    compiled templates, and `auto_reload` recompiles one whose file changed.
    """
    key = templates_dir.resolve()
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(templates_dir)
    return _ENVIRONMENTS[key]


def _new_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        # HTML partials are escaped automatically; Markdown templates escape explicitly
        # with the `md` filter, since Markdown is not HTML.
        autoescape=jinja2.select_autoescape(["html"], default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Each template is compiled once, then again only when its file changes
        # (cache_size=0 recompiled the page template, its macros and partials for every
        # page: most of the build time).
        auto_reload=True,
    )
    env.filters.update(
        md=md_escape,
        block=indent_block,
        yaml_str=json.dumps,
        segments=segments,
        message_data=message_data,
        slug=slug,
    )
    env.globals.update(href=href, list_limit=LIST_LIMIT, home_limit=HOME_LIMIT, tagged=tagged)
    return env


def slug(text: str) -> str:
    """The id Python-Markdown's toc gives a heading, so links can point at it."""
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def md_escape(text: str) -> str:
    """Text that Markdown shows literally: no emphasis, links, HTML or attribute lists."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def indent_block(text: str, width: int = 4) -> str:
    """Indent every line after the first, so Markdown keeps the text inside a list item."""
    lines = text.strip().splitlines()
    pad = " " * width
    return "\n".join([lines[0], *[(pad + line) if line.strip() else "" for line in lines[1:]]])


def href(from_page: str, to_page: str) -> str:
    """A relative link between two site paths, which MkDocs validates and rewrites."""
    # Site paths are already normal, so this is string work; posixpath.relpath asks the
    # operating system for the working directory twice per link (a seventh of `render`).
    base = from_page.split("/")[:-1]
    target = to_page.split("/")
    common = 0
    while common < min(len(base), len(target) - 1) and base[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:])


def segments(body: str) -> list[Segment]:
    """Split a message body into literal text and placeholders."""
    out: list[Segment] = []
    last = 0
    for match in PLACEHOLDER_RE.finditer(body):
        if match.start() > last:
            out.append(Segment(body[last : match.start()]))
        out.append(Segment(match.group(0), match.group(1)))
        last = match.end()
    if last < len(body):
        out.append(Segment(body[last:]))
    return out


def message_data(message: Message) -> str:
    """The message as JSON for the page's script, to be HTML-escaped into an attribute.

    An attribute rather than a <script> element: Material's instant navigation re-creates
    script elements, and a data attribute survives it unchanged.
    """
    data = {
        "id": message.id,
        "title": message.title,
        "placeholders": [p.model_dump(exclude_none=True) for p in message.placeholders],
        "variants": dict(message.variants),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
