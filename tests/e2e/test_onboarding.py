"""A business signs up, creates a GB workspace and invites an offshore contributor.

The contributor accepts in a second browser context, records where they work, and the
Team page shows the sourcing class and the market-native flag.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.people import sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_signup_workspace_invite_and_team_page(
    browser: Any, live_server: Any, screenshot_dir: Path
) -> None:
    owner = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    owner.goto(f"{live_server.url}/signup/")
    sign_up(owner, "Freya Lund", "freya@fjordfern.example", live_server.url)
    owner.click("text=Create a workspace")
    owner.fill("#id_name", "Fjord & Fern")
    owner.select_option("#id_home_country", "GB")
    owner.select_option("#id_market_country", "GB")
    owner.fill("#id_market_language", "en-GB")
    owner.fill("#id_market_timezone", "Europe/London")
    owner.click("button:has-text('Create workspace')")
    assert owner.locator("#markets").inner_text().count("Europe/London") == 1

    owner.click("nav >> text=Invitations")
    owner.select_option("#id_role", "contributor")
    owner.click("button:has-text('Create invitation link')")
    link = owner.input_value("#invite-link")
    assert "/invite/" in link

    contributor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    contributor.goto(link.replace("http://127.0.0.1:8000", live_server.url))
    contributor.click("main a:has-text('Sign up')")
    sign_up(contributor, "Priya Raman", "priya@brightwave.example", live_server.url)
    contributor.click("button:has-text('Accept invitation')")
    # The relation decides the sourcing class in Costs: the newcomer sees it, the owner
    # sets it (issue 12, point 13).
    assert contributor.locator("#id_relation").is_disabled()
    contributor.select_option("#id_home_country", "IN")
    contributor.fill("#id_timezone", "Asia/Kolkata")
    contributor.click("button:has-text('Save')")

    owner.click("nav >> text=Team")
    owner.locator('tr[data-member="priya@brightwave.example"] >> text=Edit').click()
    owner.select_option("#id_relation", "agency")
    owner.fill("#id_agency_name", "Brightwave Digital")
    owner.click("button:has-text('Save')")
    priya = owner.locator('tr[data-member="priya@brightwave.example"]')
    freya = owner.locator('tr[data-member="freya@fjordfern.example"]')
    assert priya.locator("[data-sourcing]").inner_text() == "offshored"
    assert priya.locator('td[data-market="GB"]').inner_text() == "not native"
    assert "Brightwave Digital" in priya.inner_text()
    assert freya.locator("[data-sourcing]").inner_text() == "in-house"
    assert freya.locator('td[data-market="GB"]').inner_text() == "native"
    note = owner.locator('[data-note-member="priya@brightwave.example"][data-note-market="GB"]')
    assert "colour" in note.inner_text()
    owner.screenshot(path=str(screenshot_dir / "team.png"), full_page=True)
    contributor.screenshot(path=str(screenshot_dir / "contributor.png"), full_page=True)
