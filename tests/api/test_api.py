"""The REST API as a script would use it: token auth, 422 with field names, 404 for outsiders."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from onshore.accounts.models import PersonalAccessToken
from onshore.workspaces.models import Invitation, Membership, Workspace
from tests.factories import make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


class Api:
    """A client that authenticates with a personal access token, as scripts do."""

    def __init__(self, user: Any) -> None:
        _, raw = PersonalAccessToken.issue(user, "test")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = "" if body is None else json.dumps(body)
        return self.client.generic(method, f"/api/v1{path}", data, content_type="application/json")


def error_fields(response: Any) -> list[str]:
    assert response.status_code == 422, response.content
    return [".".join(str(part) for part in item["loc"][1:]) for item in response.json()["detail"]]


def test_create_a_workspace_with_markets_and_read_it_back() -> None:
    api = Api(make_user("ana@example.com", "Ana"))
    created = api.call(
        "POST",
        "/workspaces",
        {
            "name": "Koala Coffee",
            "home_country": "AU",
            "markets": [
                {
                    "country": "AU",
                    "language": "en-AU",
                    "other_zones": ["Australia/Perth", "Australia/Brisbane"],
                },
                {"country": "NZ", "language": "en-NZ"},
            ],
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["slug"], body["currency"], body["home_timezone"]) == (
        "koala-coffee",
        "AUD",
        "Australia/Sydney",
    )
    assert [(m["country"], m["timezone"]) for m in body["markets"]] == [
        ("AU", "Australia/Sydney"),
        ("NZ", "Pacific/Auckland"),
    ]
    assert body["markets"][0]["other_zones"] == ["Australia/Perth", "Australia/Brisbane"]
    members = api.call("GET", "/workspaces/koala-coffee/members").json()
    assert [(m["role"], m["sourcing_class"]) for m in members] == [("owner", "in-house")]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, ["payload.name", "payload.home_country", "payload.markets"]),
        (
            {"name": "", "home_country": "GB", "markets": [{"country": "GB", "language": "en-GB"}]},
            ["payload.name"],
        ),
        (
            {
                "name": "x" * 101,
                "home_country": "GB",
                "markets": [{"country": "GB", "language": "en-GB"}],
            },
            ["payload.name"],
        ),
        (
            {"name": 12, "home_country": ["GB"], "markets": "GB"},
            ["payload.name", "payload.home_country", "payload.markets"],
        ),
        (
            {
                "name": "A",
                "home_country": "GB",
                "markets": [{"country": "GB", "language": "en-GB"}],
                "colour": "blue",
            },
            ["payload.colour"],
        ),
        (
            {
                "name": "A",
                "home_country": "XX",
                "markets": [{"country": "GB", "language": "en-GB"}],
            },
            ["home_country"],
        ),
        (
            {
                "name": "A",
                "home_country": "GB",
                "markets": [{"country": "GB", "language": "en-GB", "timezone": "Asia/Tokyo"}],
            },
            ["markets.0.timezone"],
        ),
        (
            {
                "name": "A",
                "home_country": "GB",
                "markets": [
                    {"country": "GB", "language": "en-GB"},
                    {"country": "US", "language": "zz-!!"},
                ],
            },
            ["markets.1.language"],
        ),
    ],
)
def test_bad_workspace_input_is_422_naming_each_field_and_writes_nothing(
    body: dict[str, Any], fields: list[str]
) -> None:
    api = Api(make_user("ana@example.com", "Ana"))
    response = api.call("POST", "/workspaces", body)
    assert sorted(set(error_fields(response))) == sorted(fields)
    assert not Workspace.objects.exists()
    assert not Membership.objects.exists()


def test_malformed_json_is_a_client_error_not_a_500() -> None:
    api = Api(make_user("ana@example.com", "Ana"))
    response = api.client.generic(
        "POST", "/api/v1/workspaces", "{not json", content_type="application/json"
    )
    assert 400 <= response.status_code < 500


def test_outsiders_get_404_for_every_workspace_route(team: Any) -> None:
    api = Api(team.users["outsider"])
    slug = team.workspace.slug
    for path in (
        f"/workspaces/{slug}",
        f"/workspaces/{slug}/members",
        f"/workspaces/{slug}/markets/{team.gb.pk}",
    ):
        assert api.call("GET", path).status_code == 404
    assert api.call("PATCH", f"/workspaces/{slug}", {"name": "Mine now"}).status_code == 404
    assert Workspace.objects.get(pk=team.workspace.pk).name == "Acme Tea"


def test_a_market_id_from_another_workspace_is_404(team: Any) -> None:
    foreign = team.other_workspace.markets.create(
        country="US", language="en-US", timezone="America/New_York"
    )
    api = Api(team.users["owner"])
    assert (
        api.call("GET", f"/workspaces/{team.workspace.slug}/markets/{foreign.pk}").status_code
        == 404
    )


def test_member_records_where_and_when_they_work(team: Any) -> None:
    member = team.members["contributor"]
    api = Api(team.users["contributor"])
    path = f"/workspaces/{team.workspace.slug}/members/{member.pk}"
    response = api.call(
        "PATCH",
        path,
        {
            "home_country": "IN",
            "timezone": "Asia/Kolkata",
            "languages": ["en_IN", "hi"],
            "working_hours": {"mon": [["10:00", "19:00"]], "sat": [["10:00", "14:00"]]},
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["sourcing_class"] == "offshored"
    assert body["languages"] == ["en-IN", "hi"]
    assert body["markets"] == [{"market_id": team.gb.pk, "native": False}]
    # The relation decides the sourcing class in Costs: a manager sets it (issue 12, 13).
    agency = {"relation": "agency", "agency_name": "Brightwave Digital"}
    assert Api(team.users["manager"]).call("PATCH", path, agency).status_code == 200


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"timezone": "Europe/London"}, "timezone"),
        ({"working_hours": {"mon": [["25:00", "26:00"]]}}, "working_hours"),
        ({"working_hours": {"someday": []}}, "working_hours"),
        ({"languages": ["not a language"]}, "languages"),
        ({"relation": "agency", "agency_name": ""}, "agency_name"),
        ({"relation": "contractor"}, "payload.relation"),
        ({"role": "emperor"}, "payload.role"),
    ],
)
def test_bad_member_input_names_the_field(team: Any, changes: dict[str, Any], field: str) -> None:
    api = Api(team.users["owner"])
    path = f"/workspaces/{team.workspace.slug}/members/{team.members['contributor'].pk}"
    assert field in error_fields(api.call("PATCH", path, changes))
    member = Membership.objects.get(pk=team.members["contributor"].pk)
    assert (member.timezone, member.role) == ("Asia/Kolkata", "contributor")


def test_role_rules_give_403_and_409(team: Any) -> None:
    slug = team.workspace.slug
    manager = Api(team.users["manager"])
    owner_path = f"/workspaces/{slug}/members/{team.members['owner'].pk}"
    assert manager.call("PATCH", owner_path, {"role": "viewer"}).status_code == 403
    viewer_path = f"/workspaces/{slug}/members/{team.members['viewer'].pk}"
    assert manager.call("PATCH", viewer_path, {"role": "owner"}).status_code == 403
    owner = Api(team.users["owner"])
    last_owner = owner.call("PATCH", owner_path, {"role": "manager"})
    assert last_owner.status_code == 409
    assert "needs an owner" in last_owner.json()["detail"]
    assert (
        manager.call("POST", f"/workspaces/{slug}/invitations", {"role": "owner"}).status_code
        == 403
    )


def test_invite_then_join_through_the_api(team: Any) -> None:
    owner = Api(team.users["owner"])
    created = owner.call(
        "POST",
        f"/workspaces/{team.workspace.slug}/invitations",
        {"role": "reviewer", "email": "client@example.com"},
    )
    assert created.status_code == 201
    link = created.json()["link"]
    token = link.rstrip("/").rsplit("/", 1)[-1]
    listed = owner.call("GET", f"/workspaces/{team.workspace.slug}/invitations").json()
    assert listed[0]["link"] is None  # the link is only ever shown once

    newcomer = Api(make_user("client@example.com", "Client"))
    joined = newcomer.call("POST", "/invitations/accept", {"token": token})
    assert joined.json() == {
        "workspace": team.workspace.slug,
        "member_id": joined.json()["member_id"],
        "role": "reviewer",
    }
    again = Api(make_user("other@example.com", "Other")).call(
        "POST", "/invitations/accept", {"token": token}
    )
    assert again.status_code == 409
    assert "accepted" in again.json()["detail"]


def test_browser_session_calls_need_the_csrf_token(team: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.users["owner"])
    assert client.get("/api/v1/workspaces").status_code == 200
    refused = client.post("/api/v1/workspaces", "{}", content_type="application/json")
    assert refused.status_code == 403


def test_openapi_document_lists_the_routes() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/workspaces/{slug}/members/{member_id}" in schema["paths"]
    assert "BearerAuth" in json.dumps(schema["components"]) or "TokenAuth" in json.dumps(
        schema["components"]
    )


def test_revoking_an_invitation_kills_its_link(team: Any) -> None:
    invitation, token = Invitation.issue(team.workspace, "viewer", team.users["owner"])
    owner = Api(team.users["owner"])
    path = f"/workspaces/{team.workspace.slug}/invitations/{invitation.pk}"
    assert owner.call("DELETE", path).status_code == 204
    joiner = Api(make_user("late@example.com", "Late"))
    assert joiner.call("POST", "/invitations/accept", {"token": token}).status_code == 409
