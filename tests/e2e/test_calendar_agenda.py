"""The calendar on a phone (issue 15, point 4): at 390 px the month is an agenda — a list
of the days with posts (and holidays, and today), each headed "Tue 8 Dec" in the zone
the viewer chose, quiet runs of days as one "Nothing scheduled" line — with no sideways
scroll and nothing axe calls serious; at desktop size the grid is unchanged.

The posts sit either side of both clock changes of March 2027 (New York moves on the
14th, London on the 28th), so a heading in the wrong zone or offset shows as a wrong day.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from onshore.posts import editing
from tests.e2e import axe
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# London wall times (the market's); what they are in New York, the viewer's zone.
POSTS = [
    (date(2027, 3, 12), time(3, 30), "Friday beans"),  # 03:30 GMT = Thu 11, 22:30 EST
    (date(2027, 3, 15), time(3, 30), "Monday early"),  # 03:30 GMT = Sun 14, 23:30 EDT
    (date(2027, 3, 15), time(4, 30), "Monday later"),  # 04:30 GMT = Mon 15, 00:30 EDT
    (date(2027, 3, 29), time(4, 30), "Spring shift"),  # 04:30 BST = Sun 28, 23:30 EDT
]
HEADINGS_IN_MARKET_ZONE = ["Fri 12 Mar", "Mon 15 Mar", "Fri 26 Mar", "Mon 29 Mar"]
HEADINGS_IN_MY_ZONE = ["Thu 11 Mar", "Sun 14 Mar", "Mon 15 Mar", "Fri 26 Mar", "Sun 28 Mar"]
TEXTS_IN_ORDER = ["Friday beans", "Monday early", "Monday later", "Spring shift"]

SHOWN = """(selector) => [...document.querySelectorAll(selector)]
    .filter((el) => el.offsetParent !== null)
    .map((el) => el.innerText.replace(/\\s+/g, " ").trim())"""


@pytest.fixture
def planned(team: Any) -> Any:
    manager = team.members["manager"]
    manager.timezone = "America/New_York"
    manager.save()
    for day, clock, text in POSTS:
        post = editing.create_post(manager, editing.PostChanges(text=text, market=team.gb))
        assert editing.set_schedule(post, manager, day, clock, None).kind == "ok"
    return team


def open_calendar(browser: Any, site: str, slug: str, query: str, **options: Any) -> Any:
    context = browser.new_context(bypass_csp=True, **options)  # bypass_csp: axe's script
    page = context.new_page()
    page.goto(f"{site}/login/")
    page.fill("#id_username", "manager@example.com")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")
    page.wait_for_selector("header.top .who")
    page.goto(f"{site}/w/{slug}/calendar/?{query}")
    return page


def headings(page: Any) -> list[str]:
    """The day headings a person sees, without the "· today" or holiday after them."""
    return [text.split(" · ")[0] for text in page.evaluate(SHOWN, "td.day .day-number")]


def test_on_a_phone_the_month_is_an_agenda_in_the_chosen_zone(
    browser: Any, live_server: Any, planned: Any, screenshot_dir: Path
) -> None:
    slug = planned.workspace.slug
    for theme in ("light", "dark"):
        page = open_calendar(
            browser, live_server.url, slug, "date=2027-03-01", viewport=PHONE, color_scheme=theme
        )
        assert page.locator("table.calendar.month thead").is_hidden()
        assert headings(page) == HEADINGS_IN_MARKET_ZONE
        assert page.evaluate(SHOWN, ".entry .first-line") == TEXTS_IN_ORDER
        gaps = page.evaluate(SHOWN, "td.day .agenda-gap")
        assert gaps[0] == "Nothing scheduled Mon 1 – Thu 11 Mar"
        assert "Nothing scheduled Tue 30 – Wed 31 Mar" in gaps
        page.screenshot(
            path=str(screenshot_dir / f"agenda-market-phone-{theme}.png"), full_page=True
        )

        page.click("#calendar-filter-fold > summary")  # folded on a phone
        page.select_option("#c-zone", "mine")
        page.click("#calendar-filters button:has-text('Show')")
        page.wait_for_url("**zone=mine**")
        assert headings(page) == HEADINGS_IN_MY_ZONE
        assert page.evaluate(SHOWN, ".entry .first-line") == TEXTS_IN_ORDER
        first = page.locator(".entry").first
        assert first.locator("time").inner_text() == "22:30"  # New York, the viewer's
        assert first.locator(".market-time").inner_text() == "03:30 market"  # London
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        found = axe.serious_violations(page)
        assert not found, axe.describe(found)
        page.screenshot(path=str(screenshot_dir / f"agenda-mine-phone-{theme}.png"), full_page=True)

        page.set_viewport_size(DESKTOP)  # the same page at desktop size: the grid
        page.screenshot(
            path=str(screenshot_dir / f"agenda-mine-desktop-{theme}.png"), full_page=True
        )
        page.context.close()


def test_on_a_phone_the_filters_fold_away_unless_one_is_in_use(
    browser: Any, live_server: Any, planned: Any, screenshot_dir: Path
) -> None:
    slug = planned.workspace.slug
    page = open_calendar(browser, live_server.url, slug, "date=2027-03-01", viewport=PHONE)
    fold = page.locator("#calendar-filter-fold")
    summary = fold.locator("summary")
    assert summary.inner_text() == "Filters" and page.locator("#c-market").is_hidden()
    day = page.locator("td.day .day-number:visible").first.bounding_box()
    assert day is not None and day["y"] < 400  # the first day in the first screen
    summary.click()
    page.fill("#c-tag", "beans")
    page.click("#calendar-filters button:has-text('Show')")
    page.wait_for_url("**tag=beans**")
    # A filter in use stays in view, so nobody wonders why posts are missing.
    assert page.locator("#c-tag").is_visible()
    assert summary.inner_text() == "Filters (1 in use)"
    page.screenshot(path=str(screenshot_dir / "agenda-filters-in-use-phone.png"))

    page.set_viewport_size(DESKTOP)  # on a wide screen: the form, no fold to open
    page.goto(f"{live_server.url}/w/{slug}/calendar/?date=2027-03-01")
    assert page.locator("#c-market").is_visible() and summary.is_hidden()
    page.context.close()


def test_earlier_and_later_page_the_agenda_by_month(
    browser: Any, live_server: Any, planned: Any
) -> None:
    page = open_calendar(
        browser, live_server.url, planned.workspace.slug, "date=2027-02-01", viewport=PHONE
    )
    assert headings(page) == []  # nothing in February 2027 (no English holiday either)
    assert page.evaluate(SHOWN, "td.day .agenda-gap") == ["Nothing scheduled Mon 1 – Sun 28 Feb"]
    page.click("a[rel=next]")
    page.wait_for_url("**date=2027-03-01**")
    assert headings(page) == HEADINGS_IN_MARKET_ZONE
    page.context.close()


def test_at_desktop_size_the_month_is_still_a_grid(
    browser: Any, live_server: Any, planned: Any, screenshot_dir: Path
) -> None:
    page = open_calendar(
        browser, live_server.url, planned.workspace.slug, "date=2027-03-01", viewport=DESKTOP
    )
    assert page.locator("table.calendar.month thead th").count() == 7
    assert page.locator("table.calendar.month thead").is_visible()
    # Every day of the grid is shown, quiet or not, and its number only (the day's name
    # and month are there for screen readers).
    assert page.locator("td.day").count() == 35
    assert page.locator("td.day.quiet").first.is_visible()
    name = page.locator('td[data-date="2027-03-02"] .agenda-part').first.bounding_box()
    assert name is not None and name["width"] <= 1  # "Tue" is for screen readers only
    assert page.locator(".agenda-gap").first.is_hidden()
    cell = page.locator('td[data-date="2027-03-15"]').bounding_box()
    assert cell is not None and cell["width"] < 200  # a column of seven, not a list row
    # Desktop density is unchanged: thumb-sized controls are for phones and touch screens.
    show = page.locator("#calendar-filters button:has-text('Show')")
    assert show.bounding_box()["height"] == 40  # type: ignore[index]
    page.screenshot(path=str(screenshot_dir / "grid-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert show.bounding_box()["height"] >= 44  # type: ignore[index]
    page.context.close()


def test_on_a_phone_the_week_is_an_agenda_too(
    browser: Any, live_server: Any, planned: Any, screenshot_dir: Path
) -> None:
    page = open_calendar(
        browser,
        live_server.url,
        planned.workspace.slug,
        "view=week&date=2027-03-10&zone=mine",
        viewport=PHONE,
    )
    assert page.locator("table.calendar.week").is_hidden()
    days = page.evaluate(SHOWN, ".week-agenda .list-day h3")
    assert days == ["Thu 11 Mar 2027", "Sun 14 Mar 2027"]  # the year for screen readers
    assert page.evaluate(SHOWN, ".week-agenda .entry .first-line") == TEXTS_IN_ORDER[:2]
    gaps = page.evaluate(SHOWN, ".week-agenda .agenda-gap")
    assert gaps == ["Nothing scheduled Mon 8 – Wed 10 Mar", "Nothing scheduled Fri 12 – Sat 13 Mar"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    found = axe.serious_violations(page)
    assert not found, axe.describe(found)
    page.screenshot(path=str(screenshot_dir / "week-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    assert page.locator("table.calendar.week").is_visible()
    assert page.locator(".week-agenda").is_hidden()
    page.context.close()
