"""The web pages: creating a workspace, markets, profiles, invitations, the Team page."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client

from onshore.workspaces.models import Invitation, Market, Membership, Workspace
from tests.factories import make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

NEW_WORKSPACE = {
    "name": "Thistle Knitwear",
    "home_country": "GB",
    "home_timezone": "",
    "currency": "",
    "market_country": "GB",
    "market_language": "en-GB",
    "market_timezone": "Europe/London",
}


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def field_error(response: Any, field: str) -> str:
    match = re.search(rf'data-field="{field}">([^<]*)<', response.content.decode())
    assert match, f"no error shown for {field}"
    return match.group(1)


def test_create_a_workspace_with_its_first_market() -> None:
    client = logged_in(make_user("ana@example.com", "Ana"))
    response = client.post("/w/new/", NEW_WORKSPACE)
    assert response.status_code == 302
    workspace = Workspace.objects.get()
    assert (workspace.currency, workspace.home_timezone) == ("GBP", "Europe/London")
    assert workspace.markets.get().language == "en-GB"
    assert workspace.memberships.get().role == "owner"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "x" * 101}, "name", "at most 100"),
        ({"home_country": "XX"}, "home_country", "valid choice"),
        ({"home_timezone": "Europe/Paris"}, "home_timezone", "not a time zone of United Kingdom"),
        ({"currency": "ZZZ"}, "currency", "not an ISO 4217"),
        ({"market_language": "!!"}, "market_language", "not a language tag"),
        (
            {"market_timezone": "America/Chicago"},
            "market_timezone",
            "not a time zone of United Kingdom",
        ),
    ],
)
def test_bad_workspace_form_input_names_the_field_and_creates_nothing(
    changes: dict[str, str], field: str, words: str
) -> None:
    client = logged_in(make_user("ana@example.com", "Ana"))
    response = client.post("/w/new/", {**NEW_WORKSPACE, **changes})
    assert response.status_code == 422
    assert words in field_error(response, field)
    assert not Workspace.objects.exists() and not Market.objects.exists()


def test_names_with_html_are_shown_as_text(team: Any) -> None:
    client = logged_in(team.users["owner"])
    client.post(
        f"/w/{team.workspace.slug}/settings/",
        {
            "name": "<script>alert(1)</script>",
            "home_country": "GB",
            "home_timezone": "Europe/London",
            "currency": "GBP",
        },
    )
    page = client.get(f"/w/{team.workspace.slug}/team/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_add_a_multi_zone_market(team: Any) -> None:
    client = logged_in(team.users["manager"])
    response = client.post(
        f"/w/{team.workspace.slug}/markets/new/",
        {
            "country": "US",
            "language": "en-US",
            "timezone": "",
            "other_zones_text": "America/Chicago, America/Los_Angeles",
        },
    )
    assert response.status_code == 302
    market = team.workspace.markets.get(country="US")
    assert market.zones == ["America/New_York", "America/Chicago", "America/Los_Angeles"]
    bad = client.post(
        f"/w/{team.workspace.slug}/markets/{market.pk}/",
        {
            "country": "US",
            "language": "en-US",
            "timezone": "",
            "other_zones_text": "Europe/Rome",
        },
    )
    assert "not a time zone of United States" in field_error(bad, "other_zones_text")


def test_profile_form_records_hours_and_refuses_half_a_day(team: Any) -> None:
    member = team.members["contributor"]
    client = logged_in(team.users["contributor"])
    url = f"/w/{team.workspace.slug}/members/{member.pk}/"
    form = {
        "relation": "freelancer",
        "agency_name": "",
        "home_country": "US",
        "timezone": "America/Chicago",
        "languages_text": "en-US, es",
        "mon_start": "08:00",
        "mon_end": "16:00",
        "fri_start": "22:00",
        "fri_end": "02:00",
    }
    assert client.post(url, form).status_code == 302
    member.refresh_from_db()
    assert member.working_hours == {"mon": [["08:00", "16:00"]], "fri": [["22:00", "02:00"]]}
    assert member.languages == ["en-US", "es"]
    half = client.post(url, {**form, "tue_start": "09:00"})
    assert half.status_code == 422
    assert "give both a start and an end" in half.content.decode()
    wrong_zone = client.post(url, {**form, "timezone": "Asia/Tokyo"})
    assert "not a time zone of United States" in field_error(wrong_zone, "timezone")


def test_invitation_is_emailed_and_joins_once(team: Any) -> None:
    client = logged_in(team.users["owner"])
    page = client.post(
        f"/w/{team.workspace.slug}/invitations/",
        {"email": "new@example.com", "role": "contributor"},
    )
    link = re.search(
        r'id="invite-link" class="wide" readonly value="([^"]+)"', page.content.decode()
    )
    assert link and link.group(1) in mail.outbox[0].body
    path = link.group(1).split("127.0.0.1:8000", 1)[-1]

    anonymous = Client().get(path)
    assert b"Sign up or log in to accept" in anonymous.content
    newcomer = logged_in(make_user("new@example.com", "New Person"))
    joined = newcomer.post(path)
    member = Membership.objects.get(user__email="new@example.com")
    assert joined["Location"] == f"/w/{team.workspace.slug}/members/{member.pk}/"
    assert Client().get(path).status_code == 410


def test_unknown_invitation_link_is_404_with_a_message() -> None:
    response = Client().get("/invite/not-a-token/")
    assert response.status_code == 404
    assert b"not one we issued" in response.content


def test_signup_from_an_invitation_comes_back_to_it(team: Any) -> None:
    _, token = Invitation.issue(team.workspace, "reviewer", team.users["owner"])
    client = Client()
    response = client.post(
        f"/signup/?next=/invite/{token}/",
        {
            "name": "Client",
            "email": "client@example.com",
            "password1": "plum-orchard-lantern-42",
            "password2": "plum-orchard-lantern-42",
            "next": f"/invite/{token}/",
        },
    )
    assert response["Location"] == "/signup/sent/"
    (sent,) = mail.outbox
    link = re.search(r"http://127\.0\.0\.1:8000(/signup/confirm/\S+)", sent.body).group(1)
    assert client.post(link)["Location"] == f"/invite/{token}/"
    client.post(f"/invite/{token}/")
    assert Membership.objects.get(user__email="client@example.com").role == "reviewer"


def test_signup_from_an_e_mailed_invitation_starts_with_the_invited_address(team: Any) -> None:
    _, token = Invitation.issue(
        team.workspace, "reviewer", team.users["owner"], email="client@example.com"
    )
    landing = Client().get(f"/invite/{token}/").content.decode()
    sign_up = re.search(r'href="(/signup/\?[^"]+)"', landing).group(1).replace("&amp;", "&")
    form = Client().get(sign_up).content.decode()
    assert re.search(r'<input[^>]*name="email"[^>]*value="client@example.com"', form), form


def test_signup_ignores_a_next_link_to_another_site() -> None:
    client = Client()
    client.post(
        "/signup/",
        {
            "name": "Eve",
            "email": "eve@example.com",
            "password1": "plum-orchard-lantern-42",
            "password2": "plum-orchard-lantern-42",
            "next": "https://evil.example/",
        },
    )
    (sent,) = mail.outbox
    assert "evil.example" not in sent.body
    link = re.search(r"http://127\.0\.0\.1:8000(/signup/confirm/\S+)", sent.body).group(1)
    assert client.post(link + "?next=https://evil.example/")["Location"] == "/"


# 15 July 2026, 12:00 UTC: London is on BST (UTC+1), Kolkata UTC+5:30, Chicago CDT (UTC-5).
SUMMER_NOON = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)


def test_team_page_shows_sourcing_native_flags_and_notes(team: Any) -> None:
    us = Market.objects.create(
        workspace=team.workspace, country="US", language="en-US", timezone="America/New_York"
    )
    chicago = team.members["viewer"]
    chicago.role, chicago.home_country, chicago.timezone = "contributor", "US", "America/Chicago"
    chicago.save()
    sophie = make_user("sophie@example.com", "Sophie")
    Membership.objects.create(
        workspace=team.workspace,
        user=sophie,
        role="contributor",
        relation="freelancer",
        home_country="GB",
        timezone="Europe/London",
    )
    client = logged_in(team.users["owner"])
    with time_machine.travel(SUMMER_NOON, tick=False):
        page = client.get(f"/w/{team.workspace.slug}/team/").content.decode()

    def row(email: str) -> str:
        return re.search(rf'<tr data-member="{re.escape(email)}">(.*?)</tr>', page, re.S).group(1)

    assert 'data-sourcing="in-house"' in row("owner@example.com")
    assert 'data-sourcing="outsourced"' in row("sophie@example.com")
    assert 'data-sourcing="offshored"' in row("contributor@example.com")
    assert 'data-market="GB" data-native="yes"' in row("sophie@example.com")
    assert 'data-market="US" data-native="yes"' in row("viewer@example.com")
    assert 'data-market="GB" data-native="no"' in row("contributor@example.com")
    assert "4 h 30 min ahead of the business" in row("contributor@example.com")
    assert "6 h behind the business" in row("viewer@example.com")

    note = re.search(
        r'data-note-member="contributor@example.com" data-note-market="GB">(.*?)</section>',
        page,
        re.S,
    ).group(1)
    assert "colour" in note and "Mothering Sunday" in note
    assert "It is 13:00 in London, 4 h 30 min behind Contributor Person" in note
    assert "does not work on Wednesdays" in note  # hours are recorded for Mondays only
    assert '<td class="local-time" data-label="Local time">Wed 17:30</td>' in row(
        "contributor@example.com"
    )
    assert '<td class="local-time" data-label="Local time">Wed 07:00</td>' in row(
        "viewer@example.com"
    )
    assert 'data-note-member="sophie@example.com" data-note-market="GB"' not in page
    assert 'data-note-member="sophie@example.com" data-note-market="US"' in page
    assert 'data-note-member="owner@example.com"' not in page  # owners are not contributors
    assert us.pk


def test_team_note_gives_the_working_day_in_the_market_zone(team: Any) -> None:
    monday = datetime(2026, 7, 13, 9, 0, tzinfo=UTC)
    client = logged_in(team.users["contributor"])
    with time_machine.travel(monday, tick=False):
        page = client.get(f"/w/{team.workspace.slug}/team/").content.decode()
    assert "working day today (Monday): 10:00–18:00 in Kolkata is 05:30–13:30 in London" in page


def test_hours_page_draws_overlap_and_names_the_clock_changes(team: Any) -> None:
    new_york = team.members["viewer"]
    new_york.home_country, new_york.timezone = "US", "America/New_York"
    new_york.working_hours = {d: [["09:00", "17:30"]] for d in ("mon", "tue", "wed", "thu", "fri")}
    new_york.save()
    owner = team.members["owner"]  # London, 09:00-17:30 on weekdays (the default)
    with time_machine.travel(datetime(2027, 3, 1, 12, 0, tzinfo=UTC), tick=False):
        client = logged_in(team.users["owner"])  # a session from today would have expired
        page = client.get(f"/w/{team.workspace.slug}/team/hours/").content.decode()
    match = re.search(r'data-member="viewer@example.com">(.*?)</section>', page, re.S)
    assert match, page[:3000]
    section = match.group(1)
    assert "<svg" in section and 'class="band-both"' in section
    assert "17 h 30 min together this week" in section
    assert (
        "From 14 March to 28 March your overlap with Viewer Person grows from 17 h 30 min "
        "to 22 h 30 min a week, then returns to 17 h 30 min." in section
    )
    assert "Viewer Person will likely see this at 09:00 their time — in 2 h" in section
    assert section.count('class="strip-bar"') == 52
    assert owner.working_hours


def test_hours_page_asks_for_your_own_hours_first(team: Any) -> None:
    owner = team.members["owner"]
    owner.working_hours = {}
    owner.save()
    page = logged_in(team.users["owner"]).get(f"/w/{team.workspace.slug}/team/hours/")
    # The frame (header, sidebar) has icons; the page itself draws no bands yet.
    main = page.content.decode().split('<main id="content"', 1)[1]
    assert "Record <a" in main and "<svg" not in main
