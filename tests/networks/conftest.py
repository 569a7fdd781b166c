"""The networks package is Django-free; its tests run without pytest-django, against
real HTTP servers on 127.0.0.1 only: the fakes in tests/fakes/, whose fixtures
(``receiver``, ``fake_mastodon``, ``local_pds``) come from tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from onshore.networks import OutboundPolicy, outbound_client

# Short enough to keep "hang past the timeout" tests fast, long enough for a busy CI.
CLIENT_TIMEOUT = 1.0


@pytest.fixture(autouse=True)
def fast_password_hashing() -> None:
    """Shadows the project-wide autouse fixture, which needs Django settings."""


# The client onshore itself uses, with loopback allowed (the only place tests send to).
LOOPBACK = OutboundPolicy(allow_loopback=True)


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with outbound_client(LOOPBACK, timeout=CLIENT_TIMEOUT) as http:
        yield http
