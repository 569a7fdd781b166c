"""The demo workspace as the browser tests log into it: its clock and its owner."""

from __future__ import annotations

from datetime import UTC, datetime

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday: everyone works today
EMMA = "emma@harbourpine.example"
