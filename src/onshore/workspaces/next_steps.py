"""The new workspace's next steps (issue 15, point 7): add a market, invite someone,
connect a channel, write the first post, each ticked off once the data shows it done.

One query: the workspace row with four EXISTS sub-queries. Channels and posts live on
higher floors (publishing, posts), so their models are reached through the workspace's
reverse relations ("channels", "posts") instead of being imported here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from onshore.workspaces.models import Workspace


@dataclass(frozen=True)
class Step:
    label: str
    # A URL name taking the workspace slug: the template builds the link with {% url %},
    # so no href is ever printed from a variable (tests/test_links.py).
    url_name: str
    done: bool


def _exists_in(relation: str, *extra: Q) -> Exists:
    """EXISTS (a row of the workspace's ``relation`` matching ``extra``)."""
    model = Workspace._meta.get_field(relation).related_model
    assert model is not None and not isinstance(model, str)
    return Exists(model._default_manager.filter(*extra, workspace=OuterRef("pk")))


def _done(workspace: Workspace) -> dict[str, bool]:
    row = (
        Workspace.objects.filter(pk=workspace.pk)
        .annotate(
            has_market=_exists_in("markets"),
            # Someone besides the creator: a second member, or an invitation sent.
            has_member=_exists_in("memberships", ~Q(role="owner")),
            has_invitation=_exists_in("invitations"),
            has_channel=_exists_in("channels"),
            has_post=_exists_in("posts"),
        )
        .values("has_market", "has_member", "has_invitation", "has_channel", "has_post")
        .get()
    )
    return {
        "market": row["has_market"],
        "invite": row["has_member"] or row["has_invitation"],
        "channel": row["has_channel"],
        "post": row["has_post"],
    }


def next_steps(workspace: Workspace) -> list[Step]:
    """The four steps with their links and ticks; [] once every one is done."""
    done = _done(workspace)
    steps = [
        Step("Add a market", "market_create", done["market"]),
        Step("Invite someone", "invitations", done["invite"]),
        Step("Connect a channel", "channels", done["channel"]),
        Step("Write the first post", "post_create", done["post"]),
    ]
    return [] if all(step.done for step in steps) else steps
