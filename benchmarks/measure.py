"""Measuring tools for the benchmark: timed subprocesses, site sizes, the machine, configs."""

from __future__ import annotations

import html
import os
import platform
import re
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.i18n import html_lang, own_name, site_languages
from generator.kinds import KINDS
from generator.models import Vocabulary
from generator.nav import expand_nav, nav_sections
from generator.routes import language_root


class Failed(RuntimeError):
    """A measured command exited with an error."""


@dataclass(frozen=True)
class Run:
    """One finished subprocess: wall and CPU seconds, peak resident memory, output."""

    wall: float
    cpu: float
    rss_mb: float
    stdout: str


def run(cmd: list[str], *, cwd: Path) -> Run:
    """Run `cmd` to completion, measuring it alone (os.wait4 gives this child's usage)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        if proc.returncode != 0:
            tail = err.read().decode("utf-8", "replace")[-3000:]
            raise Failed(f"{' '.join(cmd)} exited {proc.returncode}:\n{tail}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout)


def fastest(runs: list[Run]) -> Run:
    """The run least disturbed by the rest of the machine, and the largest memory seen."""
    best = min(runs, key=lambda r: r.wall)
    cpu = min(r.cpu for r in runs)
    return Run(best.wall, cpu, max(r.rss_mb for r in runs), best.stdout)


@dataclass(frozen=True)
class Site:
    """Sizes of a built site."""

    total_bytes: int
    pages: int
    median_page: int
    largest_page: int
    largest_path: str
    index_bytes: int
    text_bytes: int


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def site_stats(site: Path) -> Site:
    """Total size, HTML page sizes, and the search index against the text it indexes.

    The indexed text is what a reader sees in each page's article (the part the search
    plugin reads), without tags, with entities decoded and whitespace collapsed.
    """
    total = 0
    pages: list[tuple[int, str]] = []
    text = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            pages.append((size, path.relative_to(site).as_posix()))
            text += _article_text_bytes(path.read_text(encoding="utf-8"))
    pages.sort()
    largest = pages[-1]
    index = site / "search" / "search_index.json"
    return Site(
        total_bytes=total,
        pages=len(pages),
        median_page=int(statistics.median(size for size, _ in pages)),
        largest_page=largest[0],
        largest_path=largest[1],
        index_bytes=index.stat().st_size,
        text_bytes=text,
    )


def _article_text_bytes(page: str) -> int:
    match = _ARTICLE.search(page)
    if match is None:
        return 0
    text = html.unescape(_TAG.sub(" ", match.group(1)))
    return len(_SPACE.sub(" ", text).strip().encode("utf-8"))


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
                break
    except OSError:
        pass
    from importlib.metadata import version

    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores",
        "Memory": memory or "unknown",
        "System": platform.platform(),
        "Python": platform.python_version(),
        "Packages": ", ".join(
            f"{name} {version(name)}"
            for name in ("mkdocs", "mkdocs-material", "pyyaml", "pydantic", "jinja2")
        ),
    }


def load_average() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


# Configs ------------------------------------------------------------------------------


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml, leaving out the values of its tags (!ENV, !!python/name)."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def full_config(repo: Path, content: Path, out: Path, language: str | None = None) -> Path:
    """The real mkdocs.yml, pointed at a content tree; with a `language`, the real
    mkdocs-<language>.yml over it."""
    text = _retarget(repo, (repo / "mkdocs.yml").read_text(encoding="utf-8"))
    text = _sub(r"(?m)^docs_dir: .*$", f"docs_dir: {content / 'pages'}", text)
    text = _sub(r"(?m)^(\s+)content: content$", rf"\g<1>content: {content}", text)
    config = out / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    if language is None:
        return config
    own = (repo / f"mkdocs-{language}.yml").read_text(encoding="utf-8")
    pages = content / "i18n" / language / "pages"
    own = _sub(r"(?m)^docs_dir: .*$", f"docs_dir: {pages}", own)
    config = out / f"mkdocs-{language}.yml"
    config.write_text(own, encoding="utf-8")
    return config


def plain_config(
    repo: Path, content: Path, docs: Path, out: Path, language: str | None = None
) -> Path:
    """The real mkdocs.yml without the playbook plugin, over pages written beforehand
    (`playbook docs`); with a `language`, mkdocs-<language>.yml's settings over it.

    Same theme, plugins and extensions; the nav the plugin would expand is written out,
    and entry pages are kept out of the nav the way the plugin keeps them out.
    """
    source = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    settings: dict[str, Any] = yaml.load(source, Loader=_Lenient)
    options: dict[str, Any] = (settings.get("plugins") or {}).get("playbook") or {}
    vocabulary = Vocabulary.model_validate(
        yaml.safe_load((content / "vocabulary.yml").read_text(encoding="utf-8"))
    )
    sections = nav_sections(
        vocabulary,
        options.get("group_nav", "situations/index.md"),
        options.get("platform_nav", "platforms/index.md"),
    )
    nav = expand_nav(settings["nav"], sections)
    text = _retarget(repo, source)
    text = _sub(r"(?m)^docs_dir: .*$", f"docs_dir: {docs}", text)
    text = _sub(r"(?m)^(?P<i>[ \t]*)playbook:\n(?:(?P=i)[ \t]+\S.*\n)*", "", text)
    kinds = tuple(k.folder for k in KINDS)
    patterns = "".join(f"  /{kind}/*\n  !/{kind}/index.md\n" for kind in kinds)
    dumped = yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True)
    text = _sub(
        r"(?m)^nav:\n(?:[ \t]+.*\n|[ \t]*\n)*", f"{dumped}\nnot_in_nav: |\n{patterns}\n", text
    )
    # The language menu the plugin gives every page (material.LanguageMenu), as Material
    # takes it without the plugin: the same header, so the ratio measures the plugin.
    languages = ["en", *site_languages()]
    menu = [
        {"name": own_name(lang), "link": f"/{language_root(lang)}", "lang": html_lang(lang)}
        for lang in languages
    ]
    if len(languages) > 1:
        text += "\n" + yaml.safe_dump({"extra": {"alternate": menu}}, allow_unicode=True)
    config = out / "mkdocs-plain.yml"
    config.write_text(text, encoding="utf-8")
    if language is None:
        return config
    own: dict[str, Any] = yaml.safe_load((repo / f"mkdocs-{language}.yml").read_text("utf-8"))
    own["INHERIT"] = config.name
    own["docs_dir"] = str(docs)
    own.pop("site_dir", None)
    own["plugins"].pop("playbook", None)
    config = out / f"mkdocs-plain-{language}.yml"
    config.write_text(yaml.safe_dump(own, allow_unicode=True, sort_keys=False), "utf-8")
    return config


def _retarget(repo: Path, text: str) -> str:
    """Make the config's own relative paths absolute, so it works from any folder."""
    text = _sub(r"(?m)^(\s+)custom_dir: (.*)$", rf"\g<1>custom_dir: {repo}/\g<2>", text)
    return _sub(r"(?m)^(\s+)templates: (.*)$", rf"\g<1>templates: {repo}/\g<2>", text)


def _sub(pattern: str, replacement: str, text: str) -> str:
    result, count = re.subn(pattern, replacement, text)
    if count != 1:
        raise Failed(f"mkdocs.yml no longer has exactly one match for {pattern}")
    return result
