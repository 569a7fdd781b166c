"""Dragging a post to another day in the month view keeps its market wall time, even
across the day the UK clocks change."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from onshore.posts import editing
from onshore.posts.models import Post
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_drag_a_post_across_the_clock_change(
    browser: Any, live_server: Any, team: Any, screenshot_dir: Path
) -> None:
    post = editing.create_post(
        team.members["manager"], editing.PostChanges(text="Spring roast is here", market=team.gb)
    )
    editing.set_schedule(post, team.members["manager"], date(2027, 3, 26), time(9, 30), None)
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "manager@example.com")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")
    page.goto(f"{live_server.url}/w/{team.workspace.slug}/calendar/?date=2027-03-01")
    page.locator(".entry", has_text="Spring roast").drag_to(
        page.locator('td[data-date="2027-03-29"]')
    )
    page.wait_for_selector("#calendar-message:not([hidden])")
    # Issue 14: with the date, in the market's zone and the manager's (Kolkata).
    assert (
        "Moved to Mon 29 March 2027, 09:30 London · Mon 29 March, 14:00 your time."
        in page.inner_text("#calendar-message")
    )
    page.wait_for_selector('td[data-date="2027-03-29"] .entry')
    assert "09:30" in page.locator('td[data-date="2027-03-29"] time').inner_text()
    page.screenshot(path=str(screenshot_dir / "moved.png"), full_page=True)
    # 09:30 BST on Monday 29 March 2027 is 08:30 UTC; it was 09:30 UTC on the Friday.
    assert Post.objects.get(pk=post.pk).scheduled_at == datetime(2027, 3, 29, 8, 30, tzinfo=UTC)
