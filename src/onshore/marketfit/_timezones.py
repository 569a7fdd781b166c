"""zone_info(): ZoneInfo objects that stay loaded for the life of the process."""

from __future__ import annotations

import importlib
from functools import cache
from zoneinfo import ZoneInfo


@cache
def zone_info(name: str) -> ZoneInfo:
    """``ZoneInfo(name)``, kept. ZoneInfo's own cache holds only the 8 most recent zones
    strongly; the checker uses more (every zone of the markets posts are checked in and
    the home markets of zone names), so an evicted zone was re-read from tzdata on disk.
    The object is the one ``ZoneInfo(name)`` returns while this one lives, so nothing
    else changes. Unknown names raise as ZoneInfo does (exceptions are not cached)."""
    return ZoneInfo(name)


@cache
def zone_rules_year() -> int:
    """The year of the IANA time zone release installed with the checker (the tzdata
    package's ``IANA_VERSION``, "2026f": 2026): the year a post without a schedule is
    checked for, since the check has no date of its own. Upgrading tzdata moves it on."""
    tzdata = importlib.import_module("tzdata")  # a dependency; it ships no type hints
    return int(str(tzdata.IANA_VERSION)[:4])
