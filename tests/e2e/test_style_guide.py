"""The Style guide page in Chromium: a manager writes a rule, a writer sees the style
finding in the editor as they type; screenshots at 1366×900 and 390×844."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.demo_session import EMMA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_manager_edits_the_guide_and_the_editor_shows_the_finding(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/style-guide/")
    expect(page.locator("h1")).to_have_text("Style guide")
    page.fill("#id_preferred", "sale -> offer")
    page.fill("#id_brands", "Harbour & Pine")
    page.fill("#id_max_emoji", "2")
    page.get_by_role("button", name="Save style guide").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Style guide saved")
    expect(page.locator("#id_preferred")).to_have_value("sale -> offer")
    expect(page.get_by_role("link", name="Style guide", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(screenshot_dir / f"style-guide-{width}.png"), full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"the page scrolls sideways at {width} px"

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/w/{demo}/posts/new/")
    page.locator("#id_text").fill("Our winter sale starts at harbour and pine")
    findings = page.locator("#live-findings")
    expect(findings).to_contain_text("The style guide says “offer”, not “sale”")
    expect(findings).to_contain_text("Write the name as “Harbour & Pine”")
    page.screenshot(path=str(screenshot_dir / "editor-style-findings-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screenshot_dir / "editor-style-findings-390.png"), full_page=True)
