"""Issue 14's bulk actions in Chromium, at desktop and phone size: three posts ticked in
Review are approved at once, then scheduled into the next free slots from Posts; a
delete asks first (Cancel keeps the post, "Yes, go ahead" deletes it); and the post
page's "This post" card duplicates a post."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from onshore.posts import editing, workflow
from onshore.posts.models import Post, State
from onshore.workspaces.models import Membership
from tests.e2e.demo_session import EMMA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
TEXTS = [
    "Bulk week: the winter blend lands on Tuesday.",
    "Bulk week: tasting notes for the Kenya roast.",
    "Bulk week: our grinder guide, updated.",
]


def shoot(page: Any, folder: Path, name: str, full_page: bool = True) -> None:
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=full_page)
    page.set_viewport_size(SIZES["desktop"])


def _posts_in_review(slug: str) -> list[Post]:
    owner = Membership.objects.get(workspace__slug=slug, user__email=EMMA)
    market = owner.workspace.markets.get(country="GB")
    market.posting_slots = [{"days": ["tue", "thu"], "time": "09:30"}]
    market.save()
    posts = []
    for text in TEXTS:
        post = editing.create_post(owner, editing.PostChanges(text=text, market=market))
        posts.append(workflow.perform(post, owner, "submit"))
    return posts


def test_approve_three_in_review_then_schedule_them_into_the_next_free_slots(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    posts = _posts_in_review(demo)
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/review/?q=Bulk+week")
    bar = page.locator("#bulk-form")
    expect(bar).to_be_hidden()  # nothing ticked yet
    for text in TEXTS:
        page.locator("#queue tr", has_text=text).locator('input[name="ids"]').check()
    expect(bar).to_be_visible()
    expect(bar.locator("[data-bulk-count]")).to_have_text("3 posts selected")
    page.select_option("#bulk-action", "approve")
    expect(page.locator("#bulk-note")).to_be_hidden()
    shoot(page, screenshot_dir, "review-three-selected")
    page.click("#bulk-apply")
    expect(page.locator(".messages")).to_contain_text("3 approved.")
    assert [Post.objects.get(pk=p.pk).state for p in posts] == [State.APPROVED] * 3
    shoot(page, screenshot_dir, "review-approved")

    page.goto(f"{live_server.url}/w/{demo}/posts/?state=approved&q=Bulk+week")
    page.locator("[data-bulk-all]").check()
    shown = page.locator('#posts input[name="ids"]').evaluate_all(
        "boxes => boxes.map(b => +b.value)"
    )
    expect(bar.locator("[data-bulk-count]")).to_have_text("3 posts selected")
    page.select_option("#bulk-action", "schedule")
    shoot(page, screenshot_dir, "posts-schedule-selected")
    page.click("#bulk-apply")
    message = page.locator(".messages")
    expect(message).to_contain_text("3 scheduled — “Bulk week:")
    expect(message).to_contain_text("2026, 09:30 London")
    scheduled = [Post.objects.get(pk=pk) for pk in shown]  # in the order the list showed
    assert {p.state for p in scheduled} == {State.SCHEDULED}
    times = [p.scheduled_at for p in scheduled]
    assert len(set(times)) == 3 and times == sorted(times)  # list order, one slot each
    assert {p.scheduled_time.strftime("%H:%M") for p in scheduled} == {"09:30"}
    assert {p.scheduled_date.weekday() for p in scheduled} <= {1, 3}  # Tuesdays, Thursdays
    shoot(page, screenshot_dir, "posts-scheduled")


def test_bulk_delete_asks_first_and_cancel_keeps_the_posts(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    posts = _posts_in_review(demo)
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/posts/?q=Bulk+week")
    for text in TEXTS[:2]:
        page.locator("#posts tr", has_text=text).locator('input[name="ids"]').check()
    page.select_option("#bulk-action", "delete")
    page.click("#bulk-apply")
    dialog = page.locator("dialog.confirm")
    expect(dialog).to_contain_text(
        "Delete 2 posts? Scheduled ones stop waiting to be published. This cannot be undone."
    )
    shoot(page, screenshot_dir, "bulk-delete-asks", full_page=False)
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    assert Post.objects.filter(pk__in=[p.pk for p in posts]).count() == 3

    page.click("#bulk-apply")
    page.locator("dialog.confirm").get_by_role("button", name="Yes, go ahead").click()
    expect(page.locator(".messages")).to_contain_text("2 deleted.")
    expect(page.locator("#posts")).not_to_contain_text(TEXTS[0])
    expect(page.locator("#posts")).to_contain_text(TEXTS[2])
    assert list(
        Post.objects.filter(pk__in=[p.pk for p in posts]).values_list("text", flat=True)
    ) == [TEXTS[2]]
    shoot(page, screenshot_dir, "bulk-deleted")


def test_the_post_card_duplicates_and_deletes_with_a_confirmation(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    post = _posts_in_review(demo)[0]
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/posts/{post.pk}/")
    card = page.locator("#post-card")
    expect(card).to_contain_text("This post")
    for size, viewport in SIZES.items():  # the card itself, in view at each size
        page.set_viewport_size(viewport)
        card.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / f"post-card-{size}.png"))
    page.set_viewport_size(SIZES["desktop"])
    card.get_by_role("button", name="Duplicate").click()
    expect(page.locator(".messages")).to_contain_text("Duplicated as a new draft")
    copy = Post.objects.filter(text=TEXTS[0]).exclude(pk=post.pk).get()
    assert page.url.endswith(f"/posts/{copy.pk}/") and copy.state == State.DRAFT

    # page.js (deferred) asks before deleting; a click before it runs would submit outright.
    page.wait_for_load_state()
    page.locator("#post-card").get_by_role("button", name="Delete post").click()
    dialog = page.locator("dialog.confirm")
    expect(dialog).to_contain_text("Delete this post?")
    shoot(page, screenshot_dir, "post-card-delete-asks", full_page=False)
    dialog.get_by_role("button", name="Yes, go ahead").click()
    expect(page.locator(".messages")).to_contain_text(f"Deleted “{TEXTS[0][:39]}…”.")
    assert not Post.objects.filter(pk=copy.pk).exists()
    shoot(page, screenshot_dir, "post-card-deleted")


def test_a_bulk_tag_change_asks_first_when_it_would_unschedule(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    """Issue 14 (confirmations): a tag is published with the post, so tagging an approved
    post sends it back to review; the list asks first, and only then."""
    posts = _posts_in_review(demo)
    owner = Membership.objects.get(workspace__slug=demo, user__email=EMMA)
    workflow.perform(posts[0], owner, "approve")
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/posts/?q=Bulk+week")
    page.wait_for_load_state()
    for text in TEXTS[:2]:  # one approved, one in review
        page.locator("#posts tr", has_text=text).locator('input[name="ids"]').check()
    page.select_option("#bulk-action", "add_tag")
    page.fill("#bulk-tag", "winter")
    page.click("#bulk-apply")
    dialog = page.locator("dialog.confirm")
    expect(dialog).to_contain_text(
        "1 of the 2 selected posts is approved or scheduled: this sends it back to review "
        "and cancels its publishing. Go ahead?"
    )
    shoot(page, screenshot_dir, "bulk-tag-asks", full_page=False)
    dialog.get_by_role("button", name="Cancel").click()
    assert Post.objects.get(pk=posts[0].pk).state == State.APPROVED
    assert "winter" not in Post.objects.get(pk=posts[0].pk).tags

    # Only posts still in review: nothing to lose, so no question.
    page.locator("#posts tr", has_text=TEXTS[0]).locator('input[name="ids"]').uncheck()
    page.click("#bulk-apply")
    expect(page.locator(".messages")).to_contain_text("1 ")
    expect(page.locator("dialog.confirm")).to_have_count(0)
    assert "winter" in Post.objects.get(pk=posts[1].pk).tags
