"""The calendar's and the export's filters: one parser, and one answer to a bad value.

A value a filter cannot use is refused naming the filter, the value and what to choose
(issue 13): a page answers 400, the API 422 with the filter in ``loc``, ``onshore
export`` exits 2. Before, the calendar ignored such values and showed every post, and
the export refused them without repeating the value.
"""

from __future__ import annotations

import html
import io
from datetime import date, time
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from onshore.posts import editing
from onshore.posts.filters import CALENDAR_KEYS, FilterError, PostFilters, parse_filters
from onshore.workspaces.models import Market

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),  # the dates below are in the future
]

LONG_TAG = "t" * 41

# (filter, bad value, what the message says): refused the same way on every route.
BAD_FILTERS = [
    ("state", "bogus", "'bogus' is not a state; choose one of draft, in_review,"),
    ("network", "myspace", "'myspace' is not a network; choose one of"),
    ("market", "FR", "'FR' is not one of this workspace's markets; choose one of GB"),
    ("market", "99999", "'99999' is not one of this workspace's markets"),
    ("market", "²", "'²': write a whole number"),
    ("author", "٣", "'٣': write a whole number"),
    ("tag", LONG_TAG, f"'{LONG_TAG[:40]}…' is longer than a tag can be (40 characters)"),
]
EXPORT_ONLY = [
    ("from", "tomorrow", "'tomorrow': give the day as YYYY-MM-DD"),
    ("to", "2026-13-01", "'2026-13-01': give the day as YYYY-MM-DD"),
]


def _ids(cases: list[tuple[str, str, str]]) -> list[str]:
    return [f"{name}={value[:8]}" for name, value, _ in cases]


def _scheduled(team: Any, text: str, **extra: Any) -> None:
    post = editing.create_post(
        team.members["manager"], editing.PostChanges(text=text, market=team.gb, **extra)
    )
    editing.set_schedule(post, team.members["manager"], date(2026, 12, 1), time(9, 0), None)


@pytest.mark.parametrize(("name", "value", "says"), BAD_FILTERS, ids=_ids(BAD_FILTERS))
def test_calendar_page_refuses_a_bad_filter_with_a_400_naming_it(
    team: Any, name: str, value: str, says: str
) -> None:
    _scheduled(team, "Winter roast")
    url = f"/w/{team.workspace.slug}/calendar/"
    response = team.client("viewer").get(url, {"date": "2026-12-01", name: value})
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert f"{name}: {says}" in page and "Winter roast" not in page


@pytest.mark.parametrize(
    ("name", "value", "says"), BAD_FILTERS + EXPORT_ONLY, ids=_ids(BAD_FILTERS + EXPORT_ONLY)
)
def test_export_page_refuses_a_bad_filter_with_a_400_naming_it(
    team: Any, name: str, value: str, says: str
) -> None:
    response = team.client("viewer").get(
        f"/w/{team.workspace.slug}/posts/export.csv", {name: value}
    )
    assert response.status_code == 400
    assert f"{name}: {says}" in html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("name", "value", "says"), BAD_FILTERS + EXPORT_ONLY, ids=_ids(BAD_FILTERS + EXPORT_ONLY)
)
def test_export_api_refuses_a_bad_filter_with_a_422_naming_it(
    team: Any, name: str, value: str, says: str
) -> None:
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts/export.csv"
    response = team.client("viewer").get(url, {name: value})
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["query", name] and says in problem["msg"]


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [case for case in BAD_FILTERS if case[0] in ("state", "network", "tag")]
    + [("market_id", "99999", "'99999' is not one of this workspace's markets")],
    ids=["state", "network", "tag", "market_id"],
)
def test_calendar_api_refuses_a_bad_filter_with_a_422_naming_it(
    team: Any, name: str, value: str, says: str
) -> None:
    url = f"/api/v1/workspaces/{team.workspace.slug}/calendar"
    response = team.client("viewer").get(url, {"start": "2026-12-01", name: value})
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"][-1] == name and says in problem["msg"]


@pytest.mark.parametrize(
    ("name", "value", "says"), BAD_FILTERS + EXPORT_ONLY, ids=_ids(BAD_FILTERS + EXPORT_ONLY)
)
def test_export_command_exits_2_naming_a_bad_filter(
    team: Any, name: str, value: str, says: str
) -> None:
    option = {"from": "--from", "to": "--to"}.get(name, f"--{name}")
    with pytest.raises(CommandError) as refused:
        call_command(
            "export", "--workspace", team.workspace.slug, option, value, stdout=io.StringIO()
        )
    assert refused.value.returncode == 2
    assert f"--{name}: {says}" in str(refused.value)


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(FilterError, match=r"^to: '2026-01-01' is before from '2026-02-01'"):
        parse_filters({"from": "2026-02-01", "to": "2026-01-01"})


def test_one_reading_of_aliases_names_and_case_for_every_view() -> None:
    read = parse_filters(
        {"state": "in_review", "network": "Twitter", "tag": "#Autumn", "author": "A@B.example"}
    )
    assert read == PostFilters(state="in_review", network="x", tag="autumn", author="a@b.example")
    # The calendar has its own range: from/to are not its filters, even when malformed.
    assert parse_filters({"from": "tomorrow", "state": "draft"}, CALENDAR_KEYS).date_from is None


def test_calendar_takes_a_market_by_country_code_like_the_export(team: Any) -> None:
    us = Market.objects.create(
        workspace=team.workspace, country="US", language="en-US", timezone="America/New_York"
    )
    _scheduled(team, "GB scones")
    post = editing.create_post(
        team.members["manager"], editing.PostChanges(text="US pancakes", market=us)
    )
    editing.set_schedule(post, team.members["manager"], date(2026, 12, 1), time(9, 0), None)
    url = f"/w/{team.workspace.slug}/calendar/"
    page = team.client("viewer").get(url, {"date": "2026-12-01", "market": "us"}).content.decode()
    assert "US pancakes" in page and "GB scones" not in page


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [case for case in BAD_FILTERS if case[0] in ("state", "market")],
    ids=[name for name, _, _ in BAD_FILTERS if name in ("state", "market")],
)
def test_posts_page_refuses_its_filters_the_same_way(
    team: Any, name: str, value: str, says: str
) -> None:
    response = team.client("viewer").get(f"/w/{team.workspace.slug}/posts/", {name: value})
    assert response.status_code == 400
    assert f"{name}: {says}" in html.unescape(response.content.decode())


def test_posts_api_refuses_a_state_that_is_not_one(team: Any) -> None:
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts"
    response = team.client("viewer").get(url, {"state": "bogus"})
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["query", "state"] and "'bogus' is not a state" in problem["msg"]
