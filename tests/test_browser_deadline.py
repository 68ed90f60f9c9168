"""The deadline calculator in a real Chromium, in several time zones, with a real .ics parser."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def in_zone(browser: Any, served_base_site: str) -> Iterator[Any]:
    """Open pages of the base fixture with the browser set to a time zone."""
    contexts: list[Any] = []

    def _open(zone: str, path: str, now: str | None = None) -> Any:
        context = browser.new_context(
            base_url=served_base_site, timezone_id=zone, locale="en-GB", accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        if now is not None:
            page.clock.set_fixed_time(datetime.fromisoformat(now))
        page.goto(path)
        page.locator(".pb-clock-calc").first.wait_for(state="attached")
        return page

    yield _open
    for context in contexts:
        context.close()


def deadline(page: Any, start: str, clock: int = 0) -> tuple[str, str]:
    """Type a start time; return the deadline's instants, in the reader's zone and in UTC."""
    calc = page.locator(".pb-clock-calc").nth(clock)
    calc.get_by_label("When did the clock start?").fill(start)
    times = calc.locator("time")
    return times.nth(0).get_attribute("datetime"), times.nth(1).get_attribute("datetime")


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("cancel-48-hours", ("2026-12-05T09:00:00+08:00", "2026-12-05T01:00:00Z")),
        ("review-3-days", ("2026-12-06T09:00:00+08:00", "2026-12-06T01:00:00Z")),
        # Thursday 01:00 UTC, counted Monday to Friday in UTC: Fri, Mon, Tue, Wed, Thu.
        ("respond-5-business-days", ("2026-12-10T09:00:00+08:00", "2026-12-10T01:00:00Z")),
    ],
)
def test_manila_thursday_morning(in_zone: Any, rule: str, expected: tuple[str, str]) -> None:
    """Started on Thursday 2026-12-03 at 09:00 in Manila: hours, days and business days."""
    page = in_zone("Asia/Manila", f"rules/{rule}/")
    assert deadline(page, "2026-12-03T09:00") == expected
    assert page.errors == []


def test_hours_across_the_end_of_summer_time_in_los_angeles(in_zone: Any) -> None:
    """48 hours are 48 real hours, even when the clocks go back an hour on 1 November."""
    page = in_zone("America/Los_Angeles", "rules/cancel-48-hours/")
    assert deadline(page, "2026-10-31T12:00") == (
        "2026-11-02T11:00:00-08:00",
        "2026-11-02T19:00:00Z",
    )


def test_days_counted_in_the_platforms_zone(in_zone: Any) -> None:
    """A clock counted in Pacific time keeps the wall-clock time across the change."""
    page = in_zone("Europe/London", "rules/pacific-7-days/")
    # 2026-10-29 12:00 in London is 05:00 in Los Angeles (PDT); 7 days later it is
    # 05:00 PST, an hour later in UTC than 7 x 24 hours would give.
    assert deadline(page, "2026-10-29T12:00") == (
        "2026-11-05T13:00:00Z".replace("Z", "+00:00"),
        "2026-11-05T13:00:00Z",
    )


def test_utc_days_across_the_start_of_summer_time_in_london(in_zone: Any) -> None:
    """3 days counted in UTC end at 10:00 London time once the clocks have gone forward."""
    page = in_zone("Europe/London", "rules/review-3-days/")
    assert deadline(page, "2027-03-26T09:00") == (
        "2027-03-29T10:00:00+01:00",
        "2027-03-29T09:00:00Z",
    )
    text = page.locator(".pb-clock-calc time").first.inner_text()
    assert "29" in text and "10:00" in text and "BST" in text


def test_time_left_counts_down_from_now(in_zone: Any) -> None:
    """The default start is now; the time left is shown in days and hours, and the row's
    label says "left" once."""
    page = in_zone("Asia/Manila", "rules/cancel-48-hours/", now="2026-12-03T10:00:00+08:00")
    calc = page.locator(".pb-clock-calc")
    assert calc.get_by_label("When did the clock start?").input_value() == "2026-12-03T10:00"
    assert calc.locator(".pb-clock-left").inner_text() == "2 days"
    calc.get_by_label("When did the clock start?").fill("2026-12-03T09:00")
    assert calc.locator(".pb-clock-left").inner_text() == "1 day 23 hours"
    calc.get_by_label("When did the clock start?").fill("2026-11-20T09:00")
    passed = calc.locator(".pb-clock-left").inner_text()
    assert passed.startswith("None: the deadline passed 11 days")


def test_a_platform_day_ends_in_the_reader_s_own_time(in_zone: Any) -> None:
    """A platform counts days in its zone: the page says when its day ends for the reader
    (Pacific midnight is 16:00 in Manila in December); a law counts the reader's days."""
    page = in_zone("Asia/Manila", "rules/pacific-7-days/", now="2026-12-03T10:00:00+08:00")
    assert page.locator(".pb-clock-day").inner_text() == (
        "Upwork counts days in America/Los_Angeles: for you, each of its days ends at "
        "16:00 (Asia/Manila)."
    )
    law = in_zone("Asia/Manila", "rules/city-pay-within-30-days/")
    assert law.locator(".pb-clock-day").count() == 0
    # 30 of the reader's calendar days: the same wall-clock time in Manila.
    assert deadline(law, "2026-12-03T09:00")[0] == "2027-01-02T09:00:00+08:00"


def test_calendar_file_parses_with_a_reminder(in_zone: Any, tmp_path: Path) -> None:
    """The .ics is RFC 5545: DTSTART in UTC, a reminder a day before, a link to the rule."""
    from icalendar import Calendar

    page = in_zone("Asia/Manila", "rules/cancel-48-hours/", now="2026-12-03T10:00:00+08:00")
    calc = page.locator(".pb-clock-calc")
    calc.get_by_label("When did the clock start?").fill("2026-12-03T09:00")
    with page.expect_download() as info:
        calc.get_by_role("button", name="Add to calendar").click()
    download = info.value
    assert download.suggested_filename == "deadline-cancel-48-hours.ics"
    path = tmp_path / "deadline.ics"
    download.save_as(path)
    raw = path.read_bytes()
    assert b"\r\nDTSTART:20261205T010000Z\r\n" in raw
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = Calendar.from_ical(raw)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2026, 12, 5, 1, 0, tzinfo=UTC)
    assert str(event["URL"]).endswith("/rules/cancel-48-hours/")
    assert "Answer a cancellation request within 48 hours" in str(event["SUMMARY"])
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=-1)
    assert str(alarm["ACTION"]) == "DISPLAY"


def test_every_deadline_box_on_a_scenario_has_its_calculator(in_zone: Any) -> None:
    """Each deadline box at the top of a scenario has a labelled calculator of its own.

    The law's clock (a city's 30 days) is not a box: it stays with the rule further down.
    """
    page = in_zone("Asia/Manila", "scenarios/late-payment/")
    boxes = page.locator(".pb-actby")
    assert boxes.count() == 2
    for i in range(2):
        box = boxes.nth(i)
        assert box.locator(".pb-clock-calc").count() == 1
        assert not box.locator(".pb-clock-calc").is_visible()  # folded until asked for
        box.get_by_text("Work out the date").click()
        assert box.get_by_label("When did the clock start?").count() == 1
        assert box.locator("a[href*='/rules/'], a[href*='rules/']").count() >= 1
    business = [i for i in range(2) if "5 business days" in boxes.nth(i).inner_text()]
    assert deadline(page, "2026-12-03T09:00", clock=business[0])[1] == "2026-12-10T01:00:00Z"


def test_without_javascript_the_rule_reads_in_full(browser: Any, served_base_site: str) -> None:
    """No script: the rule and its clock sentence are there, and no empty calculator."""
    context = browser.new_context(base_url=served_base_site, java_script_enabled=False)
    page = context.new_page()
    page.goto("rules/respond-5-business-days/")
    text = page.locator(".pb-clock").inner_text()
    assert "5 business days after you file the dispute" in text
    assert "Monday to Friday" in text
    assert page.locator("input[type=datetime-local]").count() == 0
    context.close()


def test_calculator_fits_a_phone(browser: Any, served_base_site: str) -> None:
    """On a 390-pixel screen a scenario with its calculators open has no sideways scroll."""
    context = browser.new_context(base_url=served_base_site, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("scenarios/late-payment/")
    page.locator(".pb-clock-fold").first.wait_for()
    for summary in page.locator(".pb-clock-fold summary").all():
        summary.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
