"""The Style guide page with a proposal learned from dismissals, in Chromium: the same
spelling finding dismissed in three US posts is proposed as an allowed term, with its
count and links to the posts; Allow adds it. Screenshots at 1366×900 and 390×844, light
and dark; no sideways scroll; nothing axe calls serious."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from onshore.posts.models import Dismissal, Post
from onshore.workspaces import style_guides
from onshore.workspaces.models import Workspace
from tests.e2e.axe import describe, serious_violations
from tests.e2e.demo_session import log_in_as_emma

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def dismissed_in_three_us_posts(slug: str) -> list[Post]:
    posts = list(Post.objects.filter(workspace__slug=slug, market__country="US")[:3])
    assert len(posts) == 3, "the demo has US posts"
    for post in posts:
        Dismissal.objects.create(
            post=post, rule="spelling.variant", span_text="colour", reason="House spelling"
        )
    return posts


def shoot(page: Any, screenshot_dir: Path, name: str) -> None:
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            page.screenshot(
                path=str(screenshot_dir / f"{name}-{size}-{scheme}.png"), full_page=True
            )
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"{name} {size}: scrolls {overflow} px sideways"
            violations = serious_violations(page)
            assert not violations, describe(violations)
    page.set_viewport_size(SIZES["desktop"])
    page.emulate_media(color_scheme="light")


def test_a_repeatedly_dismissed_finding_is_proposed_and_allowed(
    live_server: Any, demo: str, browser: Any, screenshot_dir: Path
) -> None:
    posts = dismissed_in_three_us_posts(demo)
    page = log_in_as_emma(browser, live_server)
    page.goto(f"{live_server.url}/w/{demo}/style-guide/")
    proposal = page.locator(".style-proposals li", has_text="“colour” was dismissed 3 times")
    expect(proposal).to_contain_text("in United States posts")
    for post in posts:
        expect(proposal.get_by_role("link", name=f"post {post.pk}")).to_be_visible()
    shoot(page, screenshot_dir, "style-guide-allow-proposal")

    proposal.get_by_role("button", name="Allow").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text(
        "“colour” is now allowed in United States posts"
    )
    expect(page.locator(".style-proposals li", has_text="“colour” was dismissed")).to_have_count(0)
    workspace = Workspace.objects.get(slug=demo)
    assert style_guides.own_guide(workspace, "US").allowed == ("colour",)


def test_a_manager_changes_a_market_disclosure_and_resets_it(
    live_server: Any, demo: str, browser: Any, screenshot_dir: Path
) -> None:
    page = log_in_as_emma(browser, live_server)
    page.goto(f"{live_server.url}/w/{demo}/style-guide/")
    page.get_by_role("link", name="Change the disclosure for United Kingdom").click()
    expect(page.locator("h1")).to_have_text("Disclosure for United Kingdom")
    expect(page.locator("#id_labels")).to_have_value(re.compile(r"^#ad\nAd\n"))
    page.fill("#id_labels", "#ad\n" + "x" * 101)
    page.get_by_role("button", name="Save disclosure").click()
    expect(page.locator(".field-errors")).to_contain_text("Line 2: is 101 characters long")
    shoot(page, screenshot_dir, "style-guide-disclosure-error")

    page.fill("#id_labels", "#partner\nPaid partnership")
    page.select_option("#id_placement", "anywhere")
    page.get_by_role("button", name="Save disclosure").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text("disclosure saved")
    row = page.locator("tr", has_text="United Kingdom")
    expect(row).to_contain_text("#partner, Paid partnership")
    expect(row).to_contain_text("this workspace")
    shoot(page, screenshot_dir, "style-guide-own-disclosure")

    page.get_by_role("link", name="Change the disclosure for United Kingdom").click()
    expect(page.locator("h1")).to_have_text("Disclosure for United Kingdom")
    page.wait_for_load_state("load")  # page.js (which asks to confirm) has run
    page.get_by_role("button", name="Reset to the default").click()
    page.get_by_role("button", name="Yes, go ahead").click()  # page.js's confirmation
    expect(page.locator(".messages, [role=status]").first).to_contain_text("back to the default")
    expect(page.locator("tr", has_text="United Kingdom")).to_contain_text("#ad, Ad")
