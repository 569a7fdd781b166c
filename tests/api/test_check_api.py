"""``POST /api/v1/check`` returns the checker's findings, and names bad fields."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def post(client: Client, body: dict[str, Any]) -> Any:
    return client.post("/api/v1/check", json.dumps(body), content_type="application/json")


@pytest.fixture
def client(team: Any) -> Client:
    client = Client()
    client.force_login(team.users["contributor"])
    return client


def test_findings_for_a_us_post_with_uk_spelling_and_a_wrong_zone(client: Client) -> None:
    text = "Our new colour range lands at 9am EST on Friday 10 July 2026!"
    response = post(client, {"text": text, "market": "US", "at": "2026-07-01T10:00:00-04:00"})
    assert response.status_code == 200
    findings = response.json()["findings"]
    by_category = {f["category"]: f for f in findings}
    spelling = by_category["spelling"]
    assert text[spelling["start"] : spelling["end"]] == "colour"
    assert spelling["suggestion"] == "color"
    assert "timezone" in by_category


def test_a_clean_post_has_no_findings(client: Client) -> None:
    response = post(
        client, {"text": "Fresh scones and a proper cuppa, all weekend.", "market": "GB"}
    )
    assert response.json() == {"findings": []}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "hi", "market": "QQ"}, "market"),
        ({"text": "hi", "market": "GB", "network": "myspace"}, "network"),
        ({"text": "hi", "market": "DE", "locale": "xx-YY"}, "locale"),
        ({"text": "hi", "market": "CH", "locale": "de_CH_bogus"}, "locale"),
        ({"text": "hi", "market": "GB", "at": "next tuesday"}, "at"),
        ({"text": "hi", "market": "GB", "at": "2026-07-01T10:00", "zone": "Mars/Base"}, "zone"),
        ({"market": "GB"}, "payload.text"),
        ({"text": "hi", "market": "GB", "mood": "sunny"}, "payload.mood"),
    ],
)
def test_bad_check_input_is_422_naming_the_field(
    client: Client, body: dict[str, Any], field: str
) -> None:
    response = post(client, body)
    assert response.status_code == 422, response.content
    fields = [".".join(map(str, item["loc"][1:])) for item in response.json()["detail"]]
    assert field in fields


def test_check_needs_authentication() -> None:
    assert post(Client(), {"text": "hi", "market": "GB"}).status_code == 401


def test_a_swiss_post_is_checked_with_swiss_formats(client: Client) -> None:
    text = "Jetzt nur 1,234.50 CHF und am 12/30/2026 geschlossen."
    response = post(client, {"text": text, "market": "CH", "locale": "de-CH"})
    assert response.status_code == 200
    found = {f["rule"]: f for f in response.json()["findings"]}
    assert found["format.price"]["suggestion"] == "1'234.50 CHF"
    assert found["date.impossible_for_locale"]["severity"] == "error"
    assert found["date.impossible_for_locale"]["suggestion"] == "30.12.2026"


def test_an_unknown_locale_names_the_field_and_how_to_list_locales(client: Client) -> None:
    response = post(client, {"text": "hi", "market": "DE", "locale": "xx-YY"})
    assert response.status_code == 422
    (item,) = [i for i in response.json()["detail"] if i["loc"][-1] == "locale"]
    assert "--list-locales" in item["msg"]
