"""The API docs page renders its operations in Chromium under our Content-Security-Policy,
with every script, style and request going to our own origin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_every_operation_from_our_origin(
    browser: Any, live_server: Any, screenshot_dir: Path
) -> None:
    from onshore.api.app import api

    operations = sum(len(methods) for methods in api.get_openapi_schema()["paths"].values())
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    elsewhere: list[str] = []
    refused: list[str] = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_server.url, "data:"))
            else elsewhere.append(request.url)
        ),
    )
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = page.locator(".opblock-summary-path")
    assert paths.count() == operations
    assert page.locator(".information-container .title").inner_text().startswith("onshore API")
    page.locator(".opblock-summary", has_text="/api/v1/me").first.click()
    page.wait_for_selector(".opblock-body .responses-table")
    assert "Unauthorized" in page.locator(".opblock.is-open").inner_text()
    page.screenshot(path=str(screenshot_dir / "api-docs.png"), full_page=False)
    assert not refused
    assert not elsewhere
