"""Connecting channels: verify what the user gives before storing it (encrypted)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils import timezone

from onshore.networks import PublishError, bluesky, check_destination, mastodon, webhook
from onshore.publishing import crypto, senders
from onshore.publishing.models import Channel
from onshore.workspaces.models import Market


def _clean_name(name: str) -> str:
    cleaned = (name or "").strip()
    if not cleaned or len(cleaned) > 100:
        raise ValidationError({"name": "give the channel a name of 1 to 100 characters"})
    return cleaned


def _allowed_destination(field: str, url: str, *, whole_url: bool = False) -> str:
    """``url`` if the outbound policy allows it, else a ValidationError on ``field``.

    Unless ``whole_url``, only a server's address is taken (no path, no query): onshore
    appends the API paths itself, and "https://host/anything?" would let a person
    choose the path (the policy refuses the other trick, a trailing "#").
    """
    _, what, _ = senders.DESTINATIONS[_KIND_OF_FIELD[field]]
    try:
        check_destination(url, senders.outbound_policy(), what=what)
    except PublishError as exc:
        raise ValidationError({field: str(exc)}) from None
    parts = urlsplit(url)
    if not whole_url and (parts.query or parts.path.strip("/")):
        raise ValidationError(
            {
                field: f"{what} must be the server's address only, such as https://{_EXAMPLES[field]}."
            }
        )
    return url if whole_url else f"{parts.scheme}://{parts.netloc}"


_KIND_OF_FIELD = {"url": "webhook", "instance_url": "mastodon", "pds_url": "bluesky"}
_EXAMPLES = {"instance_url": "mastodon.social", "pds_url": "bsky.social"}


def connect_webhook(market: Market, name: str, url: str) -> tuple[Channel, str]:
    """A webhook channel with a new signing secret; returns it to show once."""
    url = _allowed_destination("url", url.strip(), whole_url=True)
    secret = webhook.generate_secret()
    channel = Channel.objects.create(
        workspace=market.workspace,
        market=market,
        kind="webhook",
        name=_clean_name(name),
        config={"url": url},
        secret_encrypted=crypto.encrypt({"secret": secret}),
    )
    return channel, secret


def connect_mastodon(
    market: Market,
    name: str,
    instance_url: str,
    token: str,
    client_factory: Any = senders.default_client,
    channel: Channel | None = None,
) -> Channel:
    """Verify the token, read the instance's limits, store both. Also reconnects."""
    if not token.strip():
        raise ValidationError({"access_token": "paste the access token from the instance"})
    base = _allowed_destination("instance_url", mastodon.instance_base(instance_url))
    with client_factory() as client:
        try:
            account = mastodon.verify_credentials(base, token.strip(), client, now=timezone.now())
            limits = mastodon.instance_limits(base, client, now=timezone.now())
        except (PublishError, ValueError) as exc:
            field = "access_token" if getattr(exc, "needs_reconnect", False) else "instance_url"
            raise ValidationError({field: str(exc)}) from None
    config = {
        "instance_url": base,
        "account_id": account.id,
        "acct": account.acct,
        "max_characters": limits.max_characters,
        "characters_reserved_per_url": limits.characters_reserved_per_url,
    }
    secrets = {"access_token": token.strip()}
    return _store(market, "mastodon", name or f"@{account.acct}", config, secrets, channel)


def connect_bluesky(
    market: Market,
    name: str,
    pds_url: str,
    handle: str,
    app_password: str,
    client_factory: Any = senders.default_client,
    channel: Channel | None = None,
) -> Channel:
    """Log in once with the app password to check it; store it encrypted. Also reconnects."""
    pds = _allowed_destination("pds_url", bluesky.service_base(pds_url or ""))
    login = bluesky.Login(pds, handle.strip().lstrip("@"), app_password.strip())
    if not login.handle or not login.app_password:
        raise ValidationError({"handle": "give the account's handle and an app password"})
    with client_factory() as client:
        try:
            bluesky.create_session(login, client, timezone.now())
        except PublishError as exc:
            field = "app_password" if exc.needs_reconnect else "pds_url"
            raise ValidationError({field: str(exc)}) from None
    config = {"pds_url": pds, "handle": login.handle}
    secrets = {"app_password": login.app_password}
    return _store(market, "bluesky", name or f"@{login.handle}", config, secrets, channel)


def reconnect(channel: Channel, access_token: str = "", app_password: str = "") -> None:
    """New credentials for an existing channel, verified like a first connection:
    a Mastodon access token or a Bluesky app password. A webhook has none to renew."""
    if channel.kind == "mastodon":
        connect_mastodon(
            channel.market,
            channel.name,
            channel.config["instance_url"],
            access_token,
            channel=channel,
        )
    elif channel.kind == "bluesky":
        connect_bluesky(
            channel.market,
            channel.name,
            channel.config.get("pds_url", ""),
            channel.config.get("handle", ""),
            app_password,
            channel=channel,
        )
    else:
        raise ValidationError(
            {"kind": "a webhook has no credentials to renew; remove it and connect a new one"}
        )


def _store(
    market: Market,
    kind: str,
    name: str,
    config: dict[str, Any],
    secrets: dict[str, Any],
    channel: Channel | None,
) -> Channel:
    """A new channel, or the same one reconnected: active again with fresh credentials."""
    if channel is None:
        channel = Channel(
            workspace=market.workspace, market=market, kind=kind, name=_clean_name(name)
        )
    channel.config, channel.secret_encrypted = config, crypto.encrypt(secrets)
    channel.status, channel.status_message = Channel.Status.ACTIVE, ""
    channel.save()
    return channel
