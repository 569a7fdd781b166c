"""The editor's findings panel keeps every finding that warns or blocks, per text and for
the scheduled time, with Dismiss, on load and while the user types (issue 14, points 1-2).

A US post with an X version over 280 characters, at 03:00 New York on Thanksgiving."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from onshore.posts import editing
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MAIN = "Fresh coffee and a cookie for everyone who stops by the store this week."
X_VERSION = "Fresh coffee for everyone! " + "Come by the store and say hello. " * 9  # 324
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def thanksgiving_post(db: Any) -> str:
    from onshore.workspaces.models import Market, Membership, Workspace

    workspace = Workspace(name="Corner Bakery", home_country="US")
    workspace.full_clean()
    workspace.create_with_owner(make_user("owner@bakery.example", "Olive Owner"))
    us = Market.objects.create(
        workspace=workspace, country="US", language="en-US", timezone="America/New_York"
    )
    writer = Membership.objects.create(
        workspace=workspace,
        user=make_user("priya@brightwave.example", "Priya Raman"),
        role="contributor",
        relation="agency",
        agency_name="Brightwave",
        home_country="IN",
        timezone="Asia/Kolkata",
    )
    post = editing.create_post(
        writer,
        editing.PostChanges(
            text=MAIN, market=us, networks=["x", "mastodon", "bluesky"], variants={"x": X_VERSION}
        ),
    )
    assert editing.set_schedule(post, writer, date(2027, 11, 25), time(3, 0), None).kind == "ok"
    return f"/w/{workspace.slug}/posts/{post.pk}/"


def open_editor(browser: Any, live_server: Any, path: str, size: tuple[int, int]) -> Any:
    width, height = size
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "priya@brightwave.example")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")
    page.goto(f"{live_server.url}{path}")
    return page


def assert_every_finding_shown(page: Any) -> None:
    panel = page.locator("#live-findings")
    x_version = panel.locator("section.checked", has_text="X version")
    assert x_version.locator("li[data-rule='length.over_limit']").count() == 1
    assert "x 324/280" in x_version.inner_text()
    schedule = panel.locator("section.checked", has_text="Scheduled time")
    assert schedule.locator("li[data-rule='timing.night']").count() == 1
    assert schedule.locator("li[data-rule='timing.public_holiday']").count() == 1
    findings = panel.locator("li.finding-item").count()
    assert findings >= 3 and panel.locator("details.dismiss").count() == findings
    assert "No findings on bluesky" not in panel.inner_text()


@pytest.mark.parametrize("size", list(SIZES))
def test_findings_stay_on_load_and_while_typing(
    browser: Any, live_server: Any, thanksgiving_post: str, screenshot_dir: Path, size: str
) -> None:
    page = open_editor(browser, live_server, thanksgiving_post, SIZES[size])
    page.wait_for_timeout(800)  # what the old editor's on-load live check took to replace it
    assert_every_finding_shown(page)
    page.locator("#live-findings").screenshot(path=str(screenshot_dir / f"1-loaded-{size}.png"))

    with page.expect_response(lambda answer: answer.url.endswith("/check/")):
        page.locator("#id_text").press("Control+End")
        page.locator("#id_text").press_sequentially(" Cheers!")
    page.wait_for_selector("#live-findings .counter[data-network='bluesky'] >> text=80/300")
    assert page.input_value("#id_text") == MAIN + " Cheers!"
    assert_every_finding_shown(page)

    with page.expect_response(lambda answer: answer.url.endswith("/check/")):
        page.fill("#id_variant_x", "Fresh coffee for everyone this week!")
    page.wait_for_selector("#live-findings .counter[data-network='x'] >> text=x 36/280")
    x_version = page.locator("#live-findings section.checked", has_text="X version")
    assert x_version.locator("li[data-rule='length.over_limit']").count() == 0
    page.screenshot(path=str(screenshot_dir / f"2-typed-{size}.png"), full_page=True)
    page.context.close()
