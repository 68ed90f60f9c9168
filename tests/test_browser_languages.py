"""The Spanish and Portuguese sites in a real Chromium, served beside the English one as
they are published (site/, site/es/, site/pt-br/): page languages, no English interface
words on a translated page, the notice on an untranslated one, the language menu, the
message's language choice, and each language's search."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po

from generator.i18n import LOCALES, babel_locale, site_languages

from .conftest import REPO, _QuietHandler, serious_axe_problems, site_config
from .test_browser_search import search

pytestmark = pytest.mark.browser

TRANSLATED = "scenarios/feedback-extortion/"
UNTRANSLATED = "scenarios/jss-dropped/"
MESSAGE = "messages/review-threat-order-reply/"
HTML_LANG = {"es": "es", "pt-br": "pt-BR"}


@pytest.fixture(scope="session")
def served_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real playbook in every language, built strict into one folder as `make build`
    does, and served on 127.0.0.1; the English site's address."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("languages")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    site = root / "site"
    english = site_config(REPO / "content", root, site_url=url, in_place=True)
    build(load_config(str(english), site_dir=str(site), strict=True))
    for language in site_languages():
        config = site_config(REPO / "content", root, site_url=url, in_place=True, language=language)
        build(load_config(str(config), site_dir=str(site / language), strict=True))
    server.RequestHandlerClass = partial(_QuietHandler, directory=str(site))  # type: ignore[assignment]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()


@pytest.fixture
def tab(browser: Any, served_sites: str) -> Iterator[Any]:
    context = browser.new_context(base_url=served_sites, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def english_ui_words(language: str) -> list[str]:
    """The interface's English strings of two words or more that the language's
    catalogue translates differently, without their slots: none may show on a page."""
    path = LOCALES / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        catalog = read_po(po, locale=babel_locale(language))
    found = []
    for message in catalog:
        if not message.id or isinstance(message.id, tuple | list):
            continue
        if message.string == message.id or "%(" in message.id or "{" in message.id:
            continue
        text = re.sub(r"[*`_]", "", message.id).strip()
        if len(text.split()) >= 2 and "<" not in text:
            found.append(text)
    return found


@pytest.mark.parametrize("language", site_languages())
def test_a_translated_situation_reads_in_the_language(tab: Any, language: str) -> None:
    tab.goto(f"{language}/{TRANSLATED}")
    assert tab.locator("html").get_attribute("lang") == HTML_LANG[language]
    text = tab.locator("main").inner_text()
    left = [w for w in english_ui_words(language) if w in text]
    assert left == [], f"English interface words on the {language} page"
    assert tab.locator(".pb-lang-note").count() == 1  # a draft: not reviewed yet
    shown_in_english = tab.locator(".md-content__inner > div[lang='en']")
    assert shown_in_english.count() == 0
    assert tab.errors == []


@pytest.mark.parametrize("language", site_languages())
def test_an_untranslated_situation_says_so_and_is_marked_english(tab: Any, language: str) -> None:
    tab.goto(f"{language}/{UNTRANSLATED}")
    assert tab.locator("html").get_attribute("lang") == HTML_LANG[language]
    note = tab.locator(".pb-lang-note")
    assert note.count() == 1 and note.is_visible()
    body = tab.locator(".md-content__inner > div[lang='en']")
    assert body.count() == 1
    assert body.locator("h1").inner_text().strip()  # the English title is inside it


@pytest.mark.parametrize("language", site_languages())
def test_the_language_menu_keeps_the_page_and_the_reader_s_platform(
    tab: Any, language: str
) -> None:
    """From the English page with ?platform=fiverr to the same page in the language, and
    back, the platform still chosen."""
    tab.goto(f"{TRANSLATED}?platform=fiverr")
    tab.locator(".md-header .md-select").hover()
    tab.locator(f".md-select__link[hreflang='{HTML_LANG[language]}']").click()
    tab.wait_for_url(re.compile(rf"/{language}/{TRANSLATED}\?platform=fiverr$"))
    assert tab.locator("html").get_attribute("lang") == HTML_LANG[language]
    tab.locator(".md-header .md-select").hover()
    tab.locator(".md-select__link[hreflang='en']").click()
    tab.wait_for_url(re.compile(rf"/{TRANSLATED}\?platform=fiverr$"))
    assert tab.locator("html").get_attribute("lang") == "en"
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_message_in_the_client_s_language_on_the_english_site(tab: Any) -> None:
    """An English reader sends a Portuguese message: the preview and the copied text
    switch, the blanks stay; the choice holds on the next message page."""
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.goto(MESSAGE)
    tab.locator(".pb-message.pb-ready").first.wait_for()
    message = tab.locator(".pb-message").first
    before = message.locator(".pb-body:visible").inner_text()
    message.locator("label[for$='-lang-pt-br']").click()
    bodies = message.locator(".pb-bodies")
    assert bodies.get_attribute("lang") == "pt-BR"
    after = message.locator(".pb-body:visible").inner_text()
    assert after != before
    field = message.locator(".pb-field input").first
    field.fill("Carla")
    assert "Carla" in message.locator(".pb-body:visible").inner_text()
    message.locator(".pb-copy").click()
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert (
        "Carla" in copied
        and copied.strip() == message.locator(".pb-body:visible").inner_text().strip()
    )
    # The choice holds for this visit: a situation page's messages open in Portuguese.
    tab.goto(TRANSLATED)
    tab.locator(".pb-message.pb-ready").first.wait_for()
    langs = tab.locator(".pb-message .pb-bodies")
    assert langs.first.get_attribute("lang") == "pt-BR"
    assert tab.errors == []


@pytest.mark.parametrize("language", site_languages())
def test_the_language_pages_have_no_serious_accessibility_problems(tab: Any, language: str) -> None:
    for path in ("", TRANSLATED, UNTRANSLATED, MESSAGE):
        tab.goto(f"{language}/{path}")
        assert serious_axe_problems(tab) == [], path


def queries(language: str) -> list[dict[str, str]]:
    path = Path(__file__).parent / "data" / f"search-queries-{language}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", site_languages())
def test_each_language_s_search_finds_its_everyday_queries(
    browser: Any, served_sites: str, language: str
) -> None:
    """15 everyday queries per language, written as its readers type them: each finds
    its situation among the first three results of that language's search."""
    cases = queries(language)
    assert len(cases) >= 15
    context = browser.new_context(base_url=served_sites, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{language}/")
    misses = []
    try:
        for case in cases:
            paths = [p.removeprefix(f"{language}/") for p in search(page, case["query"])]
            if f"scenarios/{case['expect']}" not in paths[:3]:
                misses.append(f"{case['query']!r}: {paths[:3]}")
    finally:
        context.close()
    assert misses == []


@pytest.mark.parametrize("language", site_languages())
def test_the_home_triage_counts_every_situation(tab: Any, language: str) -> None:
    """Untranslated situations count and filter like the rest (their links carry both
    lang="en" and their platforms)."""
    script = "els => els.map(e => e.textContent.replace(/\\D/g, ''))"
    tab.goto("")
    english = tab.eval_on_selector_all(".pb-group-count", script)
    tab.goto(f"{language}/")
    assert tab.eval_on_selector_all(".pb-group-count", script) == english
    tab.goto(f"{language}/?platform=fiverr")
    tab.locator(".pb-group a[lang='en'][data-platforms]").first.wait_for(state="attached")
