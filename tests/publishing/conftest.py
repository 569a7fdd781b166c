"""The fakes in tests/fakes/ listen on 127.0.0.1; the session-wide local Bluesky PDS
(``local_pds``, for tests marked `pds`) comes from tests/conftest.py."""

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def allow_loopback(settings: Any) -> None:
    """The fakes listen on 127.0.0.1: allow loopback for every outbound call, as
    ONSHORE_OUTBOUND_ALLOW_LOOPBACK does (tests that check refusals turn it off)."""
    settings.OUTBOUND_ALLOW_LOOPBACK = True
