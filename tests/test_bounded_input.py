"""Every list and string a page or the API takes is bounded, by one rule both share.

Working hours hold at most four spans a day once overlapping and repeated spans are
merged (10,000 spans made Team → Hours take 6-50 s for everyone); variant texts, tags,
zones, slots and languages have the same caps in the API as on the pages; exchange rates
are positive numbers Decimal and the Costs page can compute with (1e400 was taken, and
then every Costs page answered 500).
"""

from __future__ import annotations

import json
from datetime import time
from typing import Any

import pytest

from onshore.localtime import DayHours, parse_weekly_hours, weekly_hours_to_json

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

FIVE_SPANS = [["06:00", "07:00"], ["08:00", "09:00"], ["10:00", "11:00"], ["12:00", "13:00"]]
FIVE_SPANS.append(["14:00", "15:00"])
FIVE_SPANS_TEXT = "mon 06:00-07:00, 08:00-09:00, 10:00-11:00, 12:00-13:00, 14:00-15:00"

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


def _api(client: Any, method: str, url: str, body: Any) -> Any:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def _locations(response: Any) -> list[list[Any]]:
    return [item["loc"] for item in response.json()["detail"]]


# --- working hours ----------------------------------------------------------------------


def test_api_refuses_five_working_spans_on_a_day_naming_the_field(team: Any) -> None:
    member = team.members["contributor"]
    response = _api(
        team.client("contributor"),
        "PATCH",
        f"/api/v1/workspaces/{team.workspace.slug}/members/{member.pk}",
        {"working_hours": {"mon": FIVE_SPANS}},
    )
    assert response.status_code == 422
    assert ["body", "working_hours"] in _locations(response)
    assert "mon: at most 4 working spans a day, not 5" in response.content.decode()
    member.refresh_from_db()
    assert member.working_hours == {"mon": [["10:00", "18:00"]]}


def test_api_refuses_ten_thousand_spans_before_reading_them(team: Any) -> None:
    member = team.members["contributor"]
    spans = [["09:00", "17:00"]] * 10_000
    response = _api(
        team.client("contributor"),
        "PATCH",
        f"/api/v1/workspaces/{team.workspace.slug}/members/{member.pk}",
        {"working_hours": {"tue": spans}},
    )
    assert response.status_code == 422
    assert any(loc[-2:] == ["working_hours", "tue"] for loc in _locations(response))


def test_what_if_page_refuses_five_spans_on_a_day_on_the_hours_field(team: Any) -> None:
    response = team.client("owner").post(
        f"/w/{team.workspace.slug}/costs/what-if/", {**WHAT_IF, "hours": FIVE_SPANS_TEXT}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["hours"] == [
        "mon: at most 4 working spans a day, not 5; join or drop some"
    ]


def test_what_if_api_refuses_five_spans_on_a_day_naming_hours(team: Any) -> None:
    response = _api(
        team.client("owner"),
        "POST",
        f"/api/v1/workspaces/{team.workspace.slug}/costs/what-if",
        {**WHAT_IF, "hours": FIVE_SPANS_TEXT},
    )
    assert response.status_code == 422
    assert ["body", "hours"] in _locations(response)


def test_overlapping_and_repeated_spans_are_merged_when_saved(team: Any) -> None:
    member = team.members["contributor"]
    response = _api(
        team.client("contributor"),
        "PATCH",
        f"/api/v1/workspaces/{team.workspace.slug}/members/{member.pk}",
        {
            "working_hours": {
                "mon": [["13:00", "17:00"], ["09:00", "12:00"], ["11:00", "14:00"]],
                "tue": [["09:00", "17:00"]] * 20,
                "fri": [["22:00", "02:00"], ["23:00", "04:00"], ["18:00", "20:00"]],
            }
        },
    )
    assert response.status_code == 200, response.content
    expected = {
        "mon": [["09:00", "17:00"]],
        "tue": [["09:00", "17:00"]],
        "fri": [["18:00", "20:00"], ["22:00", "04:00"]],
    }
    assert response.json()["working_hours"] == expected
    member.refresh_from_db()
    assert member.working_hours == expected


def test_spans_merge_across_midnight_and_touching_spans_join() -> None:
    week = parse_weekly_hours({"sat": [["20:00", "23:00"], ["23:00", "01:30"], ["01:00", "02:00"]]})
    # 01:00-02:00 is Saturday's early morning, not the tail of Saturday night.
    assert week["sat"] == (DayHours(time(1), time(2)), DayHours(time(20), time(1, 30)))
    assert weekly_hours_to_json(week) == {"sat": [["01:00", "02:00"], ["20:00", "01:30"]]}


def test_spans_that_join_into_a_whole_day_are_refused() -> None:
    with pytest.raises(ValueError, match="sun: the spans join into a whole day"):
        parse_weekly_hours({"sun": [["08:00", "07:00"], ["06:00", "09:00"]]})


# --- variants, tags and the other API lists ---------------------------------------------


def test_a_10001_character_variant_via_the_api_is_a_422_naming_it(team: Any) -> None:
    response = _api(
        team.client("contributor"),
        "POST",
        f"/api/v1/workspaces/{team.workspace.slug}/posts",
        {"market_id": team.gb.pk, "text": "Tea", "variants": {"x": "a" * 10_001}},
    )
    assert response.status_code == 422
    assert ["body", "payload", "variants", "x"] in _locations(response)
    assert not team.workspace.posts.exists()


def test_a_10000_character_variant_is_the_most_the_page_and_api_take(team: Any) -> None:
    from onshore.posts.forms import PostForm
    from onshore.posts.models import MAX_TEXT

    assert PostForm(workspace=team.workspace).fields["variant_x"].max_length == MAX_TEXT == 10_000
    response = _api(
        team.client("contributor"),
        "POST",
        f"/api/v1/workspaces/{team.workspace.slug}/posts",
        {"market_id": team.gb.pk, "text": "Tea", "variants": {"x": "a" * 10_000}},
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/posts", {"text": "Tea", "tags": ["t" * 41]}, ["tags", 0]),
        ("/posts", {"text": "Tea", "tags": [f"t{n}" for n in range(31)]}, ["tags"]),
        ("/markets", {"country": "US", "language": "en-US", "other_zones": ["Z" * 65]}, None),
        (
            "/markets",
            {"country": "US", "language": "en-US", "posting_slots": [{"days": ["mon"] * 8}]},
            None,
        ),
    ],
    ids=["tag length", "tag count", "zone name", "slot days"],
)
def test_api_lists_and_strings_are_bounded_naming_the_field(
    team: Any, path: str, body: dict[str, Any], field: list[Any] | None
) -> None:
    if path == "/posts":
        body = {"market_id": team.gb.pk, **body}
    response = _api(
        team.client("owner"), "POST", f"/api/v1/workspaces/{team.workspace.slug}{path}", body
    )
    assert response.status_code == 422
    named = json.dumps(_locations(response))
    assert (
        json.dumps(field)[1:-1] in named
        if field
        else next(iter(body.keys() - {"country", "language"})) in named
    )


def _request_schemas(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every schema a client sends: request bodies (through $refs) and query parameters."""
    found: list[tuple[str, dict[str, Any]]] = []
    components = schema["components"]["schemas"]

    def walk(where: str, node: Any) -> None:
        if isinstance(node, dict):
            if "$ref" in node:
                walk(where, components[node["$ref"].rsplit("/", 1)[1]])
                return
            if _is_decimal(node):
                return  # a number or its text: bounded by max_digits, checked on reading
            found.append((where, node))
            for key, value in node.items():
                walk(f"{where}.{key}", value)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(f"{where}[{index}]", value)

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            label = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    walk(f"{label} ?{parameter['name']}", parameter["schema"])
            body = operation.get("requestBody", {}).get("content", {})
            for media in body.values():
                walk(f"{label} body", media["schema"])
    return found


def _is_decimal(node: dict[str, Any]) -> bool:
    kinds = {option.get("type") for option in node.get("anyOf", [])}
    return {"number", "string"} <= kinds


def test_every_string_list_and_map_the_api_takes_declares_its_bound() -> None:
    from onshore.api.app import api

    unbounded = []
    for where, node in _request_schemas(api.get_openapi_schema()):
        kind = node.get("type")
        if kind == "string" and not ({"maxLength", "enum", "format"} & node.keys()):
            unbounded.append(where)
        if kind == "array" and "maxItems" not in node:
            unbounded.append(where)
        if kind == "object" and node.get("additionalProperties") and "maxProperties" not in node:
            unbounded.append(where)
    assert not unbounded


# --- exchange rates and money -----------------------------------------------------------


@pytest.mark.parametrize("rate", ["1e400", "Infinity", "NaN", "sNaN", "-1", "0", "1000001"])
def test_cost_settings_page_refuses_a_rate_decimal_cannot_hold_and_costs_still_answer(
    team: Any, rate: str
) -> None:
    client = team.client("owner")
    slug = team.workspace.slug
    response = client.post(
        f"/w/{slug}/costs/settings/",
        {
            "reviewer_hourly_value": "40",
            "minutes_per_review": "10",
            "minutes_per_comment": "3",
            "contributor_hours_per_round": "0.5",
            "rates_text": f"USD {rate}",
        },
    )
    assert response.status_code == 422
    assert "USD" in " ".join(response.context["form"].errors["rates_text"])
    _engagement_in_dollars(team)
    assert client.get(f"/w/{slug}/costs/").status_code == 200


@pytest.mark.parametrize("rate", ["1e400", "0.000000000001", "-0.5", "x"])
def test_cost_settings_api_refuses_a_bad_rate_naming_rates(team: Any, rate: str) -> None:
    client = team.client("owner")
    slug = team.workspace.slug
    response = _api(
        client,
        "PUT",
        f"/api/v1/workspaces/{slug}/cost-settings",
        {
            "reviewer_hourly_value": "40",
            "minutes_per_review": "10",
            "minutes_per_comment": "3",
            "contributor_hours_per_round": "0.5",
            "rates": {"USD": rate},
        },
    )
    assert response.status_code == 422
    assert ["body", "rates"] in _locations(response)
    _engagement_in_dollars(team)
    assert client.get(f"/w/{slug}/costs/").status_code == 200
    assert client.get(f"/api/v1/workspaces/{slug}/costs").status_code == 200


def test_a_rate_saved_before_the_bound_leaves_the_costs_pages_answering(team: Any) -> None:
    from onshore.ledger.models import CostSettings

    CostSettings.objects.create(workspace=team.workspace, rates={"USD": "1e400", "INR": "0.0094"})
    _engagement_in_dollars(team)
    client = team.client("owner")
    slug = team.workspace.slug
    for url in (f"/w/{slug}/costs/", f"/w/{slug}/costs/report/", f"/w/{slug}/costs/export.csv"):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/api/v1/workspaces/{slug}/costs").status_code == 200


def test_good_rates_are_stored_in_plain_digits(team: Any) -> None:
    client = team.client("owner")
    response = client.post(
        f"/w/{team.workspace.slug}/costs/settings/",
        {
            "reviewer_hourly_value": "40",
            "minutes_per_review": "10",
            "minutes_per_comment": "3",
            "contributor_hours_per_round": "0.5",
            "rates_text": "USD 0.79, INR 0.0094, VND 3E-5",
        },
    )
    assert response.status_code == 302
    from onshore.ledger.models import CostSettings

    rates = CostSettings.of(team.workspace).rates
    assert rates == {"USD": "0.79", "INR": "0.0094", "VND": "0.00003"}


@pytest.mark.parametrize("amount", ["1e400", "Infinity", "NaN", "10000000000", "0.001", "-1"])
def test_engagement_amount_beyond_the_money_field_is_refused_page_and_api(
    team: Any, amount: str
) -> None:
    client = team.client("owner")
    slug = team.workspace.slug
    member = team.members["contributor"].pk
    fields = {"name": "", "pricing": "hourly", "currency": "USD", "start": "2026-01-01"}
    page = client.post(f"/w/{slug}/engagements/", {**fields, "member": member, "amount": amount})
    assert page.status_code in (200, 422)
    assert "amount" in page.context["form"].errors
    api = _api(
        client,
        "POST",
        f"/api/v1/workspaces/{slug}/engagements",
        {**fields, "member_id": member, "amount": amount, "end": None},
    )
    assert api.status_code == 422
    assert any(loc[-1] == "amount" for loc in _locations(api))
    assert client.get(f"/w/{slug}/costs/").status_code == 200


def _engagement_in_dollars(team: Any) -> None:
    from onshore.ledger.models import Engagement

    Engagement.objects.create(
        workspace=team.workspace,
        member=team.members["contributor"],
        pricing="monthly_retainer",
        amount="9999999999.99",
        currency="USD",
        start="2026-01-01",
    )
