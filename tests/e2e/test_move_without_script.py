""" "Move…" with JavaScript off (issue 15, point 5): the browser sends the form itself and
the person lands back on the calendar with a message, never on raw JSON."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from onshore.posts import editing
from onshore.posts.models import Post
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_move_a_post_with_javascript_off(
    browser: Any, live_server: Any, team: Any, screenshot_dir: Path
) -> None:
    post = editing.create_post(
        team.members["manager"], editing.PostChanges(text="Spring roast is here", market=team.gb)
    )
    editing.set_schedule(post, team.members["manager"], date(2027, 3, 10), time(9, 30), None)
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "manager@example.com")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")
    calendar = f"{live_server.url}/w/{team.workspace.slug}/calendar/?date=2027-03-01"
    page.goto(calendar)

    entry = page.locator('td[data-date="2027-03-10"]')
    entry.locator(".move-control > summary").click()  # <details> opens without script
    entry.locator('input[name="date"]').fill("2027-03-18")
    page.screenshot(path=str(screenshot_dir / "1-day-chosen.png"), full_page=True)
    entry.locator("button:has-text('Move here')").click()

    page.wait_for_load_state()
    assert page.url == calendar  # back where the form was, not on JSON
    message = page.inner_text(".messages")
    assert "“Spring roast is here”: Moved to Thu 18 March 2027, 09:30 London" in message
    assert page.locator('td[data-date="2027-03-18"] .entry').count() == 1
    page.screenshot(path=str(screenshot_dir / "2-moved.png"), full_page=True)
    assert Post.objects.get(pk=post.pk).scheduled_at == datetime(2027, 3, 18, 9, 30, tzinfo=UTC)
    context.close()
