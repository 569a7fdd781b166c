"""Channels (connect, reconnect, remove) and the publishing health page and endpoint."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from onshore.inputs import read_id
from onshore.publishing import connect
from onshore.publishing.health import worker_health
from onshore.publishing.kinds import KINDS, ConnectField
from onshore.publishing.models import Channel, Delivery
from onshore.workspaces.models import Market, Membership
from onshore.workspaces.roles import Capability
from onshore.workspaces.views import member_view


def _market(membership: Membership, value: str | None) -> Market | None:
    market_id = read_id(value, "market")
    if market_id is None:
        return None
    return Market.objects.filter(pk=market_id, workspace=membership.workspace).first()


def _errors_text(exc: ValidationError) -> str:
    return "; ".join(
        f"{field}: {' '.join(problems)}" for field, problems in exc.message_dict.items()
    )


# How much of a signing secret the page shows before a manager asks for the rest.
SHOWN_TAIL = 4


@dataclass(frozen=True)
class ChannelRow:
    """A card of the Channels page: the channel, its last publication, its kind's
    reconnect form with the stored value of each field that is not a secret (the
    webhook's URL, to check or edit), and its signing secret masked or, on a manager's
    click, revealed."""

    channel: Channel
    last_published: datetime | None = None
    revealed: bool = False

    @property
    def reconnect_fields(self) -> list[tuple[ConnectField, str]]:
        config = self.channel.config
        return [
            (f, "" if f.secret or f.checkbox else str(config.get(f.name) or ""))
            for f in self.channel.adapter.reconnect.fields
        ]

    @functools.cached_property
    def _secret(self) -> str | None:
        return connect.signing_secret(self.channel)

    @property
    def secret_tail(self) -> str:
        """The last characters of the signing secret ("3f9a"), "" when it has none."""
        return (self._secret or "")[-SHOWN_TAIL:]

    @property
    def secret(self) -> str:
        """The whole signing secret, only once a manager asked to reveal it."""
        return (self._secret or "") if self.revealed else ""


@member_view(Capability.MANAGE_CHANNELS)
def channels(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _channels_page(request, membership)


def _channels_page(
    request: HttpRequest,
    membership: Membership,
    new_secret: str | None = None,
    revealed: int | None = None,
) -> HttpResponse:
    workspace = membership.workspace
    failed = (
        Delivery.objects.filter(post__workspace=workspace, state="failed")
        .select_related("post", "channel")
        .order_by("-id")[:20]
    )
    listed = workspace.channels.select_related("market").annotate(
        last_published=Max("deliveries__published_at")
    )
    response = render(
        request,
        "publishing/channels.html",
        {
            "membership": membership,
            "channel_rows": [
                ChannelRow(c, c.last_published, revealed=c.pk == revealed) for c in listed
            ],
            "markets": workspace.markets.all(),
            "kinds": KINDS.values(),
            "chosen_kind": _chosen_kind(request.GET.get("connect")),
            "health": worker_health(timezone.now(), workspace.pk),
            "failed": failed,
            "new_secret": new_secret,
        },
    )
    if new_secret or revealed:
        patch_cache_control(response, no_store=True)  # no copy of the secret in a cache
    return response


def _chosen_kind(name: str | None) -> str:
    """The kind whose connect form is open: the one named (after a refused connect), else
    the first."""
    return name if name in KINDS else next(iter(KINDS))


@require_POST
@member_view(Capability.MANAGE_CHANNELS)
def reveal_secret(request: HttpRequest, membership: Membership, channel_id: int) -> HttpResponse:
    """The Channels page with one channel's signing secret shown: asked for by a click (a
    POST, so no link, prefetch or history entry shows it) and never cached."""
    channel = get_object_or_404(Channel, pk=channel_id, workspace=membership.workspace)
    if channel.adapter.signing_secret is None:
        raise Http404("this channel has no secret to show")
    return _channels_page(request, membership, revealed=channel.pk)


@require_POST
@member_view(Capability.MANAGE_CHANNELS)
def connect_channel(request: HttpRequest, membership: Membership) -> HttpResponse:
    market = _market(membership, request.POST.get("market"))
    try:
        if market is None:
            raise ValidationError({"market": "choose one of this workspace's markets"})
        channel, secret = connect.connect(market, request.POST.get("kind", ""), request.POST)
    except ValidationError as exc:
        messages.error(request, _errors_text(exc))
        # Back to the same kind's form, open (the page shows one kind's at a time).
        page = reverse("channels", kwargs={"slug": membership.workspace.slug})
        return redirect(f"{page}?connect={_chosen_kind(request.POST.get('kind'))}#connect")
    messages.success(request, f"Connected {channel}.")
    if secret is not None:
        # Shown once, in this response; never stored in clear (not even in the session
        # table, which would keep it until the session expires).
        return _channels_page(request, membership, new_secret=secret)
    return redirect("channels", slug=membership.workspace.slug)


@require_POST
@member_view(Capability.MANAGE_CHANNELS)
def reconnect_channel(
    request: HttpRequest, membership: Membership, channel_id: int
) -> HttpResponse:
    channel = get_object_or_404(Channel, pk=channel_id, workspace=membership.workspace)
    try:
        secret = connect.reconnect(channel, request.POST)
    except ValidationError as exc:
        messages.error(request, _errors_text(exc))
        return redirect("channels", slug=membership.workspace.slug)
    messages.success(request, f"{channel} is connected again; waiting posts will go out.")
    if secret is not None:  # a new webhook signing secret: shown once, in this response
        return _channels_page(request, membership, new_secret=secret)
    return redirect("channels", slug=membership.workspace.slug)


@require_POST
@member_view(Capability.MANAGE_CHANNELS)
def remove_channel(request: HttpRequest, membership: Membership, channel_id: int) -> HttpResponse:
    channel = get_object_or_404(Channel, pk=channel_id, workspace=membership.workspace)
    if channel.deliveries.filter(state="in_flight").exists():
        messages.error(request, f"{channel} is publishing right now; try again in a minute.")
    else:
        channel.delete()
        messages.success(request, f"Removed {channel}; its waiting deliveries are cancelled.")
    return redirect("channels", slug=membership.workspace.slug)


def health_json(request: HttpRequest) -> JsonResponse:
    """For monitoring: counts only, no content; 503 when the worker is not looping."""
    health = worker_health(timezone.now())
    health.pop("workers")
    return JsonResponse(health, status=200 if health["status"] != "stalled" else 503)
