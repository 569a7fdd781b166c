"""Moving a post on the calendar without a mouse (issue 15, point 5): every entry has a
"Move…" control reached with Tab, with a visible focus ring, that posts the same move
as dragging does."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from onshore.posts import editing, workflow
from onshore.posts.models import Post
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MOST_TABS = 300  # more stops than the calendar page has


def tab_to_move_control(page: Any, post_text: str) -> None:
    """Press Tab until the focus is on the "Move…" of the post showing ``post_text``: a
    calendar entry (the control follows it) or an item of the side list (holds it)."""
    check = """(text) => {
        const summary = document.activeElement.closest(".move-control > summary");
        if (!summary) return false;
        const entry = summary.parentElement.previousElementSibling;
        const item = summary.closest("li.waiting");
        const post = item || (entry && entry.classList.contains("entry") ? entry : null);
        return !!post && post.textContent.includes(text);
    }"""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(check, post_text):
            return
    raise AssertionError(f"Tab never reached the Move… control of {post_text!r}")


def test_move_a_post_to_another_day_with_the_keyboard(
    browser: Any, live_server: Any, team: Any, screenshot_dir: Path
) -> None:
    post = editing.create_post(
        team.members["manager"], editing.PostChanges(text="Spring roast is here", market=team.gb)
    )
    editing.set_schedule(post, team.members["manager"], date(2027, 3, 10), time(9, 30), None)
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "manager@example.com")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("header.top .who")
    page.goto(f"{live_server.url}/w/{team.workspace.slug}/calendar/?date=2027-03-01")

    tab_to_move_control(page, "Spring roast")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring not in ("", "none"), "the focused Move… control shows no focus ring"
    page.screenshot(path=str(screenshot_dir / "1-focused.png"))
    page.keyboard.press("Enter")  # opens the control
    page.keyboard.press("Tab")  # the day field
    page.keyboard.type("03182027")  # mm dd yyyy in an en-US date field
    page.screenshot(path=str(screenshot_dir / "2-day-chosen.png"))
    page.keyboard.press("Enter")  # submits the form, as "Move here" does

    page.wait_for_selector("#calendar-message:not([hidden])")
    assert "Moved to Thu 18 March 2027, 09:30 London" in page.inner_text("#calendar-message")
    page.wait_for_selector('td[data-date="2027-03-18"] .entry')
    page.screenshot(path=str(screenshot_dir / "3-moved.png"), full_page=True)
    assert Post.objects.get(pk=post.pk).scheduled_at == datetime(2027, 3, 18, 9, 30, tzinfo=UTC)


def test_schedule_an_approved_post_to_a_day_and_hour_with_the_keyboard(
    browser: Any, live_server: Any, team: Any, screenshot_dir: Path
) -> None:
    manager = team.members["manager"]
    post = editing.create_post(
        manager, editing.PostChanges(text="Cold brew is back", market=team.gb)
    )
    workflow.perform(post, manager, "submit")
    workflow.perform(post, team.members["reviewer"], "approve")
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "manager@example.com")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("header.top .who")
    page.goto(f"{live_server.url}/w/{team.workspace.slug}/calendar/?view=week&date=2027-03-15")

    tab_to_move_control(page, "Cold brew")  # in "Approved, not scheduled"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("03172027")
    page.keyboard.press("Tab")  # the hour select
    while not page.evaluate("document.activeElement.tagName === 'SELECT'"):
        page.keyboard.press("Tab")  # past the date field's own picker button, if any
    page.keyboard.type("14")  # picks 14:00 in the focused select
    page.screenshot(path=str(screenshot_dir / "side-list-hour-chosen.png"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Move here"

    page.wait_for_selector("#calendar-message:not([hidden])")
    assert "Scheduled for Wed 17 March 2027, 14:00 London" in page.inner_text("#calendar-message")
    saved = Post.objects.get(pk=post.pk)
    assert (saved.state, saved.scheduled_at) == (
        "scheduled",
        datetime(2027, 3, 17, 14, 0, tzinfo=UTC),
    )
