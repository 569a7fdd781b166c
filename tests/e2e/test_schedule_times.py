"""Scheduling in the browser: a past time is refused with the market's clock now, and on
the night the clocks go back the chosen 01:30 replaces the warning (Europe/London)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from onshore.posts import editing
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Friday 23 October 2026, 15:20 in London (BST): two days before the clocks go back.
NOW = datetime(2026, 10, 23, 14, 20, tzinfo=UTC)


@pytest.fixture
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=True):
        yield


def post_page(browser: Any, live_server: Any, team: Any, size: str) -> tuple[Any, Any]:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Fresh scones", market=team.gb)
    )
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "manager@example.com")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")
    expect(page.locator("header.top .who")).to_be_visible()
    page.goto(f"{live_server.url}/w/{team.workspace.slug}/posts/{post.pk}/")
    return context, page


def set_time(page: Any, day: str, clock: str) -> None:
    page.fill("input[name=date]", day)
    page.fill("input[name=time]", clock)
    page.click("button:has-text('Set time')")


@pytest.mark.parametrize("size", SIZES)
def test_past_time_refused_and_fold_choice_shown(
    browser: Any, live_server: Any, team: Any, clock: None, screenshot_dir: Path, size: str
) -> None:
    context, page = post_page(browser, live_server, team, size)
    set_time(page, "2026-10-23", "09:00")
    expect(page.locator("body")).to_contain_text(
        "time: 09:00 on Fri 23 October 2026 in London has already passed: it is now 15:"
    )
    expect(page.locator("#schedule-label")).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / f"1-past-refused-{size}.png"), full_page=True)

    set_time(page, "2026-10-25", "01:30")
    expect(page.locator("#schedule-question")).to_contain_text("happens twice")
    # Issue 14: two buttons, each with its offset and the viewer's time, not a select.
    page.click("#schedule-answers button:has-text('The first: 01:30 BST (UTC+01:00)')")
    label = page.locator("#schedule-label")
    expect(label).to_contain_text("01:30 London")
    expect(label).to_contain_text("— 01:30 BST (UTC+01:00), the first of two")
    page.reload()
    expect(page.locator("body")).not_to_contain_text("happens twice on 25 October 2026")
    expect(label).to_contain_text("the first of two")
    page.screenshot(path=str(screenshot_dir / f"2-fold-chosen-{size}.png"), full_page=True)
    context.close()
