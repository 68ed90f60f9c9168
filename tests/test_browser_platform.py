"""The page follows the reader's platform (?platform=), in a real Chromium at phone width."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from .conftest import serious_axe_problems

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
THREAT = "scenarios/feedback-extortion/"
FIVERR_REPLY = "review-threat-order-reply"
REPLY = "feedback-extortion-reply"

# The text a reader sees: text nodes whose element is shown, leaving out what sits in a
# closed fold (its label, the <summary>, stays) and the switch's options.
VISIBLE_TEXT = """(root) => {
    const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
    const seen = [];
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const el = node.parentElement;
        if (!el || el.closest("select, script, style")) continue;
        const fold = el.closest("details:not([open])");
        if (fold && !el.closest("summary")) continue;
        if (!el.checkVisibility({visibilityProperty: true})) continue;
        seen.push(node.textContent);
    }
    return seen.join(" ");
}"""


@pytest.fixture
def phone(browser: Any, served_site: str) -> Iterator[Any]:
    """Open a page of the real playbook in a phone-sized tab; console errors collect."""
    contexts: list[Any] = []

    def _open(path: str, **options: Any) -> Any:
        context = browser.new_context(base_url=served_site, viewport=PHONE, **options)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.goto(path)
        page.wait_for_load_state("networkidle")
        return page

    yield _open
    for context in contexts:
        context.close()


def test_home_group_situation_keep_the_platform(phone: Any) -> None:
    """Home, choose Fiverr, open a group, then a situation: the address keeps it."""
    page = phone("")
    page.locator("label[for='pb-platform-fiverr']").click()
    assert page.url.endswith("/?platform=fiverr")
    page.locator("#group-reputation summary").click()
    page.locator("#group-reputation .pb-group-more a").click()
    # Material's navigation.tracking may add the heading in view as a #hash.
    page.wait_for_url(lambda url: "/situations/reputation/?platform=fiverr" in url)
    page.locator("article a[href*='scenarios/feedback-extortion/']").first.click()
    page.wait_for_url(lambda url: f"/{THREAT}?platform=fiverr" in url)
    assert page.locator(".pb-switch-select").input_value() == "fiverr"
    links = page.eval_on_selector_all(
        "article a[href*='/scenarios/'], article a[href*='/rules/']", "as => as.map(a => a.href)"
    )
    assert links and all("platform=fiverr" in href for href in links)
    assert page.errors == []


def test_a_fiverr_reader_sees_fiverr_unfolded(phone: Any) -> None:
    """Only Fiverr's rules, deadlines and notes are unfolded; Upwork is named at most in
    the labels of the folds, which keep every other platform's part."""
    page = phone(f"{THREAT}?platform=fiverr")
    text = page.evaluate(VISIBLE_TEXT, "article")
    labels = page.locator(".pb-fold > summary").all_inner_texts()
    for label in labels:
        text = text.replace(label, "")
    assert "Upwork" not in text
    assert "Freelancer.com" not in text
    assert any("Upwork" in label for label in labels)
    rules = page.locator("#rules-that-apply ~ .pb-fit > .pb-for li")
    assert rules.count() >= 1
    assert all(t.startswith("Fiverr:") for t in rules.all_inner_texts())
    folded = page.locator("#rules-that-apply ~ .pb-fit > .pb-fold li")
    assert folded.count() >= 1, "the other platforms' rules are kept, folded"
    assert page.locator(".pb-fold").first.evaluate("d => !d.open")


def test_the_reply_uses_the_platform_s_words(phone: Any) -> None:
    """For Fiverr, the replies on the page say neither "contract" nor "milestone"."""
    page = phone(f"{THREAT}?platform=fiverr")
    for mid in (FIVERR_REPLY, REPLY):
        message = page.locator(f".pb-message[data-message='{mid}']")
        for body in message.locator(".pb-body").all():
            words = body.evaluate("b => b.textContent").lower()
            assert "contract" not in words and "milestone" not in words, mid
    upwork = phone(f"{THREAT}?platform=upwork")
    body = upwork.locator(f".pb-message[data-message='{REPLY}'] .pb-body").first
    assert "contract" in body.evaluate("b => b.textContent")


def test_the_switch_changes_the_platform_in_place(phone: Any) -> None:
    """Choosing Upwork near the title rewrites the address and unfolds Upwork's rules."""
    page = phone(f"{THREAT}?platform=fiverr")
    page.locator(".pb-switch-select").select_option("upwork")
    assert page.url.endswith("?platform=upwork")
    rules = page.locator("#rules-that-apply ~ .pb-fit > .pb-for li")
    assert all(t.startswith("Upwork:") for t in rules.all_inner_texts())
    page.locator(".pb-switch-select").select_option("")
    assert "platform=" not in page.url
    assert page.locator(".pb-fold").count() == 0


def test_an_unknown_platform_is_ignored(phone: Any) -> None:
    """?platform=myspace shows the whole page, and links do not carry it on."""
    page = phone(f"{THREAT}?platform=myspace")
    assert page.locator(".pb-fold").count() == 0
    assert page.locator(".pb-switch-select").input_value() == ""
    hrefs = page.eval_on_selector_all("article a[href]", "as => as.map(a => a.href)")
    assert not any("myspace" in href for href in hrefs)
    assert page.errors == []


def test_a_platform_the_page_does_not_list_shows_everything(phone: Any) -> None:
    """A Fiverr reader on an Upwork-only page gets the whole page and a note that says so."""
    page = phone("messages/feedback-extortion-reply/?platform=fiverr")
    note = page.locator(".pb-fit-note")
    assert note.is_visible() and "Fiverr" in note.inner_text()


def test_without_script_every_platform_shows_labelled(phone: Any) -> None:
    """No script: nothing is folded, and each platform's part carries its name."""
    page = phone(f"{THREAT}?platform=fiverr", java_script_enabled=False)
    assert page.locator(".pb-fold").count() == 0
    parts = page.locator(".pb-for")
    assert parts.count() > 0
    assert all(part.is_visible() for part in parts.all())
    labels = page.locator(".pb-steps .pb-for-label").all_inner_texts()
    assert "On Fiverr:" in labels and "On Upwork:" in labels


def test_print_shows_every_platform(phone: Any) -> None:
    """Before printing, the folds open out into the labelled page; after, they return."""
    page = phone(f"{THREAT}?platform=fiverr")
    assert page.locator(".pb-fold").count() > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".pb-fold").count() == 0
    assert page.locator(".pb-steps .pb-for-label:visible").count() > 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".pb-fold").count() > 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        "?platform=fiverr",
        f"{THREAT}?platform=fiverr",
        f"messages/{FIVERR_REPLY}/?platform=fiverr",
        "rules/upwork-feedback-window/?platform=upwork",  # its calculator's buttons
        "situations/reputation/?platform=fiverr",
    ],
)
def test_fitted_pages_are_clean_for_axe(phone: Any, path: str, scheme: str) -> None:
    """Fitted pages, folds open and closed, in light and dark: nothing serious for axe."""
    page = phone(path, color_scheme=scheme)
    for fold in page.locator(".pb-fold").all()[:1]:
        fold.locator(":scope > summary").click()
    assert serious_axe_problems(page) == []
    assert page.errors == []


LATE = "scenarios/direct-client-late-payment/"


@contextmanager
def _at_width(browser: Any, served_site: str, width: int) -> Iterator[Any]:
    """A page of the real site in a window `width` pixels wide."""
    context = browser.new_context(base_url=served_site, viewport={"width": width, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def _unfolded_rules(page: Any) -> list[str]:
    """The rule items a reader sees in "Rules that apply", outside any fold."""
    return page.eval_on_selector_all(
        "#rules-that-apply + .pb-fit li",
        "lis => lis.filter(li => !li.closest('.pb-fold')).map(li => li.textContent)",
    )


def test_places_fold_laws_for_other_places(phone: Any) -> None:
    """A UK freelancer with a client in the EU: the UK's interest first; US and Indian
    laws, EU interest (the supplier's law decides) and the EU small-claims route (closed
    to a claimant outside the EU) folded."""
    page = phone(f"{LATE}?platform=direct&you=gb&client=eu")
    unfolded = " ".join(_unfolded_rules(page))
    assert "United Kingdom" in unfolded
    for elsewhere in ("New York", "Illinois", "California", "India", "European Union"):
        assert elsewhere not in unfolded, elsewhere
    folded = page.locator(".pb-fold", has_text="Laws for other places")
    assert folded.count() == 1 and "India" in folded.evaluate("d => d.textContent")
    assert page.locator("#pb-switch-you").input_value() == "gb"
    link = page.locator("article a[href*='/rules/']").first.get_attribute("href")
    assert "you=gb" in link and "client=eu" in link


def test_an_unknown_place_is_ignored(phone: Any) -> None:
    """?you=atlantis folds nothing and is not carried on."""
    page = phone(f"{LATE}?platform=direct&you=atlantis")
    assert page.locator(".pb-fold", has_text="Laws for other places").count() == 0
    hrefs = page.eval_on_selector_all("article a[href]", "as => as.map(a => a.href)")
    assert not any("atlantis" in href for href in hrefs)
    page.locator("#pb-switch-client").select_option("gb")
    assert "client=gb" in page.url and "atlantis" in page.url  # the address is the reader's


def test_a_freelancer_in_spain_with_a_spanish_client(phone: Any) -> None:
    """Spain's interest (the supplier's law) and its payment order (the client's courts)
    first; the UK's interest, US laws and other countries' courts folded."""
    page = phone(f"{LATE}?platform=direct&you=es&client=es")
    unfolded = " ".join(_unfolded_rules(page))
    assert "Law 3/2004" in unfolded and "proceso monitorio" in unfolded
    assert "European Union" in unfolded  # Spain is within the EU: its directive applies
    for elsewhere in ("United Kingdom", "New York", "New South Wales", "Brazil"):
        assert elsewhere not in unfolded, elsewhere


@pytest.mark.parametrize("width", [390, 1280])
def test_a_uk_developer_with_a_german_client(browser: Any, served_site: str, width: int) -> None:
    """?platform=direct&you=gb&client=de: the UK's interest and Germany's payment order
    (open to claimants abroad) unfolded; no US, Indian or Spanish law unfolded."""
    with _at_width(browser, served_site, width) as page:
        page.goto(f"{LATE}?platform=direct&you=gb&client=de")
        page.wait_for_load_state("networkidle")
        unfolded = " ".join(_unfolded_rules(page))
    assert "United Kingdom" in unfolded and "Mahnverfahren" in unfolded
    for elsewhere in ("New York", "Illinois", "California", "India", "Spain", "€5,000"):
        assert elsewhere not in unfolded, elsewhere


@pytest.mark.parametrize("width", [390, 1280])
def test_a_texas_designer_with_a_texas_client(browser: Any, served_site: str, width: int) -> None:
    """?platform=direct&you=us-tx&client=us-tx: Texas's justice court unfolded, with its
    limit; no UK, EU, German, Indian or other states' law unfolded, and nothing lost."""
    with _at_width(browser, served_site, width) as page:
        page.goto(f"{LATE}?platform=direct&you=us-tx&client=us-tx")
        page.wait_for_load_state("networkidle")
        unfolded = " ".join(_unfolded_rules(page))
        folded = page.locator(".pb-fold", has_text="Laws for other places")
        folded_text = folded.evaluate("d => d.textContent")
    assert "Texas" in unfolded and "US$20,000" in unfolded
    for elsewhere in (
        "United Kingdom",
        "European Union",
        "Germany",
        "India",
        "Florida",
        "New York",
    ):
        assert elsewhere not in unfolded, elsewhere
    assert "Germany" in folded_text
