"""Connecting a Mastodon channel: check the token, read the instance's limits."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from onshore.networks._errors import PublishError
from onshore.networks._results import http_url_or_none
from onshore.networks.mastodon._api import build, call, is_mastodon_id

# Mastodon's own defaults (StatusLengthValidator), used when an instance says nothing.
DEFAULT_MAX_CHARACTERS = 500
DEFAULT_CHARACTERS_PER_URL = 23
# A local account's name (Mastodon: [a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?), optionally
# @domain; ASCII only, bounded, so it is safe to store and show as plain text.
_ACCT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}(@[A-Za-z0-9.-]{1,253})?", re.ASCII)


@dataclass(frozen=True)
class MastodonCredentials:
    """A Mastodon channel's configuration. The token never appears in repr or logs."""

    instance_url: str
    access_token: str = field(repr=False)


@dataclass(frozen=True)
class Account:
    """The account a token belongs to (from verify_credentials)."""

    id: str
    username: str
    acct: str
    url: str


@dataclass(frozen=True)
class InstanceLimits:
    """What the market-fit checker needs: the length limit and how URLs count, and the
    instance's ``configuration`` as it answered (its media limits: the checker reads and
    bounds them with ``marketfit.MediaLimits.from_instance``; this core does not know
    the checker)."""

    max_characters: int = DEFAULT_MAX_CHARACTERS
    characters_reserved_per_url: int = DEFAULT_CHARACTERS_PER_URL
    # Raw, so not part of equality or the hash: two answers with the same limits are equal.
    configuration: Mapping[str, Any] = field(default_factory=dict, compare=False)


def verify_credentials(
    instance_url: str, token: str, client: httpx.Client, *, now: datetime | None = None
) -> Account:
    """GET /api/v1/accounts/verify_credentials; a rejected token raises PublishError
    with ``needs_reconnect``."""
    request = build(client, "GET", instance_url, "/api/v1/accounts/verify_credentials", token=token)
    body = call(client, request, what="checking the Mastodon access token", now=now)
    if not isinstance(body, dict) or "id" not in body:
        raise PublishError("Mastodon did not return an account for this token.", permanent=True)
    return _account_from(body)


def _account_from(body: dict[str, Any]) -> Account:
    """The account, each field checked: they are stored, shown, and the id becomes
    part of request paths, so a server must not be able to put anything else there."""
    account_id, acct = str(body["id"]), str(body.get("acct", ""))
    if not is_mastodon_id(account_id) or not _ACCT.fullmatch(acct):
        raise PublishError(
            "Mastodon answered with an account onshore cannot use (its id or name is not "
            "what a Mastodon server sends); check the instance address.",
            permanent=True,
        )
    return Account(
        id=account_id,
        username=acct.split("@", 1)[0],
        acct=acct,
        url=http_url_or_none(body.get("url")) or "",
    )


def instance_limits(
    instance_url: str, client: httpx.Client, *, now: datetime | None = None
) -> InstanceLimits:
    """The instance's status length limit and URL weight.

    Reads GET /api/v2/instance (Mastodon 4.0+) and falls back to /api/v1/instance on
    servers without it (404/410); missing fields fall back to Mastodon's defaults,
    because older servers and some forks omit ``configuration``.
    """
    try:
        body = _instance(instance_url, "/api/v2/instance", client, now)
    except PublishError as error:
        if error.status_code not in (404, 410):
            raise
        body = _instance(instance_url, "/api/v1/instance", client, now)
    return _limits_from(body)


def _instance(
    instance_url: str, path: str, client: httpx.Client, now: datetime | None
) -> dict[str, Any]:
    request = build(client, "GET", instance_url, path)
    body = call(client, request, what="reading the Mastodon instance settings", now=now)
    return body if isinstance(body, dict) else {}


def _limits_from(body: dict[str, Any]) -> InstanceLimits:
    configuration = body.get("configuration")
    statuses = configuration.get("statuses") if isinstance(configuration, dict) else None
    if not isinstance(statuses, dict):
        statuses = {}
    return InstanceLimits(
        max_characters=_positive(
            statuses.get("max_characters", body.get("max_toot_chars")), DEFAULT_MAX_CHARACTERS
        ),
        characters_reserved_per_url=_positive(
            statuses.get("characters_reserved_per_url"), DEFAULT_CHARACTERS_PER_URL
        ),
        configuration=configuration if isinstance(configuration, dict) else {},
    )


def _positive(value: Any, default: int) -> int:
    # bool is an int in Python; a "true" limit is garbage, not 1.
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return default
