"""A contributor drafts a GB post with US spelling and a wrong zone abbreviation, fixes it
from the highlights, and it goes through review, rework and scheduling on the day the UK
clocks change, ending up at 09:30 London in the calendar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from onshore.posts.models import Post
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = "Our new color range lands at 9am EST on Friday 10 July 2026. Come and see!"


def log_in(browser: Any, live_server: Any, email: str) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")
    return page


@pytest.fixture
def people(db: Any) -> dict[str, Any]:
    from onshore.workspaces.models import Market, Membership, Workspace

    workspace = Workspace(name="Thistle Knitwear", home_country="GB")
    workspace.full_clean()
    manager = make_user("manager@thistle.example", "Morag Manager")
    workspace.create_with_owner(manager)
    Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
    )
    for email, name, role, country, zone in (
        ("priya@brightwave.example", "Priya Raman", "contributor", "IN", "Asia/Kolkata"),
        ("client@thistle.example", "Callum Client", "reviewer", "GB", "Europe/London"),
    ):
        Membership.objects.create(
            workspace=workspace,
            user=make_user(email, name),
            role=role,
            relation="agency" if role == "contributor" else "employee",
            agency_name="Brightwave" if role == "contributor" else "",
            home_country=country,
            timezone=zone,
        )
    return {"slug": workspace.slug}


def test_draft_fix_review_rework_approve_and_schedule(
    browser: Any, live_server: Any, people: dict[str, Any], screenshot_dir: Path
) -> None:
    slug = people["slug"]
    writer = log_in(browser, live_server, "priya@brightwave.example")
    writer.goto(f"{live_server.url}/w/{slug}/posts/new/")
    writer.fill("#id_text", TEXT)
    writer.wait_for_selector("mark.finding >> text=color")
    writer.wait_for_selector("mark.finding >> text=EST")
    writer.screenshot(path=str(screenshot_dir / "1-highlighted.png"), full_page=True)
    # colour; EST in July -> EDT; then 9am EDT, a US zone in a UK post -> 2pm BST.
    for _ in range(3):
        writer.locator("button.apply").first.click()
        writer.wait_for_timeout(700)
    assert "colour" in writer.input_value("#id_text")
    assert "2pm BST" in writer.input_value("#id_text")
    writer.wait_for_selector("#live-findings >> text=No findings on the main text")
    writer.click("button:has-text('Save draft')")
    writer.click("button[data-action='submit']")
    assert writer.inner_text("#state") == "In review"

    reviewer = log_in(browser, live_server, "client@thistle.example")
    reviewer.goto(f"{live_server.url}/w/{slug}/review/")
    reviewer.click("#queue a")
    reviewer.fill("#note-request_changes", "Please add that the range is knitted in Shetland.")
    reviewer.click("button[data-action='request_changes']")
    assert reviewer.inner_text("#state") == "Changes requested"

    writer.reload()
    assert "knitted in Shetland" in writer.inner_text("#comments")
    writer.fill("#id_text", writer.input_value("#id_text") + " Knitted in Shetland.")
    writer.click("button:has-text('Save changes')")
    writer.click("button[data-action='submit']")
    assert "1 rework round" in writer.inner_text("main")

    reviewer.reload()
    reviewer.click("button[data-action='approve']")
    assert reviewer.inner_text("#state") == "Approved"

    manager = log_in(browser, live_server, "manager@thistle.example")
    post = Post.objects.get()
    manager.goto(f"{live_server.url}/w/{slug}/posts/{post.pk}/")
    # 28 March 2027: the UK clocks go forward at 01:00; 09:30 is BST.
    manager.fill("#id_date", "2027-03-28")
    manager.fill("#id_time", "09:30")
    # Issue 14: one submit sets the time and schedules the approved post.
    manager.click("#schedule-submit")
    assert "09:30 London" in manager.inner_text("#schedule-label")
    assert manager.inner_text("#state") == "Scheduled"
    manager.goto(f"{live_server.url}/w/{slug}/calendar/?date=2027-03-01")
    day = manager.locator('td[data-date="2027-03-28"]')
    assert "09:30" in day.locator("time").inner_text()
    manager.screenshot(path=str(screenshot_dir / "2-calendar.png"), full_page=True)
    post.refresh_from_db()
    assert (post.state, post.rework_rounds, post.scheduled_at.isoformat()) == (
        "scheduled",
        1,
        "2027-03-28T08:30:00+00:00",
    )
