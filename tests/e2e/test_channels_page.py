"""The Channels page as a manager meets it (issue 15): channels as cards with their state,
a webhook's signing secret masked until Reveal (then Copy), and "Connect a channel" as
tiles that show one network's form at a time, with and without JavaScript; no sideways
scroll at 390 px; screenshots at 1366 × 900 and 390 × 844, light and dark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from onshore.demo import DEMO_PASSWORD
from onshore.publishing import crypto
from onshore.publishing.models import Channel

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OLIVER = "oliver@harbourpine.example"  # manager
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def test_the_secret_is_revealed_by_a_click_and_copied(
    log_in: Any, live_server: Any, demo: str, screenshot_dir: Path
) -> None:
    channel = Channel.objects.filter(workspace__slug=demo).first()
    secret = crypto.decrypt(channel.secret_encrypted)["secret"]
    page = log_in(OLIVER)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}/w/{demo}/channels/")
    page.wait_for_load_state("load")
    card = page.locator(f'[data-channel="{channel.pk}"]')
    expect(card).to_contain_text("Needs reconnecting")
    expect(card.locator(".secret-masked")).to_have_text("••••" + secret[-4:])
    assert secret not in page.content()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"{size}: scrolls {overflow} px sideways"
            page.screenshot(
                path=str(screenshot_dir / f"channels-{size}-{scheme}.png"), full_page=True
            )
    page.set_viewport_size(SIZES["desktop"])
    page.emulate_media(color_scheme="light")

    card.get_by_role("button", name="Reveal").click()
    expect(card.locator(f"#secret-value-{channel.pk}")).to_have_text(secret)
    assert page.url.endswith("/channels/")  # swapped in place by htmx, no new page
    card.get_by_role("button", name="Copy").click()
    expect(card.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == secret
    card.screenshot(path=str(screenshot_dir / "revealed-card.png"))


@pytest.mark.parametrize("script", [True, False], ids=["with-js", "without-js"])
def test_a_tile_shows_only_its_networks_form(
    browser: Any, live_server: Any, demo: str, screenshot_dir: Path, script: bool
) -> None:
    context = browser.new_context(viewport=SIZES["desktop"], java_script_enabled=script)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", OLIVER)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button:has-text('Log in')")
    page.goto(f"{live_server.url}/w/{demo}/channels/")
    forms = {
        kind: page.locator(f"form:has(input[name=kind][value={kind}])")
        for kind in ("mastodon", "bluesky", "webhook")
    }
    expect(forms["mastodon"]).to_be_visible()
    expect(forms["webhook"]).to_be_hidden()
    for tile, kind in (("Bluesky", "bluesky"), ("Webhook", "webhook"), ("Mastodon", "mastodon")):
        page.get_by_text(tile, exact=True).click()
        for other, form in forms.items():
            expect(form).to_be_visible() if other == kind else expect(form).to_be_hidden()
    page.get_by_text("Webhook", exact=True).click()
    page.locator("#connect").screenshot(path=str(screenshot_dir / "connect-webhook.png"))
    context.close()
