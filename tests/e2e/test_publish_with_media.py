"""Issue 16 in Chromium, end to end: a contributor adds a photo and its alt text in the
editor and saves; once the post is approved and scheduled, the worker's step publishes
it to Mastodon (the strict fake, which checks media as the server does) with the photo
and its alt text, exactly once; the post page then shows it published, at desktop and
phone size."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import expect

from onshore.posts import editing, workflow
from onshore.posts.models import Post, State
from onshore.publishing import outbox
from onshore.publishing.models import Delivery
from tests.factories import FIND, PASSWORD, SEND, mastodon_channel
from tests.fakes.fake_mastodon import FakeMastodon

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("planning_clock"),
]
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
ALT = "Two flat whites on the harbour wall at dawn"


def photo(path: Path) -> Path:
    image = Image.new("RGB", (1200, 800), (40, 90, 150))
    for x in range(0, 1200, 80):
        image.paste((250, 250, 250), (x, 0, x + 30, 260))
    image.save(path, format="JPEG", quality=90)
    return path


def test_a_photo_added_in_the_editor_is_published_once_with_its_alt_text(
    browser: Any,
    live_server: Any,
    team: Any,
    fake_mastodon: FakeMastodon,
    media_dir: Path,
    tmp_path: Path,
    screenshot_dir: Path,
    settings: Any,
) -> None:
    settings.OUTBOUND_ALLOW_LOOPBACK = True  # the fake listens on 127.0.0.1 (plain http)
    mastodon_channel(team, fake_mastodon)
    context = browser.new_context(viewport=SIZES["desktop"])
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "contributor@example.com")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")

    page.goto(f"{live_server.url}/w/{team.workspace.slug}/posts/new/")
    page.fill("#id_text", "Dawn on the harbour wall: flat whites from 7.")
    page.get_by_label("Mastodon", exact=True).check()
    page.set_input_files("#media-files", str(photo(tmp_path / "harbour.jpg")))
    expect(page.locator("#media-status")).to_contain_text("uploaded")
    page.fill("#id_media_0_alt", ALT)
    page.click("button:has-text('Save draft')")
    expect(page.locator(".messages")).to_contain_text("saved")

    post = Post.objects.get(workspace=team.workspace)
    for persona, action in (("contributor", "submit"), ("reviewer", "approve")):
        post = workflow.perform(post, team.members[persona], action)
    editing.set_schedule(post, team.members["manager"], date(2026, 12, 1), time(9, 30), None)
    workflow.perform(post, team.members["manager"], "schedule")

    due = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    step = outbox.publish_one_due(due, "w1", SEND, FIND, random.Random(1))
    assert step is not None and step.outcome == "published", Delivery.objects.get().last_error
    assert outbox.publish_one_due(due, "w1", SEND, FIND, random.Random(1)) is None

    (status,) = fake_mastodon.statuses  # once
    (media,) = [fake_mastodon._media(media_id) for media_id in status.media_ids]
    assert media.description == ALT
    assert Post.objects.get(pk=post.pk).state == State.PUBLISHED

    page.goto(f"{live_server.url}/w/{team.workspace.slug}/posts/{post.pk}/")
    expect(page.locator("main")).to_contain_text("Published")
    expect(page.locator(f'img[alt="{ALT}"]').first).to_be_visible()
    card = page.locator("figure.pv-mastodon")
    expect(card.locator(".pv-name")).to_have_text("@roastery")
    expect(card.locator(".avatar")).to_have_text("R")
    expect(card).not_to_contain_text("no Mastodon channel yet")
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(screenshot_dir / f"published-{size}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the published post scrolls sideways on a phone: {width}px"
    context.close()
