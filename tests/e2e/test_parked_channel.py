"""Issue 14, bug 7 in Chromium: a webhook receiver answers 410, and the post no longer
sits in "Publishing" without a word. The post page and the calendar say why it waits,
the owner reconnects the channel with a new URL from the Channels page, and the post is
published once. Screenshots at desktop and phone size."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from onshore.posts import editing, workflow
from onshore.posts.models import Post, State
from onshore.publishing import crypto, outbox
from onshore.publishing.models import Channel, Delivery
from onshore.workspaces.models import Membership
from tests.e2e.demo_session import EMMA, NOW
from tests.factories import FIND, SEND, WEBHOOK_SECRET
from tests.fakes.webhook_receiver import WebhookReceiver

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
TEXT = "Our winter blend is back: order by Friday for the first roast."


def shoot(page: Any, folder: Path, name: str) -> None:
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
    page.set_viewport_size(SIZES["desktop"])


def shoot_phone_part(part: Any, folder: Path, name: str) -> None:
    """A close-up at phone width: a full phone page is too tall to read in one image."""
    part.page.set_viewport_size(SIZES["phone"])
    part.screenshot(path=str(folder / f"{name}-phone-close-up.png"))
    part.page.set_viewport_size(SIZES["desktop"])


@pytest.fixture
def receivers() -> Iterator[tuple[WebhookReceiver, WebhookReceiver]]:
    gone, moved = WebhookReceiver().start(), WebhookReceiver().start()
    yield gone, moved
    gone.stop()
    moved.stop()


def _gb_channel_at(slug: str, url: str) -> Channel:
    """The demo's GB webhook (parked on purpose), pointed at a local receiver and active."""
    channel = Channel.objects.get(workspace__slug=slug, market__country="GB")
    channel.config = {"url": url}
    channel.secret_encrypted = crypto.encrypt({"secret": WEBHOOK_SECRET})
    channel.status, channel.status_message = Channel.Status.ACTIVE, ""
    channel.save()
    return channel


def _scheduled_post(slug: str) -> Post:
    owner = Membership.objects.get(workspace__slug=slug, user__email=EMMA)
    market = owner.workspace.markets.get(country="GB")
    post = editing.create_post(owner, editing.PostChanges(text=TEXT, market=market))
    post = workflow.perform(post, owner, "submit")
    post = workflow.perform(post, owner, "approve")
    editing.set_schedule(post, owner, date(2026, 12, 1), time(9, 30), None)
    return workflow.perform(post, owner, "schedule")


def test_a_parked_webhook_says_why_on_the_post_and_calendar_and_reconnects(
    live_server: Any,
    demo: str,
    log_in: Callable[[str], Any],
    screenshot_dir: Path,
    settings: Any,
    receivers: tuple[WebhookReceiver, WebhookReceiver],
) -> None:
    settings.OUTBOUND_ALLOW_LOOPBACK = True  # the receivers listen on 127.0.0.1
    gone, moved = receivers
    channel = _gb_channel_at(demo, gone.url)
    post = _scheduled_post(demo)
    gone.respond_next(410)
    due = post.scheduled_at
    assert due is not None and due > NOW
    # The worker's step at the post's time: the receiver says the URL is gone.
    step = outbox.publish_one_due(due, "w1", SEND, FIND, random.Random(1))
    assert step is not None and step.outcome == "needs_reconnect"
    assert [m.subject for m in mail.outbox] == [
        "Reconnect Webhook: Website news (GB): 1 post waiting"
    ]

    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/posts/{post.pk}/")
    card = page.locator("#publishing")
    expect(card).to_contain_text("Webhook: Website news (GB): Held")
    expect(card).to_contain_text(
        "The channel needs reconnecting since Tue 1 December 2026, 09:30 London."
    )
    expect(card).to_contain_text("The webhook receiver answered 410 Gone")
    shoot(page, screenshot_dir, "post-held")
    shoot_phone_part(card, screenshot_dir, "post-held")

    page.goto(f"{live_server.url}/w/{demo}/calendar/?date=2026-12-01")
    entry = page.locator(f'.entry[data-post="{post.pk}"]')
    expect(entry).to_contain_text("waiting: channel needs reconnecting")
    shoot(page, screenshot_dir, "calendar-waiting")
    shoot_phone_part(entry, screenshot_dir, "calendar-entry")
    page.goto(f"{live_server.url}/w/{demo}/posts/")
    listed = page.locator(f'tr[data-post="{post.pk}"]')
    expect(listed).to_contain_text("waiting: channel needs reconnecting")
    shoot(page, screenshot_dir, "posts-list-waiting")
    shoot_phone_part(listed, screenshot_dir, "posts-list-row")

    # The card's link leads to the Channels page, where the parked row's form is open.
    page.goto(f"{live_server.url}/w/{demo}/posts/{post.pk}/")
    page.get_by_role("link", name="Reconnect the channel").click()
    row = page.locator(f'[data-channel="{channel.pk}"]')
    expect(row).to_contain_text("Needs reconnecting since 1 Dec 2026 09:30 UTC")
    url_input = row.locator(f"#r{channel.pk}-url")
    expect(url_input).to_have_value(gone.url)
    url_input.fill(moved.url)
    shoot(page, screenshot_dir, "channels-reconnect-form")
    shoot_phone_part(row, screenshot_dir, "channels-reconnect-form")
    row.get_by_role("button", name="Reconnect").click()
    expect(page.locator(".messages")).to_contain_text(
        "Webhook: Website news (GB) is connected again; waiting posts will go out."
    )
    expect(page.locator(f'[data-channel="{channel.pk}"]')).to_contain_text("Connected")
    shoot(page, screenshot_dir, "channels-reconnected")

    # The held delivery goes out once, to the new URL, with its webhook-id unchanged.
    later = due + timedelta(minutes=2)
    assert outbox.publish_one_due(later, "w1", SEND, FIND).outcome == "published"
    assert outbox.publish_one_due(later + timedelta(hours=1), "w1", SEND, FIND) is None
    (arrived,) = moved.deliveries
    assert arrived.headers["webhook-id"] == gone.deliveries[0].headers["webhook-id"]
    assert Delivery.objects.get(post=post).state == "published"
    post.refresh_from_db()
    assert post.state == State.PUBLISHED

    page.goto(f"{live_server.url}/w/{demo}/posts/{post.pk}/")
    expect(page.locator("#state")).to_have_text("Published")
    expect(page.locator("#publishing")).to_contain_text("Published Tue 1 December 2026, 09:32")
    expect(page.locator("#needs-attention")).to_have_count(0)
    shoot(page, screenshot_dir, "post-published")
    shoot_phone_part(page.locator("#publishing"), screenshot_dir, "post-published")


def test_scheduling_to_a_market_without_a_channel_warns(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    Channel.objects.filter(workspace__slug=demo, market__country="GB").delete()
    post = _scheduled_post(demo)
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/posts/{post.pk}/")
    page.locator("#workflow input[name=date]").fill("2026-12-02")
    page.locator("#workflow input[name=time]").fill("10:00")
    page.get_by_role("button", name="Move to this time").click()
    warning = page.locator(".messages li.warning")
    expect(warning).to_contain_text(
        "No channel is connected for United Kingdom (en-GB): connect one on the Channels page"
    )
    expect(page.locator("#needs-attention")).to_contain_text(
        "will stay Scheduled and never be sent"
    )
    expect(page.locator("#state")).to_have_text("Scheduled")
    shoot(page, screenshot_dir, "no-channel-warning")
    shoot_phone_part(page.locator("#publishing"), screenshot_dir, "no-channel-attention")
