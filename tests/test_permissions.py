"""Every route × every persona → the status code they get (pretix-style permission table).

Outsiders (members of another workspace) always get 404 for this workspace's routes;
anonymous visitors are sent to log in (web) or get 401 (API); members whose role lacks
the capability get 403. A new route must be added here: ``test_every_route_is_listed``
fails otherwise.
"""

from __future__ import annotations

import io
import json
from datetime import date, time
from typing import Any

import pytest
from django.urls import get_resolver
from PIL import Image

from onshore.ledger.models import Engagement, TimeEntry
from onshore.media import library, storage
from onshore.media.models import Asset
from onshore.notifications.models import Notification
from onshore.posts import editing, workflow
from onshore.posts.models import ReviewLink
from onshore.publishing.models import Channel
from onshore.workspaces.models import Invitation

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),  # the dates below are in the future
    pytest.mark.usefixtures("media_dir"),  # uploads go to the test's own folder
]

OWNER, MANAGER, CONTRIB, REVIEWER, VIEWER, OUTSIDER, ANON = (
    "owner",
    "manager",
    "contributor",
    "reviewer",
    "viewer",
    "outsider",
    "anonymous",
)
MEMBERS = (OWNER, MANAGER, CONTRIB, REVIEWER, VIEWER)


def expect(
    default: int, anonymous: int = 302, outsider: int = 404, **overrides: int
) -> dict[str, int]:
    """Expected status per persona: members get ``default`` unless overridden."""
    table = {persona: default for persona in MEMBERS}
    table.update(overrides)
    table[OUTSIDER] = outsider
    table[ANON] = anonymous
    return table


def managers_only(ok: int, anonymous: int = 302) -> dict[str, int]:
    return expect(403, anonymous=anonymous, owner=ok, manager=ok)


def drafters(ok: int, anonymous: int = 302) -> dict[str, int]:
    return expect(403, anonymous=anonymous, owner=ok, manager=ok, contributor=ok)


# Posts the contributor did not write ({manager_post}, {scheduled_post}: the manager's):
# contributors change only their own posts (roles.role_may_change_post).
def others_post(ok: int, anonymous: int = 302) -> dict[str, int]:
    return managers_only(ok, anonymous=anonymous)


# (method, url template, body, expected statuses). Templates use the team fixture's ids.
WEB_ROUTES: list[tuple[str, str, dict[str, Any] | None, dict[str, int]]] = [
    ("GET", "/", None, expect(200, outsider=200)),
    ("GET", "/w/new/", None, expect(200, outsider=200)),
    ("GET", "/w/{slug}/", None, expect(200)),
    ("GET", "/w/{slug}/settings/", None, managers_only(200)),
    ("POST", "/w/{slug}/delete/", {}, expect(403, owner=302)),
    ("GET", "/w/{slug}/markets/new/", None, managers_only(200)),
    ("GET", "/w/{slug}/markets/{market}/", None, managers_only(200)),
    ("POST", "/w/{slug}/markets/{spare}/delete/", {}, managers_only(302)),
    ("GET", "/w/{slug}/team/", None, expect(200)),
    ("GET", "/w/{slug}/team/hours/", None, expect(200)),
    ("GET", "/w/{slug}/style-guide/", None, expect(200)),
    ("POST", "/w/{slug}/style-guide/", {"banned": "cheap"}, managers_only(302)),
    ("GET", "/w/{slug}/style-guide/export/", None, expect(200)),
    ("POST", "/w/{slug}/style-guide/import/", {}, managers_only(302)),
    ("POST", "/w/{slug}/style-guide/proposal/", {}, managers_only(302)),
    ("POST", "/w/{slug}/style-guide/allow/", {}, managers_only(302)),
    ("GET", "/w/{slug}/style-guide/disclosure/{country}/", None, managers_only(200)),
    (
        "POST",
        "/w/{slug}/style-guide/disclosure/{country}/",
        {"labels": "#ad", "placement": "start"},
        managers_only(302),
    ),
    (
        "GET",
        "/w/{slug}/members/{contributor}/",
        None,
        expect(403, owner=200, manager=200, contributor=200),
    ),
    ("GET", "/w/{slug}/members/{owner}/", None, expect(403, owner=200)),
    ("POST", "/w/{slug}/members/{viewer}/role/", {"role": "reviewer"}, managers_only(302)),
    (
        "POST",
        "/w/{slug}/members/{reviewer}/remove/",
        {},
        expect(403, owner=302, manager=302, reviewer=302),
    ),
    ("GET", "/w/{slug}/invitations/", None, managers_only(200)),
    ("POST", "/w/{slug}/invitations/{invitation}/revoke/", {}, managers_only(302)),
    ("GET", "/w/{slug}/posts/", None, expect(200)),
    ("GET", "/w/{slug}/posts/new/", None, drafters(200)),
    ("GET", "/w/{slug}/posts/{post}/", None, expect(200)),
    (
        "POST",
        "/w/{slug}/posts/{post}/",
        {"market": "MARKET_ID", "text": "Edited text"},
        drafters(302),
    ),
    (
        "POST",
        "/w/{slug}/posts/{manager_post}/",
        {"market": "MARKET_ID", "text": "Edited by someone else"},
        others_post(302),
    ),
    (
        "POST",
        "/w/{slug}/posts/{scheduled_post}/",
        {"market": "MARKET_ID", "text": "Edited after scheduling"},
        others_post(302),
    ),
    ("GET", "/w/{slug}/posts/{manager_post}/", None, expect(200)),
    ("POST", "/w/{slug}/posts/{post}/action/", {"action": "submit"}, drafters(302)),
    ("POST", "/w/{slug}/posts/{post}/comment/", {"body": "Looks good"}, expect(302, viewer=403)),
    (
        "POST",
        "/w/{slug}/posts/{post}/dismiss/",
        {"rule": "spelling.variant", "reason": "brand name"},
        drafters(302),
    ),
    (
        "POST",
        "/w/{slug}/posts/{post}/schedule/",
        {"date": "2026-12-01", "time": "09:30"},
        managers_only(302),
    ),
    ("GET", "/w/{slug}/posts/{post}/diff/", None, expect(200)),
    ("POST", "/w/{slug}/posts/{post}/next-slot/", {}, managers_only(302)),
    (
        "GET",
        "/w/{slug}/posts/{post}/schedule/preview/?date=2026-12-01&time=09:30",
        None,
        managers_only(200),
    ),
    ("GET", "/w/{slug}/calendar/", None, expect(200)),
    ("GET", "/w/{slug}/channels/", None, managers_only(200)),
    ("POST", "/w/{slug}/channels/connect/", {"kind": "webhook"}, managers_only(302)),
    ("POST", "/w/{slug}/channels/{channel}/reconnect/", {"access_token": "x"}, managers_only(302)),
    ("POST", "/w/{slug}/channels/{channel}/secret/", {}, managers_only(200)),
    ("POST", "/w/{slug}/channels/{channel}/remove/", {}, managers_only(302)),
    ("GET", "/healthz/worker", None, expect(503, outsider=503, anonymous=503)),
    # A post without a time dropped on a day takes 09:00 market time (issue 14's side list).
    # A form post (no Accept: JSON): back to the calendar with a message.
    ("POST", "/w/{slug}/posts/{post}/move/", {"date": "2026-12-02"}, managers_only(302)),
    ("GET", "/w/{slug}/review/", None, expect(403, owner=200, manager=200, reviewer=200)),
    # Bulk actions refuse per post (a role that may not is told so for each post).
    ("POST", "/w/{slug}/posts/bulk/", {"action": "approve", "ids": "POST_ID"}, expect(302)),
    ("POST", "/w/{slug}/posts/{post}/duplicate/", {}, drafters(302)),
    ("POST", "/w/{slug}/posts/{post}/delete/", {}, drafters(302)),
    ("POST", "/w/{slug}/posts/{manager_post}/delete/", {}, others_post(302)),
    (
        "POST",
        "/w/{slug}/posts/{manager_post}/move-market/",
        {"market": "SPARE_ID"},
        others_post(302),
    ),
    ("POST", "/w/{slug}/check/", {"text": "Our color range", "market": "MARKET_ID"}, expect(200)),
    ("GET", "/w/{slug}/posts/import/", None, expect(200)),
    (
        "POST",
        "/w/{slug}/posts/import/",
        {"csv_text": "market,text\nGB,Hello from a CSV plan\n", "date_format": "auto"},
        drafters(200),
    ),
    ("GET", "/w/{slug}/posts/export.csv", None, expect(200)),
    ("GET", "/w/{slug}/calendar-feed/", None, managers_only(200)),
    ("POST", "/w/{slug}/calendar-feed/rotate/", {}, managers_only(200)),
    ("POST", "/w/{slug}/calendar-feed/revoke/", {}, managers_only(302)),
    ("GET", "/feed/{token}.ics", None, expect(404, outsider=404, anonymous=404)),
    ("GET", "/w/{slug}/costs/", None, managers_only(200)),
    ("GET", "/w/{slug}/costs/?start=2026-12-01&end=2026-11-01", None, managers_only(422)),
    ("GET", "/w/{slug}/costs/report/", None, managers_only(200)),
    ("GET", "/w/{slug}/costs/export.csv", None, managers_only(200)),
    ("GET", "/w/{slug}/costs/what-if/", None, managers_only(200)),
    (
        "POST",
        "/w/{slug}/costs/what-if/",
        {"pricing": "per_post", "amount": "30", "currency": "GBP"},
        managers_only(422),
    ),
    ("GET", "/w/{slug}/costs/settings/", None, managers_only(200)),
    ("POST", "/w/{slug}/costs/settings/", {"rates_text": "USD 0.79"}, managers_only(422)),
    ("GET", "/w/{slug}/engagements/", None, managers_only(200)),
    ("POST", "/w/{slug}/engagements/", {"pricing": "hourly"}, managers_only(422)),
    ("GET", "/w/{slug}/engagements/{engagement}/", None, managers_only(200)),
    ("POST", "/w/{slug}/engagements/{engagement}/delete/", {}, managers_only(302)),
    ("GET", "/w/{slug}/time/", None, drafters(200)),
    (
        "POST",
        "/w/{slug}/time/",
        {"engagement": "ENGAGEMENT_ID", "date": "2026-11-20", "hours": "1.5"},
        drafters(302),
    ),
    ("POST", "/w/{slug}/time/{entry}/delete/", {}, drafters(302)),
    ("GET", "/account/tokens/", None, expect(200, outsider=200)),
    ("GET", "/invite/{token}/", None, expect(200, outsider=200, anonymous=200)),
    ("GET", "/w/{slug}/review-links/", None, managers_only(200)),
    (
        "POST",
        "/w/{slug}/review-links/",
        {"name": "Dana Client", "days": "7", "posts": "POST_ID"},
        managers_only(200),
    ),
    ("POST", "/w/{slug}/review-links/{link}/revoke/", {}, managers_only(302)),
    # A review link is the access: anyone holding it, member or not, signed in or not.
    ("GET", "/r/{review_token}/", None, expect(200, outsider=200, anonymous=200)),
    (
        "POST",
        "/r/{review_token}/posts/{post}/",
        {"action": "request_changes", "note": "Name the farm."},
        expect(422, outsider=422, anonymous=422),
    ),
    ("GET", "/healthz", None, expect(200, outsider=200, anonymous=200)),
    # Everyone has their own notifications; {notification} is the reviewer's: 404 to others.
    ("GET", "/notifications/", None, expect(200, outsider=200)),
    ("POST", "/notifications/{notification}/read/", {}, expect(404, reviewer=302)),
    ("GET", "/notifications/{notification}/open/", None, expect(404, reviewer=302)),
    ("POST", "/notifications/read-all/", {}, expect(302, outsider=302)),
    ("GET", "/w/{slug}/notifications/settings/", None, expect(200)),
    # Media: everyone sees the library; who drafts posts uploads and edits alt text;
    # {asset} is the owner's, so only managers delete it. Files: 404 to anonymous too.
    ("GET", "/w/{slug}/media/", None, expect(200)),
    ("POST", "/w/{slug}/media/", {}, expect(422, reviewer=403, viewer=403)),
    # The editor's upload (one file, JSON) and library picker: people who write posts.
    ("POST", "/w/{slug}/media/upload/", {}, drafters(400)),
    ("GET", "/w/{slug}/media/pick/", None, drafters(200)),
    ("POST", "/w/{slug}/media/{asset}/alt/", {"alt_text": "Beans"}, drafters(302)),
    ("POST", "/w/{slug}/media/{asset}/delete/", {}, managers_only(302)),
    ("GET", "/w/{slug}/media/{asset}/{variant}/", None, expect(200, anonymous=404)),
    ("GET", "/m/{signed}/", None, expect(200, outsider=200, anonymous=200)),
    (
        "POST",
        "/w/{slug}/notifications/settings/",
        {
            "immediately": "on",
            "submitted": "email",
            "changes_requested": "email",
            "approved": "email",
            "published": "app",
            "failed": "email",
            "mentioned": "off",
        },
        expect(302),
    ),
]

API = "/api/v1"
API_ROUTES: list[tuple[str, str, dict[str, Any] | None, dict[str, int]]] = [
    ("GET", f"{API}/me", None, expect(200, outsider=200, anonymous=401)),
    ("GET", f"{API}/workspaces/{{slug}}/media", None, expect(200, anonymous=401)),
    ("GET", f"{API}/workspaces/{{slug}}/style-guide", None, expect(200, anonymous=401)),
    (
        "PUT",
        f"{API}/workspaces/{{slug}}/style-guide",
        {"banned": ["cheap"]},
        managers_only(200, anonymous=401),
    ),
    (
        "GET",
        f"{API}/workspaces/{{slug}}/style-guide/disclosure/{{country}}",
        None,
        expect(200, anonymous=401),
    ),
    (
        "PUT",
        f"{API}/workspaces/{{slug}}/style-guide/disclosure/{{country}}",
        {"labels": ["#ad"]},
        managers_only(200, anonymous=401),
    ),
    (
        "DELETE",
        f"{API}/workspaces/{{slug}}/style-guide/disclosure/{{country}}",
        None,
        managers_only(200, anonymous=401),
    ),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/media",
        {},
        expect(422, reviewer=403, viewer=403, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}/media/{{asset}}", None, expect(200, anonymous=401)),
    (
        "PATCH",
        f"{API}/workspaces/{{slug}}/media/{{asset}}",
        {"alt_text": "Beans"},
        drafters(200, anonymous=401),
    ),
    (
        "DELETE",
        f"{API}/workspaces/{{slug}}/media/{{asset}}",
        None,
        managers_only(204, anonymous=401),
    ),
    ("GET", f"{API}/notifications", None, expect(200, outsider=200, anonymous=401)),
    ("POST", f"{API}/notifications/read-all", None, expect(200, outsider=200, anonymous=401)),
    (
        "POST",
        f"{API}/notifications/{{notification}}/read",
        None,
        expect(404, reviewer=200, anonymous=401),
    ),
    (
        "GET",
        f"{API}/workspaces/{{slug}}/notification-preferences",
        None,
        expect(200, anonymous=401),
    ),
    (
        "PUT",
        f"{API}/workspaces/{{slug}}/notification-preferences",
        {"immediately": True, "kinds": {"published": "app"}},
        expect(200, anonymous=401),
    ),
    ("GET", f"{API}/workspaces", None, expect(200, outsider=200, anonymous=401)),
    (
        "POST",
        f"{API}/workspaces",
        {
            "name": "New Co",
            "home_country": "IE",
            "markets": [{"country": "IE", "language": "en-IE"}],
        },
        expect(201, outsider=201, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}", None, expect(200, anonymous=401)),
    ("PATCH", f"{API}/workspaces/{{slug}}", {"name": "Renamed"}, managers_only(200, anonymous=401)),
    ("DELETE", f"{API}/workspaces/{{slug}}", None, expect(403, owner=204, anonymous=401)),
    ("GET", f"{API}/workspaces/{{slug}}/markets", None, expect(200, anonymous=401)),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/markets",
        {"country": "US", "language": "en-US"},
        managers_only(201, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}/markets/{{market}}", None, expect(200, anonymous=401)),
    (
        "PATCH",
        f"{API}/workspaces/{{slug}}/markets/{{market}}",
        {"language": "en-GB"},
        managers_only(200, anonymous=401),
    ),
    (
        "DELETE",
        f"{API}/workspaces/{{slug}}/markets/{{spare}}",
        None,
        managers_only(204, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}/members", None, expect(200, anonymous=401)),
    ("GET", f"{API}/workspaces/{{slug}}/members/{{contributor}}", None, expect(200, anonymous=401)),
    (
        "PATCH",
        f"{API}/workspaces/{{slug}}/members/{{contributor}}",
        {"timezone": "Asia/Kolkata"},
        expect(403, owner=200, manager=200, contributor=200, anonymous=401),
    ),
    (  # the relation decides the sourcing class in Costs: managers and owners only
        "PATCH",
        f"{API}/workspaces/{{slug}}/members/{{contributor}}",
        {"relation": "employee"},
        expect(403, owner=200, manager=200, contributor=422, anonymous=401),
    ),
    (
        "DELETE",
        f"{API}/workspaces/{{slug}}/members/{{viewer}}",
        None,
        expect(403, owner=204, manager=204, viewer=204, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}/invitations", None, managers_only(200, anonymous=401)),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/invitations",
        {"role": "viewer"},
        managers_only(201, anonymous=401),
    ),
    (
        "DELETE",
        f"{API}/workspaces/{{slug}}/invitations/{{invitation}}",
        None,
        managers_only(204, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}/posts", None, expect(200, anonymous=401)),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/posts",
        {"market_id": "MARKET_ID", "text": "Hello"},
        drafters(201, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}/posts/{{post}}", None, expect(200, anonymous=401)),
    (
        "PATCH",
        f"{API}/workspaces/{{slug}}/posts/{{post}}",
        {"text": "Hello again"},
        drafters(200, anonymous=401),
    ),
    ("DELETE", f"{API}/workspaces/{{slug}}/posts/{{post}}", None, drafters(204, anonymous=401)),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/posts/bulk",
        {"action": "add_tag", "ids": "POST_IDS", "params": {"tag": "launch"}},
        expect(200, anonymous=401),
    ),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/posts/{{post}}/duplicate",
        None,
        drafters(201, anonymous=401),
    ),
    (
        "PATCH",
        f"{API}/workspaces/{{slug}}/posts/{{manager_post}}",
        {"link": "https://example.com/elsewhere"},
        others_post(200, anonymous=401),
    ),
    (
        "PATCH",
        f"{API}/workspaces/{{slug}}/posts/{{scheduled_post}}",
        {"tags": ["changed"]},
        others_post(200, anonymous=401),
    ),
    (
        "DELETE",
        f"{API}/workspaces/{{slug}}/posts/{{manager_post}}",
        None,
        others_post(204, anonymous=401),
    ),
    (
        "DELETE",
        f"{API}/workspaces/{{slug}}/posts/{{scheduled_post}}",
        None,
        others_post(204, anonymous=401),
    ),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/posts/{{post}}/actions",
        {"action": "submit"},
        drafters(200, anonymous=401),
    ),
    (
        "PUT",
        f"{API}/workspaces/{{slug}}/posts/{{post}}/schedule",
        {"date": "2026-12-01", "time": "09:30"},
        managers_only(200, anonymous=401),
    ),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/posts/{{post}}/schedule/next-free-slot",
        None,
        expect(403, owner=409, manager=409, anonymous=401),
    ),
    (
        "GET",
        f"{API}/workspaces/{{slug}}/calendar?start=2026-12-01",
        None,
        expect(200, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}/posts/{{post}}/findings", None, expect(200, anonymous=401)),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/posts/{{post}}/dismissals",
        {"rule": "spelling.variant", "reason": "brand name"},
        drafters(201, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}/posts/{{post}}/comments", None, expect(200, anonymous=401)),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/posts/{{post}}/comments",
        {"body": "Nice"},
        expect(201, viewer=403, anonymous=401),
    ),
    (
        "GET",
        f"{API}/workspaces/{{slug}}/posts/{{post}}/revisions",
        None,
        expect(200, anonymous=401),
    ),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/posts/import",
        {"csv": "market,text\nGB,Hello from a CSV plan\n"},
        drafters(201, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}/posts/export.csv", None, expect(200, anonymous=401)),
    (
        "POST",
        f"{API}/invitations/accept",
        {"token": "not-a-real-token-at-all"},
        expect(404, outsider=404, anonymous=401),
    ),
    (
        "POST",
        f"{API}/check",
        {"text": "Our color range", "market": "GB"},
        expect(200, outsider=200, anonymous=401),
    ),
    ("GET", f"{API}/openapi.json", None, expect(200, outsider=200, anonymous=200)),
    ("GET", f"{API}/workspaces/{{slug}}/channels", None, managers_only(200, anonymous=401)),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/channels",
        {"kind": "webhook", "market_id": "MARKET_ID", "name": "CMS", "url": "https://10.0.0.1/"},
        managers_only(422, anonymous=401),
    ),
    (
        "GET",
        f"{API}/workspaces/{{slug}}/channels/{{channel}}",
        None,
        managers_only(200, anonymous=401),
    ),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/channels/{{channel}}/reconnect",
        {"access_token": "x"},
        managers_only(422, anonymous=401),
    ),
    (
        "DELETE",
        f"{API}/workspaces/{{slug}}/channels/{{channel}}",
        None,
        managers_only(204, anonymous=401),
    ),
    (
        "GET",
        f"{API}/workspaces/{{slug}}/publishing/health",
        None,
        managers_only(200, anonymous=401),
    ),
    (
        "GET",
        f"{API}/workspaces/{{slug}}/posts/{{post}}/deliveries",
        None,
        expect(200, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}/engagements", None, managers_only(200, anonymous=401)),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/engagements",
        {
            "member_id": "MEMBER_ID",
            "pricing": "per_post",
            "amount": "40",
            "currency": "GBP",
            "start": "2026-01-01",
        },
        managers_only(201, anonymous=401),
    ),
    (
        "GET",
        f"{API}/workspaces/{{slug}}/engagements/{{engagement}}",
        None,
        managers_only(200, anonymous=401),
    ),
    (
        "PATCH",
        f"{API}/workspaces/{{slug}}/engagements/{{engagement}}",
        {"amount": "45"},
        managers_only(200, anonymous=401),
    ),
    (
        "DELETE",
        f"{API}/workspaces/{{slug}}/engagements/{{engagement}}",
        None,
        managers_only(204, anonymous=401),
    ),
    (
        "GET",
        f"{API}/workspaces/{{slug}}/engagements/{{engagement}}/time-entries",
        None,
        drafters(200, anonymous=401),
    ),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/engagements/{{engagement}}/time-entries",
        {"date": "2026-11-20", "hours": "2"},
        drafters(201, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}/cost-settings", None, managers_only(200, anonymous=401)),
    (
        "PUT",
        f"{API}/workspaces/{{slug}}/cost-settings",
        {
            "reviewer_hourly_value": "40",
            "minutes_per_review": "10",
            "minutes_per_comment": "3",
            "contributor_hours_per_round": "0.5",
            "rates": {"USD": "0.79"},
        },
        managers_only(200, anonymous=401),
    ),
    ("GET", f"{API}/workspaces/{{slug}}/costs", None, managers_only(200, anonymous=401)),
    (
        "POST",
        f"{API}/workspaces/{{slug}}/costs/what-if",
        {
            "pricing": "per_post",
            "amount": "30",
            "currency": "GBP",
            "country": "IN",
            "zone": "Asia/Kolkata",
            "hours": "mon-fri 10:00-18:00",
            "posts_per_month": "10",
        },
        managers_only(200, anonymous=401),
    ),
]

PERSONAS = (*MEMBERS, OUTSIDER, ANON)


def _cases(routes: list[tuple[str, str, Any, dict[str, int]]]) -> list[Any]:
    return [
        pytest.param(method, url, body, persona, statuses[persona], id=f"{method} {url} {persona}")
        for method, url, body, statuses in routes
        for persona in PERSONAS
    ]


def _fill(url: str, team: Any) -> str:
    invitation, token = Invitation.issue(team.workspace, "viewer", team.users[OWNER])
    post = editing.create_post(
        team.members[CONTRIB], editing.PostChanges(text="Autumn blend is back", market=team.gb)
    )
    spare = team.workspace.markets.get_or_create(
        country="IE", language="en-IE", defaults={"timezone": "Europe/Dublin"}
    )[0]
    channel = Channel.objects.get_or_create(
        workspace=team.workspace,
        market=team.gb,
        kind="webhook",
        name="CMS",
        defaults={"config": {"url": "https://cms.example.com/hook"}},
    )[0]
    manager_post = editing.create_post(
        team.members[MANAGER], editing.PostChanges(text="Winter menu soon", market=team.gb)
    )
    link, review_token = ReviewLink.issue(
        team.workspace, team.users[MANAGER], name="Dana Client", posts=[post]
    )
    engagement = _contributor_engagement(team)
    entry = TimeEntry.objects.create(
        engagement=engagement, date="2026-11-19", hours="1.25", logged_by=team.members[CONTRIB]
    )
    return url.format(
        slug=team.workspace.slug,
        engagement=engagement.pk,
        entry=entry.pk,
        channel=channel.pk,
        market=team.gb.pk,
        country=team.gb.country,
        spare=spare.pk,
        invitation=invitation.pk,
        token=token,
        link=link.pk,
        review_token=review_token,
        post=post.pk,
        manager_post=manager_post.pk,
        scheduled_post=_scheduled_post(team).pk if "{scheduled_post}" in url else 0,
        notification=_reviewers_notification(team).pk if "{notification}" in url else 0,
        asset=_owners_asset(team).pk if "{asset}" in url else 0,
        variant="file",
        signed=storage.signed_url(_owners_asset(team)).split("/m/")[1].strip("/")
        if "{signed}" in url
        else "",
        **{role: member.pk for role, member in team.members.items()},
    )


def _scheduled_post(team: Any) -> Any:
    """A post the manager wrote, approved and scheduled: its delivery waits to be sent."""
    manager = team.members[MANAGER]
    post = editing.create_post(
        manager, editing.PostChanges(text="Scheduled tea tasting", market=team.gb)
    )
    editing.set_schedule(post, manager, date(2026, 12, 1), time(9, 30), None)
    for action in ("submit", "approve", "schedule"):
        post = workflow.perform(post, manager, action)
    assert post.deliveries.filter(state="pending").exists()
    return post


def _owners_asset(team: Any) -> Asset:
    """An image the owner uploaded (the same bytes each time: one asset)."""
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (120, 80, 40)).save(out, format="PNG")
    return library.add_upload(team.members[OWNER], [out.getvalue()], "beans.png", "Beans")[0]


def _reviewers_notification(team: Any) -> Notification:
    return Notification.objects.create(
        recipient=team.users[REVIEWER],
        workspace=team.workspace,
        kind="submitted",
        summary="Contributor Person submitted “Autumn blend is back” for review",
    )


def _contributor_engagement(team: Any) -> Engagement:
    found = Engagement.objects.filter(member=team.members[CONTRIB]).first()
    if found is None:
        found = Engagement(
            workspace=team.workspace,
            member=team.members[CONTRIB],
            pricing="hourly",
            amount="25",
            currency="GBP",
            start="2026-01-01",
        )
        found.full_clean()
        found.save()
    return found


def _body(body: dict[str, Any] | None, team: Any) -> dict[str, Any]:
    ids = {
        "MARKET_ID": lambda: team.gb.pk,
        "POST_ID": lambda: team.workspace.posts.order_by("id").first().pk,
        "POST_IDS": lambda: [team.workspace.posts.order_by("id").first().pk],
        "SPARE_ID": lambda: team.workspace.markets.get(country="IE").pk,
        "MEMBER_ID": lambda: team.members[CONTRIB].pk,
        "ENGAGEMENT_ID": lambda: _contributor_engagement(team).pk,
    }
    return {k: ids[v]() if isinstance(v, str) and v in ids else v for k, v in (body or {}).items()}


@pytest.mark.parametrize(("method", "url", "body", "persona", "status"), _cases(WEB_ROUTES))
def test_web_route_permissions(
    team: Any, method: str, url: str, body: Any, persona: str, status: int
) -> None:
    client = team.client(persona)
    target = _fill(url, team)
    response = client.get(target) if method == "GET" else client.post(target, _body(body, team))
    assert response.status_code == status, response.content[:300]


@pytest.mark.parametrize(("method", "url", "body", "persona", "status"), _cases(API_ROUTES))
def test_api_route_permissions(
    team: Any, method: str, url: str, body: Any, persona: str, status: int
) -> None:
    client = team.client(persona)
    response = client.generic(
        method,
        _fill(url, team),
        json.dumps(_body(body, team)) if body is not None else "",
        content_type="application/json",
    )
    assert response.status_code == status, response.content[:300]


def _normalise(pattern: str) -> str:
    for marker in (
        "<slug:slug>",
        "<id:market_id>",
        "<id:member_id>",
        "<id:invitation_id>",
        "<id:post_id>",
        "<id:channel_id>",
        "<id:engagement_id>",
        "<id:entry_id>",
        "<str:token>",
        "<id:token_id>",
        "<id:link_id>",
        "<id:notification_id>",
        "<id:asset_id>",
        "<str:variant>",
        "<str:market>",
        "<uidb64>",
        "<token>",
    ):
        pattern = pattern.replace(marker, "{}")
    return "/" + pattern


def test_every_route_is_listed() -> None:
    """Adding a web route without adding it to this table fails here."""
    listed = {_normalise_template(url) for _, url, _, _ in WEB_ROUTES}
    exempt = {  # reachable by anyone by design: authentication pages
        "/signup/",
        "/signup/sent/",
        "/signup/confirm/{}/{}/",
        "/login/",
        "/logout/",
        "/password-reset/",
        "/password-reset/sent/",
        "/password-reset/{}/{}/",
        "/password-reset/done/",
        "/account/tokens/{}/revoke/",
    }
    routes = {
        _normalise(str(p.pattern))
        for p in get_resolver().url_patterns
        if not str(p.pattern).startswith("api/")
    }
    missing = routes - listed - exempt
    assert not missing, f"add these routes to the permission table: {sorted(missing)}"


def _normalise_template(url: str) -> str:
    url = url.split("?")[0]
    for name in (
        "{slug}",
        "{market}",
        "{country}",
        "{spare}",
        "{post}",
        "{manager_post}",
        "{scheduled_post}",
        "{channel}",
        "{engagement}",
        "{entry}",
        "{invitation}",
        "{token}",
        "{link}",
        "{review_token}",
        "{notification}",
        "{asset}",
        "{variant}",
        "{signed}",
        "{owner}",
        "{manager}",
        "{contributor}",
        "{reviewer}",
        "{viewer}",
    ):
        url = url.replace(name, "{}")
    return url


def test_every_api_operation_is_listed() -> None:
    from onshore.api.app import api

    schema = api.get_openapi_schema()
    listed = {(m, _normalise_template(u).replace(API, "")) for m, u, _, _ in API_ROUTES}
    for path, operations in schema["paths"].items():
        template = "/api/v1" + path.split("/api/v1", 1)[-1]
        for method in operations:
            key = (method.upper(), _normalise_template(_api_template(template)).replace(API, ""))
            assert key in listed, f"add {key} to API_ROUTES"


def _api_template(path: str) -> str:
    for name in (
        "{slug}",
        "{market_id}",
        "{member_id}",
        "{invitation_id}",
        "{post_id}",
        "{engagement_id}",
        "{channel_id}",
        "{notification_id}",
        "{asset_id}",
    ):
        path = path.replace(name, "{}")
    return path
