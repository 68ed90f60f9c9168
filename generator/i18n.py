"""The words of the interface, one catalogue per language: GNU gettext through Babel.

Every string a reader sees that is not content (template headings and labels, the page
scripts' words, Python-made text such as "page 2 of 5", the navigation's titles, the
Espanso README) is written in English in the source, marked for translation (`_()` and
`ngettext()` in Python and templates, `{% trans %}` blocks), and extracted with
`make catalogue` into `generator/locales/messages.pot`. A language is a
`generator/locales/<lang>/LC_MESSAGES/messages.po` made from it; the playbook plugin's
`language` option picks one.

English needs no catalogue: the source strings are the English. `qps` is a
pseudo-language made from the template at run time, each string shown as `⟦English⟧`,
so that a test can find any string that was left out of the catalogue.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"
SOURCE = "en"
PSEUDO = "qps"
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"


def N_(text: str) -> str:
    """Marks `text` for the catalogue where it is written; it is translated where used."""
    return text


CONFIG_WORDS = (
    # mkdocs.yml's navigation titles and the colour-scheme toggles: the plugin translates
    # them when it reads the config (plugin.translate_config).
    N_("Home"),
    N_("Situations"),
    N_("Rules and clocks"),
    N_("Tactics"),
    N_("Messages"),
    N_("Reflection"),
    N_("Tags"),
    N_("Downloads"),
    N_("About"),
    N_("Switch to dark mode"),
    N_("Switch to light mode"),
    # The title of the link beside each heading (Python-Markdown's toc permalink).
    N_("Permanent link"),
    # The footer (mkdocs.yml's copyright).
    N_("Written by freelancers, for freelancers. Not legal advice."),
)


class UnknownLanguage(ValueError):
    """No catalogue for the language asked for."""


def languages() -> list[str]:
    """Every language the interface can be shown in: English, the pseudo-language and
    each catalogue's."""
    found = sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [SOURCE, PSEUDO, *found]


def site_languages() -> list[str]:
    """The languages the site is published in besides English: those with a catalogue."""
    return [lang for lang in languages() if lang not in (SOURCE, PSEUDO)]


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The translations for `language`, read once per process."""
    if language == SOURCE:
        return gettext.NullTranslations()
    if language == PSEUDO:
        return _from_catalog(pseudo_catalog())
    path = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        known = ", ".join(languages())
        raise UnknownLanguage(f"no catalogue for language '{language}' (known: {known})")
    with path.open("rb") as po:
        return _from_catalog(read_po(po, locale=babel_locale(language)))


def language_name(language: str) -> str:
    """The language's name in itself, as a sentence says it ("español", "português")."""
    if language == PSEUDO:
        language = SOURCE
    return str(Locale.parse(babel_locale(language)).language_name)


def own_name(language: str) -> str:
    """The language's name as its speakers write it in a menu: "Español",
    "Português (Brasil)"."""
    name = str(Locale.parse(babel_locale(language)).get_display_name())
    return name[:1].upper() + name[1:]


def babel_locale(language: str) -> str:
    """Babel's name of a language: `pt_BR` for `pt-br`."""
    return html_lang(language).replace("-", "_")


def pseudo_catalog() -> Catalog:
    """Every string of the template as `⟦English⟧`, plural forms included."""
    with TEMPLATE.open("rb") as pot:
        template = read_po(pot)
    catalog = Catalog(locale="en", domain=DOMAIN)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            singular, plural = message.id
            catalog.add(message.id, (_pseudo(singular), _pseudo(plural)))
        else:
            catalog.add(message.id, _pseudo(message.id))
    return catalog


def _pseudo(text: str) -> str:
    return f"{PSEUDO_OPEN}{text}{PSEUDO_CLOSE}"


def _from_catalog(catalog: Catalog) -> Translations:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def html_lang(language: str) -> str:
    """The page's `lang`: a BCP 47 tag (`pt-BR` for `pt-br`); the pseudo-language reads as
    English to a browser, whose plural rules and date formats the scripts use."""
    if language == PSEUDO:
        return "en"
    head, _, region = language.partition("-")
    return f"{head}-{region.upper()}" if region else head


def plural_forms(language: str, singular: str, plural: str) -> dict[str, str]:
    """A plural string in each of the language's CLDR categories, for the page scripts:
    `{"one": "{n} day", "other": "{n} days"}` in English. The scripts pick one with the
    browser's `Intl.PluralRules`, so no script carries a plural rule of its own."""
    return dict(_plural_forms(language, singular, plural))


@functools.cache
def _plural_forms(language: str, singular: str, plural: str) -> tuple[tuple[str, str], ...]:
    # Worked out once per process: every build of `mkdocs serve` asks again.
    tr = translations(language)
    rule = Locale.parse(babel_locale(language)).plural_form
    forms: dict[str, str] = {}
    for n in range(1000):  # the first number of each category gives its form
        forms.setdefault(rule(n), tr.ngettext(singular, plural, n))
    return tuple(forms.items())
