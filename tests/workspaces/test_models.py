"""Workspace, market, membership and invitation rules, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import threading
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from onshore.workspaces.models import (
    Invitation,
    InvitationError,
    Market,
    Membership,
    MembershipRuleError,
    Workspace,
)
from tests.factories import make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def errors_of(instance: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def test_workspace_defaults_currency_and_zone_from_the_home_country() -> None:
    workspace = Workspace(name="  Dublin Bakes ", home_country="ie")
    workspace.full_clean()
    assert (workspace.name, workspace.home_country) == ("Dublin Bakes", "IE")
    assert (workspace.currency, workspace.home_timezone) == ("EUR", "Europe/Dublin")
    us = Workspace(name="Boston Beans", home_country="US")
    us.full_clean()
    assert (us.currency, us.home_timezone) == ("USD", "America/New_York")


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"home_country": "XX"}, "home_country", "not an ISO 3166 country code"),
        ({"home_country": "GB", "home_timezone": "Mars/Olympus"}, "home_timezone", "not an IANA"),
        (
            {"home_country": "GB", "home_timezone": "America/New_York"},
            "home_timezone",
            "not a time zone of United Kingdom",
        ),
        ({"home_country": "GB", "currency": "XYZ"}, "currency", "not an ISO 4217"),
        ({"home_country": "GB", "name": ""}, "name", "cannot be blank"),
        ({"home_country": "GB", "name": "x" * 101}, "name", "at most 100"),
    ],
)
def test_workspace_refuses_bad_values_naming_the_field(
    fields: dict[str, str], field: str, words: str
) -> None:
    workspace = Workspace(**{"name": "Acme", **fields})
    errors = errors_of(workspace)
    assert field in errors
    assert words in " ".join(errors[field])


def test_slugs_are_unique(team: Any) -> None:
    twin = Workspace(name="Acme Tea", home_country="GB")
    twin.full_clean()
    twin.save()
    assert twin.slug == "acme-tea-2"


def test_multi_zone_market_keeps_its_primary_and_other_zones(team: Any) -> None:
    market = Market(
        workspace=team.workspace,
        country="us",
        language="en_us",
        other_zones=["America/Chicago", "America/Los_Angeles", "America/Chicago"],
    )
    market.full_clean()
    assert (market.country, market.language, market.timezone) == ("US", "en-US", "America/New_York")
    assert market.zones == ["America/New_York", "America/Chicago", "America/Los_Angeles"]


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"country": "ZZ", "language": "en"}, "country", "not an ISO 3166"),
        ({"country": "GB", "language": "klingon-XX"}, "language", "not a language tag"),
        (
            {"country": "GB", "language": "en-GB", "timezone": "Europe/Paris"},
            "timezone",
            "not a time zone of United Kingdom",
        ),
        (
            {"country": "AU", "language": "en-AU", "other_zones": ["Pacific/Auckland"]},
            "other_zones",
            "not a time zone of Australia",
        ),
        ({"country": "GB", "language": "en-GB"}, "language", "already has that market"),
    ],
)
def test_market_refuses_bad_values_naming_the_field(
    team: Any, fields: dict[str, Any], field: str, words: str
) -> None:
    errors = errors_of(Market(workspace=team.workspace, **fields))
    assert field in errors
    assert words in " ".join(errors[field])


def test_agency_members_must_name_their_agency(team: Any) -> None:
    member = team.members["contributor"]
    member.relation = "agency"
    member.agency_name = "  "
    assert "agency_name" in errors_of(member)
    member.agency_name = "Brightwave Digital"
    member.full_clean()


def test_member_zone_must_be_in_their_country_and_hours_well_formed(team: Any) -> None:
    member = team.members["contributor"]
    member.timezone = "Europe/London"  # home_country is IN
    assert "not a time zone of India" in " ".join(errors_of(member)["timezone"])
    member.timezone = "Asia/Kolkata"
    member.working_hours = {"funday": [["09:00", "17:00"]]}
    assert "unknown weekday" in " ".join(errors_of(member)["working_hours"])
    member.working_hours = {"mon": [["9am", "17:00"]]}
    assert "mon" in " ".join(errors_of(member)["working_hours"])
    member.working_hours = {"fri": [["22:00", "06:00"]]}  # a night shift past midnight is fine
    member.full_clean()


@pytest.mark.parametrize(
    ("relation", "country", "expected"),
    [
        ("employee", "GB", "in-house"),
        ("employee", "IN", "in-house"),  # an employee abroad is still the business's own
        ("freelancer", "GB", "outsourced"),
        ("agency", "GB", "outsourced"),
        ("freelancer", "US", "offshored"),
        ("agency", "IN", "offshored"),
    ],
)
def test_sourcing_class_of_a_member(team: Any, relation: str, country: str, expected: str) -> None:
    member = team.members["contributor"]
    member.relation, member.home_country = relation, country
    assert member.sourcing_class == expected
    assert member.is_native_to(team.gb) is (country == "GB")


def test_invitation_link_works_once(team: Any) -> None:
    invitation, token = Invitation.issue(team.workspace, "contributor", team.users["owner"])
    newcomer = make_user("new@example.com", "New Person")
    member = Invitation.find(token).accept(newcomer)
    assert (member.role, member.workspace) == ("contributor", team.workspace)
    with pytest.raises(InvitationError, match="accepted"):
        Invitation.find(token).accept(make_user("second@example.com", "Second"))
    assert not Membership.objects.filter(user__email="second@example.com").exists()


def test_invitation_expires_after_seven_days(team: Any) -> None:
    issued = timezone.now()
    with time_machine.travel(issued, tick=False):
        invitation, token = Invitation.issue(team.workspace, "viewer", team.users["owner"])
    with time_machine.travel(issued + timedelta(days=6, hours=23), tick=False):
        assert Invitation.find(token).status == "pending"
    with time_machine.travel(issued + timedelta(days=7, seconds=1), tick=False):
        assert Invitation.find(token).status == "expired"
        with pytest.raises(InvitationError, match="expired"):
            Invitation.find(token).accept(make_user("late@example.com", "Late"))


def test_revoked_invitation_cannot_be_used(team: Any) -> None:
    invitation, token = Invitation.issue(team.workspace, "viewer", team.users["owner"])
    invitation.revoked_at = timezone.now()
    invitation.save()
    with pytest.raises(InvitationError, match="revoked"):
        Invitation.find(token).accept(make_user("x@example.com", "X"))


def test_existing_member_accepting_does_not_use_up_the_link(team: Any) -> None:
    _, token = Invitation.issue(team.workspace, "viewer", team.users["owner"])
    with pytest.raises(InvitationError, match="already a member"):
        Invitation.find(token).accept(team.users["reviewer"])
    assert Invitation.find(token).status == "pending"


def test_only_the_hash_of_an_invitation_token_is_stored(team: Any) -> None:
    invitation, token = Invitation.issue(team.workspace, "viewer", team.users["owner"])
    assert token not in invitation.token_hash
    assert Invitation.find(token + "x") is None


@pytest.mark.skipif(
    not os.environ.get("ONSHORE_DATABASE_URL", "").startswith("postgres"),
    reason="in-memory SQLite is one connection; the race runs on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_people_racing_for_one_link_only_one_joins(team: Any) -> None:
    _, token = Invitation.issue(team.workspace, "viewer", team.users["owner"])
    racers = [make_user(f"racer{i}@example.com", f"Racer {i}") for i in range(4)]
    outcomes: list[str] = []
    barrier = threading.Barrier(len(racers))

    def race(user: Any) -> None:
        barrier.wait()
        try:
            Invitation.find(token).accept(user)
            outcomes.append("joined")
        except InvitationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=race, args=(user,)) for user in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["joined", "refused", "refused", "refused"]
    assert Membership.objects.filter(user__in=racers).count() == 1


def test_the_last_owner_cannot_leave_or_be_demoted(team: Any) -> None:
    owner = team.members["owner"]
    with pytest.raises(MembershipRuleError, match="needs an owner"):
        owner.change_role(owner, "manager")
    with pytest.raises(MembershipRuleError, match="needs an owner"):
        owner.remove(owner)
    team.members["manager"].change_role(owner, "owner")
    owner.change_role(owner, "manager")
    assert Membership.objects.get(pk=owner.pk).role == "manager"


def test_managers_cannot_touch_owners_or_make_owners(team: Any) -> None:
    manager = team.members["manager"]
    with pytest.raises(MembershipRuleError, match="Only an owner"):
        team.members["owner"].change_role(manager, "viewer")
    with pytest.raises(MembershipRuleError, match="Only an owner"):
        team.members["viewer"].change_role(manager, "owner")
    with pytest.raises(MembershipRuleError, match="Only an owner"):
        team.members["owner"].remove(manager)
    team.members["viewer"].change_role(manager, "reviewer")
    assert Membership.objects.get(pk=team.members["viewer"].pk).role == "reviewer"
