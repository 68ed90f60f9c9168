"""Render a `Playbook` into Markdown pages: a mapping of site path to text.

No I/O beyond reading templates, which are read from disk on every call so that
`mkdocs serve` picks up template edits. The plugin and `playbook docs` share this.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from babel.numbers import format_decimal
from markupsafe import Markup

from . import __version__, routes
from .export import (
    DOWNLOADS_DIR,
    ESPANSO_ZIP,
    JSON_FILE,
    PACKAGE_NAME,
    TEXT_ZIP,
    trigger,
)
from .i18n import (
    SOURCE,
    babel_locale,
    html_lang,
    language_name,
    own_name,
    plural_forms,
    translations,
)
from .kinds import KINDS
from .models import MESSAGE, PLACEHOLDER_RE, RULE, SCENARIO, Message, Word
from .pagefiles import stamp_of
from .playbook import LIST_LIMIT, Playbook
from .routes import slug
from .schema import schema_models
from .translate import PART_WORDS

HOME_LIMIT = 15
"""The home page and the situations index list this many situations of each group, then
link to the group's page."""
PAGE_SIZES = {"summaries": 25, "titles": 50, "rows": 100}
"""How many items one page of a growing list shows: situations with their summaries,
titles alone, or rows of a table. A longer list goes on over further pages, so that no
page grows with the playbook."""
"""Page 2 of the list at `tags/upwork.md` is `tags/upwork/page/2.md`."""
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#!|])")


@dataclass(frozen=True)
class Segment:
    """A piece of a message body: literal text, or a placeholder to fill in."""

    text: str
    name: str | None = None


@dataclass(frozen=True)
class PageSpec:
    """How to render one page: its template, the template's variables, and what it shows,
    so that an edit renders again only the pages it can change (see `Renderer`)."""

    template: str
    variables: dict[str, Any]
    owner: tuple[str, str] | None = None
    """The entry whose page this is: it shows the entry and its neighbours."""
    reads: frozenset[tuple[str, str]] | None = None
    """For a list of some entries (a group's, a tag's): those entries."""
    kinds: frozenset[str] = frozenset()
    """For a list of whole kinds (a library): their folders. A page with none of these
    three shows anything at all."""

    def stale(self, changed: set[tuple[str, str]], touched: set[tuple[str, str]]) -> bool:
        """Whether an edit that `changed` entries, next to `touched` ones, changes the page."""
        if self.owner is not None:
            return self.owner in touched
        if self.reads is not None:
            return not self.reads.isdisjoint(changed)
        if self.kinds:
            return any(folder in self.kinds for folder, _ in changed)
        return True


@dataclass(frozen=True)
class Pager:
    """Where one page sits in a list that runs over several: its number (from 1), the
    site path of every page of the list, and how many items the whole list has."""

    number: int
    paths: tuple[str, ...]
    total: int

    @property
    def count(self) -> int:
        return len(self.paths)

    @property
    def first(self) -> str:
        return self.paths[0]

    @property
    def last(self) -> str:
        return self.paths[-1]

    @property
    def previous(self) -> str | None:
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.number] if self.number < self.count else None

    @property
    def front_matter(self) -> dict[str, str]:
        """Later pages repeat the first one's words: search shows only the first."""
        return {"search": "{exclude: true}"} if self.number > 1 else {}


def add_paged(
    pages: routes.Pages[PageSpec],
    path: str,
    template: str,
    items: list[Any],
    size: str,
    variables: dict[str, Any],
    *,
    reads: frozenset[tuple[str, str]] | None = None,
    kinds: frozenset[str] = frozenset(),
) -> None:
    """Add the pages of one list, PAGE_SIZES[size] items each; an empty list has a page.

    Every page of a list reads what the whole list does: an edit can move items between
    them.
    """
    per_page = PAGE_SIZES[size]
    chunks = [items[i : i + per_page] for i in range(0, len(items), per_page)] or [[]]
    paths = tuple(routes.paged(path, n) for n in range(1, len(chunks) + 1))
    for number, (page, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
        pager = Pager(number, paths, len(items))
        variables = {**variables, "items": chunk, "pager": pager}
        pages.add(page, PageSpec(template, variables, reads=reads, kinds=kinds))


def _by_title(entry: Any) -> str:
    return str(entry.title).lower()


def page_paths(playbook: Playbook) -> dict[str, PageSpec]:
    """Every generated page, by site path, sorted."""
    situations = frozenset({SCENARIO.folder})
    pages: routes.Pages[PageSpec] = routes.Pages()
    pages.add(routes.HOME, PageSpec("home.md.j2", {}, kinds=situations))
    pages.add(routes.GROUPS, PageSpec("situations.md.j2", {}, kinds=situations))
    rules = frozenset({RULE.folder})
    pages.add(routes.PLATFORMS, PageSpec("platforms-index.md.j2", {}, kinds=rules))
    pages.add(routes.TAGS, PageSpec("tags.md.j2", {}, kinds=situations))
    messages = frozenset({MESSAGE.folder})
    downloads = PageSpec("downloads.md.j2", downloads_variables(playbook), kinds=messages)
    pages.add(routes.DOWNLOADS, downloads)
    add_libraries(pages, playbook)
    add_groups(pages, playbook)
    add_entry_pages(pages, playbook)
    return dict(sorted(pages.items()))


def add_libraries(pages: routes.Pages[PageSpec], playbook: Playbook) -> None:
    """Each kind's library, a table of all its entries, for the kinds that declare one."""
    channels = {c.id: i for i, c in enumerate(playbook.vocabulary.channels)}
    for kind in KINDS:
        if not kind.library:
            continue
        items: list[Any] = sorted(playbook.entries[kind.folder].values(), key=_by_title)
        if kind.names is MESSAGE:  # by channel, then title
            items.sort(key=lambda m: channels[m.channel])
        reads = frozenset(k.folder for k in kind.library)
        variables: dict[str, Any] = {"kind": kind}
        add_paged(
            pages, kind.library_page, kind.library_template, items, "rows", variables, kinds=reads
        )


def add_groups(pages: routes.Pages[PageSpec], playbook: Playbook) -> None:
    """The pages of the vocabulary's groups: a category's situations, a platform's rules,
    and the situations with one tag."""
    for category in playbook.vocabulary.categories:
        scenarios = playbook.scenarios_in(category.id)
        add_paged(
            pages,
            routes.group(category.id),
            "category.md.j2",
            scenarios,
            "summaries",
            {"category": category},
            reads=frozenset((SCENARIO.folder, s.id) for s in scenarios),
        )
    for platform in playbook.vocabulary.platforms:
        rules = [r for _, group in playbook.rules_by_place(platform.id) for r in group]
        variables = {"platform": platform, "rules": playbook.rules_for(platform.id)}
        path = routes.platform(platform.id)
        kinds = frozenset({RULE.folder})
        add_paged(pages, path, "platform.md.j2", rules, "rows", variables, kinds=kinds)
    # One page per tag: a single page of every tag grew with the playbook (2.9 MB at
    # 5,000 situations).
    for tag, ids in tagged(playbook).items():
        reads = frozenset((SCENARIO.folder, sid) for sid in ids)
        path = playbook.tag_page(tag)
        add_paged(pages, path, "tag.md.j2", ids, "titles", {"tag": tag}, reads=reads)


def add_entry_pages(pages: routes.Pages[PageSpec], playbook: Playbook) -> None:
    """Every entry's page, from its kind's template, and the page of all its situations
    where its own page lists only the first few."""
    for kind in KINDS:
        for entry_id, entry in playbook.entries[kind.folder].items():
            owner = (kind.folder, entry_id)
            own: dict[str, Any] = {kind.name: entry, "kind": kind}
            pages.add(kind.page(entry_id), PageSpec(kind.page_template, own, owner))
            more = playbook.all_situations_page(kind.folder, entry_id)
            if more:
                ids = playbook.situations_of(kind.folder, entry_id)
                listed: dict[str, Any] = {"kind": kind, "entry": entry, "ids": ids}
                pages.add(more, PageSpec("situations-of.md.j2", listed, owner))


def tagged(playbook: Playbook) -> dict[str, list[str]]:
    """Each tag the situations carry, with their ids ordered by title; tags sorted."""
    found: dict[str, list[str]] = {}
    for scenario in sorted(playbook.scenarios.values(), key=lambda s: s.title.lower()):
        for tag in playbook.tags_for(scenario):
            found.setdefault(tag, []).append(scenario.id)
    return dict(sorted(found.items()))


def is_entry_page(path: str) -> bool:
    """Whether a generated page is reached through list pages, not the navigation."""
    return routes.is_entry_page(path, frozenset(k.folder for k in KINDS))


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
        "schemas": {name: f"{DOWNLOADS_DIR}/schema/{name}.json" for name in schema_models()},
        # What each schema describes: the files of a kind's folder, a translation of
        # them (`<kind>.translation`), the vocabulary, its translation, or a glossary.
        "folders": {kind.name: kind.folder for kind in KINDS},
        "package": {"name": PACKAGE_NAME, "version": __version__},
        "example": example,
    }


def script_strings(language: str) -> dict[str, Any]:
    """Words the page scripts write, with {slots} they fill in; a plural is a form per
    CLDR category (i18n.plural_forms), picked in the browser with Intl.PluralRules."""
    tr = translations(language)
    _ = tr.gettext
    return {
        "also": _("Also on {list}"),
        "deadlines": _("Deadlines on {list}"),
        "rules": _("Rules on {list}"),
        "messages": _("Messages for {list}"),
        "situations": _("Situations on {list}"),
        "places": _("Laws for other places"),
        "notListed": _("This page is not written for {platform}: every platform's part shows."),
        "dayEnds": _("{counter} counts days in {zone}: for you, each of its days ends at {time}."),
        # deadline.js
        "passed": _("None: the deadline passed {span} ago."),
        "lessThanMinute": _("Less than a minute"),
        "days": plural_forms(language, "{n} day", "{n} days"),
        "hours": plural_forms(language, "{n} hour", "{n} hours"),
        "minutes": plural_forms(language, "{n} minute", "{n} minutes"),
        "icsSummary": _("Deadline: {title}"),
        "icsDayBefore": _("Tomorrow: {title}"),
        "icsHoursBefore": _("In 2 hours: {title}"),
        "icsStarted": _("Started: {time}"),
        "icsSources": _("Rule and sources: {url}"),
        "clockStart": _("When did the clock start? Your time"),
        "deadlineLocal": _("Deadline, your time"),
        "deadlineUtc": _("Deadline in UTC"),
        "timeLeft": _("Time left"),
        "addToCalendar": _("Add to calendar"),
        "workOut": _("Work out the date"),
        "chooseStart": _("Choose when the clock started."),
        # playbook.js
        "remembered": _("Your values will be remembered on this device."),
        "notRemembered": _("Your values are no longer remembered."),
        "forgotten": _("Your values were forgotten."),
        "copied": _("Copied"),
        "copiedBlanks": plural_forms(
            language, "Copied ({n} blank still to fill in)", "Copied ({n} blanks still to fill in)"
        ),
        "copyBlocked": _("Copying was blocked: select the message and copy it by hand."),
        # triage.js
        "situationCount": plural_forms(language, "{n} situation", "{n} situations"),
        "allSituations": plural_forms(language, "All {n} situation.", "All {n} situations."),
        "platformSituations": plural_forms(
            language, "{n} situation for {platform}.", "{n} situations for {platform}."
        ),
    }


def script_data(playbook: Playbook, language: str = SOURCE) -> dict[str, Any]:
    """What the page scripts read from every page (main.html's #pb-site): the platforms in
    vocabulary order and the places, with their titles, what each place is within, and
    the words the scripts write."""
    platforms = playbook.vocabulary.platforms
    places = playbook.vocabulary.jurisdictions
    return {
        "order": [p.id for p in platforms],
        "platforms": {p.id: p.title for p in platforms},
        "places": {j.id: j.title for j in places},
        "within": {j.id: j.within for j in places if j.within},
        "strings": script_strings(language),
        "routes": routes.for_scripts(),
    }


def render(playbook: Playbook, templates_dir: Path, language: str = SOURCE) -> dict[str, str]:
    """Render every page in `language`; the result is sorted by path and deterministic."""
    return Renderer(templates_dir, language).render(playbook)


class Renderer:
    """Renders every page, then on each later call only the pages an edit can change.

    `mkdocs serve --dirty` (make serve) keeps one for the life of the process, so that an
    edit costs the pages it touches rather than the whole playbook. Each page's spec
    says what it shows (`PageSpec`): an entry's page shows that entry and the entries it
    names or that name it (their titles, summaries, messages, rules), never entries
    further away; a group's or a tag's list shows its situations; a library shows a
    kind. After an edit, a page is rendered again if what it showed before the edit, or
    shows after it, changed. A change to the templates, the vocabulary, the set of pages
    or the day sources turn stale renders everything. tests/test_render.py holds the
    result to a full render's.
    """

    def __init__(self, templates_dir: Path, language: str = SOURCE) -> None:
        self.templates_dir = templates_dir
        self.language = language
        self.rendered = 0
        """How many pages the last call rendered."""
        self._playbook: Playbook | None = None
        self._key: tuple[Any, ...] = ()
        self._pages: dict[str, str] = {}
        self._specs: dict[str, PageSpec] = {}
        # A message's block is the same on every page that offers it (it holds no links),
        # so it is rendered once, and again only when the message changes.
        self._blocks: dict[str, Markup] = {}

    def render(self, playbook: Playbook) -> dict[str, str]:
        """Every page's Markdown, sorted by path; only pages an edit touched are rendered."""
        specs = page_paths(playbook)
        templates = stamp_of([], [self.templates_dir.resolve()])
        # Every page of the English site offers each message's translations, and every
        # page of another language's site shows its words: any translation's edit
        # renders everything again.
        editions = tuple((lang, e.made_from) for lang, e in sorted(playbook.editions.items()))
        key = (templates, playbook.stale_before, tuple(specs), editions)
        before = self._playbook
        if before is None or key != self._key or before.vocabulary is not playbook.vocabulary:
            self._pages = {}
            self._blocks.clear()
            todo = specs
        else:
            # The same pages as before, so the same entries: compare them one by one.
            changed = set(changed_entries(before, playbook))
            touched = set(changed)
            for folder, entry_id in changed:
                touched |= before.links_of(folder, entry_id) | playbook.links_of(folder, entry_id)
                if folder == MESSAGE.folder:
                    self._blocks.pop(entry_id, None)
            # A page shows what its spec says before the edit or after it: an item that
            # left a list changes the list as much as one that joined it.
            todo = {
                path: spec
                for path, spec in specs.items()
                if spec.stale(changed, touched) or self._specs[path].stale(changed, touched)
            }
        self._pages.update(self._render(playbook, todo))
        self._playbook, self._key, self._specs = playbook, key, specs
        self.rendered = len(todo)
        return dict(self._pages)

    def _render(self, playbook: Playbook, specs: dict[str, PageSpec]) -> dict[str, str]:
        env = make_environment(self.templates_dir, self.language)
        partial = env.get_template("partials/message.html")
        blocks = self._blocks

        def message_block(message: Message) -> Markup:
            if message.id not in blocks:
                html = partial.render(pb=playbook, message=message)
                blocks[message.id] = Markup(html.removesuffix("\n"))  # the page adds its own
            return blocks[message.id]

        env.globals["message_block"] = message_block
        # Every kind by name (`kinds.tactic.folder`), read from the registry at each render.
        env.globals["kinds"] = {kind.name: kind for kind in KINDS}
        out: dict[str, str] = {}
        for path, spec in specs.items():
            template = env.get_template(spec.template)
            out[path] = template.render(pb=playbook, page_path=path, **spec.variables)
        return out


def changed_entries(before: Playbook, after: Playbook) -> list[tuple[str, str]]:
    """The entries, as (folder, id), that may differ between two playbooks with the same ids.

    Files that did not change are parsed once (generator/parsecache.py), so an unchanged entry
    is the very same object; any other counts as changed. Comparing fields instead would
    miss what pages show but models do not compare, such as the order of a message's
    tones (a dict).
    """
    return [
        (folder, entry_id)
        for folder, table in after.entries.items()
        for entry_id, entry in table.items()
        if before.entries[folder][entry_id] is not entry
    ]


_ENVIRONMENTS: dict[tuple[Path, str], jinja2.Environment] = {}

BYTECODE_CACHE = jinja2.FileSystemBytecodeCache()
"""Compiled templates, kept on disk in Jinja's own folder for this user in the system's
temporary directory and checked against each template's source: compiling the page
templates took a tenth of a second of every build and `playbook docs`."""


def make_environment(templates_dir: Path, language: str = SOURCE) -> jinja2.Environment:
    """The Jinja environment over `templates_dir`, kept for the life of the process.

    `mkdocs serve` renders again after every edit: keeping the environment keeps the
    compiled templates, and `auto_reload` recompiles one whose file changed.
    """
    key = (templates_dir.resolve(), language)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(templates_dir, language)
    return _ENVIRONMENTS[key]


def _new_environment(templates_dir: Path, language: str) -> jinja2.Environment:
    env = jinja2.Environment(
        # The interface's words, from the language's catalogue (i18n.py).
        extensions=["jinja2.ext.i18n"],
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
        bytecode_cache=BYTECODE_CACHE,
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
    env.globals["route"] = routes  # every path a page links to: route.group(id), ...
    tr = translations(language)
    env.filters["money"] = functools.partial(money, language=language)

    def part_words(part: str) -> str:
        """What a page calls a part of an entry (`steps`: "the steps")."""
        return tr.gettext(PART_WORDS.get(part, part))

    env.filters["part_words"] = part_words
    env.install_gettext_translations(tr, newstyle=True)  # type: ignore[attr-defined]
    env.globals["language"] = language
    env.globals["language_name"] = language_name(language)
    env.filters.update(html_lang=html_lang, own_name=own_name)
    return env


def money(amount: float, currency: str, language: str = SOURCE) -> str:
    """`5000, "EUR"` as "5,000 EUR" in English, "5000 EUR" in Spanish, "5.000 EUR" in
    Portuguese: digits grouped the language's way, the currency's code after."""
    number = format_decimal(amount, format="#,##0.##", locale=babel_locale(language))
    return f"{number} {currency}"


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


def _message_version(message: Message, words: dict[str, Word]) -> dict[str, Any]:
    """One language's message: its bodies, its blanks' labels (which the copied text
    shows for a blank left empty) and the platform words its bodies use."""
    declared = {p.name for p in message.placeholders}
    used = {
        name
        for body in message.variants.values()
        for name in PLACEHOLDER_RE.findall(body)
        if name in words and name not in declared
    }
    version: dict[str, Any] = {
        "variants": dict(message.variants),
        "labels": {p.name: p.label for p in message.placeholders},
    }
    if used:
        version["words"] = {
            name: words[name].model_dump(include={"default", "platforms"}) for name in sorted(used)
        }
    return version


def message_data(message: Message, playbook: Playbook) -> str:
    """The message as JSON for the page's script, to be HTML-escaped into an attribute:
    its blanks and, for each language it is written in, its bodies, the blanks' labels
    and the platform words the bodies use.

    An attribute rather than a <script> element: Material's instant navigation re-creates
    script elements, and a data attribute survives it unchanged.
    """
    shown = playbook.shown_language(MESSAGE.folder, message.id)
    versions = playbook.versions(MESSAGE.folder, message.id)
    versions[shown] = message
    data: dict[str, Any] = {
        "id": message.id,
        "title": message.title,
        "placeholders": [p.model_dump(exclude_none=True) for p in message.placeholders],
        "language": shown,
        "languages": {
            lang: _message_version(version, playbook.words_in(lang))
            for lang, version in versions.items()
        },
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
