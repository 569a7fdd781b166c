"""The demo workspace as the browser tests log into it: its clock and its owner."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from playwright.sync_api import expect

from onshore.demo import DEMO_PASSWORD

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday: everyone works today
EMMA = "emma@harbourpine.example"
DESKTOP = {"width": 1366, "height": 900}


def log_in_as_emma(browser: Any, live_server: Any) -> Any:
    """Emma's page at desktop size; bypass_csp: the site's CSP (script-src 'self')
    refuses the tag axe-core is injected with."""
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", EMMA)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button:has-text('Log in')")
    expect(page.locator("header.top .who")).to_be_visible()
    return page
