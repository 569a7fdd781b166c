"""The fakes are Django-free; their own tests run without pytest-django, through the
client onshore itself uses (loopback allowed), as tests/networks/ does."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from onshore.networks import OutboundPolicy, outbound_client


@pytest.fixture(autouse=True)
def fast_password_hashing() -> None:
    """Shadows the project-wide autouse fixture, which needs Django settings."""


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with outbound_client(OutboundPolicy(allow_loopback=True), timeout=1.0) as http:
        yield http
