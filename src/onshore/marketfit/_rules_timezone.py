"""Time zones: abbreviations wrong for the date, ambiguous ones, and bare clock times.

Which abbreviation a zone uses on a date comes from tzdata through zoneinfo, never from
a hand-written offset table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from onshore.marketfit._data import abbreviation_offsets
from onshore.marketfit._registry import Context, Example, Hit, register

CLOCK = (
    r"(?<![\d:.])(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:[ap]\.?m\b\.?)"
    r"|(?<![\d:.])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"
)
# A range ("9-10am", "9am–5pm") counts as one clock expression. Every match starts with
# a digit; the leading (?=\d) says so, which lets the scan skip other positions fast.
CLOCK_RANGE = re.compile(
    r"(?=\d)(?P<clock>(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:[ap]\.?m\.?)?\s*(?:-|–|to)\s*)?"
    r"(?:" + CLOCK + r"))",
    re.I,
)
# Trigger: every clock time has a digit before am/pm or before ":MM".
CLOCK_HINT = re.compile(r"\d(?::[0-5]\d|\s*[ap]\.?m)", re.I)
ZONE_AFTER = re.compile(r"\s*\(?(?P<abbr>[A-Z][A-Za-z]{1,4})\b\)?")
# Generic (daylight-agnostic) names people write; never wrong for a date.
GENERIC_ZONES = {"ET", "CT", "MT", "PT", "AT", "NT", "AET", "ACT", "AWT", "UTC", "GMT", "Z"}
GENERIC_BY_ZONE = {
    "America/New_York": "ET",
    "America/Toronto": "ET",
    "America/Chicago": "CT",
    "America/Winnipeg": "CT",
    "America/Denver": "MT",
    "America/Edmonton": "MT",
    "America/Los_Angeles": "PT",
    "America/Vancouver": "PT",
    "America/Halifax": "AT",
    "Australia/Sydney": "AET",
    "Australia/Melbourne": "AET",
}
ZONE_WORDS = re.compile(
    r"\b(?:local|your time|time ?zones?|eastern|central|mountain|pacific|atlantic|"
    r"sydney time|melbourne time|perth time|brisbane time|adelaide time|toronto time|"
    r"vancouver time|new york time|in[- ]store|in person|doors|venue)\b",
    re.I,
)


def clocks(context: Context) -> list[re.Match[str]]:
    cached: list[re.Match[str]] | None = context.cache.get("clocks")
    if cached is None:
        cached = list(CLOCK_RANGE.finditer(context.doc.masked))
        context.cache["clocks"] = cached
    return cached


def zone_mentions(context: Context) -> list[tuple[int, int, str]]:
    """(start, end, abbreviation) for every zone abbreviation written after a time."""
    known = abbreviation_offsets()
    masked = context.doc.masked
    found = []
    for match in clocks(context):
        after = ZONE_AFTER.match(masked, match.end())
        if after is None:
            continue
        abbr = after.group("abbr")
        if abbr in known or abbr in GENERIC_ZONES:
            found.append((after.start("abbr"), after.end("abbr"), abbr))
    return found


@cache
def abbreviations_in_year(zone: str, year: int) -> frozenset[str]:
    tz = ZoneInfo(zone)
    return frozenset(
        datetime(year, month, 15, 12, tzinfo=tz).tzname() or "" for month in range(1, 13)
    )


@cache
def abbreviation_on(zone: str, day: date) -> str:
    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(zone)).tzname() or ""


def _wrong_for_date(context: Context, abbr: str, day: date) -> str | None:
    """The abbreviation that should be used on ``day``, or None if ``abbr`` is right."""
    own = context.zone.key
    if abbr in abbreviations_in_year(own, day.year):
        right = abbreviation_on(own, day)
        return None if right == abbr else right
    users = [z for z in context.market.zones if abbr in abbreviations_in_year(z, day.year)]
    if not users or any(abbreviation_on(z, day) == abbr for z in users):
        return None
    return abbreviation_on(users[0], day)


@register(
    "timezone.wrong_for_date",
    "timezone",
    "error",
    "{found} is not in use on {day} in {market}; clocks there show {suggestion}",
    trigger_pattern=CLOCK_HINT,
    examples=[
        Example("Live Q&A on July 4, 2026 at 9am EST!", "US", "EST"),
        Example("Doors open 7pm BST on 14 January 2026.", "GB", "BST"),
        Example("Webinar at 10am AEST tomorrow.", "AU", "AEST", at="2026-01-14T09:00"),
        Example("Live Q&A on July 4, 2026 at 9am EDT!", "US", None),
        Example("Kick-off 7pm MST on July 10, 2026.", "US", None),  # Arizona keeps MST
        Example("Live at 9am ET on July 4, 2026.", "US", None),
        Example("Live Q&A July 4 at 9am EST!", "US", "EST"),  # wrong in every year
    ],
)
def detect_wrong_for_date(context: Context) -> Iterator[Hit]:
    days = context.reference_dates
    if not days:
        return
    for start, end, abbr in zone_mentions(context):
        if abbr in GENERIC_ZONES:
            continue
        rights = [_wrong_for_date(context, abbr, day) for day in days]
        right = rights[0]
        if right and all(rights) and right.isalpha():
            first = days[0]
            day = f"{first.day} {first:%B %Y}" if len(days) == 1 else f"{first.day} {first:%B}"
            yield Hit(start, end, right, {"day": day})


@register(
    "timezone.ambiguous",
    "timezone",
    "warning",
    "{found} means different things ({offsets}) and is not a zone {readers} use; "
    "name the city or give the UTC offset",
    trigger_pattern=CLOCK_HINT,
    examples=[
        Example("Join us at 4pm IST for the launch.", "GB", "IST"),
        Example("Call starts 9am CST sharp.", "AU", "CST"),
        Example("Join us at 4pm IST for the launch.", "IN", None),
        Example("Call starts 9am CST on 10 January 2026.", "US", None),
    ],
)
def detect_ambiguous(context: Context) -> Iterator[Hit]:
    known = abbreviation_offsets()
    for start, end, abbr in zone_mentions(context):
        offsets = known.get(abbr, [])
        if len(offsets) < 2:
            continue
        if any(abbr in abbreviations_in_year(z, 2026) for z in context.market.zones):
            continue
        yield Hit(start, end, None, {"offsets": ", ".join(_utc(o) for o in offsets)})


def _utc(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@register(
    "timezone.missing_zone",
    "timezone",
    "warning",
    "{market} spans several time zones; say which one {found} is in",
    markets=None,
    trigger_pattern=CLOCK_HINT,
    examples=[
        Example("Join our live webinar Thursday at 2pm!", "US", "2pm"),
        Example("Going live on Instagram at 7:30pm tonight.", "AU", "7:30pm"),
        Example("Join our live webinar Thursday at 2pm ET!", "US", None),
        Example("Join our live webinar Thursday at 2pm!", "GB", None),
        Example("Store hours 9am-5pm local time.", "CA", None),
    ],
)
def detect_missing_zone(context: Context) -> Iterator[Hit]:
    if not context.market.multi_zone:
        return
    masked = context.doc.masked
    found = clocks(context)
    if not found or zone_mentions(context) or ZONE_WORDS.search(masked):
        return
    for match in found:
        clock = match.group("clock")
        yield Hit(match.start(), match.end(), f"{clock} {_zone_label(context)}")
        return  # one reminder per post is enough


def _zone_label(context: Context) -> str:
    if context.reference_dates:
        name = abbreviation_on(context.zone.key, context.reference_dates[0])
        if name.isalpha():
            return name
    return GENERIC_BY_ZONE.get(context.zone.key, "local time")
