"""Only managers and owners set a member's relation to the business (issue 12, point 13).

The relation (employee, freelancer, agency) decides the member's sourcing class, and so
which column of Costs their work is counted in; a member must not move themselves.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

PROFILE = {
    "home_country": "IN",
    "timezone": "Asia/Kolkata",
    "languages_text": "en-IN",
    "mon_start": "10:00",
    "mon_end": "18:00",
}


def _page(team: Any, persona: str, data: dict[str, Any]) -> Any:
    url = f"/w/{team.workspace.slug}/members/{team.members['contributor'].pk}/"
    return team.client(persona).post(url, data)


def _api(team: Any, persona: str, body: dict[str, Any]) -> Any:
    url = f"/api/v1/workspaces/{team.workspace.slug}/members/{team.members['contributor'].pk}"
    return team.client(persona).patch(url, json.dumps(body), content_type="application/json")


def _relation(team: Any) -> tuple[str, str, str]:
    member = team.members["contributor"]
    member.refresh_from_db()
    return member.relation, member.agency_name, member.sourcing_class


def test_a_contributor_cannot_make_themselves_an_employee_through_the_api(team: Any) -> None:
    response = _api(team, "contributor", {"relation": "employee"})
    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["detail"]] == ["relation"]
    assert "only managers and owners" in response.json()["detail"][0]["msg"]
    agency = _api(team, "contributor", {"relation": "agency", "agency_name": "Brightwave"})
    assert agency.status_code == 422
    assert _relation(team) == ("freelancer", "", "offshored")


def test_a_contributor_may_send_back_the_relation_they_have(team: Any) -> None:
    response = _api(team, "contributor", {"relation": "freelancer", "timezone": "Asia/Kolkata"})
    assert response.status_code == 200, response.content


def test_the_profile_page_shows_a_contributor_their_relation_but_keeps_it(team: Any) -> None:
    response = _page(team, "contributor", {**PROFILE, "relation": "employee"})
    assert response.status_code == 302
    assert _relation(team) == ("freelancer", "", "offshored")
    url = f"/w/{team.workspace.slug}/members/{team.members['contributor'].pk}/"
    page = team.client("contributor").get(url).content.decode()
    assert "Only managers and owners can change this." in page


@pytest.mark.parametrize("persona", ["manager", "owner"])
def test_managers_and_owners_set_the_relation(team: Any, persona: str) -> None:
    assert _api(team, persona, {"relation": "employee"}).status_code == 200
    assert _relation(team) == ("employee", "", "in-house")
    page = _page(team, persona, {**PROFILE, "relation": "agency", "agency_name": "Brightwave"})
    assert page.status_code == 302
    assert _relation(team) == ("agency", "Brightwave", "offshored")
