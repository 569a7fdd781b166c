"""Issue 14's first week, played end to end in Chromium with a screenshot of every step at
desktop and phone size.

Maya owns a bakery in New York and signs up; she creates the workspace (picking the zone
by typing "new york"), sets two posting slots, connects a webhook to her website and
invites Priya, a freelancer in India. Priya writes two posts for the US market (the
checker catches a British spelling), submits them, and Maya's bell rings. Maya sends
both to Sam, a client without an account, by review link; Sam approves one and asks for
a change on the other. Priya's bell rings, she reworks and resubmits; Maya approves it
in bulk from Review and schedules both into the next free slots from Posts. The worker
publishes each exactly once to the local webhook receiver, and Priya's bell tells her.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from onshore.posts.models import Post, State
from onshore.publishing import senders
from onshore.publishing.worker import Worker
from tests.e2e.people import SIZES, shoot, sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MONDAY_9AM_NEW_YORK = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
AFTER_BOTH_SLOTS = datetime(2026, 12, 3, 15, 5, tzinfo=UTC)  # Thu 10:05 New York
COOKIES = "Holiday cookie boxes are here: a dozen cookies in six flavours, ready on Friday."
RYE = "Our new rye loaf lands Tuesday. Come by for a taste at the counter."
COOKIES_REWORKED = "Holiday cookie boxes are here: a dozen cookies, $24 a box, ready Friday."


@pytest.fixture
def week_clock() -> Iterator[None]:
    with time_machine.travel(MONDAY_9AM_NEW_YORK, tick=True):
        yield


def new_page(browser: Any) -> Any:
    context = browser.new_context(viewport=SIZES["desktop"])
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context.new_page()


def bell(page: Any) -> Any:
    return page.locator("header.top a.bell")


def test_the_first_week_from_sign_up_to_a_published_post(
    browser: Any,
    live_server: Any,
    receiver: Any,
    settings: Any,
    screenshot_dir: Path,
    week_clock: None,
) -> None:
    settings.SITE_URL = live_server.url  # links in e-mails and on pages open this server
    settings.OUTBOUND_ALLOW_LOOPBACK = True  # the receiver listens on 127.0.0.1
    site = live_server.url

    # Monday: Maya signs up and creates the workspace, finding her zone by typing.
    maya = new_page(browser)
    maya.goto(f"{site}/signup/")
    sign_up(maya, "Maya Chen", "maya@maplestreet.example", site)
    maya.click("text=Create a workspace")
    maya.fill("#id_name", "Maple Street Bakery")
    maya.select_option("#id_home_country", "US")
    maya.select_option("#id_market_country", "US")
    maya.fill("#id_market_language", "en-US")
    zone = maya.locator("#id_market_timezone")
    zone.press_sequentially("new york")
    maya.get_by_role("option", name="New York").first.click()
    expect(zone).to_have_value("America/New_York")
    shoot(maya, screenshot_dir, "01-create-workspace")
    maya.click("button:has-text('Create workspace')")
    expect(maya.locator("#markets")).to_contain_text("America/New_York")
    slug = maya.url.rstrip("/").split("/w/")[1].split("/")[0]

    maya.locator("#markets a:has-text('Edit')").first.click()
    maya.fill("#id_slots_text", "tue thu 10:00")
    maya.click("main button:has-text('Save')")
    expect(maya.locator("#markets")).to_contain_text("posts Tue, Thu 10:00")
    shoot(maya, screenshot_dir, "02-posting-slots")

    maya.goto(f"{site}/w/{slug}/channels/")
    maya.get_by_text("Webhook", exact=True).click()  # the tile: shows its form only
    webhook = maya.locator("form:has(input[name=kind][value=webhook])")
    webhook.locator("input[name=url]").fill(receiver.url)
    webhook.locator("input[name=name]").fill("Website")
    webhook.locator("button:has-text('Connect')").click()
    expect(maya.locator("#channels")).to_contain_text("Website")
    expect(maya.locator("#webhook-secret")).to_be_visible()
    shoot(maya, screenshot_dir, "03-webhook-connected")

    maya.goto(f"{site}/w/{slug}/invitations/")
    maya.fill("#id_email", "priya@brightwave.example")
    maya.select_option("#id_role", "contributor")
    maya.click("button:has-text('Create invitation link')")
    maya.wait_for_load_state("load")  # page.js (deferred) handles the Copy button
    maya.click("button.copy[data-copy='#invite-link']")
    expect(maya.locator("button.copy[data-copy='#invite-link']")).to_have_text("Copied")
    link = maya.evaluate("navigator.clipboard.readText()")
    assert link == maya.input_value("#invite-link") and link.startswith(site)
    shoot(maya, screenshot_dir, "04-invitation-link")

    # Priya, in Bengaluru, accepts; the sign-up form already holds her invited e-mail.
    priya = new_page(browser)
    priya.goto(link)
    priya.click("main a:has-text('Sign up')")
    expect(priya.locator("#id_email")).to_have_value("priya@brightwave.example")
    sign_up(priya, "Priya Raman", "priya@brightwave.example", site, email_prefilled=True)
    priya.click("button:has-text('Accept invitation')")
    priya.select_option("#id_home_country", "IN")
    own_zone = priya.get_by_role("combobox", name="Time zone")
    own_zone.fill("")
    own_zone.press_sequentially("kolk")
    own_zone.press("ArrowDown")
    own_zone.press("Enter")
    expect(own_zone).to_have_value("Asia/Kolkata")
    priya.click("main button:has-text('Save')")
    shoot(priya, screenshot_dir, "05-contributor-joined")

    # She writes two posts for the US market; the checker catches "flavours".
    priya.goto(f"{site}/w/{slug}/posts/new/")
    priya.fill("#id_text", COOKIES)
    finding = priya.locator("#live-findings li", has_text="spell this 'flavors'")
    expect(finding).to_be_visible()
    shoot(priya, screenshot_dir, "06-checker-finds-flavours")
    finding.locator("button.apply").click()
    expect(priya.locator("#id_text")).to_have_value(COOKIES.replace("flavours", "flavors"))
    priya.click("button:has-text('Save draft')")
    priya.click("button[data-action='submit']")
    expect(priya.locator("#state")).to_have_text("In review")
    priya.goto(f"{site}/w/{slug}/posts/new/")
    priya.fill("#id_text", RYE)
    priya.click("button:has-text('Save draft')")
    priya.click("button[data-action='submit']")
    expect(priya.locator("#state")).to_have_text("In review")
    shoot(priya, screenshot_dir, "07-submitted")
    cookies = Post.objects.get(text__startswith="Holiday cookie boxes")
    rye = Post.objects.get(text=RYE)

    # Maya's bell rings twice; she sends both posts to her client by review link.
    maya.goto(f"{site}/w/{slug}/review/")
    expect(bell(maya).locator(".bell-count")).to_have_text("2")
    bell(maya).click()
    expect(maya.locator("li.notification.unread")).to_have_count(2)
    expect(maya.locator("li.notification.unread").first).to_contain_text("Priya Raman submitted")
    shoot(maya, screenshot_dir, "08-owner-notified")

    maya.goto(f"{site}/w/{slug}/review/")
    maya.click("#review-links")
    maya.fill("#id_name", "Sam Client")
    maya.check(f"input[name=posts][value='{cookies.pk}']")
    maya.check(f"input[name=posts][value='{rye.pk}']")
    maya.click("#new-link button[type=submit]")
    review_url = maya.input_value("#review-link-url")
    shoot(maya, screenshot_dir, "09-review-link-made")

    sam = browser.new_context(viewport=SIZES["desktop"]).new_page()
    sam.goto(review_url)
    expect(sam.locator("article.linked-post")).to_have_count(2)
    sam.locator(f"#post-{rye.pk} button[data-action=approve]").click()
    expect(sam.locator(f"#post-{rye.pk} [data-state]")).to_have_text("Approved")
    sam.fill(f"#note-{cookies.pk}", "Please give the price: $24 a box.")
    sam.locator(f"#post-{cookies.pk} button[data-action=request_changes]").click()
    expect(sam.locator(f"#post-{cookies.pk} [data-state]")).to_have_text("Changes requested")
    shoot(sam, screenshot_dir, "10-client-decides-by-link")

    # Priya's bell tells her; she follows it to the post, reworks and resubmits.
    priya.goto(f"{site}/w/{slug}/posts/")
    expect(bell(priya).locator(".bell-count")).to_have_text("2")  # one approved, one change
    bell(priya).click()
    change = priya.locator("li.notification.unread", has_text="Sam Client")
    expect(change.filter(has_text="requested changes")).to_have_count(1)
    shoot(priya, screenshot_dir, "11-contributor-notified")
    change.filter(has_text="requested changes").locator("a").first.click()
    expect(priya.locator("#comments, ol.events").first).to_contain_text("$24 a box")
    priya.fill("#id_text", COOKIES_REWORKED)
    priya.click("button:has-text('Save changes')")
    priya.click("button[data-action='submit']")
    expect(priya.locator("#state")).to_have_text("In review")
    shoot(priya, screenshot_dir, "12-reworked")

    # Maya approves it in bulk from Review, then schedules both into the next free slots.
    maya.goto(f"{site}/w/{slug}/review/")
    maya.locator("#queue tr", has_text="$24 a box").locator('input[name="ids"]').check()
    maya.select_option("#bulk-action", "approve")
    maya.click("#bulk-apply")
    expect(maya.locator(".messages")).to_contain_text("1 approved.")
    maya.goto(f"{site}/w/{slug}/posts/?state=approved")
    maya.locator("[data-bulk-all]").check()
    expect(maya.locator("[data-bulk-count]")).to_have_text("2 posts selected")
    maya.select_option("#bulk-action", "schedule")
    shoot(maya, screenshot_dir, "13-bulk-schedule")
    maya.click("#bulk-apply")
    expect(maya.locator(".messages")).to_contain_text("2 scheduled")
    expect(maya.locator(".messages")).to_contain_text("Tue 1 December 2026, 10:00 New York")
    expect(maya.locator(".messages")).to_contain_text("Thu 3 December 2026, 10:00 New York")
    shoot(maya, screenshot_dir, "14-scheduled")
    maya.goto(f"{site}/w/{slug}/calendar/?date=2026-12-01")
    shoot(maya, screenshot_dir, "15-calendar")

    # Thursday 10:05 in New York: the worker has published both, each exactly once.
    with time_machine.travel(AFTER_BOTH_SLOTS, tick=True):
        worker = Worker(name="week", send=senders.make_sender(), find=senders.make_finder())
        while worker.step():
            pass
        assert len(receiver.deliveries) == 2
        assert {Post.objects.get(pk=p.pk).state for p in (cookies, rye)} == {State.PUBLISHED}
        sent = b"".join(d.body for d in receiver.deliveries)
        assert b"$24 a box" in sent and b"rye loaf" in sent
        assert worker.step() == []  # nothing goes twice
        assert len(receiver.deliveries) == 2

        priya.goto(f"{site}/w/{slug}/posts/")
        bell(priya).click()
        published = priya.locator("li.notification.unread", has_text="published")
        expect(published).to_have_count(2)
        shoot(priya, screenshot_dir, "16-contributor-told-published")
        maya.goto(f"{site}/w/{slug}/posts/{cookies.pk}/")
        expect(maya.locator("#state")).to_have_text("Published")
        shoot(maya, screenshot_dir, "17-post-published")
