"""A contributor submits a post on a Saturday night; the reviewer's bell shows 1 at once,
the list says the e-mail waits for Monday 09:00 on the reviewer's clock, and marking it
read quiets the bell. Desktop and phone screenshots of each step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from onshore.notifications.models import Notification
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Saturday 28 November 2026, 22:00 in London: the reviewer is off until Monday 09:00.
SATURDAY_NIGHT = datetime(2026, 11, 28, 22, 0, tzinfo=UTC)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def people(db: Any) -> Iterator[dict[str, Any]]:
    from onshore.workspaces.models import Market, Membership, Workspace

    with time_machine.travel(SATURDAY_NIGHT, tick=True):
        workspace = Workspace(name="Thistle Knitwear", home_country="GB")
        workspace.full_clean()
        workspace.create_with_owner(make_user("manager@thistle.example", "Morag Manager"))
        Market.objects.create(
            workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
        )
        weekdays = {d: [["09:00", "17:30"]] for d in ("mon", "tue", "wed", "thu", "fri")}
        for email, name, role, country, zone in (
            ("priya@brightwave.example", "Priya Raman", "contributor", "IN", "Asia/Kolkata"),
            ("callum@thistle.example", "Callum Client", "reviewer", "GB", "Europe/London"),
        ):
            Membership.objects.create(
                workspace=workspace,
                user=make_user(email, name),
                role=role,
                relation="employee",
                home_country=country,
                timezone=zone,
                working_hours=weekdays,
            )
        yield {"slug": workspace.slug}


def log_in(browser: Any, live_server: Any, email: str, viewport: dict[str, int]) -> Any:
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")
    expect(page.locator("header.top .who")).to_be_visible()
    return page


def test_submit_rings_the_reviewers_bell_and_mark_read_quiets_it(
    browser: Any, live_server: Any, people: dict[str, Any], screenshot_dir: Path
) -> None:
    slug = people["slug"]
    with time_machine.travel(SATURDAY_NIGHT, tick=True):
        writer = log_in(browser, live_server, "priya@brightwave.example", DESKTOP)
        writer.goto(f"{live_server.url}/w/{slug}/posts/new/")
        writer.fill("#id_text", "Our Shetland wool jumpers are back in stock. Come and see!")
        writer.click("button:has-text('Save draft')")
        writer.click("button[data-action='submit']")
        expect(writer.locator("#state")).to_have_text("In review")
        expect(writer.locator("header.top .bell-count")).to_have_count(0)  # not told of own act

        reviewer = log_in(browser, live_server, "callum@thistle.example", DESKTOP)
        bell = reviewer.locator("header.top a.bell")
        expect(bell.locator(".bell-count")).to_have_text("1")
        expect(bell).to_have_attribute("aria-label", "Notifications: 1 unread")
        reviewer.screenshot(path=str(screenshot_dir / "1-bell-desktop.png"))

        bell.click()
        item = reviewer.locator("li.notification.unread")
        expect(item).to_contain_text(
            "Priya Raman submitted “Our Shetland wool jumpers are back in stock. Come and see!” "
            "for review"
        )
        expect(item).to_contain_text("Sat 28 Nov 2026, 22:00 (Europe/London)")
        expect(item).to_contain_text("e-mail goes Mon 30 Nov 2026, 09:00 (Europe/London)")
        reviewer.screenshot(path=str(screenshot_dir / "2-list-desktop.png"), full_page=True)

        phone = log_in(browser, live_server, "callum@thistle.example", PHONE)
        expect(phone.locator("header.top .bell-count")).to_have_text("1")
        phone.screenshot(path=str(screenshot_dir / "3-bell-phone.png"))
        phone.click("header.top a.bell")
        expect(phone.locator("li.notification.unread")).to_have_count(1)
        phone.screenshot(path=str(screenshot_dir / "4-list-phone.png"), full_page=True)

        reviewer.click("li.notification.unread button:has-text('Mark read')")
        expect(reviewer.locator("li.notification.unread")).to_have_count(0)
        expect(reviewer.locator("main")).to_contain_text("Nothing unread.")
        expect(reviewer.locator("header.top .bell-count")).to_have_count(0)
        reviewer.screenshot(path=str(screenshot_dir / "5-read-desktop.png"), full_page=True)
        # Read before Monday: the e-mail will not be sent.
        assert Notification.objects.get(recipient__email="callum@thistle.example").email_state == (
            "app_only"
        )

        phone.goto(f"{live_server.url}/w/{slug}/notifications/settings/")
        expect(phone.locator("main")).to_contain_text(
            "Your working hours here: Mon–Fri 09:00–17:30 (Europe/London)."
        )
        phone.screenshot(path=str(screenshot_dir / "6-settings-phone.png"), full_page=True)
        reviewer.goto(f"{live_server.url}/w/{slug}/notifications/settings/")
        reviewer.select_option("#id_published", "app")
        reviewer.click("main button:has-text('Save')")
        expect(reviewer.locator(".messages")).to_contain_text("Saved")
        reviewer.screenshot(path=str(screenshot_dir / "7-settings-desktop.png"), full_page=True)
