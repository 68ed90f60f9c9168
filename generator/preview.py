"""Fast previews: what `mkdocs serve --dirty` (make serve) keeps from one rebuild to the next.

A full build starts from nothing; a dirty rebuild starts from what the last one left and
must end where a full build would (tests/test_build.py compares every file). The plugin
makes one `Preview` for a dirty serve and calls it from its hooks; no other build has one.
Between rebuilds it keeps:

- the `Renderer`, so that an edit renders again only the pages it can change;
- the generated pages as files (pagefiles.py), so that MkDocs rebuilds only the pages
  whose Markdown changed;
- the search index of the last rebuild, by page, to complete the next one's;
- the files the last rebuild wrote, to remove those of pages that are gone;

and it collects garbage while the preview sits idle, never during a rebuild. Two
functions are called whatever the build: `quiet_dirty_warning` at every startup, and
`poll_often` for any `mkdocs serve`.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import material
from .i18n import SOURCE
from .material import SearchEntry
from .pagefiles import PageFiles, pages_folder, remove_files, stamp_of
from .playbook import Playbook
from .render import BYTECODE_CACHE, Renderer

log = get_plugin_logger(__name__)

SearchEntries = dict[str, list[SearchEntry]]
"""A search index's entries, by page URL."""


class Preview:
    """What one `mkdocs serve --dirty` keeps between rebuilds, and the hooks that use it.

    MkDocs keeps the plugin, and so its preview, for the life of the process: each
    rebuild calls `start_build`, `render`, `files`, `on_env`, `page_built` for every
    page it builds, then `finish`.
    """

    def __init__(self, idle_delay: float = 2.0) -> None:
        self.idle_delay = idle_delay
        """Seconds after a rebuild before the idle collection (see `_collect_when_idle`)."""
        self._renderer: Renderer | None = None
        self._page_files: PageFiles | None = None
        self._search_entries: SearchEntries | None = None
        self._site_files: tuple[Path | None, set[str]] = (None, set())
        self._idle: threading.Timer | None = None
        # This rebuild's, from on_env: the order of the pages as a full build indexes
        # them for search, the pages it renders, and the files it writes.
        self._page_order: list[str] = []
        self._built: set[str] = set()
        self._written: set[str] = set()

    def start_build(self) -> None:
        """A rebuild starts: a collection now would hold it up."""
        self._not_idle()

    def render(
        self, playbook: Playbook, templates_dir: Path, language: str = SOURCE
    ) -> dict[str, str]:
        """The generated pages, rendering again only those the edit can have changed."""
        renderer = self._renderer
        if renderer is None or (renderer.templates_dir, renderer.language) != (
            templates_dir,
            language,
        ):
            renderer = self._renderer = Renderer(templates_dir, language)
        pages = renderer.render(playbook)
        log.info(f"Rendered {renderer.rendered} of {len(pages)} generated pages")
        return pages

    def files(
        self,
        generated: Mapping[str, str | bytes],
        config: MkDocsConfig,
        *,
        content_dir: Path,
        inclusion: Callable[[str], InclusionLevel],
    ) -> list[File]:
        """The generated files for MkDocs, read from the page folder, where each keeps its
        modification time until its bytes change: MkDocs rebuilds only what is newer."""
        folder = self._write_pages(generated, config, content_dir)
        return [
            File(
                path,
                src_dir=str(folder),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
                inclusion=inclusion(path),
            )
            for path in generated
        ]

    def _write_pages(
        self, generated: Mapping[str, str | bytes], config: MkDocsConfig, content_dir: Path
    ) -> Path:
        """Write the generated files to the page folder; what all pages depend on is stamped."""
        config_dir = Path(config.config_file_path or ".").resolve().parent
        folder = pages_folder(config_dir)
        if self._page_files is None or self._page_files.folder != folder:
            self._page_files = PageFiles(folder)
        theme_dirs = [Path(d) for d in (config.theme.custom_dir,) if d]
        watched = [
            content_dir / "vocabulary.yml",
            Path(config.docs_dir),
            Path(config.config_file_path or "mkdocs.yml"),
            *theme_dirs,
        ]
        written = self._page_files.sync(generated, stamp_of(generated, watched))
        log.debug(f"page cache: {len(written)} of {len(generated)} files changed")
        return folder

    def on_env(self, env: jinja2.Environment, files: Files) -> None:
        """Keep the theme's templates compiled, and note what this rebuild builds and writes.

        MkDocs makes a new environment for the theme on every build, and compiling
        Material's templates again took a third of a second of each rebuild: they are
        kept compiled, as the page templates are. (Only here: a full build of the site
        stays MkDocs' own, the baseline benchmarks/ compares the plugin with.)
        """
        env.bytecode_cache = BYTECODE_CACHE
        pages = files.documentation_pages(inclusion=InclusionLevel.all)
        self._page_order = [f.page.url if f.page else f.url for f in pages]
        self._built = set()
        self._written = {f.dest_uri for f in files}

    def page_built(self, url: str) -> None:
        """This rebuild renders the page at `url` (the others keep last time's HTML)."""
        self._built.add(url)

    def finish(self, config: MkDocsConfig) -> None:
        """Leave the search index and the site folder as a full build would, then idle."""
        self._merge_search_index(config)
        self._remove_vanished(Path(config.site_dir))
        self._collect_when_idle()

    def _merge_search_index(self, config: MkDocsConfig) -> None:
        """Make this rebuild's search index the one a full build would write, and keep it
        by page for the next rebuild (see `merge_search_entries`)."""
        search = material.search_plugin(config)
        if search is None:
            self._search_entries = None
            return
        new = material.index_entries(search)
        by_page = merge_search_entries(new, self._page_order, self._built, self._search_entries)
        material.replace_index_entries(search, [e for entries in by_page.values() for e in entries])
        self._search_entries = by_page

    def _remove_vanished(self, site: Path) -> None:
        """Remove the files the last rebuild wrote and this one did not.

        A dirty rebuild leaves the files of pages that are gone (a tag no situation
        carries any more, the last page of a list that got shorter); a full build starts
        from an empty folder.
        """
        last_site, last_files = self._site_files
        if last_site == site:
            remove_files(site, last_files - self._written)
        self._site_files = (site, self._written)

    def _collect_when_idle(self) -> None:
        """Run the cyclic collector `idle_delay` seconds from now, unless a build starts first.

        A rebuild makes enough objects that the collector's oldest generation is due
        partway through one, and walking the whole heap then added 0.2-0.3 s to an
        edit's preview at 1,000 situations. Collected while the preview sits idle, the
        next rebuild starts with nothing pending. The delay leaves the browser time to
        fetch the rebuilt page first.
        """
        self._not_idle()
        self._idle = threading.Timer(self.idle_delay, gc.collect)
        self._idle.daemon = True
        self._idle.start()

    def _not_idle(self) -> None:
        """Cancel the idle collection, if still waiting."""
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None


def merge_search_entries(
    new: list[SearchEntry], order: list[str], built: set[str], kept: SearchEntries | None
) -> SearchEntries:
    """The search entries a full build would index, by page, in full-build `order`.

    Material's search keeps its index between rebuilds under `mkdocs serve --dirty`, and
    then replaces the entries of one page, the first one rebuilt, as if an edit touched
    one page only. An edit to an entry re-renders every page that shows its title, so
    the index kept the old entries of the others beside their new ones. Here `kept`, the
    entries of the last build, gives the pages this build did not render (`built`), and
    `new`, this build's entries, the others; pages gone are left out. With `kept` None,
    every page is built.
    """
    by_page: SearchEntries = {}
    for url, entries in (kept or {}).items():
        if url not in built:
            by_page[url] = entries
    for entry in new:
        by_page.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    return {url: by_page[url] for url in order if url in by_page}


def quiet_dirty_warning(quiet: bool) -> None:
    """Silence MkDocs' warning on every dirty rebuild, or let it through again.

    MkDocs warns that a dirty build's links and navigation may be wrong. Here they are
    not: what every page depends on rebuilds every page (pagefiles.py), and
    tests/test_build.py holds each file of a dirty rebuild to a full build's.
    """
    build_log = logging.getLogger("mkdocs.commands.build")
    if quiet:
        build_log.addFilter(_not_the_dirty_warning)
    else:
        build_log.removeFilter(_not_the_dirty_warning)


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def poll_often(server: LiveReloadServer) -> None:
    """Have the folders the server watches from now on polled every 0.1 s.

    MkDocs polls for changes every 0.5 s, and the wait is most of a preview's delay once
    a rebuild takes under a second. Each folder's emitter takes the observer's timeout
    when it is scheduled: call this before `server.watch`.
    """
    if hasattr(server.observer, "_timeout"):
        server.observer._timeout = 0.1
