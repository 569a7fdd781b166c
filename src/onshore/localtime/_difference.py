"""How far apart two zones' clocks are at a given instant."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


def _require_aware(at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("an aware datetime is required (a naive one has no instant)")


def offset_between(from_zone: str, to_zone: str, at: datetime) -> timedelta:
    """How far ``to_zone``'s clock is ahead of ``from_zone``'s at the instant ``at``.

    Changes with DST: London → New York is −5 h most of the year, −4 h for a few weeks.
    """
    _require_aware(at)
    to_offset = at.astimezone(ZoneInfo(to_zone)).utcoffset()
    from_offset = at.astimezone(ZoneInfo(from_zone)).utcoffset()
    assert to_offset is not None and from_offset is not None
    return to_offset - from_offset


def local_now(zone: str, at: datetime) -> datetime:
    _require_aware(at)
    return at.astimezone(ZoneInfo(zone))


def describe_offset(offset: timedelta) -> str:
    """'5 h 30 min ahead', '1 h behind', 'same time'."""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "same time"
    hours, rest = divmod(abs(minutes), 60)
    amount = f"{hours} h" if hours else ""
    if rest:
        amount = f"{amount} {rest} min".strip()
    return f"{amount} {'ahead' if minutes > 0 else 'behind'}"


def describe_offset_from(offset: timedelta, whom: str) -> str:
    """'5 h 30 min ahead of you', '1 h behind you', 'the same time as you'."""
    words = describe_offset(offset)
    if words == "same time":
        return f"the same time as {whom}"
    return f"{words} {whom}" if words.endswith("behind") else f"{words} of {whom}"
