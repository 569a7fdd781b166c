"""Channels over the API: connect, list, reconnect, remove; publishing health; a post's
deliveries per channel.

Credentials go in once and never come back out: responses carry only the non-secret
configuration (instance, handle, URL, limits). A new webhook's signing secret is the one
exception, returned once in the 201 answer, as the Channels page shows it once.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import create_model

from onshore.api.schemas import Id, StrictSchema
from onshore.posts.models import Post
from onshore.publishing import connect, kinds, waiting
from onshore.publishing.health import worker_health
from onshore.publishing.kinds import KINDS, ConnectField
from onshore.publishing.models import Channel, Delivery
from onshore.workspaces.access import membership_or_404, require
from onshore.workspaces.models import Market, Membership
from onshore.workspaces.roles import Capability

router = Router(tags=["channels and publishing"])


def _shared_fields(
    fields: list[tuple[ConnectField, str]],
) -> dict[str, tuple[type, Any]]:
    """One body field per name, bounded as declared; kinds that ask for the same value
    (an instance address, an access token) share it, each named in its description. A
    tick box is a boolean."""
    said: dict[str, list[str]] = {}
    declared: dict[str, ConnectField] = {}
    for field, description in fields:
        said.setdefault(field.name, []).append(description)
        declared[field.name] = field  # bounds alike for every kind: test_kind_registry
    return {
        name: _body_field(declared[name], "; ".join(descriptions))
        for name, descriptions in said.items()
    }


def _body_field(field: ConnectField, description: str) -> tuple[type, Any]:
    if field.checkbox:
        return (bool, Field(False, description=description))
    return (str, Field("", max_length=field.max_length, description=description))


def _connect_fields() -> dict[str, tuple[type, Any]]:
    """Every kind's connect fields, described "kind: help"."""
    return _shared_fields(
        [(f, f"{kind.name}: {f.api_help}") for kind in KINDS.values() for f in kind.fields]
    )


def _reconnect_fields() -> dict[str, tuple[type, Any]]:
    """What each kind's reconnect asks for (Kind.reconnect), described "kind: help"."""
    return _shared_fields(
        [
            (f, f"{kind.name}: {f.api_help}")
            for kind in KINDS.values()
            for f in kind.reconnect.fields
        ]
    )


# Both bodies are built from the registry of kinds (publishing/kinds/), so a new kind's
# fields appear here and in the OpenAPI document without a change to this module.
if TYPE_CHECKING:
    ChannelIn = StrictSchema
    ReconnectIn = StrictSchema
else:
    ChannelIn = create_model(
        "ChannelIn",
        __base__=StrictSchema,
        kind=(Literal[tuple(KINDS)], ...),
        market_id=(Id, ...),
        name=(str, Field("", max_length=100)),
        **_connect_fields(),
    )
    ReconnectIn = create_model("ReconnectIn", __base__=StrictSchema, **_reconnect_fields())


class ChannelOut(Schema):
    id: int
    market_id: int
    kind: str
    name: str
    status: str
    status_message: str
    parked_at: datetime | None = Field(None, description="when the network last refused it")
    config: dict[str, Any]
    secret: str | None = Field(
        None,
        description="a new webhook signing secret (connecting, or reconnecting asking "
        "for one), shown once",
    )


class DeliveryOut(Schema):
    channel_id: int
    channel: str
    kind: str
    state: str
    due_at: datetime
    attempts: int
    published_at: datetime | None
    remote_url: str
    last_error: str
    reason: str = Field(
        description="why it waits or what happened, as the post page says it: held for a "
        "channel to reconnect (since when), retrying (next attempt), waiting for its time"
    )


def _channel_out(channel: Channel, secret: str | None = None) -> dict[str, Any]:
    return {
        "id": channel.pk,
        "market_id": channel.market_id,
        "kind": channel.kind,
        "name": channel.name,
        "status": channel.status,
        "status_message": channel.status_message,
        "parked_at": channel.parked_at,
        "config": {k: v for k, v in channel.config.items() if k in kinds.PUBLIC_CONFIG},
        "secret": secret,
    }


def _manager(request: HttpRequest, slug: str) -> Membership:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.MANAGE_CHANNELS)
    return membership


def _channel(membership: Membership, channel_id: int) -> Channel:
    return get_object_or_404(Channel, pk=channel_id, workspace=membership.workspace)


def _refuse_blank(kind: kinds.Kind, values: dict[str, str]) -> None:
    """The API names a blank address up front (the page's inputs are marked required)."""
    for field in kind.fields:
        if field.blank and not values[field.name].strip():
            raise ValidationError({field.name: field.blank})


@router.get("/{slug}/channels", response=list[ChannelOut], summary="Connected channels")
def list_channels(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    membership = _manager(request, slug)
    return [_channel_out(c) for c in Channel.objects.filter(workspace=membership.workspace)]


@router.post(
    "/{slug}/channels",
    response={201: ChannelOut},
    summary="Connect a channel (credentials are verified first)",
)
def connect_channel(request: HttpRequest, slug: str, payload: ChannelIn) -> Status[Any]:
    membership = _manager(request, slug)
    given = payload.dict()  # the body's fields come from the registry: read them by name
    market = Market.objects.filter(pk=given["market_id"], workspace=membership.workspace).first()
    if market is None:
        raise ValidationError({"market_id": "no market of this workspace has that id"})
    values = {name: str(value) for name, value in given.items()}
    _refuse_blank(kinds.chosen(values["kind"]), values)
    channel, secret = connect.connect(market, values["kind"], values)
    return Status(201, _channel_out(channel, secret))


@router.get("/{slug}/channels/{channel_id}", response=ChannelOut)
def get_channel(request: HttpRequest, slug: str, channel_id: Id) -> dict[str, Any]:
    return _channel_out(_channel(_manager(request, slug), channel_id))


@router.post(
    "/{slug}/channels/{channel_id}/reconnect",
    response=ChannelOut,
    summary="Reconnect a channel as its kind says: a new token or app password, a webhook's "
    "URL checked or changed and its secret optionally replaced (shown once); its waiting "
    "deliveries go out again",
)
def reconnect_channel(
    request: HttpRequest, slug: str, channel_id: Id, payload: ReconnectIn
) -> dict[str, Any]:
    channel = _channel(_manager(request, slug), channel_id)
    given = {name: _as_text(value) for name, value in payload.dict().items()}
    secret = connect.reconnect(channel, given)
    channel.refresh_from_db()
    return _channel_out(channel, secret)


def _as_text(value: object) -> str:
    """A body value as the page would send it: a ticked box is "on", an unticked one ""."""
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


@router.delete("/{slug}/channels/{channel_id}", response={204: None, 409: dict[str, str]})
def remove_channel(request: HttpRequest, slug: str, channel_id: Id) -> Status[Any]:
    channel = _channel(_manager(request, slug), channel_id)
    if channel.deliveries.filter(state="in_flight").exists():
        return Status(409, {"detail": f"{channel} is publishing right now; try again in a minute."})
    channel.delete()
    return Status(204, None)


@router.get("/{slug}/publishing/health", summary="The worker's health for this workspace")
def publishing_health(request: HttpRequest, slug: str) -> dict[str, Any]:
    membership = _manager(request, slug)
    return worker_health(timezone.now(), membership.workspace.pk)


@router.get(
    "/{slug}/posts/{post_id}/deliveries",
    response=list[DeliveryOut],
    summary="Where the post goes and how each channel went, with links to published posts",
)
def post_deliveries(request: HttpRequest, slug: str, post_id: Id) -> list[dict[str, Any]]:
    membership = membership_or_404(request.user, slug)
    post = get_object_or_404(Post, pk=post_id, workspace=membership.workspace)
    deliveries = (
        Delivery.objects.filter(post=post).select_related("channel", "post__market").order_by("id")
    )
    zone, now = membership.timezone or membership.workspace.home_timezone, timezone.now()
    return [
        {
            "channel_id": d.channel_id,
            "channel": d.channel.name,
            "kind": d.channel.kind,
            "state": d.state,
            "due_at": d.due_at,
            "attempts": d.attempts,
            "published_at": d.published_at,
            "remote_url": d.remote_url,
            "last_error": d.last_error,
            "reason": waiting.reason_for(d, zone, now),
        }
        for d in deliveries
    ]
