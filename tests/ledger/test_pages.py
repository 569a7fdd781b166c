"""The Cost, Engagements, Time, Settings and What-if pages and their API, on real data.

The demo workspace is loaded at a fixed instant, so its twelve weeks of history (and so
every figure) are the same on every run.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client

from onshore.demo import DEMO_SLUG, load_demo
from onshore.ledger.models import CostSettings, Engagement, TimeEntry
from onshore.ledger.report import build_report, default_period

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


@pytest.fixture
def demo() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield load_demo(NOW)


def login(email: str) -> Client:
    from onshore.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


EMMA = "emma@harbourpine.example"  # owner
SOPHIE = "sophie@turnerwrites.example"  # contributor, per post
MEGAN = "megan@brookscopy.example"  # contributor, hourly


def test_demo_has_enough_history_for_a_verdict(demo: Any) -> None:
    report = build_report(demo, *default_period(demo, NOW.date()))
    classes = {summary.sourcing: summary for summary in report.comparison.classes}

    assert all(summary.enough_data for summary in classes.values())
    assert report.conclusion.startswith("Counted in full, outsourced is the cheapest")
    # The point of the product: offshored is cheaper on fees and dearer in full.
    assert "Offshored looks cheaper on fees alone" in report.conclusion
    offshored, outsourced = classes["offshored"], classes["outsourced"]
    assert offshored.invoiced_per_post.amount < outsourced.invoiced_per_post.amount  # type: ignore[union-attr]
    assert offshored.cost_per_post.amount > outsourced.cost_per_post.amount  # type: ignore[union-attr]
    rows = {row.engagement.name: row for row in report.rows}
    # Reviewers in London answer the Chicago freelancer later than the UK one.
    assert (
        rows["Megan Brooks"].measured.reviewer_response
        > rows["Sophie Turner"].measured.reviewer_response
    )  # type: ignore[operator]
    assert (
        rows["Brightwave Digital"].measured.market_fit_posts
        > rows["Sophie Turner"].measured.market_fit_posts
    )
    assert rows["Megan Brooks"].measured.hours_logged > 0


def test_cost_page_shows_the_verdict_chart_and_every_term(demo: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        response = login(EMMA).get(f"/w/{DEMO_SLUG}/costs/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Counted in full, outsourced is the cheapest" in page
    assert page.count('class="bar class"') == 3
    assert page.count('class="bar engagement"') == 4
    assert 'data-engagement="Brightwave Digital"' in page
    assert "£" in page and "₹" not in page.split("<table")[0]  # all converted to pounds


def test_a_backwards_period_is_refused_by_field(demo: Any) -> None:
    response = login(EMMA).get(f"/w/{DEMO_SLUG}/costs/?start=2026-11-01&end=2026-10-01")

    assert response.status_code == 422
    assert "End: the end (2026-10-01) is before the start (2026-11-01)" in response.content.decode()


def test_csv_and_printable_report_agree_with_the_page(demo: Any) -> None:
    client = login(EMMA)
    query = "start=2026-08-28&end=2026-11-25"
    with time_machine.travel(NOW, tick=False):
        csv_response = client.get(f"/w/{DEMO_SLUG}/costs/export.csv?{query}")
        printable = client.get(f"/w/{DEMO_SLUG}/costs/report/?{query}").content.decode()

    assert csv_response["Content-Type"].startswith("text/csv")
    assert (
        "harbour-pine-coffee-costs-2026-08-28-2026-11-25.csv" in csv_response["Content-Disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode())))
    conclusion = rows[-1]["name"]
    assert conclusion.startswith("Counted in full, outsourced is the cheapest")
    assert conclusion.replace("'", "&#x27;") in printable
    assert 'class="cost-chart"' in printable
    assert "Exchange rate: 1 INR = 0.0094 GBP" in printable
    assert '<header class="top">' not in printable  # nothing to print but the report


def test_api_costs_matches_the_report(demo: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        data = login(EMMA).get(f"/api/v1/workspaces/{DEMO_SLUG}/costs").json()

    report = build_report(demo, *default_period(demo, NOW.date()))
    assert data["conclusion"] == report.conclusion
    assert data["period"] == ["2026-08-28", "2026-11-25"]
    assert {e["name"] for e in data["engagements"]} == {row.engagement.name for row in report.rows}


def test_what_if_uses_the_measured_rounds_and_sets_the_vendor_beside_ours(demo: Any) -> None:
    body = {
        "pricing": "per_post",
        "amount": "25",
        "currency": "GBP",
        "country": "IN",
        "zone": "Asia/Kolkata",
        "hours": "mon-fri 10:00-18:00",
        "posts_per_month": "20",
    }
    with time_machine.travel(NOW, tick=False):
        api = login(EMMA).post(
            f"/api/v1/workspaces/{DEMO_SLUG}/costs/what-if",
            json.dumps(body),
            content_type="application/json",
        )
        page = login(EMMA).post(f"/w/{DEMO_SLUG}/costs/what-if/", {**body, "explaining_hours": "0"})

    assert api.status_code == 200, api.content
    result = api.json()
    assert result["sourcing"] == "offshored"
    measured = build_report(demo, *default_period(demo, NOW.date())).measured_rounds_per_class()
    assert Decimal(result["revision_rounds_per_post"]) == measured["offshored"]
    assert any("as measured for this workspace's offshored" in s for s in result["assumptions"])
    assert result["against"].startswith("At £")
    assert "your outsourced engagements" in result["against"]
    assert page.status_code == 200
    assert result["against"].replace("'", "&#x27;") in page.content.decode()


def test_what_if_names_the_bad_field(demo: Any) -> None:
    client = login(EMMA)
    body = {"pricing": "hourly", "amount": "25", "currency": "GBP", "country": "IN",
            "zone": "Europe/Nowhere", "hours": "mon-fri 10:00-18:00",
            "posts_per_month": "20"}  # fmt: skip

    api = client.post(
        f"/api/v1/workspaces/{DEMO_SLUG}/costs/what-if",
        json.dumps(body),
        content_type="application/json",
    )
    page = client.post(f"/w/{DEMO_SLUG}/costs/what-if/", {**body, "explaining_hours": "0"})

    assert api.status_code == 422
    assert api.json()["detail"][0]["loc"] == ["body", "zone"]
    assert page.status_code == 422
    text = page.content.decode()
    assert 'data-field="zone"' in text and 'data-field="hours_per_post"' in text


def test_cost_settings_refuse_a_bad_rate_by_name(demo: Any) -> None:
    response = login(EMMA).post(
        f"/w/{DEMO_SLUG}/costs/settings/",
        {"reviewer_hourly_value": "45", "minutes_per_review": "10", "minutes_per_comment": "3",
         "contributor_hours_per_round": "0.5", "rates_text": "USD 0.79, XYZ 2"},
    )  # fmt: skip

    assert response.status_code == 422
    assert "XYZ 2" in response.content.decode()
    assert CostSettings.objects.get(workspace=demo).rates == {"USD": "0.79", "INR": "0.0094"}


def test_engagement_form_names_its_fields(demo: Any) -> None:
    sophie = demo.memberships.get(user__email=SOPHIE)
    response = login(EMMA).post(
        f"/w/{DEMO_SLUG}/engagements/",
        {"member": sophie.pk, "pricing": "per_post", "amount": "-5", "currency": "GBP",
         "start": "2026-05-01", "end": "2026-04-01"},
    )  # fmt: skip

    assert response.status_code == 422
    page = response.content.decode()
    assert 'data-field="amount"' in page
    assert 'data-field="end"' in page
    assert Engagement.objects.filter(workspace=demo).count() == 4


def test_contributors_see_and_log_only_their_own_time(demo: Any) -> None:
    megan = Engagement.objects.get(workspace=demo, name="Megan Brooks")
    sophie = Engagement.objects.get(workspace=demo, name="Sophie Turner")
    client = login(SOPHIE)

    page = client.get(f"/w/{DEMO_SLUG}/time/").content.decode()
    assert "Megan Brooks" not in page
    refused = client.post(
        f"/w/{DEMO_SLUG}/time/", {"engagement": megan.pk, "date": "2026-11-20", "hours": "2"}
    )
    assert refused.status_code == 422
    assert not megan.entries.filter(date=date(2026, 11, 20)).exists()
    logged = client.post(
        f"/w/{DEMO_SLUG}/time/", {"engagement": sophie.pk, "date": "2026-11-20", "hours": "2"}
    )
    assert logged.status_code == 302
    assert sophie.entries.get(date=date(2026, 11, 20)).hours == Decimal("2.00")
    # Someone else's entries and engagements are not there for her: 404, not 403.
    others = TimeEntry.objects.filter(engagement=megan).first()
    assert client.post(f"/w/{DEMO_SLUG}/time/{others.pk}/delete/").status_code == 404  # type: ignore[union-attr]
    api = client.get(f"/api/v1/workspaces/{DEMO_SLUG}/engagements/{megan.pk}/time-entries")
    assert api.status_code == 404
    assert client.get(f"/w/{DEMO_SLUG}/costs/").status_code == 403


def test_api_refuses_hours_beyond_a_day(demo: Any) -> None:
    megan = Engagement.objects.get(workspace=demo, name="Megan Brooks")
    response = login(MEGAN).post(
        f"/api/v1/workspaces/{DEMO_SLUG}/engagements/{megan.pk}/time-entries",
        json.dumps({"date": "2026-11-20", "hours": "25"}),
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "hours"


def test_engagement_sourcing_follows_the_member(demo: Any) -> None:
    sourcing = dict(Engagement.objects.filter(workspace=demo).values_list("name", "sourcing"))

    assert sourcing == {
        "Oliver Hughes (social share of salary)": "in-house",
        "Sophie Turner": "outsourced",
        "Megan Brooks": "offshored",
        "Brightwave Digital": "offshored",
    }


def test_hours_page_gives_reply_waits_from_hours_and_from_history(demo: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        page = login(EMMA).get(f"/w/{DEMO_SLUG}/team/hours/").content.decode()

    megan = page.split('data-member="megan@brookscopy.example"')[1].split("</section>")[0]
    # Emma works 09:00-17:30 in London, Megan 09:00-17:30 in Chicago (15:00-23:30 London).
    assert "From your working hours: a message you send at work waits a median of" in megan
    assert "before Megan Brooks is at work." in megan
    assert (
        "On their posts in the last 90 days, Megan Brooks answered the business in a median of"
        in megan
    )
    assert "for the business&#x27;s answer" in megan
    reviewer = page.split('data-member="james@harbourpine.example"')[1].split("</section>")[0]
    assert "On their posts" not in reviewer  # James writes no posts: no history to show


def test_hours_page_shows_overlap_with_each_market_and_its_clock_changes(demo: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        page = login(EMMA).get(f"/w/{DEMO_SLUG}/team/hours/").content.decode()

    us = page.split('data-market="US"')[1].split("</section>")[0]
    # London 09:00-17:30 against New York 09:00-17:00 (14:00-22:00 London): 3 h 30 min a day.
    assert "America/New_York · 17 h 30 min together this week" in us
    assert 'class="hours-band"' in us and 'class="hours-strip"' in us
    # The US moves its clocks three weeks before the UK in March 2027.
    assert "From 14 March 2027 to 28 March 2027 your overlap with the US market grows" in us
    assert "From 31 October 2027 to 7 November 2027" in us
    gb = page.split('data-market="GB"')[1].split("</section>")[0]
    assert "Europe/London · 40 h together this week" in gb
    assert "<li>" not in gb  # same zone: no clock change moves it


def test_hours_page_lists_each_zones_clock_changes_in_words(demo: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        page = login(EMMA).get(f"/w/{DEMO_SLUG}/team/hours/").content.decode()

    assert (
        "Your clocks: On Sunday 28 March 2027 at 01:00 the clocks in London go forward 1 h" in page
    )
    megan = page.split('data-member="megan@brookscopy.example"')[1].split("</section>")[0]
    assert (
        "On Sunday 14 March 2027 at 02:00 the clocks in Chicago go forward 1 h (CST → CDT)."
        in megan
    )
    priya = page.split('data-member="priya@brightwave.example"')[1].split("</section>")[0]
    assert "clocks in" not in priya  # India keeps one offset all year


def test_whatif_command_fills_the_business_side_from_a_workspace(
    demo: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from onshore.cli import main

    vendor = ["--pricing", "per_post", "--amount", "25", "--currency", "GBP", "--country", "IN",
              "--zone", "Asia/Kolkata", "--hours", "mon-fri 10:00-18:00",
              "--posts-per-month", "20", "--week-of", "2026-11-23", "--format", "json"]  # fmt: skip
    with time_machine.travel(NOW, tick=False):
        code = main(["whatif", "--workspace", DEMO_SLUG, *vendor])
        measured = build_report(demo, *default_period(demo, NOW.date())).measured_rounds_per_class()

    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert Decimal(result["revision_rounds_per_post"]) == measured["offshored"]
    assert "The reviewer's time is valued at £45.00 an hour." in result["assumptions"]
    # Emma, the owner, works 09:00-17:30 in London: 42.5 h a week.
    assert result["business_hours_per_week"].startswith("42.5")
    overriding = main(["whatif", "--workspace", DEMO_SLUG, *vendor, "--revision-rounds", "3"])
    assert overriding == 0
    assert json.loads(capsys.readouterr().out)["revision_rounds_per_post"] == "3"
    assert main(["whatif", "--workspace", "no-such-workspace", *vendor]) == 2
    assert "--workspace: no workspace with the slug 'no-such-workspace'" in capsys.readouterr().err


def test_engagement_amounts_are_money_in_their_own_currency(demo: Any) -> None:
    page = login(EMMA).get(f"/w/{DEMO_SLUG}/engagements/").content.decode()

    assert "US$30.00 an hour" in page  # Babel, en_GB: a dollar sign that says which
    assert "₹30,000.00 a month" in page
    assert "£45.00 a post" in page
