"""The profile page edits working hours in one weekly editor, and saves what it shows."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

SPLIT_MONDAY = {"mon": [["09:00", "12:30"], ["14:00", "18:00"]], "tue": [["10:00", "16:00"]]}


class FormReader(HTMLParser):
    """Every id on the page, and what a browser would submit for the page's form."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        if "id" in attr:
            self.ids.append(attr["id"])
        if tag == "input" and attr.get("name") and "disabled" not in attr:
            if attr.get("type") == "checkbox":  # sent only when ticked, as "on"
                if "checked" in attr:
                    self.fields.append((attr["name"], attr.get("value") or "on"))
            elif attr.get("type") != "submit":
                self.fields.append((attr["name"], attr.get("value", "")))
        elif tag == "select" and "disabled" not in attr:
            self._select = attr.get("name")
        elif tag == "option" and self._select and "selected" in attr:
            self.fields.append((self._select, attr.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def read_page(client: Client, url: str) -> FormReader:
    page = client.get(url)
    assert page.status_code == 200
    reader = FormReader()
    reader.feed(page.content.decode())
    return reader


def profile(team: Any, persona: str) -> tuple[Client, str, Any]:
    member = team.members[persona]
    member.working_hours = SPLIT_MONDAY
    member.save()
    return team.client(persona), f"/w/{team.workspace.slug}/members/{member.pk}/", member


def test_profile_page_ids_are_unique(team: Any) -> None:
    client, url, _ = profile(team, "contributor")
    ids = Counter(read_page(client, url).ids)
    assert [name for name, count in ids.items() if count > 1] == []


def test_every_span_of_a_day_is_shown_once(team: Any) -> None:
    client, url, _ = profile(team, "contributor")
    values = [
        value
        for name, value in read_page(client, url).fields
        if name.startswith(("mon_start", "mon_end"))
    ]
    assert sorted(v for v in values if v) == ["09:00", "12:30", "14:00", "18:00"]


def test_saving_the_page_as_shown_keeps_a_split_shift_and_the_edit(team: Any) -> None:
    client, url, member = profile(team, "contributor")
    submitted = dict(read_page(client, url).fields)
    assert submitted["tue_start"] == "10:00"
    submitted |= {"tue_start": "11:00", "tue_end": "19:00"}
    assert client.post(url, submitted).status_code == 302
    member.refresh_from_db()
    assert member.working_hours == {
        "mon": [["09:00", "12:30"], ["14:00", "18:00"]],
        "tue": [["11:00", "19:00"]],
    }


def test_a_second_span_is_added_in_the_empty_pair(team: Any) -> None:
    client, url, member = profile(team, "contributor")
    submitted = dict(read_page(client, url).fields)
    assert submitted["tue_start_2"] == ""  # the empty pair offered under Tuesday
    submitted |= {"tue_start_2": "18:00", "tue_end_2": "20:00"}
    assert client.post(url, submitted).status_code == 302
    member.refresh_from_db()
    assert member.working_hours["tue"] == [["10:00", "16:00"], ["18:00", "20:00"]]


def test_a_fifth_span_cannot_be_offered(team: Any) -> None:
    client, url, member = profile(team, "contributor")
    member.working_hours = {
        "wed": [["01:00", "02:00"], ["03:00", "04:00"], ["05:00", "06:00"], ["07:00", "08:00"]]
    }
    member.save()
    names = [name for name, _ in read_page(client, url).fields if name.startswith("wed_start")]
    assert names == ["wed_start", "wed_start_2", "wed_start_3", "wed_start_4"]


def test_a_day_unticked_is_saved_as_a_day_off_even_with_its_times_sent(team: Any) -> None:
    """Without script the unticked day's times are still sent; the box decides."""
    client, url, member = profile(team, "contributor")
    submitted = dict(read_page(client, url).fields)
    assert submitted["tue_works"] == "on" and "wed_works" not in submitted
    del submitted["tue_works"]
    assert client.post(url, submitted).status_code == 302
    member.refresh_from_db()
    assert member.working_hours == {"mon": [["09:00", "12:30"], ["14:00", "18:00"]]}


def test_a_ticked_day_without_times_is_named(team: Any) -> None:
    client, url, member = profile(team, "contributor")
    submitted = dict(read_page(client, url).fields) | {"wed_works": "on"}
    page = client.post(url, submitted)
    assert page.status_code == 422
    assert "Wednesday: give the hours you work, or untick the day" in page.content.decode()


def test_a_span_the_model_refuses_is_named_by_the_day_in_its_row(team: Any) -> None:
    client, url, member = profile(team, "contributor")
    submitted = dict(read_page(client, url).fields) | {"tue_start": "10:00", "tue_end": "10:00"}
    page = client.post(url, submitted).content.decode()
    assert 'id="id_tue_end_error" data-field="tue">Tuesday: a span must not start and end' in page


def test_the_week_starts_on_the_members_own_first_day(team: Any) -> None:
    """The contributor works from India, where CLDR starts the week on Sunday."""
    client, url, member = profile(team, "contributor")
    assert member.home_country == "IN"
    days = re.findall(r'class="day-row[^"]*" data-day="(\w+)"', client.get(url).content.decode())
    assert days == ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    owner_client, owner_url, _ = profile(team, "owner")
    days = re.findall(
        r'class="day-row[^"]*" data-day="(\w+)"', owner_client.get(owner_url).content.decode()
    )
    assert days[0] == "mon"
