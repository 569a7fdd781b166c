"""Connecting channels: verify what the user gives before storing it (encrypted).

What to ask and how to verify it is each kind's (``publishing/kinds/``); here is what
every kind shares: the channel's name, storing, and reconnecting with a new credential.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError

from onshore.publishing import crypto, kinds
from onshore.publishing.models import Channel
from onshore.publishing.outbound import ClientFactory, default_client
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
    fields and "name"), verified first; also returns a secret to show once, if any."""
    adapter = kinds.chosen(kind)
    connection = adapter.connect(values, client_factory)
    name = values.get("name", "") or connection.default_name
    return _store(market, adapter.name, name, connection, None), connection.shown_once


def reconnect(
    channel: Channel,
    credentials: Mapping[str, str],
    client_factory: ClientFactory = default_client,
) -> None:
    """New credentials for an existing channel, verified like a first connection: the
    one its kind renews (a Mastodon access token, a Bluesky app password)."""
    adapter = channel.adapter
    if adapter.renews is None:
        raise ValidationError({"kind": adapter.cannot_renew})
    credential = credentials.get(adapter.renews.field, "")
    values = adapter.reconnect_values(channel.config, credential)
    _store(channel.market, adapter.name, "", adapter.connect(values, client_factory), channel)


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
    channel.save()
    return channel
