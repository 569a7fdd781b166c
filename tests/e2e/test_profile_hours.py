"""Working hours are edited in one grid on the profile page: Tuesday's hours are changed,
saved, and shown again after a reload, with Monday's split shift kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def open_profile(browser: Any, live_server: Any, team: Any, size: str) -> tuple[Any, Any]:
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "contributor@example.com")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")
    expect(page.locator("header.top .who")).to_be_visible()
    member = team.members["contributor"]
    page.goto(f"{live_server.url}/w/{team.workspace.slug}/members/{member.pk}/")
    return context, page


@pytest.mark.parametrize("size", SIZES)
def test_tuesday_hours_edited_in_the_one_grid_are_saved(
    browser: Any, live_server: Any, team: Any, screenshot_dir: Path, size: str
) -> None:
    member = team.members["contributor"]
    member.working_hours = {"mon": [["09:00", "12:30"], ["14:00", "18:00"]]}
    member.save()
    context, page = open_profile(browser, live_server, team, size)
    expect(page.get_by_label("Tuesday from", exact=True)).to_have_count(1)
    page.get_by_label("Works on Tuesday").check()  # a day off shows its times once ticked
    page.get_by_label("Tuesday from", exact=True).fill("08:30")
    page.get_by_label("Tuesday to", exact=True).fill("15:45")
    page.screenshot(path=str(screenshot_dir / f"1-editing-{size}.png"), full_page=True)
    page.click("main button:has-text('Save')")
    expect(page.locator("body")).to_contain_text("Saved where and when")

    page.goto(page.url.split("/team/")[0] + f"/members/{member.pk}/")
    expect(page.get_by_label("Tuesday from", exact=True)).to_have_value("08:30")
    expect(page.get_by_label("Tuesday to", exact=True)).to_have_value("15:45")
    expect(page.get_by_label("Monday from, span 2")).to_have_value("14:00")
    page.screenshot(path=str(screenshot_dir / f"2-reloaded-{size}.png"), full_page=True)
    member.refresh_from_db()
    assert member.working_hours == {
        "mon": [["09:00", "12:30"], ["14:00", "18:00"]],
        "tue": [["08:30", "15:45"]],
    }
    context.close()
