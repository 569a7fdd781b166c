"""Client approval without an account, and the reviewer's read-only post page, in Chromium
at desktop and phone size (issue 14: point 11 and "Client approval without an account").

A manager sends two posts to a client by link; the client, in a browser that never
logged in, approves one and requests changes on the other; the team's history names
the client. A reviewer sees a post as it will be published, with nothing to type into,
and turns a finding's suggestion into a comment.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from onshore.posts import editing, workflow
from onshore.posts.models import Post, State
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
LAUNCH = "Our new color range lands on Friday.\nCome and see it in Leith."
TASTING = "Free tasting this Saturday: bring a friend and a scarf."


def shoot(page: Any, folder: Path, name: str) -> None:
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
    page.set_viewport_size(SIZES["desktop"])


def log_in(browser: Any, live_server: Any, email: str) -> Any:
    page = browser.new_context(viewport=SIZES["desktop"]).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")
    expect(page.locator("header.top .who")).to_be_visible()
    return page


@pytest.fixture
def shop(db: Any) -> dict[str, Any]:
    """A knitwear shop: a manager, a contributor and a reviewer; two posts in review."""
    from onshore.workspaces.models import Market, Membership, Workspace

    workspace = Workspace(name="Thistle Knitwear", home_country="GB")
    workspace.full_clean()
    manager = make_user("morag@thistle.example", "Morag Manager")
    workspace.create_with_owner(manager)
    gb = Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
    )
    writer = Membership.objects.create(
        workspace=workspace,
        user=make_user("priya@brightwave.example", "Priya Raman"),
        role="contributor",
        relation="agency",
        agency_name="Brightwave",
        home_country="IN",
        timezone="Asia/Kolkata",
    )
    Membership.objects.create(
        workspace=workspace,
        user=make_user("rob@thistle.example", "Rob Reviewer"),
        role="reviewer",
        relation="employee",
        home_country="GB",
        timezone="Europe/London",
    )
    launch = editing.create_post(
        writer,
        editing.PostChanges(
            text=LAUNCH,
            market=gb,
            networks=["x", "bluesky"],
            variants={"x": "New colour range on Friday. Leith!"},
            link="https://thistle.example/range",
            tags=["autumn", "launch"],
        ),
    )
    day = (timezone.now() + timedelta(days=30)).date()
    editing.set_schedule(launch, workspace.memberships.get(user=manager), day, _nine(), None)
    tasting = editing.create_post(
        writer, editing.PostChanges(text=TASTING, market=gb, networks=["mastodon"])
    )
    for post in (launch, tasting):
        workflow.perform(post, writer, "submit")
    return {"slug": workspace.slug, "launch": launch.pk, "tasting": tasting.pk}


def _nine() -> Any:
    from datetime import time

    return time(9, 30)


def test_a_client_approves_one_post_and_requests_changes_on_another_by_link(
    browser: Any, live_server: Any, shop: dict[str, Any], screenshot_dir: Path, settings: Any
) -> None:
    settings.SITE_URL = live_server.url  # the link shown is the one the client opens
    slug, launch, tasting = shop["slug"], shop["launch"], shop["tasting"]
    manager = log_in(browser, live_server, "morag@thistle.example")
    manager.goto(f"{live_server.url}/w/{slug}/review/")
    manager.click("#review-links")
    manager.fill("#id_name", "Dana Client")
    manager.fill("#id_email", "dana@client.example")
    manager.check(f"input[name=posts][value='{launch}']")
    manager.check(f"input[name=posts][value='{tasting}']")
    manager.click("#new-link button[type=submit]")
    expect(manager.locator("#new-review-link")).to_contain_text("shown only once")
    url = manager.input_value("#review-link-url")
    expect(manager.locator("#links tbody tr").first).to_contain_text("Dana Client")
    shoot(manager, screenshot_dir, "1-link-made")

    # A browser that never logged in: the link alone opens the two posts.
    client = browser.new_context(viewport=SIZES["desktop"]).new_page()
    client.goto(url)
    expect(client.locator("h1")).to_have_text("Hello Dana Client")
    expect(client.locator("article.linked-post")).to_have_count(2)
    first = client.locator(f"#post-{launch}")
    expect(first.locator("[data-network=x]")).to_contain_text("New colour range on Friday.")
    expect(first.locator("[data-network=bluesky] .published-text")).to_contain_text(
        "Come and see it in Leith."
    )
    expect(first.locator(".when")).to_contain_text("09:30 London")
    shoot(client, screenshot_dir, "2-client-opens-link")

    first.locator("button[data-action=approve]").click()
    expect(client.locator(f"#post-{launch} [data-state]")).to_have_text("Approved")
    second = client.locator(f"#post-{tasting}")
    second.locator("button[data-action=request_changes]").click()
    expect(client.locator(f"#post-{tasting} .error")).to_contain_text("a comment is required")
    client.fill(f"#note-{tasting}", "Please say the tasting is from 10 to 4.")
    client.locator(f"#post-{tasting} button[data-action=request_changes]").click()
    expect(client.locator(f"#post-{tasting} [data-state]")).to_have_text("Changes requested")
    expect(client.locator(f"#post-{tasting} .decisions")).to_contain_text("from 10 to 4")
    shoot(client, screenshot_dir, "3-client-decided")

    # Nothing else opens with the link: the workspace asks for a login.
    client.goto(f"{live_server.url}/w/{slug}/posts/")
    expect(client.locator("#id_username")).to_be_visible()

    manager.goto(f"{live_server.url}/w/{slug}/posts/{tasting}/")
    history = manager.locator("ol.events")
    expect(history).to_contain_text("Dana Client (by review link): Changes requested")
    expect(manager.locator("#comments")).to_contain_text("Dana Client (by review link)")
    shoot(manager, screenshot_dir, "4-history-names-the-client")
    states = dict(Post.objects.values_list("pk", "state"))
    assert (states[launch], states[tasting]) == (State.APPROVED, State.CHANGES_REQUESTED)


def test_a_reviewer_reads_the_post_and_suggests_a_fix_in_a_comment(
    browser: Any, live_server: Any, shop: dict[str, Any], screenshot_dir: Path
) -> None:
    slug, launch = shop["slug"], shop["launch"]
    reviewer = log_in(browser, live_server, "rob@thistle.example")
    reviewer.goto(f"{live_server.url}/w/{slug}/posts/{launch}/")
    expect(reviewer.locator("#as-published")).to_contain_text("Come and see it in Leith.")
    expect(reviewer.locator("textarea#id_text")).to_have_count(0)
    expect(reviewer.locator("button.apply")).to_have_count(0)
    shoot(reviewer, screenshot_dir, "1-reviewer-read-only")

    reviewer.locator("#findings section[data-text=id_text] button.suggest").first.click()
    expect(reviewer.locator("#comment-body")).to_have_value(
        "Suggest: replace 'color' with 'colour'"
    )
    shoot(reviewer, screenshot_dir, "2-suggestion-in-comment-box")
    reviewer.click("#comments button[type=submit]")
    expect(reviewer.locator("#comments article.comment")).to_contain_text(
        "Suggest: replace 'color' with 'colour'"
    )
    post = Post.objects.get(pk=launch)
    assert post.text == LAUNCH and post.state == State.IN_REVIEW
