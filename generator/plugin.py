"""MkDocs plugin: thin glue between MkDocs and `load` / `render`.

Each hook hands its work on: the content to `load`, the pages to `render` and `export`,
the sidebar to nav.py; under `make serve`, what makes a rebuild fast to preview.py.
"""

from __future__ import annotations

import html
from collections.abc import Callable
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

from . import routes
from .export import DOWNLOADS_DIR, ExportError, export_files
from .i18n import PSEUDO, SOURCE, languages, own_name, site_languages, translations
from .load import load
from .material import LanguageMenu, forget_kept_index
from .mdext import ExternalLinksExtension
from .nav import expand_nav, nav_sections
from .playbook import Playbook
from .preview import Preview, poll_often, quiet_dirty_warning
from .problems import ContentError, Severity
from .render import is_entry_page, render, script_data
from .settings import stale_after_days
from .translate import I18N

log = get_plugin_logger(__name__)


class PlaybookConfig(Config):  # type: ignore[no-untyped-call]
    content = c.Dir(exists=True, default="content")
    """Folder of YAML entries, relative to mkdocs.yml; it must exist."""
    templates = c.Dir(exists=True, default="templates/pages")
    """Folder of the Jinja page templates, relative to mkdocs.yml; it must exist."""
    stale_after_days = c.Optional(c.Type(int))
    """Warn (PB204) about sources checked longer ago than this; by default the value of
    `[tool.playbook] stale_after_days` in pyproject.toml, as for `playbook check`."""
    group_nav = c.Type(str, default=routes.GROUPS)
    """The nav entry to expand into the situations index plus one page per category."""
    platform_nav = c.Type(str, default=routes.PLATFORMS)
    """The nav entry to expand into the rules index plus one page per platform."""
    language = c.Choice(languages(), default=SOURCE)
    """The catalogue the interface's words come from (generator/locales/; `qps` shows each
    as ⟦English⟧, for tests)."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):  # type: ignore[no-untyped-call]
    """Adds one page per entry, plus the index pages, to the MkDocs build."""

    preview: Preview | None = None
    """Set by on_startup for `mkdocs serve --dirty` (see preview.py); None for other builds."""
    _kept_preview: Preview | None = None
    """The preview across startups: a dirty rebuild goes on from the last dirty build in
    this process, with plain builds between them or not (tests run both)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve --dirty` (make serve) keeps generated pages as files, so that an
        # edit re-renders only the pages it changed; every other build keeps them in memory.
        if command == "serve" and dirty:
            self.preview = self._kept_preview = self._kept_preview or Preview()
        else:
            self.preview = None
        quiet_dirty_warning(self.preview is not None)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.preview is not None:
            self.preview.start_build()
        # Dir options arrive as paths already resolved against mkdocs.yml's folder.
        self.content_dir = Path(self.config.content)
        self.templates_dir = Path(self.config.templates)
        self.language = self.config.language
        self.playbook = self._load().in_language(self.language)
        config.extra["playbook"] = script_data(self.playbook, self.language)
        if self.language != PSEUDO:
            # Each language is its own build, published in its own folder (es/, pt-br/):
            # its sitemap and canonical links need that folder's address.
            root = routes.language_root(self.language)
            if root and config.site_url and not config.site_url.endswith(f"/{root}"):
                config.site_url = config.site_url.rstrip("/") + f"/{root}"
            published = [SOURCE, *site_languages()]
            config.extra["alternate"] = LanguageMenu(
                self.language, published, {lang: own_name(lang) for lang in published}
            )
        # MkDocs types the list as names, but Python-Markdown takes Extension objects too.
        config.markdown_extensions.append(ExternalLinksExtension())  # type: ignore[arg-type]
        translate_config(config, translations(self.language).gettext)
        if config.nav:
            sections = nav_sections(
                self.playbook.vocabulary, self.config.group_nav, self.config.platform_nav
            )
            config.nav = expand_nav(config.nav, sections)
        return config

    def _load(self) -> Playbook:
        """The playbook, its warnings logged; content with errors stops the build."""
        days = self.config.stale_after_days or stale_after_days(self.content_dir)
        try:
            playbook = load(self.content_dir, stale_after_days=days)
        except ContentError as exc:
            if self.language != SOURCE or not only_in_translations(exc, self.content_dir):
                message = "the playbook's content has problems:\n" + exc.format()
                raise PluginError(message) from None
            # A broken translation stops its own language's site, never the English one:
            # that builds without translations (its messages offer English only), and
            # `playbook check` reports the problems in the pull request.
            log.info(
                "translations left out of the English site: %d problems in %s "
                "(run `playbook check`)",
                len(exc.problems),
                self.content_dir / I18N,
            )
            playbook = load(self.content_dir, stale_after_days=days, translations=False)
        for warning in playbook.warnings:
            if warning.code == "PB204":
                # A source turning a year old must not stop the site from publishing: the
                # page says the fact is overdue a check, and `playbook check --strict`
                # fails in pull requests until someone reads the page again.
                log.info(warning.format_text())
            else:
                log.warning(warning.format_text())
        return playbook

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if self.preview is None:
            pages = render(self.playbook, self.templates_dir, self.language)
        else:
            pages = self.preview.render(self.playbook, self.templates_dir, self.language)
        generated: dict[str, str | bytes] = {**pages, **self._downloads(config)}
        for file in self._files(generated, config):
            _refuse_clash(files, file.src_uri, "page" if file.src_uri in pages else "download")
            files.append(file)
        return files

    def _files(self, generated: dict[str, str | bytes], config: MkDocsConfig) -> list[File]:
        """The generated pages and downloads as MkDocs files: in memory, or for a preview
        kept on disk, where their times tell MkDocs which pages changed."""
        if self.preview is not None:
            return self.preview.files(
                generated, config, content_dir=self.content_dir, inclusion=_inclusion
            )
        return [
            File.generated(config, path, content=content, inclusion=_inclusion(path))
            for path, content in generated.items()
        ]

    def _downloads(self, config: MkDocsConfig) -> dict[str, bytes]:
        """The exports by site path, which join the build as files rather than being written
        after it, so that links to them are checked like any other and `mkdocs serve`
        serves them. The package names repo_url, not site_url, a local address in previews.
        """
        try:
            exports = export_files(
                self.playbook, homepage=config.repo_url or None, language=self.language
            )
        except ExportError as exc:
            raise PluginError(f"the playbook cannot be exported: {exc}") from None
        return {f"{DOWNLOADS_DIR}/{name}": data for name, data in exports.items()}

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        # The theme overrides' words come from the same catalogue as the pages'.
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(translations(self.language), newstyle=True)  # type: ignore[attr-defined]
        if self.preview is not None:
            self.preview.on_env(env, files)
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.preview is not None:
            self.preview.page_built(page.url)
        # Material writes the description into <meta content="..."> unescaped: a straight
        # quote in a summary would end the attribute there. Nothing else reads it.
        if isinstance(description := page.meta.get("description"), str):
            page.meta["description"] = html.escape(description, quote=True)
        return context

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.preview is not None:
            self.preview.finish(config)
        else:
            forget_kept_index(config)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        poll_often(server)
        server.watch(str(self.content_dir))
        server.watch(str(self.templates_dir.parent))
        return server


def only_in_translations(error: ContentError, content_dir: Path) -> bool:
    """Whether every error is in a translation file (content/i18n/)."""
    translations = (content_dir / I18N).resolve()
    errors = [p for p in error.problems if p.severity is Severity.ERROR]
    return bool(errors) and all(
        translations in p.path.resolve().parents or p.path.resolve() == translations for p in errors
    )


def _inclusion(path: str) -> InclusionLevel:
    """Entry pages are reached through index pages, never the sidebar: say so, so MkDocs
    does not list thousands of them as "not included in the nav"."""
    return InclusionLevel.NOT_IN_NAV if is_entry_page(path) else InclusionLevel.UNDEFINED


def _refuse_clash(files: Files, path: str, noun: str) -> None:
    """A hand-written page at a generated path is an error, not a silent replacement."""
    existing = files.get_file_from_path(path)
    if existing is not None:
        raise PluginError(
            f"{existing.abs_src_path} would replace the generated {noun} "
            f"'{path}': rename or remove it"
        )


def translate_config(config: MkDocsConfig, gettext: Callable[[str], str]) -> None:
    """The words mkdocs.yml shows readers, in the site's language: the navigation's
    titles, the footer and the colour-scheme toggles (i18n.CONFIG_WORDS lists them for
    the catalogue)."""

    def nav(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, dict):
                out.append(
                    {gettext(k): nav(v) if isinstance(v, list) else v for k, v in item.items()}
                )
            else:
                out.append(item)
        return out

    if config.nav:
        config.nav = nav(config.nav)
    toc = config.mdx_configs.get("toc")
    if isinstance(toc, dict) and toc.get("permalink"):
        toc["permalink_title"] = gettext(toc.get("permalink_title", "Permanent link"))
    if config.copyright:
        config.copyright = gettext(config.copyright)
    for scheme in config.theme.get("palette") or []:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict) and isinstance(toggle.get("name"), str):
            toggle["name"] = gettext(toggle["name"])
