"""Posts shown as they will look (issue 15, point 2), in Chromium at 1366 × 900 and
390 × 844: a reviewer's read-only page and a client's review link show one card per
network, each counting as the checker counts (done-when (c)); the calendar shows
compact cards with one warning marker whose details appear on focus.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from onshore import marketfit
from onshore.posts import editing, workflow
from onshore.posts.models import ReviewLink
from onshore.publishing.models import Channel
from onshore.workspaces.models import Membership

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
TEXT = (
    "Autumn blend is back ☕🍂 with @dana and the roastery crew.\n\n"
    "Tasting on Friday at the harbour: https://www.harbourpine.example/autumn-blend/tasting"
    "?utm_source=social — bring a friend, the first cup is on us.\n"
    "#coffee #autumnblend 日本語のお客様も歓迎します。 "
    + "Our beans come from three farms we visit every year. "
    * 4
)


def shoot(page: Any, folder: Path, name: str) -> None:
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
    page.set_viewport_size(SIZES["desktop"])


def shoot_phone_part(page: Any, locator: Any, folder: Path, name: str) -> None:
    """A part of the page at phone size, at full resolution: cards are small."""
    page.set_viewport_size(SIZES["phone"])
    locator.screenshot(path=str(folder / f"{name}-phone.png"))
    page.set_viewport_size(SIZES["desktop"])


def _writer(slug: str) -> Membership:
    return Membership.objects.get(workspace__slug=slug, user__email="sophie@turnerwrites.example")


def _post_in_review(slug: str) -> Any:
    writer = _writer(slug)
    market = writer.workspace.markets.get(country="GB")
    Channel.objects.create(
        workspace=writer.workspace,
        market=market,
        kind="mastodon",
        name="Harbour & Pine",
        config={"instance_url": "https://social.example", "acct": "harbourpine"},
    )
    post = editing.create_post(
        writer,
        editing.PostChanges(text=TEXT, market=market, networks=list(marketfit.NETWORKS)),
    )
    for description in ("The autumn blend bag", "The harbour at dawn"):
        post.media.create(kind="image", description=description, alt_text="A photo")
    workflow.perform(post, writer, "submit")
    return post


def _expect_seven_counting_cards(page: Any, scope: str) -> None:
    cards = page.locator(f"{scope} figure.network-preview")
    expect(cards).to_have_count(len(marketfit.NETWORKS))
    for network in marketfit.NETWORKS:
        card = page.locator(f"{scope} figure[data-network={network}]")
        used, limit = marketfit.count_length(TEXT, network)
        # Done-when (c): the preview counts as the network (and the checker) counts.
        expect(card.locator(".pv-count")).to_have_text(f"{used} / {limit}")
        expect(card.locator(".pv-hashtag").first).to_have_text("#coffee")
        expect(card.locator(".published-text")).to_contain_text("Autumn blend is back")
        expect(card.locator(".pv-media-box")).to_have_count(2)


def test_a_reviewer_and_a_client_see_the_post_as_each_network_shows_it(
    log_in: Any, browser: Any, live_server: Any, demo: str, screenshot_dir: Path
) -> None:
    post = _post_in_review(demo)
    page = log_in("james@harbourpine.example")  # the reviewer
    page.set_viewport_size(SIZES["desktop"])
    page.goto(f"{live_server.url}/w/{demo}/posts/{post.pk}/")
    _expect_seven_counting_cards(page, "#as-published")
    mastodon = page.locator("#as-published figure[data-network=mastodon]")
    expect(mastodon.locator(".pv-name")).to_have_text("Harbour & Pine")
    expect(mastodon.locator(".pv-handle")).to_have_text("@harbourpine")
    expect(mastodon.locator("a.pv-link")).to_have_text("harbourpine.example/autumn-ble…")
    x = page.locator("#as-published figure[data-network=x]")
    expect(x.locator("a.pv-link")).to_have_text("www.harbourpine.example…")
    # LinkedIn folds the long text; "… see more" opens the rest.
    linkedin = page.locator("#as-published figure[data-network=linkedin]")
    rest = linkedin.locator(".pv-rest")
    expect(rest).to_be_hidden()
    linkedin.locator("summary:has-text('…see more')").click()
    expect(rest).to_be_visible()
    expect(page.locator("#as-published figure[data-network=x] summary")).to_have_count(0)
    shoot(page, screenshot_dir, "1-reviewer-previews")
    page.emulate_media(color_scheme="dark")
    dark_card = page.locator("#as-published figure[data-network=mastodon]")
    shoot_phone_part(page, dark_card, screenshot_dir, "1-dark-card-mastodon")
    page.emulate_media(color_scheme="light")
    for network in ("x", "mastodon", "instagram"):
        card = page.locator(f"#as-published figure[data-network={network}]")
        shoot_phone_part(page, card, screenshot_dir, f"1-card-{network}")

    page.goto(f"{live_server.url}/w/{demo}/review/")
    row = page.locator(f'tr[data-post="{post.pk}"]')
    expect(row.locator(".compact-line")).to_have_text(
        "Autumn blend is back ☕🍂 with @dana and the roastery crew."
    )
    expect(row.locator(".net")).to_have_count(len(marketfit.NETWORKS))
    shoot(page, screenshot_dir, "1-review-queue")

    owner = Membership.objects.get(workspace__slug=demo, role="owner")
    _, token = ReviewLink.issue(owner.workspace, owner.user, name="Dana Client", posts=[post])
    client = browser.new_context(viewport=SIZES["desktop"]).new_page()
    client.goto(f"{live_server.url}/r/{token}/")
    _expect_seven_counting_cards(client, f"#post-{post.pk}")
    shoot(client, screenshot_dir, "2-review-link-previews")
    client.context.close()


def _scheduled_at_night(slug: str) -> Any:
    """A post at 03:00 London time: the checker finds readers asleep."""
    writer = _writer(slug)
    market = writer.workspace.markets.get(country="GB")
    post = editing.create_post(
        writer,
        editing.PostChanges(
            text="Night owl roast\nsecond line never shown on the card",
            market=market,
            networks=["x", "bluesky"],
        ),
    )
    at = datetime.combine(date(2026, 12, 9), time(3, 0), tzinfo=ZoneInfo(market.timezone))
    type(post).objects.filter(pk=post.pk).update(state="scheduled", scheduled_at=at)
    return post


def test_the_calendar_shows_compact_cards_with_one_warning_marker(
    log_in: Any, live_server: Any, demo: str, screenshot_dir: Path
) -> None:
    post = _scheduled_at_night(demo)
    page = log_in("oliver@harbourpine.example")  # the manager
    page.set_viewport_size(SIZES["desktop"])
    page.goto(f"{live_server.url}/w/{demo}/calendar/?date=2026-12-01")
    entry = page.locator(f'.entry[data-post="{post.pk}"]')
    expect(entry.locator(".first-line")).to_have_text("Night owl roast")
    expect(entry.locator(".net")).to_have_text(["X", "Bsky"])
    expect(entry.locator(".net").first).to_have_attribute("aria-label", "X")
    expect(entry.locator(".badge.state-scheduled")).to_have_text("Scheduled")
    markers = entry.locator(".warn-marker")
    expect(markers).to_have_count(1)
    details = entry.locator(".warn-details")
    expect(details).to_be_hidden()
    markers.focus()  # by keyboard (or a tap on a phone)
    expect(details).to_be_visible()
    expect(details).to_contain_text("asleep")
    shoot(page, screenshot_dir, "3-calendar-marker-open")
    page.locator('td[data-date="2026-12-09"]').screenshot(
        path=str(screenshot_dir / "3-day-marker-open-desktop.png")
    )
    page.mouse.move(0, 0)
    page.locator("body").focus()
    page.evaluate("document.activeElement.blur()")
    expect(details).to_be_hidden()
    markers.hover()
    expect(details).to_be_visible()
    # Every entry has at most one marker, however many findings.
    for marked in page.locator(".entry").all():
        assert marked.locator(".warn-marker").count() <= 1
    page.mouse.move(0, 0)
    shoot(page, screenshot_dir, "4-calendar-month")
    page.goto(f"{live_server.url}/w/{demo}/calendar/?date=2026-12-07&view=week")
    # The week page also carries the phone agenda (hidden at this width): the grid's card.
    week_entry = page.locator(f'.entry[data-post="{post.pk}"]:visible')
    expect(week_entry.locator(".warn-marker")).to_have_text("⚠ 2")
    shoot(page, screenshot_dir, "4-calendar-week")
    page.goto(f"{live_server.url}/w/{demo}/posts/")
    expect(page.locator(f'tr[data-post="{post.pk}"] .compact-line')).to_have_text("Night owl roast")
    shoot(page, screenshot_dir, "5-posts-list")
    shoot_phone_part(page, page.locator("#posts tbody tr").first, screenshot_dir, "5-posts-row")


def test_the_editor_previews_the_text_as_it_is_typed(
    log_in: Any, live_server: Any, demo: str, screenshot_dir: Path
) -> None:
    post = _post_in_review(demo)
    type(post).objects.filter(pk=post.pk).update(state="draft")
    page = log_in("sophie@turnerwrites.example")  # the author
    page.set_viewport_size(SIZES["desktop"])
    page.goto(f"{live_server.url}/w/{demo}/posts/{post.pk}/")
    _expect_seven_counting_cards(page, "#preview")
    typed = TEXT + " Cheers! 🎉 @harbourpine@social.example"
    with page.expect_response(lambda answer: answer.url.endswith("/check/")):
        page.locator("#id_text").press("Control+End")
        page.locator("#id_text").press_sequentially(" Cheers! 🎉 @harbourpine@social.example")
    assert page.input_value("#id_text") == typed
    for network in marketfit.NETWORKS:
        used, limit = marketfit.count_length(typed, network)
        count = page.locator(f"#preview figure[data-network={network}] .pv-count")
        expect(count).to_have_text(f"{used} / {limit}")
    mastodon = page.locator("#preview figure[data-network=mastodon]")
    expect(mastodon.locator(".pv-mention").last).to_have_text("@harbourpine@social.example")
    shoot(page, screenshot_dir, "6-editor-preview")
