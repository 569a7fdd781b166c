"""GET/PUT /api/v1/workspaces/<slug>/style-guide[?market=GB]: everyone in the workspace
reads, owners and managers write, outsiders get 404, bad rules 422 naming the key."""

from __future__ import annotations

from typing import Any

import pytest

from onshore.marketfit import Post, check
from onshore.workspaces import style_guides
from onshore.workspaces.models import StyleGuide
from tests.factories import TokenApi as Api


def error_fields(response: Any) -> list[str]:
    assert response.status_code == 422, response.content
    return [".".join(str(part) for part in item["loc"][1:]) for item in response.json()["detail"]]


pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

RULES = {
    "preferred": {"sale": "offer"},
    "banned": ["cheap"],
    "brands": ["Harbour & Pine"],
    "max_hashtags": 3,
    "disclosure": {"GB": {"labels": ["#partner"], "placement": "anywhere"}},
}


def url(team: Any, market: str = "") -> str:
    path = f"/workspaces/{team.workspace.slug}/style-guide"
    return f"{path}?market={market}" if market else path


@pytest.mark.parametrize(
    ("persona", "get", "put"),
    [
        ("owner", 200, 200),
        ("manager", 200, 200),
        ("contributor", 200, 403),
        ("reviewer", 200, 403),
        ("viewer", 200, 403),
        ("outsider", 404, 404),
    ],
)
def test_permissions(team: Any, persona: str, get: int, put: int) -> None:
    api = Api(team.users[persona])
    assert api.call("GET", url(team)).status_code == get
    assert api.call("PUT", url(team), RULES).status_code == put
    assert StyleGuide.objects.exists() == (put == 200)


def test_put_then_get_and_the_checker_uses_it(team: Any) -> None:
    api = Api(team.users["manager"])
    saved = api.call("PUT", url(team), RULES).json()
    assert saved["rules"]["preferred"] == {"sale": "offer"}
    market = api.call("PUT", url(team, "GB"), {"banned": ["bargain"]}).json()
    assert market["market"] == "GB"
    assert market["rules"] == {"banned": ["bargain"]}
    assert market["effective"]["banned"] == ["cheap", "bargain"]
    guide = style_guides.guide_for(team.workspace.id, "GB")
    found = check(Post("Cheap bargain sale", "GB", sponsored=True), _options(guide))
    # The GB disclosure is the workspace's own ("#partner" anywhere), not the default.
    assert [f.rule for f in found] == [
        "style.banned",
        "style.disclosure",
        "style.banned",
        "style.preferred_term",
    ]
    assert check(Post("Sale #partner", "GB", sponsored=True), _options(guide))[0].rule == (
        "style.preferred_term"
    )


def _options(guide: Any) -> Any:
    from onshore.marketfit import Options

    return Options(style=guide)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"banned": ["x" * 101]}, "banned.0"),
        ({"banned": ["ok"] * 1001}, "banned"),
        ({"preferred": {"sale": "sale"}}, "preferred.sale"),
        ({"required_hashtags": ["ad"]}, "required_hashtags[0]"),
        ({"max_emoji": 101}, "max_emoji"),
        ({"colour": "red"}, "colour"),
        ({"disclosure": {"gb": {"labels": ["#ad"]}}}, "disclosure.gb.[key]"),
        ({"disclosure": {"GB": {"labels": []}}}, "disclosure.GB.labels"),
        ({"banned": ["!!!"]}, "banned[0]"),
    ],
)
def test_bad_rules_are_422_naming_the_field(team: Any, body: dict[str, Any], field: str) -> None:
    response = Api(team.users["owner"]).call("PUT", url(team), body)
    # Pydantic's own checks name the body "payload"; the guide's checks name the key.
    assert field in {name.removeprefix("payload.") for name in error_fields(response)}
    assert not StyleGuide.objects.exists()


def test_unknown_market_is_422(team: Any) -> None:
    response = Api(team.users["owner"]).call("GET", url(team, "FR"))
    assert error_fields(response) == ["market"]


# ---------------------------------------------------------------- allowed terms, disclosure


def disclosure_url(team: Any, market: str = "GB") -> str:
    return f"/workspaces/{team.workspace.slug}/style-guide/disclosure/{market}"


def test_allowed_terms_through_the_api(team: Any) -> None:
    api = Api(team.users["manager"])
    saved = api.call("PUT", url(team, "GB"), {"allowed": ["color"]}).json()
    assert saved["rules"]["allowed"] == ["color"]
    guide = style_guides.guide_for(team.workspace.id, "GB")
    assert guide is not None
    assert check(Post("Our color range", "GB"), _options(guide)) == []
    assert "allowed" in error_fields(api.call("PUT", url(team), {"allowed": [""]}))[0]


def test_a_market_disclosure_is_read_set_and_reset(team: Any) -> None:
    api = Api(team.users["manager"])
    read = api.call("GET", disclosure_url(team)).json()
    assert read["source"] == "default" and "#ad" in read["disclosure"]["labels"]
    body = {"labels": ["#partner"], "placement": "anywhere"}
    saved = api.call("PUT", disclosure_url(team), body).json()
    assert saved["source"] == "workspace"
    assert saved["disclosure"]["labels"] == ["#partner"]
    assert saved["default"]["labels"] == read["disclosure"]["labels"]
    assert check(Post("Boots #partner", "GB", sponsored=True), _options(_guide(team))) == []
    # The page and the API are one store: the page shows the workspace's rule.
    page = team.client("viewer").get(f"/w/{team.workspace.slug}/style-guide/").content.decode()
    assert "#partner" in page
    reset = api.call("DELETE", disclosure_url(team)).json()
    assert reset == read


def _guide(team: Any) -> Any:
    guide = style_guides.guide_for(team.workspace.id, "GB")
    assert guide is not None
    return guide


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"labels": []}, "labels"),
        ({"labels": ["#ad"], "placement": "end"}, "placement"),
        ({"labels": ["#ad"], "within": 501}, "within"),
        ({"labels": ["!!!"]}, "labels"),
        ({"labels": ["#ad"], "colour": "red"}, "colour"),
    ],
)
def test_a_bad_disclosure_is_422_naming_the_field(
    team: Any, body: dict[str, Any], field: str
) -> None:
    response = Api(team.users["owner"]).call("PUT", disclosure_url(team), body)
    assert field in " ".join(error_fields(response))
    assert not style_guides.disclosure_in_force(team.workspace, "GB")[1]


@pytest.mark.parametrize(
    ("persona", "get", "put"),
    [
        ("manager", 200, 200),
        ("contributor", 200, 403),
        ("viewer", 200, 403),
        ("outsider", 404, 404),
    ],
)
def test_disclosure_permissions(team: Any, persona: str, get: int, put: int) -> None:
    api = Api(team.users[persona])
    assert api.call("GET", disclosure_url(team)).status_code == get
    assert api.call("PUT", disclosure_url(team), {"labels": ["#ad"]}).status_code == put
    assert api.call("DELETE", disclosure_url(team)).status_code == put


def test_a_market_outside_the_workspace_is_422(team: Any) -> None:
    response = Api(team.users["owner"]).call("GET", disclosure_url(team, "FR"))
    assert response.status_code == 422 and "market" in response.content.decode()


def test_check_api_takes_sponsored(team: Any) -> None:
    api = Api(team.users["viewer"])
    found = api.call("POST", "/check", {"text": "New boots", "market": "GB", "sponsored": True})
    assert [f["rule"] for f in found.json()["findings"]] == ["style.disclosure"]
    plain = api.call("POST", "/check", {"text": "New boots", "market": "GB"})
    assert plain.json()["findings"] == []


def test_posts_api_sets_and_clears_sponsored(team: Any) -> None:
    api = Api(team.users["contributor"])
    base = f"/workspaces/{team.workspace.slug}/posts"
    created = api.call("POST", base, {"market_id": team.gb.pk, "text": "#ad Boots"}).json()
    assert created["sponsored"] is False
    patched = api.call("PATCH", f"{base}/{created['id']}", {"sponsored": True}).json()
    assert patched["sponsored"] is True
    bad = api.call("PATCH", f"{base}/{created['id']}", {"sponsored": "perhaps"})
    assert error_fields(bad) == ["payload.sponsored"]
