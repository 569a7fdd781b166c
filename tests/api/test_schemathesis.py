"""A bounded fuzz of every API operation against its own OpenAPI schema (schemathesis).

Every operation gets generated requests, valid and not, sent through the Django WSGI
application in this process with a personal access token for a throwaway workspace, its
slug in every path. Two checks: no answer is a server error (5xx), and every answer
(errors included) matches what the schema declares for that operation and status.
Hypothesis runs derandomized, so a run is the same run every time.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings, strategies
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from onshore.accounts.models import User

# On PostgreSQL too: it found a 500 there (NUL in text) that SQLite did not show.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Examples per operation (54 operations): about 30 s on SQLite and 40 s on PostgreSQL in
# one process; 150 each found nothing more on either.
EXAMPLES_PER_OPERATION = 30


@dataclass
class Throwaway:
    """A workspace of one owner with one of each object, recreated when a case deletes it."""

    token: str
    owner: Any
    slug: str = ""
    ids: dict[str, int] = field(default_factory=dict)

    def ensure_objects(self) -> None:
        from onshore.workspaces.models import Workspace

        workspace = Workspace.objects.filter(slug=self.slug).first() or _workspace(self.owner)
        self.slug = workspace.slug
        self.ids = _objects(workspace, self.owner)


def _workspace(owner: Any) -> Any:
    from onshore.workspaces.models import Workspace

    workspace = Workspace(name="Fuzz Tea", home_country="GB", home_timezone="Europe/London")
    workspace.full_clean()
    workspace.create_with_owner(owner)
    return workspace


def _objects(workspace: Any, owner: Any) -> dict[str, int]:
    """One market, member, post, invitation, engagement, channel and notification; made if
    missing."""
    from onshore.ledger.models import Engagement
    from onshore.notifications.models import Notification
    from onshore.posts.editing import PostChanges, create_post
    from onshore.publishing.models import Channel
    from onshore.workspaces.models import Invitation, Market, Membership

    market = workspace.markets.first() or Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
    )
    member = workspace.memberships.exclude(user=owner).first()
    if member is None:
        email = "helper@example.com"
        helper = User.objects.filter(email=email).first() or User.objects.create_user(email)
        member = Membership.objects.create(
            workspace=workspace, user=helper, role="contributor", relation="freelancer",
            home_country="IN", timezone="Asia/Kolkata", working_hours={"mon": [["10:00", "18:00"]]},
        )  # fmt: skip
    owner_membership = workspace.memberships.get(user=owner)
    post = workspace.posts.first() or create_post(
        owner_membership, PostChanges(text="Fresh tea, 2 for 1 on Monday", market=market)
    )
    invitation = workspace.invitations.first() or Invitation.issue(workspace, "viewer", owner)[0]
    engagement = workspace.engagements.first() or Engagement.objects.create(
        workspace=workspace, member=member, pricing="hourly", amount="25", currency="GBP",
        start="2026-01-01",
    )  # fmt: skip
    channel = workspace.channels.first() or Channel.objects.create(
        workspace=workspace, market=market, kind="webhook", name="Hook",
        config={"url": "https://hooks.example.com/in"},
    )  # fmt: skip
    notification = Notification.objects.filter(recipient=owner).first() or (
        Notification.objects.create(
            recipient=owner, workspace=workspace, post=post, kind="submitted", summary="Fuzz"
        )
    )
    return {
        "notification_id": notification.pk,
        "market_id": market.pk,
        "member_id": member.pk,
        "post_id": post.pk,
        "invitation_id": invitation.pk,
        "engagement_id": engagement.pk,
        "channel_id": channel.pk,
    }


def _refuse_outside_loopback(host: Any, *args: Any, **kwargs: Any) -> Any:
    """Generated channel URLs name any host: nothing leaves this machine, not even DNS."""
    if str(host) not in {"127.0.0.1", "::1", "localhost"}:
        raise socket.gaierror(socket.EAI_NONAME, "the fuzz test resolves loopback only")
    return REAL_GETADDRINFO(host, *args, **kwargs)


REAL_GETADDRINFO = socket.getaddrinfo


@pytest.fixture
def throwaway(db: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Throwaway]:
    from onshore.accounts.models import PersonalAccessToken

    monkeypatch.setattr(socket, "getaddrinfo", _refuse_outside_loopback)
    owner = User.objects.create_user("fuzz@example.com", "fuzz-password-42", name="Fuzz Owner")
    _, token = PersonalAccessToken.issue(owner, "fuzz")
    # Requests go through the WSGI handler, not Django's test client: keep the test's
    # connection (and its transaction) open across them, as the test client does.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield Throwaway(token, owner)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _operations() -> list[Any]:
    from onshore.wsgi import application

    # Loaded from the application itself (no database needed to serve the schema).
    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    return [result.ok() for result in loaded.get_all_operations()]


def _cases(operation: Any, throwaway: Throwaway) -> Any:
    """Requests the schema allows, aimed at the workspace's real objects half the time so
    bodies reach the code behind the lookups, and requests it does not allow."""

    def at_real_objects(case: Any) -> Any:
        for name in case.path_parameters.keys() & throwaway.ids.keys():
            case.path_parameters[name] = throwaway.ids[name]
        return case

    positive = operation.as_strategy(GenerationMode.POSITIVE)
    return strategies.one_of(
        positive.map(at_real_objects),
        positive,
        operation.as_strategy(GenerationMode.NEGATIVE),
    )


@pytest.mark.parametrize("operation", _operations(), ids=lambda operation: operation.label)
def test_every_operation_answers_within_its_schema(operation: Any, throwaway: Throwaway) -> None:
    throwaway.ensure_objects()

    @given(case=_cases(operation, throwaway))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        throwaway.ensure_objects()
        if "slug" in case.path_parameters:
            case.path_parameters["slug"] = throwaway.slug
        case.call_and_validate(
            headers={"Authorization": f"Bearer {throwaway.token}"},
            checks=[not_a_server_error, response_schema_conformance],
        )

    call()
