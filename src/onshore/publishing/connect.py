"""Connecting channels: verify what the user gives before storing it (encrypted).

What to ask and how to verify it is each kind's (``publishing/kinds/``); here is what
every kind shares: the channel's name, storing, taking the market's upcoming posts, and
reconnecting (as the kind says) so that held deliveries go out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from onshore.publishing import crypto, kinds, outbox
from onshore.publishing.models import Channel
from onshore.publishing.outbound import ClientFactory, default_client
from onshore.publishing.wakeup import wake_workers_if_due_soon
from onshore.workspaces.models import Market


def _clean_name(name: str) -> str:
    cleaned = (name or "").strip()
    if not cleaned or len(cleaned) > 100:
        raise ValidationError({"name": "give the channel a name of 1 to 100 characters"})
    return cleaned


def connect(
    market: Market,
    kind: str,
    values: Mapping[str, str],
    client_factory: ClientFactory = default_client,
) -> tuple[Channel, str | None]:
    """A new channel of ``kind`` from what a person gave (``values``: the kind's connect
    fields and "name"), verified first; also returns a secret to show once, if any.
    The market's scheduled posts still to come go to it too."""
    adapter = kinds.chosen(kind)
    connection = adapter.connect(values, client_factory)
    name = values.get("name", "") or connection.default_name
    with transaction.atomic():
        channel = _store(market, adapter.name, name, connection, None)
        outbox.deliver_upcoming(channel, timezone.now())
    return channel, connection.shown_once


def reconnect(
    channel: Channel,
    values: Mapping[str, str],
    client_factory: ClientFactory = default_client,
) -> str | None:
    """Reconnect a channel the way its kind says (``Kind.reconnect``: a new Mastodon
    token or Bluesky app password; a webhook's URL checked again or changed, its secret
    kept or replaced), verified like a first connection. The channel is active again and
    its held deliveries are due at once: the worker sends each once, with its own key.
    Returns a secret to show once, if one was made."""
    verify = channel.adapter.reconnect.verify
    connection = verify(channel.config, _stored_secrets(channel), values, client_factory)
    _store(channel.market, channel.kind, "", connection, channel)
    wake_workers_if_due_soon(timezone.now())
    return connection.shown_once


def _stored_secrets(channel: Channel) -> dict[str, Any] | None:
    """The channel's secrets, or None when they cannot be read (the key changed)."""
    try:
        return crypto.decrypt(channel.secret_encrypted) if channel.secret_encrypted else None
    except crypto.CredentialsUnreadable:
        return None


def signing_secret(channel: Channel) -> str | None:
    """The secret the channel's kind lets the Channels page reveal (a webhook's signing
    secret), or None: the kind has none, or it cannot be read (the key changed)."""
    declared = channel.adapter.signing_secret
    secrets = _stored_secrets(channel) if declared else None
    value = secrets.get(declared.key) if secrets and declared else None
    return str(value) if value else None


def _store(
    market: Market,
    kind: str,
    name: str,
    connection: kinds.Connection,
    channel: Channel | None,
) -> Channel:
    """A new channel, or the same one reconnected: active again with fresh credentials."""
    if channel is None:
        channel = Channel(
            workspace=market.workspace, market=market, kind=kind, name=_clean_name(name)
        )
    channel.config = connection.config
    channel.secret_encrypted = crypto.encrypt(connection.secrets)
    channel.status, channel.status_message = Channel.Status.ACTIVE, ""
    channel.parked_at = None
    channel.save()
    return channel
