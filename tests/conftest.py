"""Shared fixtures: the repository's paths, content trees in tmp_path, and site builds."""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
BASE = FIXTURES / "base"
TRANSLATED = FIXTURES / "translated"
"""Spanish translations of some of BASE's entries and its vocabulary, laid over it."""
TEMPLATES = REPO / "templates" / "pages"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ from the current output after a deliberate change.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def copy_tree(source: Path, target: Path) -> Path:
    """Copy a content tree, keeping symlinks as links."""
    shutil.copytree(source, target, symlinks=True)
    return target


def edit_file(path: Path, *changes: tuple[str, str]) -> None:
    """Replace each `old` text of the file by its `new` one; each `old` must be there."""
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, f"{path.name} has no {old!r}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def overlay(fixture: Path, content: Path) -> None:
    """Copy a fixture's files over a content tree (expect.txt is the fixture's own)."""
    for item in sorted(fixture.rglob("*")):
        if item.name == "expect.txt" or (item.is_dir() and not item.is_symlink()):
            continue
        target = content / item.relative_to(fixture)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() or target.is_symlink():
            target.unlink()
        if item.is_symlink():
            os.symlink(os.readlink(item), target)
        else:
            shutil.copyfile(item, target)


@pytest.fixture
def base_content(tmp_path: Path) -> Path:
    """A fresh copy of the small valid content tree."""
    return copy_tree(BASE, tmp_path / "content")


def site_config(
    content: Path,
    out_dir: Path,
    site_url: str | None = None,
    in_place: bool = False,
    language: str | None = None,
) -> Path:
    """A copy of the real mkdocs.yml pointing at `content`, written into `out_dir`, and
    for a `language` other than English, a copy of its mkdocs-<language>.yml over it.

    `in_place` builds the repository's own content, whose pages folder already exists.
    """
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    replacements = {
        r"(?m)^docs_dir: .*$": f"docs_dir: {content / 'pages'}",
        r"(?m)^(\s+)content: content$": rf"\g<1>content: {content}",
        r"(?m)^(\s+)templates: templates/pages$": rf"\g<1>templates: {TEMPLATES}",
        r"(?m)^(\s+)custom_dir: .*$": rf"\g<1>custom_dir: {REPO / 'templates' / 'overrides'}",
    }
    if site_url is not None:
        replacements[r"(?m)^site_url: .*$"] = f"site_url: {site_url}"
    for pattern, replacement in replacements.items():
        text, count = re.subn(pattern, replacement, text)
        assert count == 1, f"mkdocs.yml no longer has a line matching {pattern}"
    if not in_place:
        (content / "pages").mkdir(exist_ok=True)
    config = out_dir / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    if language is None:
        return config
    own = (REPO / f"mkdocs-{language}.yml").read_text(encoding="utf-8")
    assert "INHERIT: mkdocs.yml" in own
    pages = content / "i18n" / language / "pages"
    own, count = re.subn(r"(?m)^docs_dir: .*$", f"docs_dir: {pages}", own)
    assert count == 1, f"mkdocs-{language}.yml no longer sets docs_dir"
    config = out_dir / f"mkdocs-{language}.yml"
    config.write_text(own, encoding="utf-8")
    return config


Builder = Callable[..., Path]


@pytest.fixture
def build_site(tmp_path: Path) -> Builder:
    """Build a site strictly, in process, from a content tree; returns the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def _build(
        content: Path,
        site_url: str | None = None,
        name: str = "site",
        strict: bool = True,
        language: str | None = None,
    ) -> Path:
        site = tmp_path / name
        config_file = site_config(content, tmp_path, site_url, language=language)
        config = load_config(str(config_file), site_dir=str(site), strict=strict)
        build(config)
        return site

    return _build


# Browser tests ------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium from the system; skipped (or failed in CI) when it is missing."""
    executable = chromium_path()
    if executable is None:
        message = (
            "Chromium is not installed: run `sudo apt-get install chromium` to run browser tests"
        )
        if os.environ.get("PLAYBOOK_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real playbook, built once with --strict: the folder of the built site."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path_factory.mktemp("real") / "site"
    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), strict=True))
    return site


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real playbook, built strict with a matching site_url and served on 127.0.0.1."""
    yield from _build_and_serve(REPO / "content", tmp_path_factory.mktemp("served"), True)


@pytest.fixture(scope="session")
def served_base_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small base fixture, built strict and served: rules with known clocks."""
    root = tmp_path_factory.mktemp("served-base")
    yield from _build_and_serve(copy_tree(BASE, root / "content"), root, False)


def _build_and_serve(content: Path, root: Path, in_place: bool) -> Iterator[str]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    server = ThreadingHTTPServer(("127.0.0.1", 0), SimpleHTTPRequestHandler)
    port = server.server_address[1]
    url = f"http://127.0.0.1:{port}/"
    config_file = site_config(content, root, site_url=url, in_place=in_place)
    site = root / "site"
    build(load_config(str(config_file), site_dir=str(site), strict=True))
    handler = partial(_QuietHandler, directory=str(site))
    server.RequestHandlerClass = handler  # type: ignore[assignment]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serious_axe_problems(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page as it stands, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def page(browser: Any, served_site: str) -> Iterator[Any]:
    """A fresh browser page with clipboard access; console errors collect in page.errors."""
    context = browser.new_context(base_url=served_site)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site[:-1])
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("dialog", lambda d: (tab.errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield tab
    context.close()
