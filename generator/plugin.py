"""MkDocs plugin: thin glue between MkDocs and `load` / `render`."""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .export import DOWNLOADS_DIR, ExportError, export_files
from .load import load
from .mdext import ExternalLinksExtension
from .models import Vocabulary
from .pagefiles import PageFiles, pages_folder, remove_files, stamp_of
from .parsecache import collect_when_idle, not_idle
from .playbook import Playbook
from .problems import ContentError
from .render import BYTECODE_CACHE, Renderer, is_entry_page, render, script_data
from .settings import stale_after_days

log = get_plugin_logger(__name__)


class PlaybookConfig(Config):  # type: ignore[no-untyped-call]
    content = c.Dir(exists=True, default="content")
    """Folder of YAML entries, relative to mkdocs.yml; it must exist."""
    templates = c.Dir(exists=True, default="templates/pages")
    """Folder of the Jinja page templates, relative to mkdocs.yml; it must exist."""
    stale_after_days = c.Optional(c.Type(int))
    """Warn (PB204) about sources checked longer ago than this; by default the value of
    `[tool.playbook] stale_after_days` in pyproject.toml, as for `playbook check`."""
    group_nav = c.Type(str, default="situations/index.md")
    """The nav entry to expand into the situations index plus one page per category."""
    platform_nav = c.Type(str, default="platforms/index.md")
    """The nav entry to expand into the rules index plus one page per platform."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):  # type: ignore[no-untyped-call]
    """Adds one page per entry, plus the index pages, to the MkDocs build."""

    dirty_serve = False
    """Set by on_startup for `mkdocs serve --dirty`; builds called without it stay in memory."""
    renderer: Renderer | None = None
    """Under `mkdocs serve --dirty`, kept from one rebuild to the next (MkDocs keeps the
    plugin), so that an edit renders again only the pages it can change."""
    search_entries: SearchEntries | None = None
    """Under `mkdocs serve --dirty`, the search index of the last rebuild, by page."""
    page_files: PageFiles | None = None
    """Under `mkdocs serve --dirty`, the generated pages as files (see pagefiles.py)."""
    site_files: tuple[Path | None, set[str]] = (None, set())
    """Under `mkdocs serve --dirty`, the site folder and the files the last build wrote."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Dir options arrive as paths already resolved against mkdocs.yml's folder.
        if self.dirty_serve:
            not_idle()  # a collection now would hold this build up
        self.content_dir = Path(self.config.content)
        self.templates_dir = Path(self.config.templates)
        self.playbook: Playbook | None = None
        try:
            days = self.config.stale_after_days or stale_after_days(self.content_dir)
            self.playbook = load(self.content_dir, stale_after_days=days)
        except ContentError as exc:
            raise PluginError("the playbook's content has problems:\n" + exc.format()) from None
        for warning in self.playbook.warnings:
            if warning.code == "PB204":
                # A source turning a year old must not stop the site from publishing: the
                # page says the fact is overdue a check, and `playbook check --strict`
                # fails in pull requests until someone reads the page again.
                log.info(warning.format_text())
            else:
                log.warning(warning.format_text())
        config.extra["playbook"] = script_data(self.playbook)
        # MkDocs types the list as names, but Python-Markdown takes Extension objects too.
        config.markdown_extensions.append(ExternalLinksExtension())  # type: ignore[arg-type]
        if config.nav:
            sections = nav_sections(
                self.playbook.vocabulary, self.config.group_nav, self.config.platform_nav
            )
            config.nav = expand_nav(config.nav, sections)
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve --dirty` (make serve) keeps generated pages as files, so that an
        # edit re-renders only the pages it changed; every other build keeps them in memory.
        self.dirty_serve = command == "serve" and dirty
        # MkDocs warns on every dirty rebuild that links and navigation may be wrong. Here
        # they are not: what every page depends on rebuilds every page (pagefiles.py), and
        # tests/test_build.py holds each file of a dirty rebuild to a full build's.
        build_log = logging.getLogger("mkdocs.commands.build")
        if self.dirty_serve:
            build_log.addFilter(_DIRTY_WARNING)
        else:
            build_log.removeFilter(_DIRTY_WARNING)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.playbook is not None  # on_config has run
        if self.dirty_serve:
            if self.renderer is None or self.renderer.templates_dir != self.templates_dir:
                self.renderer = Renderer(self.templates_dir)
            pages = self.renderer.render(self.playbook)
            log.info(f"Rendered {self.renderer.rendered} of {len(pages)} generated pages")
        else:
            pages = render(self.playbook, self.templates_dir)
        # Downloads join the build as files rather than being written after it, so that
        # links to them are checked like any other and `mkdocs serve` serves them.
        # The package names repo_url, not site_url, which is a local address in previews.
        try:
            exports = export_files(self.playbook, homepage=config.repo_url or None)
        except ExportError as exc:
            raise PluginError(f"the playbook cannot be exported: {exc}") from None
        generated: dict[str, str | bytes] = dict(pages)
        generated.update({f"{DOWNLOADS_DIR}/{name}": data for name, data in exports.items()})
        folder = self._write_pages(config, generated) if self.dirty_serve else None
        for path, content in generated.items():
            self._refuse_clash(files, path, "page" if path in pages else "download")
            # Entry pages are reached through index pages, never the sidebar: say so, so
            # MkDocs does not list thousands of them as "not included in the nav".
            entry = is_entry_page(path)
            inclusion = InclusionLevel.NOT_IN_NAV if entry else InclusionLevel.UNDEFINED
            if folder is None:
                files.append(File.generated(config, path, content=content, inclusion=inclusion))
            else:
                files.append(
                    File(
                        path,
                        src_dir=str(folder),
                        dest_dir=config.site_dir,
                        use_directory_urls=config.use_directory_urls,
                        inclusion=inclusion,
                    )
                )
        return files

    def _write_pages(self, config: MkDocsConfig, generated: dict[str, str | bytes]) -> Path:
        """Write the generated files to the page folder; what all pages depend on is stamped."""
        config_dir = Path(config.config_file_path or ".").resolve().parent
        folder = pages_folder(config_dir)
        if self.page_files is None or self.page_files.folder != folder:
            self.page_files = PageFiles(folder)
        theme_dirs = [Path(d) for d in (config.theme.custom_dir,) if d]
        watched = [
            self.content_dir / "vocabulary.yml",
            Path(config.docs_dir),
            Path(config.config_file_path or "mkdocs.yml"),
            *theme_dirs,
        ]
        written = self.page_files.sync(generated, stamp_of(generated, watched))
        log.debug(f"page cache: {len(written)} of {len(generated)} files changed")
        return folder

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        if not self.dirty_serve:
            return env
        # MkDocs makes a new environment for the theme on every build, and compiling
        # Material's templates again took a third of a second of each rebuild: they are
        # kept compiled, as the page templates are. (Only here: a full build of the site
        # stays MkDocs' own, the baseline benchmarks/ compares the plugin with.)
        env.bytecode_cache = BYTECODE_CACHE
        # The order of the pages, as a full build indexes them for search; the pages this
        # rebuild renders; the files it writes (see on_post_build).
        pages = files.documentation_pages(inclusion=InclusionLevel.all)
        self._page_order = [f.page.url if f.page else f.url for f in pages]
        self._built: set[str] = set()
        self._written = {f.dest_uri for f in files}
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.dirty_serve:
            self._built.add(page.url)
        # Material writes the description into <meta content="..."> unescaped: a straight
        # quote in a summary would end the attribute there. Nothing else reads it.
        if isinstance(description := page.meta.get("description"), str):
            page.meta["description"] = html.escape(description, quote=True)
        return context

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.dirty_serve:
            kept = self.search_entries
            self.search_entries = merge_search_index(config, self._page_order, self._built, kept)
            # A dirty rebuild leaves the files of pages that are gone (a tag no situation
            # carries any more, the last page of a list that got shorter); a full build
            # starts from an empty folder.
            site = Path(config.site_dir)
            last_site, last_files = self.site_files
            if last_site == site:
                remove_files(site, last_files - self._written)
            self.site_files = (site, self._written)
            collect_when_idle()
        elif (search := _material_search(config)) is not None:
            # Every page was built and indexed: nothing Material kept from a dirty build
            # in this process (tests run both) may join the index.
            search.search_index_prev = None

    @staticmethod
    def _refuse_clash(files: Files, path: str, noun: str) -> None:
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise PluginError(
                f"{existing.abs_src_path} would replace the generated {noun} "
                f"'{path}': rename or remove it"
            )

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        # MkDocs polls for changes every 0.5 s; content and templates are polled every
        # 0.1 s (their emitters take the observer's timeout when they are scheduled):
        # the wait is most of a preview's delay once a rebuild takes under a second.
        if hasattr(server.observer, "_timeout"):
            server.observer._timeout = 0.1
        server.watch(str(self.content_dir))
        server.watch(str(self.templates_dir.parent))
        return server


SearchEntries = dict[str, list[dict[str, Any]]]
"""A search index's entries, by page URL."""


def merge_search_index(
    config: MkDocsConfig, order: list[str], built: set[str], kept: SearchEntries | None
) -> SearchEntries | None:
    """Make a dirty rebuild's search index the one a full build would write.

    Material's search keeps its index between rebuilds under `mkdocs serve --dirty`, and
    then replaces the entries of one page, the first one rebuilt, as if an edit touched
    one page only. An edit to an entry re-renders every page that shows its title, so
    the index kept the old entries of the others beside their new ones. Here `kept`, the
    entries of the last build, gives the pages this build did not render, and this
    build's entries the others, in full-build `order`; pages gone are left out.
    Returns what to keep for the next rebuild; with `kept` None, every page is built.
    """
    search = _material_search(config)
    if search is None:
        return None
    by_page: SearchEntries = {}
    for url, entries in (kept or {}).items():
        if url not in built:
            by_page[url] = entries
    for entry in search.search_index.entries:
        by_page.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    by_page = {url: by_page[url] for url in order if url in by_page}
    search.search_index.entries = [entry for entries in by_page.values() for entry in entries]
    search.search_index_prev = None  # nothing for Material to merge
    return by_page


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


_DIRTY_WARNING = _not_the_dirty_warning


def _material_search(config: MkDocsConfig) -> Any:
    """Material's search plugin, or None under another one (no index is merged then)."""
    return next((p for p in config.plugins.values() if hasattr(p, "search_index_prev")), None)


def nav_sections(
    vocabulary: Vocabulary,
    group_nav: str = "situations/index.md",
    platform_nav: str = "platforms/index.md",
) -> dict[str, dict[str, str]]:
    """The nav entries to expand, each with its pages: a group per category, a platform each."""
    return {
        group_nav: {c.title: f"situations/{c.id}.md" for c in vocabulary.categories},
        platform_nav: {p.title: f"platforms/{p.id}.md" for p in vocabulary.platforms},
    }


def expand_nav(nav: list[Any], sections: dict[str, dict[str, str]]) -> list[Any]:
    """Replace each nav entry pointing at a key of `sections` by a section: it, then its pages.

    Every page gets its title here, so a dirty rebuild, which does not read unchanged
    pages, still knows the titles of the pages in the navigation.
    """

    def section(target: str, title: str) -> list[Any]:
        return [{title: target}] + [{name: path} for name, path in sections[target].items()]

    out: list[Any] = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            out.append({title: section(value, title) if value in sections else value})
        else:
            out.append(section(item, item) if item in sections else item)
    return out
