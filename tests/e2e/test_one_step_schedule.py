"""Scheduling in one step in the browser (issue 14): the typed time read back in the
manager's zone, a free-slot button that schedules, the nearest valid time after the US
spring gap as a button, and an approved post dragged from the calendar's side list onto
a day. America/New_York; the manager is in Kolkata."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from onshore.posts import editing, workflow
from onshore.posts.models import Post, State
from onshore.workspaces.models import Market
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Tuesday 20 October 2026, 10:00 in New York (EDT), 19:30 in Kolkata.
NOW = datetime(2026, 10, 20, 14, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def us(team: Any) -> Market:
    return Market.objects.create(
        workspace=team.workspace,
        country="US",
        language="en-US",
        timezone="America/New_York",
        posting_slots=[{"days": ["tue", "thu"], "time": "09:30"}],
    )


def approved(team: Any, market: Market, text: str) -> Post:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text=text, market=market)
    )
    post = workflow.perform(post, team.members["contributor"], "submit")
    return workflow.perform(post, team.members["reviewer"], "approve")


def manager_page(browser: Any, live_server: Any, size: str, height: int = 0) -> tuple[Any, Any]:
    viewport = {**SIZES[size], **({"height": height} if height else {})}
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "manager@example.com")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")
    expect(page.locator("header.top .who")).to_be_visible()
    return context, page


@pytest.mark.parametrize("size", SIZES)
def test_schedule_with_a_free_slot_button(
    browser: Any,
    live_server: Any,
    team: Any,
    us: Market,
    clock: None,
    screenshot_dir: Path,
    size: str,
) -> None:
    post = approved(team, us, "Pumpkin spice is back this Thursday")
    context, page = manager_page(browser, live_server, size)
    page.goto(f"{live_server.url}/w/{team.workspace.slug}/posts/{post.pk}/")
    # The Review card leads to the time choice instead of a bare "Schedule" button.
    page.click("a[data-action=schedule]")
    page.fill("#id_date", "2026-12-01")
    page.fill("#id_time", "09:30")
    expect(page.locator("#schedule-preview")).to_have_text(
        "Tue 1 December 2026, 09:30 New York · Tue 1 December, 20:00 your time"
    )
    page.locator("#schedule").screenshot(path=str(screenshot_dir / f"1-typed-{size}.png"))
    page.screenshot(path=str(screenshot_dir / f"1-page-{size}.png"), full_page=True)
    page.click("#free-slots button:has-text('Thu 22 October 2026, 09:30 New York')")
    expect(page.locator("#state")).to_have_text("Scheduled")
    expect(page.locator("body")).to_contain_text(
        "Scheduled for Thu 22 October 2026, 09:30 New York · Thu 22 October, 19:00 your time."
    )
    page.screenshot(path=str(screenshot_dir / f"2-scheduled-{size}.png"), full_page=True)
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    assert post.scheduled_at == datetime(2026, 10, 22, 13, 30, tzinfo=UTC)
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_schedule_with_the_nearest_time_after_the_spring_gap(
    browser: Any,
    live_server: Any,
    team: Any,
    us: Market,
    clock: None,
    screenshot_dir: Path,
    size: str,
) -> None:
    post = approved(team, us, "Spring forward brunch")
    context, page = manager_page(browser, live_server, size)
    page.goto(f"{live_server.url}/w/{team.workspace.slug}/posts/{post.pk}/")
    page.fill("#id_date", "2027-03-14")
    page.fill("#id_time", "02:30")
    expect(page.locator("#schedule-preview")).to_contain_text("does not exist")
    page.click("#schedule-submit")
    question = page.locator("#schedule-question")
    expect(question).to_contain_text(
        "02:30 on Sun 14 March 2027 in New York does not exist: the clocks go forward 1 h."
    )
    question.scroll_into_view_if_needed()
    page.locator("#schedule").screenshot(path=str(screenshot_dir / f"3-gap-buttons-{size}.png"))
    page.screenshot(path=str(screenshot_dir / f"3-gap-question-{size}.png"), full_page=True)
    page.click("#schedule-answers button:has-text('03:00 New York')")
    expect(page.locator("#state")).to_have_text("Scheduled")
    expect(page.locator("body")).to_contain_text("Scheduled for Sun 14 March 2027, 03:00 New York")
    page.screenshot(path=str(screenshot_dir / f"4-gap-scheduled-{size}.png"), full_page=True)
    post.refresh_from_db()
    assert post.scheduled_at == datetime(2027, 3, 14, 7, 0, tzinfo=UTC)
    context.close()


def test_drag_from_the_side_list_onto_a_day(
    browser: Any, live_server: Any, team: Any, us: Market, clock: None, screenshot_dir: Path
) -> None:
    post = approved(team, us, "Cider pressing weekend")
    approved(team, us, "Apple picking opens")
    context, page = manager_page(browser, live_server, "desktop")
    page.goto(f"{live_server.url}/w/{team.workspace.slug}/calendar/?date=2026-10-01")
    expect(page.locator("#side-list")).to_contain_text("Approved, not scheduled")
    page.screenshot(path=str(screenshot_dir / "5-side-list-desktop.png"), full_page=True)
    # Tuesday 27 October: the market's 09:30 slot.
    page.locator(".waiting", has_text="Cider pressing").drag_to(
        page.locator('td[data-date="2026-10-27"]')
    )
    expect(page.locator("#calendar-message")).to_contain_text(
        "Scheduled for Tue 27 October 2026, 09:30 New York · Tue 27 October, 19:00 your time."
    )
    page.wait_for_selector('td[data-date="2026-10-27"] .entry')
    expect(page.locator("#side-list")).not_to_contain_text("Cider pressing")
    page.screenshot(path=str(screenshot_dir / "6-dropped-desktop.png"), full_page=True)
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    assert post.scheduled_at == datetime(2026, 10, 27, 13, 30, tzinfo=UTC)
    context.close()
    # On a phone the list sits under the calendar; "Schedule…" is the way there.
    context, page = manager_page(browser, live_server, "phone")
    page.goto(f"{live_server.url}/w/{team.workspace.slug}/calendar/?date=2026-10-01")
    page.locator("#side-list").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "7-side-list-phone.png"), full_page=True)
    page.click("#side-list a:has-text('Schedule…')")
    expect(page.locator("#schedule")).to_be_in_viewport()
    context.close()


def test_drag_onto_an_hour_of_the_week_in_my_zone(
    browser: Any, live_server: Any, team: Any, us: Market, clock: None, screenshot_dir: Path
) -> None:
    post = approved(team, us, "Evening tasting")
    # Tall enough for the whole week: a drag that has to scroll the page is dropped.
    context, page = manager_page(browser, live_server, "desktop", height=2000)
    page.goto(
        f"{live_server.url}/w/{team.workspace.slug}/calendar/?view=week&date=2026-10-26&zone=mine"
    )
    # The 20:00 row of Tuesday 27 October is 20:00 in Kolkata, 10:30 in New York.
    column = page.locator('thead th[data-date="2026-10-27"]').evaluate("th => th.cellIndex")
    cell = page.locator("#calendar tbody tr").nth(20).locator("> *").nth(column)
    assert cell.get_attribute("data-hour") == "20"
    page.locator(".waiting", has_text="Evening tasting").drag_to(cell)
    expect(page.locator("#calendar-message")).to_contain_text(
        "Scheduled for Tue 27 October 2026, 10:30 New York · Tue 27 October, 20:00 your time."
    )
    page.screenshot(path=str(screenshot_dir / "8-week-my-zone-desktop.png"), full_page=True)
    post.refresh_from_db()
    assert post.scheduled_at == datetime(2026, 10, 27, 14, 30, tzinfo=UTC)
    context.close()
