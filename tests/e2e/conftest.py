"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright never downloads a browser here; it launches /usr/bin/chromium (installed by
``make test``). Screenshots go to test-results/e2e/.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from onshore.demo import DEMO_PASSWORD, DEMO_SLUG, load_demo
from tests.e2e.demo_session import NOW

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are ordinary blocking calls, which Django must be told are fine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("ONSHORE_TEST_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "e2e"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def screenshot_dir(request: pytest.FixtureRequest) -> Path:
    folder = SCREENSHOTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def demo(transactional_db: Any) -> Iterator[str]:
    """The demo workspace with 12 weeks of history ending at NOW, and the clock at NOW."""
    with time_machine.travel(NOW, tick=True):
        load_demo(now=NOW)
        yield DEMO_SLUG


@pytest.fixture
def log_in(browser: Any, live_server: Any, demo: str) -> Iterator[Callable[[str], Any]]:
    """Log a demo person in (inside the clock travel, so the session is fresh at NOW)."""
    contexts: list[Any] = []

    def open_page(email: str) -> Any:
        context = browser.new_context(
            viewport={"width": 1280, "height": 1000}, accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", email)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("main button:has-text('Log in')")
        expect(page.locator("header.top .who")).to_be_visible()
        return page

    yield open_page
    for context in contexts:
        context.close()
