"""Issue 14's confirmations and time-zone picker in Chromium, at desktop and phone size:
removing a market asks (Cancel keeps it, "Yes, go ahead" removes it), saving an edit of a
scheduled post asks before it cancels the publishing, and a time zone is found by typing
part of a city and picked with the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from onshore.posts import editing, workflow
from onshore.posts.models import Post, State
from onshore.publishing.models import Channel
from onshore.workspaces.models import Market, Membership
from tests.e2e.demo_session import EMMA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def shoot(page: Any, folder: Path, name: str) -> None:
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
    page.set_viewport_size(SIZES["desktop"])


def test_removing_a_market_asks_first(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    owner = Membership.objects.get(workspace__slug=demo, user__email=EMMA)
    ireland = Market.objects.create(
        workspace=owner.workspace, country="IE", language="en-IE", timezone="Europe/Dublin"
    )
    Channel.objects.create(
        workspace=owner.workspace, market=ireland, kind="webhook", name="Dublin shop"
    )
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/")
    row = page.locator("#markets tr", has_text="Ireland (en-IE)")
    row.get_by_role("button", name="Remove").click()
    dialog = page.locator("dialog.confirm")
    expect(dialog).to_contain_text(
        "Remove the market Ireland (en-IE)? Its channel Webhook: Dublin shop is removed with it."
    )
    shoot(page, screenshot_dir, "remove-market-asks")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    expect(row).to_be_visible()
    assert Market.objects.filter(pk=ireland.pk).exists()

    # A market with posts has no button, and says why.
    expect(page.locator("#markets tr", has_text="United Kingdom")).to_contain_text(
        "move or delete them to remove this market"
    )
    row.get_by_role("button", name="Remove").click()
    dialog.get_by_role("button", name="Yes, go ahead").click()
    expect(page.locator(".messages")).to_contain_text("Market Ireland (en-IE) removed.")
    expect(page.locator("#markets")).not_to_contain_text("Ireland")
    assert not Market.objects.filter(pk=ireland.pk).exists()
    shoot(page, screenshot_dir, "market-removed")


def _scheduled_post(slug: str) -> Post:
    owner = Membership.objects.get(workspace__slug=slug, user__email=EMMA)
    market = owner.workspace.markets.get(country="GB")
    post = editing.create_post(
        owner, editing.PostChanges(text="Our winter blend is back on Tuesday.", market=market)
    )
    post = workflow.perform(post, owner, "submit")
    post = workflow.perform(post, owner, "approve")
    editing.set_schedule(post, owner, date(2026, 12, 1), time(9, 30), None)
    return workflow.perform(post, owner, "schedule")


def test_editing_a_scheduled_post_asks_before_cancelling_its_publishing(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    post = _scheduled_post(demo)
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/posts/{post.pk}/")
    page.fill("#id_text", "Our winter blend is back on Tuesday, in tins too.")
    page.get_by_role("button", name="Save changes").click()
    dialog = page.locator("dialog.confirm")
    expect(dialog).to_contain_text("This post is scheduled. Saving a change sends it back")
    expect(dialog).to_contain_text("cancels its publishing")
    expect(dialog).to_contain_text("Tue 1 December 2026, 09:30 London")
    shoot(page, screenshot_dir, "edit-scheduled-asks")
    dialog.get_by_role("button", name="Cancel").click()
    post.refresh_from_db()
    assert post.state == State.SCHEDULED

    page.get_by_role("button", name="Save changes").click()
    dialog.get_by_role("button", name="Yes, go ahead").click()
    expect(page.locator("#state")).to_have_text("In review")
    post.refresh_from_db()
    assert post.state == State.IN_REVIEW and post.text.endswith("in tins too.")
    # Back in review: a save asks nothing now.
    assert page.locator("#post-form").get_attribute("data-confirm") is None


def test_a_time_zone_is_found_by_part_of_its_city_and_picked_by_keyboard(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    owner = Membership.objects.get(workspace__slug=demo, user__email=EMMA)
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/members/{owner.pk}/")
    page.select_option("#id_home_country", "IN")
    zone = page.get_by_role("combobox", name="Time zone")
    zone.fill("")
    zone.press_sequentially("kolk")
    options = page.get_by_role("listbox", name="Time zone").get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Kolkata, India — Asia/Kolkata UTC+05:30")
    shoot(page, screenshot_dir, "zone-search")
    zone.press("ArrowDown")
    expect(zone).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    zone.press("Enter")  # picks; does not submit the form
    expect(zone).to_have_value("Asia/Kolkata")
    expect(page.get_by_role("listbox", name="Time zone")).to_be_hidden()

    # With the country chosen, its zones come first; Escape closes without picking.
    page.select_option("#id_home_country", "US")
    zone.fill("")
    zone.press_sequentially("america")
    expect(options.first).to_contain_text("United States")
    shoot(page, screenshot_dir, "zone-country-first")
    zone.press("Escape")
    zone.fill("Asia/Kolkata")
    page.select_option("#id_home_country", "IN")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Saved where and when")
    owner.refresh_from_db()
    assert (owner.home_country, owner.timezone) == ("IN", "Asia/Kolkata")

    # A name that is no zone is refused by name, with the list still there to pick from.
    page.goto(f"{live_server.url}/w/{demo}/members/{owner.pk}/")
    zone.fill("Mars/Base")
    page.get_by_role("button", name="Save").click()
    expect(page.locator('[data-field="timezone"]')).to_have_text(
        "Time zone: 'Mars/Base' is not a time zone; pick one from the list, e.g. Europe/London"
    )
    shoot(page, screenshot_dir, "zone-refused")


def test_a_markets_other_zones_are_picked_one_after_another_with_the_mouse(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    us = Market.objects.get(workspace__slug=demo, country="US")
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/markets/{us.pk}/")
    others = page.get_by_role("combobox", name="Other time zones")
    others.fill("")
    others.press_sequentially("phoe")
    listbox = page.get_by_role("listbox", name="Other time zones")
    listbox.get_by_role("option", name="Phoenix").click()
    expect(others).to_have_value("America/Phoenix, ")
    others.press_sequentially("honolulu")
    shoot(page, screenshot_dir, "other-zones")
    listbox.get_by_role("option").first.click()
    expect(others).to_have_value("America/Phoenix, Pacific/Honolulu, ")
    page.get_by_role("button", name="Save market").click()
    expect(page.locator(".messages")).to_contain_text("saved")
    us.refresh_from_db()
    assert us.other_zones == ["America/Phoenix", "Pacific/Honolulu"]
