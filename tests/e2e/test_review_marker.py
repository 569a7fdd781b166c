"""The review queue shows the calendar's one warning marker per post: a reviewer of the
demo workspace sees "⚠ N" on posts the checker warns about, and its details on focus
(keyboard or tap) and on hover, at 1366 × 900 and 390 × 844, light and dark."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

JAMES = "james@harbourpine.example"  # reviewer
SOPHIE = "sophie@turnerwrites.example"  # contributor
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def submit_for_review(slug: str) -> None:
    """Two posts of Sophie's in review: one the checker warns about (a spelling of the
    other English), one it does not."""
    from onshore.posts import editing, workflow
    from onshore.workspaces.models import Membership

    sophie = Membership.objects.get(workspace__slug=slug, user__email=SOPHIE)
    market = sophie.workspace.markets.first()
    for text in ("Our colour and color range, in store today", "Fresh bread at nine"):
        post = editing.create_post(sophie, editing.PostChanges(text=text, market=market))
        workflow.perform(post, sophie, "submit")


def test_the_review_queue_marks_warnings_with_details_on_focus_and_hover(
    log_in: Any, live_server: Any, demo: str, screenshot_dir: Path
) -> None:
    submit_for_review(demo)
    page = log_in(JAMES)
    page.goto(f"{live_server.url}/w/{demo}/review/")
    marker = page.locator("#queue .warn-marker").first
    expect(marker).to_have_text(re.compile(r"⚠ \d+"))
    details = page.locator(f"#{marker.get_attribute('aria-describedby')}")
    expect(details).to_be_hidden()
    marker.focus()
    expect(details).to_be_visible()
    assert details.inner_text().strip()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            marker.focus()
            expect(details).to_be_visible()
            page.screenshot(path=str(screenshot_dir / f"review-{size}-{scheme}.png"))
    page.mouse.move(0, 0)
    page.locator("h1").click()
    expect(details).to_be_hidden()
    marker.hover()
    expect(details).to_be_visible()
