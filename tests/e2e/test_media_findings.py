"""The editor shows an image's alt text checked like the post text (its own section, an
Apply button that edits the alt text field) and the media against each network's rules
(issue 16, point 4). A GB post for Instagram and Bluesky with a video and an image."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from onshore.posts import editing
from tests.e2e.people import shoot
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ALT = "Our bakers pouring the color glaze on a donut"


@pytest.fixture
def post_with_media(db: Any) -> str:
    from onshore.workspaces.models import Market, Membership, Workspace

    workspace = Workspace(name="Corner Bakery", home_country="GB")
    workspace.full_clean()
    workspace.create_with_owner(make_user("owner@bakery.example", "Olive Owner"))
    gb = Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
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
            text="Fresh glaze today at the shop.",
            market=gb,
            networks=["instagram", "bluesky"],
            media=[
                {"kind": "image", "description": "the glazing table", "alt_text": ALT},
                {"kind": "video", "description": "the glazing, filmed", "alt_text": ""},
            ],
        ),
    )
    return f"/w/{workspace.slug}/posts/{post.pk}/"


def test_alt_text_and_media_findings_in_the_editor(
    browser: Any, live_server: Any, post_with_media: str, screenshot_dir: Path
) -> None:
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "priya@brightwave.example")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")
    page.goto(f"{live_server.url}{post_with_media}")

    panel = page.locator("#live-findings")
    alt = panel.locator("section.checked", has_text="Alt text of image 1")
    assert alt.locator("li[data-rule='spelling.variant']").count() == 1
    media = panel.locator("section.checked[data-text='media']")
    assert "Video is not supported on Bluesky yet" in media.inner_text()
    shoot(page, screenshot_dir, "1-media-findings")

    with page.expect_response(lambda answer: answer.url.endswith("/check/")):
        alt.locator("button.apply").click()
    assert page.input_value("#id_media_0_alt") == ALT.replace("color", "colour")
    page.wait_for_selector("#live-findings section.checked >> text=No findings on the alt text")
    page.context.close()
