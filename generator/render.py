"""Render a `Playbook` into Markdown pages: a mapping of site path to text.

No I/O beyond reading templates, which are read from disk on every call so that
`mkdocs serve` picks up template edits. The plugin and `playbook docs` share this.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .models import PLACEHOLDER_RE, Message
from .playbook import Playbook

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
        "tags.md": ("tags.md.j2", {}),
    }
    for category in playbook.vocabulary.categories:
        pages[f"situations/{category.id}.md"] = ("category.md.j2", {"category": category})
    for sid, scenario in playbook.scenarios.items():
        pages[f"scenarios/{sid}.md"] = ("scenario.md.j2", {"scenario": scenario})
    for tid, tactic in playbook.tactics.items():
        pages[f"tactics/{tid}.md"] = ("tactic.md.j2", {"tactic": tactic})
    for mid, message in playbook.messages.items():
        pages[f"messages/{mid}.md"] = ("message.md.j2", {"message": message})
    for pid, prompt in playbook.prompts.items():
        pages[f"prompts/{pid}.md"] = ("prompt.md.j2", {"prompt": prompt})
    return dict(sorted(pages.items()))


def render(playbook: Playbook, templates_dir: Path) -> dict[str, str]:
    """Render every page; the result is sorted by path and deterministic."""
    env = make_environment(templates_dir)
    out: dict[str, str] = {}
    for path, (template_name, variables) in page_paths(playbook).items():
        template = env.get_template(template_name)
        out[path] = template.render(pb=playbook, page_path=path, **variables)
    return out


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """A Jinja environment over `templates_dir` with the playbook's filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        # HTML partials are escaped automatically; Markdown templates escape explicitly
        # with the `md` filter, since Markdown is not HTML.
        autoescape=jinja2.select_autoescape(["html"], default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
        cache_size=0,
    )
    env.filters.update(
        md=md_escape,
        block=indent_block,
        yaml_str=json.dumps,
        segments=segments,
        message_data=message_data,
    )
    env.globals.update(href=href)
    return env


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
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


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
        "placeholders": [p.model_dump(exclude_none=True) for p in message.placeholders],
        "variants": dict(message.variants),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
