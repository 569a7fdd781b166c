"""The session-wide local Bluesky PDS (tests/networks/pds.py), for tests marked `pds`."""

from typing import Any

import pytest

from tests.networks.pds import local_pds  # noqa: F401


@pytest.fixture(autouse=True)
def allow_loopback(settings: Any) -> None:
    """The fakes listen on 127.0.0.1: allow loopback for every outbound call, as
    ONSHORE_OUTBOUND_ALLOW_LOOPBACK does (tests that check refusals turn it off)."""
    settings.OUTBOUND_ALLOW_LOOPBACK = True
