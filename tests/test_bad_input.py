"""Bad input in every form and API field gets a clear answer, never a 500.

Each field of each form is sent empty, overlong, as a wrong type (a list where one value
is expected, a NUL byte) and as an unknown value, one at a time, on top of a valid form.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

BAD_VALUES = {
    "empty": "",
    "overlong": "x" * 5000,
    "nul": "a\x00b",
    "unknown": "definitely-not-a-valid-value",
    "html": "<b onmouseover=alert(1)>hi</b>",
}

VALID_WORKSPACE = {
    "name": "Acme",
    "home_country": "GB",
    "home_timezone": "",
    "currency": "",
    "market_country": "GB",
    "market_language": "en-GB",
    "market_timezone": "",
}
VALID_PROFILE = {
    "relation": "agency",
    "agency_name": "Brightwave",
    "home_country": "IN",
    "timezone": "Asia/Kolkata",
    "languages_text": "en-IN",
    "mon_start": "09:00",
    "mon_end": "17:00",
}


# A prospective vendor for the what-if form and API (both leave two optional fields empty).
WHAT_IF = {
    "pricing": "hourly",
    "amount": "30",
    "currency": "GBP",
    "hours_per_post": "2",
    "country": "IN",
    "zone": "Asia/Kolkata",
    "hours": "mon-fri 10:00-18:00",
    "posts_per_month": "12",
    "explaining_hours": "1",
    "reviewer_hourly_value": "40",
}

FORMS = [
    ("/w/new/", VALID_WORKSPACE),
    (
        "/w/{slug}/settings/",
        {"name": "Acme", "home_country": "GB", "home_timezone": "", "currency": "GBP"},
    ),
    (
        "/w/{slug}/markets/new/",
        {"country": "US", "language": "en-US", "timezone": "", "other_zones_text": ""},
    ),
    ("/w/{slug}/members/{member}/", VALID_PROFILE),
    ("/w/{slug}/invitations/", {"email": "a@example.com", "role": "viewer"}),
    ("/w/{slug}/members/{member}/role/", {"role": "viewer"}),
    ("/account/tokens/", {"name": "script"}),
    (
        "/w/{slug}/notifications/settings/",
        {
            "immediately": "on",
            "submitted": "email",
            "changes_requested": "app",
            "approved": "email",
            "published": "off",
            "failed": "email",
            "mentioned": "email",
        },
    ),
    (
        "/signup/",
        {
            "name": "Ana",
            "email": "ana@example.com",
            "password1": "plum-orchard-42x",
            "password2": "plum-orchard-42x",
        },
    ),
    ("/password-reset/", {"email": "owner@example.com"}),
    (
        "/w/{slug}/costs/what-if/",
        {**WHAT_IF, "revision_rounds": "", "delay_cost_per_day": ""},
    ),
    (
        "/w/{slug}/costs/settings/",
        {
            "reviewer_hourly_value": "40",
            "minutes_per_review": "10",
            "minutes_per_comment": "3",
            "contributor_hours_per_round": "0.5",
            "rates_text": "USD 0.79",
        },
    ),
    (
        "/w/{slug}/engagements/",
        {
            "member": "{member}",
            "name": "",
            "pricing": "hourly",
            "amount": "25",
            "currency": "USD",
            "start": "2026-01-01",
            "end": "",
        },
    ),
    (
        "/w/{slug}/time/",
        {"engagement": "{engagement}", "date": "2026-11-20", "hours": "1.5", "note": ""},
    ),
    ("/w/{slug}/costs/", {"start": "2026-01-01", "end": "2026-03-31"}),
    (
        "/w/{slug}/review-links/",
        {"name": "Dana Client", "email": "dana@client.example", "days": "7", "posts": "{post}"},
    ),
    ("/r/{review}/posts/{post}/", {"action": "request_changes", "note": "Name the farm."}),
    (
        "/w/{slug}/posts/bulk/",
        {"action": "add_tag", "ids": "{post}", "tag": "launch", "note": "", "market": ""},
    ),
    ("/w/{slug}/posts/{post}/move-market/", {"market": "1"}),
    (
        "/w/{slug}/posts/{post}/schedule/",
        {"date": "2026-12-01", "time": "09:30", "fold": "", "now": ""},
    ),
    ("/w/{slug}/posts/{post}/schedule/preview/", {"date": "2026-12-01", "time": "09:30"}),
    (
        "/w/{slug}/posts/{post}/move/",
        {"date": "2026-12-02", "hour": "3", "time": "", "fold": "", "zone": "mine", "next": "/"},
    ),
]
GET_FORMS = ("/costs/", "/preview/")  # forms sent as a query


def _engagement_id(team: Any) -> int:
    from onshore.ledger.models import Engagement

    engagement = Engagement.objects.filter(workspace=team.workspace).first()
    if engagement is None:
        engagement = Engagement.objects.create(
            workspace=team.workspace,
            member=team.members["contributor"],
            pricing="hourly",
            amount="25",
            currency="GBP",
            start="2026-01-01",
        )
    return int(engagement.pk)


def _post(team: Any) -> Any:
    from onshore.posts import editing, workflow

    post = team.workspace.posts.first()
    if post is None:
        member = team.members["contributor"]
        post = editing.create_post(member, editing.PostChanges(text="Autumn", market=team.gb))
        post = workflow.perform(post, member, "submit")
    return post


def _review_token(team: Any) -> str:
    """A review link for the workspace's post; one per test (the page refuses the rest)."""
    from onshore.posts.models import ReviewLink

    if not hasattr(team, "review_token"):
        owner = team.users["owner"]
        _, team.review_token = ReviewLink.issue(
            team.workspace, owner, name="Dana Client", posts=[_post(team)]
        )
    return str(team.review_token)


def _placeholders(team: Any, text: str) -> str:
    if "{" not in text:
        return text
    return text.format(
        slug=team.workspace.slug,
        member=team.members["contributor"].pk,
        engagement=_engagement_id(team) if "{engagement}" in text else "",
        post=_post(team).pk if "{post}" in text else "",
        review=_review_token(team) if "{review}" in text else "",
    )


def _cases() -> list[Any]:
    return [
        pytest.param(url, form, field, kind, id=f"{url} {field} {kind}")
        for url, form in FORMS
        for field in form
        for kind in BAD_VALUES
    ]


@pytest.mark.parametrize(("url", "form", "field", "kind"), _cases())
def test_form_field_bad_value_is_never_a_server_error(
    team: Any, url: str, form: dict[str, str], field: str, kind: str
) -> None:
    client = Client()
    if not url.startswith(("/signup/", "/password-reset/")):
        client.force_login(team.users["owner"])
    target = _placeholders(team, url)
    filled = {name: _placeholders(team, value) for name, value in form.items()}
    sent = {**filled, field: BAD_VALUES[kind]}
    response = client.get(target, sent) if url.endswith(GET_FORMS) else client.post(target, sent)
    assert response.status_code < 500
    assert b"<b onmouseover" not in response.content


def test_a_list_where_one_value_is_expected_is_handled(team: Any) -> None:
    client = Client()
    client.force_login(team.users["owner"])
    response = client.post("/w/new/", {**VALID_WORKSPACE, "name": ["a", "b"], "home_country": []})
    assert response.status_code in (302, 422)


API_BODIES = [
    (
        "POST",
        "/api/v1/workspaces",
        {"name": "A", "home_country": "GB", "markets": [{"country": "GB", "language": "en-GB"}]},
    ),
    (
        "PATCH",
        "/api/v1/workspaces/{slug}",
        {"name": "A", "home_country": "GB", "home_timezone": "Europe/London", "currency": "GBP"},
    ),
    (
        "POST",
        "/api/v1/workspaces/{slug}/markets",
        {"country": "US", "language": "en-US", "timezone": "", "other_zones": []},
    ),
    (
        "PATCH",
        "/api/v1/workspaces/{slug}/members/{member}",
        {
            "relation": "agency",
            "agency_name": "B",
            "home_country": "IN",
            "timezone": "Asia/Kolkata",
            "working_hours": {"mon": [["09:00", "17:00"]]},
            "languages": ["hi"],
            "role": "viewer",
        },
    ),
    ("POST", "/api/v1/workspaces/{slug}/invitations", {"role": "viewer", "email": ""}),
    ("POST", "/api/v1/invitations/accept", {"token": "abcdefghijklmnop"}),
    (
        "POST",
        "/api/v1/workspaces/{slug}/engagements",
        {
            "member_id": "{member}",
            "name": "",
            "pricing": "hourly",
            "amount": "25",
            "currency": "USD",
            "start": "2026-01-01",
            "end": None,
        },
    ),
    (
        "POST",
        "/api/v1/workspaces/{slug}/engagements/{engagement}/time-entries",
        {"date": "2026-11-20", "hours": "1.5", "note": ""},
    ),
    (
        "PUT",
        "/api/v1/workspaces/{slug}/cost-settings",
        {
            "reviewer_hourly_value": "40",
            "minutes_per_review": "10",
            "minutes_per_comment": "3",
            "contributor_hours_per_round": "0.5",
            "rates": {"USD": "0.79"},
        },
    ),
    (
        "PUT",
        "/api/v1/workspaces/{slug}/notification-preferences",
        {"immediately": False, "kinds": {"submitted": "app", "published": "off"}},
    ),
    (
        "POST",
        "/api/v1/workspaces/{slug}/posts/bulk",
        {"action": "add_tag", "ids": [1], "params": {"tag": "launch"}},
    ),
    (
        "POST",
        "/api/v1/workspaces/{slug}/costs/what-if",
        {**WHAT_IF, "revision_rounds": None, "delay_cost_per_day": None},
    ),
]

API_BAD_VALUES: dict[str, Any] = {
    "null": None,
    "number": 12345,
    "list": ["x"],
    "object": {"a": 1},
    "empty": "",
    "overlong": "x" * 5000,
    "unknown": "no-such-thing",
}


def _api_cases() -> list[Any]:
    return [
        pytest.param(method, url, body, field, kind, id=f"{method} {url} {field} {kind}")
        for method, url, body in API_BODIES
        for field in body
        for kind in API_BAD_VALUES
    ]


@pytest.mark.parametrize(("method", "url", "body", "field", "kind"), _api_cases())
def test_api_field_bad_value_is_a_4xx_naming_the_field(
    team: Any, method: str, url: str, body: dict[str, Any], field: str, kind: str
) -> None:
    client = Client()
    client.force_login(team.users["owner"])
    target = _placeholders(team, url)
    filled = {
        name: int(_placeholders(team, value)) if value == "{member}" else value
        for name, value in body.items()
    }
    sent = {**filled, field: API_BAD_VALUES[kind]}
    response = client.generic(method, target, json.dumps(sent), content_type="application/json")
    assert response.status_code < 500, response.content[:300]
    if response.status_code == 422:
        locations = json.dumps([item["loc"] for item in response.json()["detail"]])
        assert field in locations, (field, response.json())
