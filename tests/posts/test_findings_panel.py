"""The editor's findings panel: the page and the live check show the same findings, per
text (main text, each network's own text) and for the scheduled time, each dismissable."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

import pytest

from onshore.posts import editing
from onshore.posts.models import Post

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

MAIN = "Fresh coffee and a cookie for everyone who stops by the store this week."
X_VERSION = "Fresh coffee for everyone! " + "Come by the store and say hello. " * 9  # > 280


@pytest.fixture
def us_post(team: Any) -> Post:
    """A US post with an X version over 280, at 03:00 New York on Thanksgiving 2027."""
    us = team.workspace.markets.create(country="US", language="en-US", timezone="America/New_York")
    writer = team.members["contributor"]
    post = editing.create_post(
        writer,
        editing.PostChanges(
            text=MAIN, market=us, networks=["x", "mastodon", "bluesky"], variants={"x": X_VERSION}
        ),
    )
    result = editing.set_schedule(post, writer, date(2027, 11, 25), time(3, 0), None)
    assert result.kind == "ok"
    return post


def panel_sections(html: str) -> dict[str, dict[str, Any]]:
    """Heading -> the rules it lists, its Dismiss forms and its length counters."""
    found = {}
    for heading, body in re.findall(
        r'<h3 class="checked-heading">(.*?)</h3>(.*?)</section>', html, flags=re.DOTALL
    ):
        found[heading] = {
            "rules": re.findall(r'<li class="finding-item \w+" data-rule="([^"]+)"', body),
            "dismiss": body.count('name="reason"'),
            "counters": re.findall(r'data-network="\w+">(\w+ \d+/\d+)<', body),
            "empty": "No findings" in body,
        }
    return found


def live_check(team: Any, saved: Post, persona: str = "contributor", **typed: Any) -> Any:
    """The editor's live check, sent as the browser sends it (the whole form, the post)."""
    form = {
        "text": MAIN,
        "market": saved.market_id,
        "networks": ["x", "mastodon", "bluesky"],
        "variant_x": X_VERSION,
        "post": saved.pk,
        **typed,
    }
    return team.client(persona).post(f"/w/{team.workspace.slug}/check/", form)


def test_page_shows_every_text_and_the_time_with_dismiss(team: Any, us_post: Post) -> None:
    page = team.client("contributor").get(f"/w/{team.workspace.slug}/posts/{us_post.pk}/")
    sections = panel_sections(page.content.decode())
    assert list(sections) == ["Main text (Bluesky, Mastodon)", "X version", "Scheduled time"]
    assert sections["X version"]["rules"] == ["length.over_limit"]
    assert sections["X version"]["counters"] == ["x 324/280"]
    assert sections["Scheduled time"]["rules"] == ["timing.night", "timing.public_holiday"]
    for section in sections.values():
        assert section["dismiss"] == len(section["rules"])
    # The time is one finding, not one per text the post publishes.
    assert "timing.night" not in sections["X version"]["rules"]


def test_live_check_shows_what_the_page_shows(team: Any, us_post: Post) -> None:
    page = team.client("contributor").get(f"/w/{team.workspace.slug}/posts/{us_post.pk}/")
    live = live_check(team, us_post)
    assert live.status_code == 200
    shown = panel_sections(page.content.decode())
    assert shown["X version"]["rules"] and shown["Scheduled time"]["dismiss"] == 2
    assert panel_sections(live.content.decode()) == shown


def test_live_check_counts_each_networks_text_as_typed(team: Any, us_post: Post) -> None:
    live = live_check(team, us_post, variant_x="Short and sweet.", text=MAIN + " Cheers!")
    sections = panel_sections(live.content.decode())
    assert sections["X version"] == {
        "rules": [],
        "dismiss": 0,
        "counters": ["x 16/280"],
        "empty": True,
    }
    assert sections["Main text (Bluesky, Mastodon)"]["counters"] == [
        "bluesky 80/300",
        "mastodon 80/500",
    ]
    assert sections["Scheduled time"]["rules"] == ["timing.night", "timing.public_holiday"]


def test_a_dismissed_time_finding_stays_dismissed_in_the_live_check(
    team: Any, us_post: Post
) -> None:
    team.client("contributor").post(
        f"/w/{team.workspace.slug}/posts/{us_post.pk}/dismiss/",
        {"rule": "timing.night", "span_text": "", "reason": "Our bakers start at 3."},
    )
    sections = panel_sections(live_check(team, us_post).content.decode())
    assert sections["Scheduled time"]["rules"] == ["timing.public_holiday"]


def test_findings_say_which_text_they_are_about(team: Any) -> None:
    post = editing.create_post(
        team.members["contributor"],
        editing.PostChanges(text="Our color range", market=team.gb, networks=["x", "bluesky"]),
    )
    html = team.client("contributor").get(f"/w/{team.workspace.slug}/posts/{post.pk}/")
    sections = panel_sections(html.content.decode())
    assert list(sections) == ["Main text (X, Bluesky)"]
    assert (
        sections["Main text (X, Bluesky)"]["rules"]
        and not sections["Main text (X, Bluesky)"]["empty"]
    )
    assert "No market-fit findings on bluesky" not in html.content.decode()


def test_reviewers_see_the_findings_without_dismiss(team: Any, us_post: Post) -> None:
    sections = panel_sections(live_check(team, us_post, persona="reviewer").content.decode())
    assert sections["X version"]["rules"] == ["length.over_limit"]
    assert all(section["dismiss"] == 0 for section in sections.values())


def test_live_check_of_another_workspaces_post_is_not_found(team: Any, us_post: Post) -> None:
    foreign = team.other_workspace.markets.create(
        country="US", language="en-US", timezone="America/New_York"
    )
    other = editing.create_post(
        team.other_workspace.memberships.get(),
        editing.PostChanges(text="Secret plans", market=foreign),
    )
    answer = live_check(team, us_post, post=other.pk)
    assert answer.status_code == 404 and b"Secret plans" not in answer.content


def test_the_time_section_gives_the_day_in_the_markets_zone_and_the_viewers(
    team: Any, us_post: Post
) -> None:
    """Issue 14 point 9: the night warning names New York's day; the section says it in
    the reader's zone too (this contributor reads on Kolkata's clock)."""
    for answer in (
        team.client("contributor").get(f"/w/{team.workspace.slug}/posts/{us_post.pk}/"),
        live_check(team, us_post),
    ):
        html = answer.content.decode()
        when = re.search(
            r'Scheduled time</h3><p class="meta checked-when">(.*?)</p>', html, flags=re.DOTALL
        )
        assert when, "no date under the Scheduled time heading"
        assert "25 November 2027, 03:00 New York" in when.group(1)
        assert "Thu 25 November, 13:30 your time" in when.group(1)  # Kolkata
        assert "Scheduled for 03:00 on 25 November 2027 in America/New_York" in html
