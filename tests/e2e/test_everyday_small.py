"""Issue 14's small ones as people see them in Chromium, at desktop and phone size: the
history's and confirmation's words, an empty filtered list, the import's dry run, the
sign-up's password error and invited address, the Hours strip's month label.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from onshore.accounts.models import User
from onshore.posts.models import PostEvent
from onshore.workspaces.models import Invitation, Workspace
from tests.e2e.demo_session import EMMA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def shoot(page: Any, folder: Path, name: str) -> None:
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)


def test_small_ones_read_well(
    live_server: Any,
    demo: str,  # noqa: F811 - the fixture imported above
    log_in: Callable[[str], Any],  # noqa: F811
    screenshot_dir: Path,
    browser: Any,
) -> None:
    page = log_in(EMMA)
    base = f"{live_server.url}/w/{demo}"
    reworked = PostEvent.objects.filter(action="request_changes").first()
    assert reworked is not None
    page.goto(f"{base}/posts/{reworked.post_id}/")
    history = page.locator("ol.events")
    expect(history).to_contain_text("Changes requested")
    expect(history).not_to_contain_text("request_changes")
    shoot(page, screenshot_dir, "history")

    page.goto(f"{base}/posts/?state=failed")
    expect(page.locator("#no-posts")).to_contain_text("No posts match these filters")
    page.click("#no-posts a")
    expect(page.locator("#posts tbody tr").first).not_to_have_attribute("id", "no-posts")
    page.goto(f"{base}/posts/?state=failed")
    shoot(page, screenshot_dir, "posts-empty-filter")

    page.goto(f"{base}/posts/import/")
    expect(page.locator("#id_dry_run")).to_be_checked()
    page.fill("#id_csv_text", "text,state\nHello,scheduled\n")
    page.click("#import button[type=submit]")
    expect(page.locator("#dry-run-note")).to_contain_text("Dry run: nothing was saved.")
    shoot(page, screenshot_dir, "import-dry-run")

    page.goto(f"{base}/team/hours/")
    shoot(page, screenshot_dir, "hours")
    for size, viewport in SIZES.items():  # the strip alone, to see its month label whole
        page.set_viewport_size(viewport)
        strip = page.locator("section.card.hours").first
        strip.screenshot(path=str(screenshot_dir / f"hours-strip-{size}.png"))

    owner = User.objects.get(email=EMMA)
    _, token = Invitation.issue(
        Workspace.objects.get(slug=demo), "reviewer", owner, email="new.client@example.com"
    )
    guest = browser.new_context(viewport=SIZES["desktop"]).new_page()
    guest.goto(f"{live_server.url}/invite/{token}/")
    guest.click("main a:has-text('Sign up')")
    expect(guest.locator("#id_email")).to_have_value("new.client@example.com")
    guest.fill("#id_name", "New Client")
    guest.fill("#id_password1", "password")
    guest.fill("#id_password2", "password")
    guest.click("main button[type=submit]")
    expect(guest.locator('.error[data-field="password1"]').first).to_be_visible()
    expect(guest.locator('.error[data-field="password2"]')).to_have_count(0)
    shoot(guest, screenshot_dir, "signup-weak-password")
    guest.context.close()
