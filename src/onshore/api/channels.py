"""Channels over the API: connect, list, reconnect, remove; publishing health; a post's
deliveries per channel.

Credentials go in once and never come back out: responses carry only the non-secret
configuration (instance, handle, URL, limits). A new webhook's signing secret is the one
exception, returned once in the 201 answer, as the Channels page shows it once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status

from onshore.api.schemas import Id, StrictSchema
from onshore.posts.models import Post
from onshore.publishing import connect
from onshore.publishing.health import worker_health
from onshore.publishing.models import Channel, Delivery
from onshore.workspaces.access import membership_or_404, require
from onshore.workspaces.models import Market, Membership
from onshore.workspaces.roles import Capability

router = Router(tags=["channels and publishing"])

# Configuration keys safe to show: never a token, password or secret.
PUBLIC_CONFIG = (
    "instance_url", "acct", "max_characters", "characters_reserved_per_url",
    "pds_url", "handle", "url",
)  # fmt: skip


class ChannelIn(StrictSchema):
    kind: Literal["mastodon", "bluesky", "webhook"]
    market_id: Id
    name: str = Field("", max_length=100)
    url: str = Field("", max_length=2000, description="webhook: where to POST")
    instance_url: str = Field(
        "", max_length=2000, description="mastodon: e.g. https://mastodon.social"
    )
    access_token: str = Field("", max_length=500, description="mastodon: from its settings")
    pds_url: str = Field("", max_length=2000, description="bluesky: default the public service")
    handle: str = Field("", max_length=253, description="bluesky: e.g. roastery.bsky.social")
    app_password: str = Field("", max_length=100, description="bluesky: an app password")


class ReconnectIn(StrictSchema):
    access_token: str = Field("", max_length=500, description="mastodon")
    app_password: str = Field("", max_length=100, description="bluesky")


class ChannelOut(Schema):
    id: int
    market_id: int
    kind: str
    name: str
    status: str
    status_message: str
    config: dict[str, Any]
    secret: str | None = Field(None, description="a new webhook's signing secret, shown once")


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


def _channel_out(channel: Channel, secret: str | None = None) -> dict[str, Any]:
    return {
        "id": channel.pk,
        "market_id": channel.market_id,
        "kind": channel.kind,
        "name": channel.name,
        "status": channel.status,
        "status_message": channel.status_message,
        "config": {k: v for k, v in channel.config.items() if k in PUBLIC_CONFIG},
        "secret": secret,
    }


def _manager(request: HttpRequest, slug: str) -> Membership:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.MANAGE_CHANNELS)
    return membership


def _channel(membership: Membership, channel_id: int) -> Channel:
    return get_object_or_404(Channel, pk=channel_id, workspace=membership.workspace)


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
    market = Market.objects.filter(pk=payload.market_id, workspace=membership.workspace).first()
    if market is None:
        raise ValidationError({"market_id": "no market of this workspace has that id"})
    secret = None
    if payload.kind == "webhook":
        if not payload.url.strip():
            raise ValidationError({"url": "give the URL to deliver to"})
        channel, secret = connect.connect_webhook(market, payload.name, payload.url.strip())
    elif payload.kind == "mastodon":
        if not payload.instance_url.strip():
            raise ValidationError({"instance_url": "give the instance's address"})
        channel = connect.connect_mastodon(
            market, payload.name, payload.instance_url, payload.access_token
        )
    else:
        channel = connect.connect_bluesky(
            market, payload.name, payload.pds_url, payload.handle, payload.app_password
        )
    return Status(201, _channel_out(channel, secret))


@router.get("/{slug}/channels/{channel_id}", response=ChannelOut)
def get_channel(request: HttpRequest, slug: str, channel_id: Id) -> dict[str, Any]:
    return _channel_out(_channel(_manager(request, slug), channel_id))


@router.post(
    "/{slug}/channels/{channel_id}/reconnect",
    response=ChannelOut,
    summary="New credentials for a channel (its waiting deliveries go out again)",
)
def reconnect_channel(
    request: HttpRequest, slug: str, channel_id: Id, payload: ReconnectIn
) -> dict[str, Any]:
    channel = _channel(_manager(request, slug), channel_id)
    connect.reconnect(channel, payload.access_token, payload.app_password)
    channel.refresh_from_db()
    return _channel_out(channel)


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
    deliveries = Delivery.objects.filter(post=post).select_related("channel").order_by("id")
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
        }
        for d in deliveries
    ]
