"""The time-zone picker on every form that takes a zone: the zones offered (city,
country, offset now), the country's zones known to the script, and the server's words
for a value that is not a zone."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.factories import make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

NOT_A_ZONE = "'Mars/Base' is not a time zone; pick one from the list, e.g. Europe/London"


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def errors_shown(response: Any, field: str) -> list[str]:
    found = re.findall(rf'data-field="{field}">([^<]*)<', response.content.decode())
    return [html.unescape(text) for text in found]


def profile_form(**changes: str) -> dict[str, str]:
    return {
        "relation": "freelancer",
        "agency_name": "",
        "home_country": "IN",
        "timezone": "Asia/Kolkata",
        "languages_text": "en-IN",
        "mon_start": "10:00",
        "mon_end": "18:00",
        **changes,
    }


@pytest.mark.usefixtures("planning_clock")
def test_profile_offers_every_zone_by_city_country_and_offset(team: Any) -> None:
    member = team.members["contributor"]
    page = logged_in(team.users["contributor"]).get(
        f"/w/{team.workspace.slug}/members/{member.pk}/"
    )
    text = page.content.decode()
    field = re.search(r"<input[^>]*name=\"timezone\"[^>]*>", text)
    assert field is not None
    assert 'list="iana-zones"' in field.group(0)
    assert 'data-country-from="id_home_country"' in field.group(0)
    # 5 January: Los Angeles is on winter time; the label says where and how far from UTC.
    assert (
        '<option value="America/Los_Angeles" label="Los Angeles, United States (UTC−08:00)" '
        'data-country="US">' in text
    )
    assert 'label="Kolkata, India (UTC+05:30)" data-country="IN"' in text
    assert 'value="US/Pacific"' not in text  # aliases are accepted, not offered
    assert text.count("<option value=") >= 400


def test_the_offsets_are_those_of_today(team: Any) -> None:
    member = team.members["contributor"]
    client = logged_in(team.users["contributor"])
    with time_machine.travel(datetime(2026, 7, 1, 12, tzinfo=UTC), tick=False):
        text = client.get(f"/w/{team.workspace.slug}/members/{member.pk}/").content.decode()
    assert 'label="Los Angeles, United States (UTC−07:00)"' in text


def test_a_bad_zone_is_named_and_nothing_is_saved(team: Any) -> None:
    member = team.members["contributor"]
    url = f"/w/{team.workspace.slug}/members/{member.pk}/"
    response = logged_in(team.users["contributor"]).post(url, profile_form(timezone="Mars/Base"))
    assert response.status_code == 422
    assert errors_shown(response, "timezone") == [f"Time zone: {NOT_A_ZONE}"]
    member.refresh_from_db()
    assert member.timezone == "Asia/Kolkata"


def test_an_old_name_is_saved_as_the_zone_it_names(team: Any) -> None:
    member = team.members["contributor"]
    url = f"/w/{team.workspace.slug}/members/{member.pk}/"
    client = logged_in(team.users["contributor"])
    assert client.post(url, profile_form(timezone="asia/calcutta")).status_code == 302
    member.refresh_from_db()
    assert member.timezone == "Asia/Kolkata"


def test_market_form_has_one_list_for_both_pickers_and_names_a_bad_zone(team: Any) -> None:
    client = logged_in(team.users["owner"])
    url = f"/w/{team.workspace.slug}/markets/new/"
    text = client.get(url).content.decode()
    assert text.count('id="iana-zones"') == 1
    assert 'data-zone-picker="one"' in text and 'data-zone-picker="multiple"' in text
    assert text.count('data-country-from="id_country"') == 2
    response = client.post(
        url,
        {
            "country": "US",
            "language": "en-US",
            "timezone": "US/Pacific",
            "other_zones_text": "America/Chicago, Mars/Base",
        },
    )
    assert response.status_code == 422
    assert errors_shown(response, "other_zones_text") == [f"Other time zones: {NOT_A_ZONE}"]
    assert errors_shown(response, "timezone") == []  # the alias is the zone it names
    saved = client.post(
        url,
        {
            "country": "US",
            "language": "en-US",
            "timezone": "US/Pacific",
            "other_zones_text": "America/Chicago, US/Eastern, ",
        },
    )
    assert saved.status_code == 302
    market = team.workspace.markets.get(country="US")
    assert market.zones == ["America/Los_Angeles", "America/Chicago", "America/New_York"]


def test_new_workspace_names_a_bad_home_zone() -> None:
    client = logged_in(make_user("ana@example.com", "Ana"))
    page = client.get("/w/new/").content.decode()
    assert 'data-country-from="id_home_country"' in page
    assert 'data-country-from="id_market_country"' in page
    response = client.post(
        "/w/new/",
        {
            "name": "Thistle Knitwear",
            "home_country": "GB",
            "home_timezone": "Mars/Base",
            "currency": "",
            "market_country": "GB",
            "market_language": "en-GB",
            "market_timezone": "",
        },
    )
    assert response.status_code == 422
    assert errors_shown(response, "home_timezone") == [f"Home time zone: {NOT_A_ZONE}"]


def test_settings_and_what_if_take_a_zone_through_the_picker(team: Any) -> None:
    client = logged_in(team.users["owner"])
    settings = client.get(f"/w/{team.workspace.slug}/settings/").content.decode()
    assert 'name="home_timezone"' in settings and 'data-zone-picker="one"' in settings
    url = f"/w/{team.workspace.slug}/costs/what-if/"
    assert 'data-country-from="id_country"' in client.get(url).content.decode()
    vendor = {"pricing": "per_post", "amount": "25", "currency": "GBP", "country": "IN",
              "zone": "Mars/Base", "hours": "mon-fri 10:00-18:00", "posts_per_month": "20",
              "explaining_hours": "0"}  # fmt: skip
    response = client.post(url, vendor)
    assert response.status_code == 422
    assert errors_shown(response, "zone") == [f"Time zone: {NOT_A_ZONE}"]
