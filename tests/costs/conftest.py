"""The costs package is Django-free; its tests must run without pytest-django."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing() -> None:
    """Shadows the project-wide autouse fixture, which needs Django settings."""
