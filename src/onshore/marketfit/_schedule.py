"""When a post is scheduled: ISO 8601 times with an optional zone, IANA zones, and the
wall-clock time the author picked."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from onshore.marketfit._timezones import zone_info


class UnknownZoneError(ValueError):
    """The zone is not an IANA time zone name."""


def parse_at(text: str) -> datetime:
    """ISO 8601, optionally with an RFC 9557 zone suffix: "2026-07-04T09:00",
    "2026-07-04T09:00-04:00", "2026-07-04T09:00[America/New_York]". Without offset or
    zone the time is the market's wall-clock time."""
    text = text.strip()
    zone_name = None
    if text.endswith("]") and "[" in text:
        text, zone_name = text[:-1].split("[", 1)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise ValueError(f"invalid time {text!r}: use ISO 8601 such as 2026-07-04T09:00") from error
    if zone_name is None:
        return moment
    zone = load_zone(zone_name)
    if moment.tzinfo is not None:
        return moment.astimezone(zone)
    return moment.replace(tzinfo=zone)


def load_zone(name: str) -> ZoneInfo:
    try:
        return zone_info(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise UnknownZoneError(
            f"unknown time zone {name!r}: use an IANA name such as Europe/London"
        ) from error


def resolve_schedule(
    at: datetime | None, zone: ZoneInfo
) -> tuple[datetime | None, datetime | None]:
    """(time in the market zone, naive wall time the author picked if one was picked)."""
    if at is None:
        return None, None
    if at.tzinfo is None:
        return at.replace(tzinfo=zone), at
    if isinstance(at.tzinfo, ZoneInfo):
        wall = at.replace(tzinfo=None)
        if at.tzinfo.key != zone.key:
            return at.astimezone(zone), None
        return at, wall
    return at.astimezone(zone), None
