"""Logging in with an app password and keeping the session fresh.

atproto sessions (com.atproto.server.createSession / refreshSession) hand out a
short-lived access token (about two hours) and a long-lived refresh token. An expired
access token is answered with ``ExpiredToken``; the client then calls refreshSession
with the refresh token and repeats the request. Logging in for every post would run
into createSession's rate limit (30 per 5 minutes per account on bsky.social), so the
worker keeps sessions in a ``Sessions`` object between deliveries.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import httpx

from onshore.networks._errors import PublishError
from onshore.networks.bluesky._xrpc import (
    call,
    error_name,
    failure,
    service_base,
    success_json,
)

_STALE_TOKEN_ERRORS = frozenset({"ExpiredToken", "InvalidToken"})


@dataclass(frozen=True)
class Session:
    did: str
    handle: str
    access_jwt: str = field(repr=False)
    refresh_jwt: str = field(repr=False)


@dataclass(frozen=True)
class Login:
    """One account's app-password login; the password never appears in repr."""

    pds_url: str
    handle: str
    app_password: str = field(repr=False)

    def cache_key(self) -> tuple[str, str, str]:
        # A new app password must not reuse a session made with the old one.
        fingerprint = hashlib.sha256(self.app_password.encode()).hexdigest()
        return service_base(self.pds_url), self.handle.strip().lower(), fingerprint


class Sessions:
    """Sessions kept between publishes, one per login (thread-safe)."""

    def __init__(self) -> None:
        self._sessions: dict[tuple[str, str, str], Session] = {}
        self._lock = threading.Lock()

    def get(self, login: Login) -> Session | None:
        with self._lock:
            return self._sessions.get(login.cache_key())

    def put(self, login: Login, session: Session) -> None:
        with self._lock:
            self._sessions[login.cache_key()] = session

    def forget(self, login: Login) -> None:
        with self._lock:
            self._sessions.pop(login.cache_key(), None)


def create_session(login: Login, client: httpx.Client, now: datetime) -> Session:
    """com.atproto.server.createSession; a rejected password needs reconnecting."""
    body = {"identifier": login.handle.strip(), "password": login.app_password}
    response = call(
        client,
        "POST",
        login.pds_url,
        "com.atproto.server.createSession",
        what="logging in to Bluesky",
        body=body,
    )
    if not response.is_success:
        raise failure(response, now, "logging in to Bluesky")
    return _session_from(success_json(response, what="logging in to Bluesky"))


def refresh_session(login: Login, session: Session, client: httpx.Client, now: datetime) -> Session:
    """com.atproto.server.refreshSession, falling back to a fresh login when the
    refresh token itself has expired or was revoked."""
    response = call(
        client,
        "POST",
        login.pds_url,
        "com.atproto.server.refreshSession",
        what="refreshing the Bluesky session",
        token=session.refresh_jwt,
    )
    if response.is_success:
        return _session_from(success_json(response, what="refreshing the Bluesky session"))
    if error_name(response) in _STALE_TOKEN_ERRORS or response.status_code == 401:
        return create_session(login, client, now)
    raise failure(response, now, "refreshing the Bluesky session")


def with_session(
    login: Login,
    sessions: Sessions | None,
    client: httpx.Client,
    now: datetime,
    request: Callable[[Session], httpx.Response],
) -> tuple[Session, httpx.Response]:
    """Run ``request`` with a valid session, refreshing or logging in again once.

    Repeating ``request`` is safe here: a stale token is rejected before the server
    does anything with the request.
    """
    cached = sessions.get(login) if sessions is not None else None
    session = cached or create_session(login, client, now)
    response = request(session)
    name = error_name(response)
    if name == "ExpiredToken":
        session = refresh_session(login, session, client, now)
        response = request(session)
    elif cached is not None and (name == "InvalidToken" or response.status_code == 401):
        # The cached session was revoked (e.g. the app password was deleted and
        # re-created): log in once more before declaring the channel disconnected.
        session = create_session(login, client, now)
        response = request(session)
    if sessions is not None:
        _remember(sessions, login, session, response)
    return session, response


def _remember(sessions: Sessions, login: Login, session: Session, response: httpx.Response) -> None:
    if error_name(response) in _STALE_TOKEN_ERRORS or response.status_code == 401:
        sessions.forget(login)
    else:
        sessions.put(login, session)


def _session_from(body: dict[str, object]) -> Session:
    values = {key: body.get(key) for key in ("did", "handle", "accessJwt", "refreshJwt")}
    if not all(isinstance(value, str) and value for value in values.values()):
        raise PublishError("The Bluesky server returned an incomplete session.", permanent=False)
    return Session(
        did=str(values["did"]),
        handle=str(values["handle"]),
        access_jwt=str(values["accessJwt"]),
        refresh_jwt=str(values["refreshJwt"]),
    )
