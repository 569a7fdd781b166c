"""A team with 450 posts finds the rest past the first 200, searches, and the search and
filters stay as it pages on, at desktop and phone size."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from onshore.posts.models import Post, State
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def crowded(db: Any) -> str:
    from onshore.workspaces.models import Market, Membership, Workspace

    workspace = Workspace(name="Thistle Knitwear", home_country="GB")
    workspace.full_clean()
    manager = make_user("manager@thistle.example", "Morag Manager")
    workspace.create_with_owner(manager)
    gb = Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
    )
    writer = make_user("priya@brightwave.example", "Priya Raman")
    Membership.objects.create(workspace=workspace, user=writer, role="contributor")
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    Post.objects.bulk_create(
        Post(
            workspace=workspace,
            market=gb,
            author=writer if n % 3 else manager,
            text=f"{'Wool' if n % 2 else 'Cashmere'} jumper drop number {n}",
            tags=["autumn"] if n % 5 == 0 else [],
            networks=["x"],
            state=State.DRAFT if n % 4 else State.IN_REVIEW,
            updated_at=start + timedelta(minutes=n),
        )
        for n in range(450)
    )
    return workspace.slug


@pytest.mark.parametrize("size", SIZES)
def test_posts_page_through_450_posts_keeping_the_search(
    browser: Any, live_server: Any, crowded: str, screenshot_dir: Path, size: str
) -> None:
    width, height = SIZES[size]
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "manager@thistle.example")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")

    page.goto(f"{live_server.url}/w/{crowded}/posts/")
    assert page.locator(".pager-count").first.inner_text() == "1–200 of 450"
    assert page.locator("#posts tbody tr").count() == 200
    page.screenshot(path=str(screenshot_dir / f"{size}-1-first-page.png"))

    page.fill("#f-q", "cashmere")
    page.select_option("#f-state", "draft")
    page.click("form.filters button:has-text('Filter')")
    assert page.locator(".pager-count").first.inner_text() == "1–112 of 112"

    page.fill("#f-q", "priya")
    page.click("form.filters button:has-text('Filter')")
    assert page.locator(".pager-count").first.inner_text() == "1–200 of 225"
    page.locator("a[rel=next]").first.click()
    assert page.locator(".pager-count").first.inner_text() == "201–225 of 225"
    assert "q=priya" in page.url and "state=draft" in page.url
    assert page.input_value("#f-q") == "priya"
    page.screenshot(path=str(screenshot_dir / f"{size}-2-second-page-searched.png"))
