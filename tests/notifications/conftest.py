"""The fakes in tests/fakes/ listen on 127.0.0.1: outbound calls may reach loopback here."""

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def allow_loopback(settings: Any) -> None:
    """As ONSHORE_OUTBOUND_ALLOW_LOOPBACK does, for the webhook receiver."""
    settings.OUTBOUND_ALLOW_LOOPBACK = True
