"""Fill-in messages in a real Chromium: preview, safety, copy, tones, memory, navigation."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import serious_axe_problems

pytestmark = pytest.mark.browser

MESSAGE = "messages/payment-reminder-overdue/"
OTHER_MESSAGE = "messages/payment-final-notice/"
SCENARIO = "scenarios/direct-client-late-payment/"
RULE = "rules/upwork-escrow-refund-request/"
PLATFORM = "platforms/upwork/"
HOSTILE = ["<img src=x onerror=alert(1)>", "{{ other }}", "</textarea><script>alert(2)</script>"]


def visible_body(page: Any) -> Any:
    return page.locator(".pb-message").first.locator(".pb-body:visible")


def stored_keys(page: Any) -> list[str]:
    """The playbook's own localStorage keys (Material keeps its own there too)."""
    keys: list[str] = page.evaluate("Object.keys(localStorage)")
    return [k for k in keys if k.startswith("playbook.")]


def open_message(page: Any, path: str = MESSAGE) -> Any:
    page.goto(path)
    form = page.locator(".pb-message.pb-ready").first
    form.wait_for()
    return form


def test_typing_updates_the_preview(page: Any) -> None:
    """Each keystroke shows in the preview; filled blanks lose their highlight."""
    form = open_message(page)
    assert visible_body(page).locator("mark.pb-blank[data-name=client_name]").count() == 1
    form.get_by_label("Client's name").press_sequentially("Dana")
    assert (
        "Hello Dana," in visible_body(page).inner_text()
        or "Hi Dana," in visible_body(page).inner_text()
    )
    assert visible_body(page).locator("mark.pb-blank[data-name=client_name]").count() == 0
    assert visible_body(page).locator("mark.pb-blank").count() > 0, "others stay highlighted"


def test_tone_radios_are_hidden_behind_their_chips(page: Any) -> None:
    """The radios are clipped to nothing; readers see and click the labelled chips."""
    open_message(page)
    for radio in page.locator(".pb-message .pb-tone-input").all():
        box = radio.bounding_box()
        assert box is not None and box["width"] <= 1 and box["height"] <= 1
    assert page.locator(".pb-tones label").first.is_visible()


def test_hostile_values_show_literally(page: Any) -> None:
    """Markup and template syntax typed by a reader appear as text and run nothing."""
    form = open_message(page)
    fields = [
        form.get_by_label("Client's name"),
        form.get_by_label("Amount due"),
        form.get_by_label("Your name"),
    ]
    for field, value in zip(fields, HOSTILE, strict=True):
        field.fill(value)
    text = visible_body(page).inner_text()
    for value in HOSTILE:
        assert value in text
    assert page.locator(".pb-body img, .pb-body script").count() == 0
    assert page.errors == []  # no dialog opened, no script error


def test_copy_puts_the_preview_on_the_clipboard(page: Any) -> None:
    """Copy message copies exactly the visible preview's text and says so politely."""
    form = open_message(page)
    form.get_by_label("Client's name").fill("Dana")
    form.get_by_role("button", name="Copy message").click()
    status = form.locator(".pb-status")
    assert status.get_attribute("aria-live") == "polite"
    page.wait_for_function("document.querySelector('.pb-status').textContent.startsWith('Copied')")
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert clipboard == visible_body(page).text_content()
    assert clipboard.startswith("Subject: Invoice")


def test_tone_switch_changes_the_text(page: Any) -> None:
    """Choosing another tone shows, and copies, that tone's text."""
    form = open_message(page)
    friendly = visible_body(page).text_content()
    form.locator(".pb-tones label", has_text="Firm").click()
    firm = visible_body(page).text_content()
    assert firm != friendly and "Overdue" in firm
    form.get_by_role("button", name="Copy message").click()
    page.wait_for_function("document.querySelector('.pb-status').textContent.startsWith('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == firm


def test_values_are_remembered_only_when_asked(page: Any) -> None:
    """Without the box ticked nothing is kept; ticked, values follow; forget clears them."""
    form = open_message(page)
    form.get_by_label("Client's name").fill("Dana")
    other = open_message(page, OTHER_MESSAGE)
    assert other.get_by_label("Client's name").input_value() == ""
    assert stored_keys(page) == []

    other.get_by_label("Client's name").fill("Robin")
    other.get_by_label("Remember on this device").check()
    again = open_message(page, MESSAGE)
    assert again.get_by_label("Client's name").input_value() == "Robin"
    assert again.get_by_label("Remember on this device").is_checked()

    again.get_by_role("button", name="Forget my values").click()
    assert again.get_by_label("Client's name").input_value() == ""
    assert stored_keys(page) == []
    last = open_message(page, OTHER_MESSAGE)
    assert last.get_by_label("Client's name").input_value() == ""


def test_instant_navigation_rebinds_the_form(page: Any) -> None:
    """After Material's instant navigation to a message, its form works."""
    page.goto(SCENARIO)
    page.locator(".pb-message.pb-ready").first.wait_for()
    page.evaluate("window.__sameDocument = true")
    page.locator("a", has_text="Open on its own page").first.click()
    page.wait_for_url("**/messages/**")
    form = page.locator(".pb-message.pb-ready").first
    form.wait_for()
    assert page.evaluate("window.__sameDocument === true"), "navigation was instant"
    form.locator(".pb-field input").first.press_sequentially("Zed")
    assert "Zed" in visible_body(page).inner_text()


def test_keyboard_only(page: Any) -> None:
    """Fill, switch tone with the arrow keys and copy without touching the mouse."""
    form = open_message(page)
    form.get_by_label("Client's name").focus()
    page.keyboard.type("Kim")
    form.locator(".pb-tone-input").first.focus()
    page.keyboard.press("ArrowRight")
    assert form.locator(".pb-tone-input").nth(1).is_checked()
    form.get_by_role("button", name="Copy message").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.pb-status').textContent.startsWith('Copied')")
    assert "Kim" in page.evaluate("navigator.clipboard.readText()")


def test_phone_width_has_no_sideways_scroll(browser: Any, served_site: str) -> None:
    """On a 390-pixel screen the form fits: nothing wider than the viewport."""
    context = browser.new_context(base_url=served_site, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(MESSAGE)
    page.locator(".pb-message.pb-ready").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_without_javascript_the_message_reads_in_full(browser: Any, served_site: str) -> None:
    """No script: the first tone shows with [Label] blanks, and the tone switch still works."""
    context = browser.new_context(base_url=served_site, java_script_enabled=False)
    page = context.new_page()
    page.goto(MESSAGE)
    body = page.locator(".pb-body:visible")
    assert body.count() == 1
    assert "[Client's name]" in body.inner_text()
    assert page.locator(".pb-form").first.is_hidden(), "a form without its script is hidden"
    assert page.locator(".pb-copy").first.is_hidden()
    page.locator(".pb-tones label", has_text="Firm").first.click()
    assert "Overdue" in page.locator(".pb-body:visible").inner_text()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", SCENARIO, MESSAGE, RULE, PLATFORM])
def test_no_console_errors_and_no_serious_accessibility_problems(
    page: Any, path: str, scheme: str
) -> None:
    """Home, a scenario, a message, a rule, a platform, in light and dark: clean console,
    nothing serious for axe (contrast included)."""
    page.emulate_media(color_scheme=scheme)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == {"light": "default", "dark": "slate"}[scheme]
    assert serious_axe_problems(page) == []
    assert page.errors == []


def test_form_and_tone_group_are_named_and_ids_are_unique(page: Any) -> None:
    """The tone radios sit in a group named Tone, the form is named after the message,
    and no two elements share an id, even where a blank shares a tone's name."""
    form = open_message(page, SCENARIO)
    message = page.locator(".pb-message").first
    group = message.get_by_role("group", name="Tone")
    assert group.get_by_role("radio").count() == message.locator(".pb-tone-input").count() >= 2
    heading = message.locator("xpath=preceding::h3[1]")  # the message's own heading
    title = heading.inner_text().strip().rstrip("¶").strip()
    assert page.get_by_role("form", name=f"Fill in: {title}").count() == 1
    assert form.is_visible()
    duplicates = page.evaluate(
        """() => {
            const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
            return ids.filter((id, i) => ids.indexOf(id) !== i);
        }"""
    )
    assert duplicates == []
