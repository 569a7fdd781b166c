"""Time zones: abbreviations wrong for the date, ambiguous ones, and bare clock times.

Which abbreviation a zone uses on a date comes from tzdata through zoneinfo, never from
a hand-written offset table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache, lru_cache
from typing import NamedTuple

from onshore.marketfit._data import abbreviation_offsets
from onshore.marketfit._markets import get_market
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._text import AnyCaseWords
from onshore.marketfit._timezones import zone_info
from onshore.marketfit._zone_names import zone_mentions_in_words

CLOCK = (
    r"(?<![\d:.])(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:[ap]\.?m\b\.?)"
    r"|(?<![\d:.])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"
)
# A range ("9-10am", "9am–5pm") counts as one clock expression: an optional
# "HOUR[:MM][am|pm] - " before a CLOCK. As written that is
#     (?P<clock>(?:HOUR(?::[0-5]\d)?\s*(?:[ap]\.?m\.?)?\s*(?:-|–|to)\s*)?(?:CLOCK))
# with HOUR = (?:[01]?\d|2[0-3]); tests/marketfit/test_fast_paths.py holds the pattern
# below to exactly those matches. It is written to start with the digit every match
# starts with, so the regex engine skips straight from digit to digit instead of trying
# every position:
# - the hour's first digit is consumed first and the rest of the hour checked after it
#   (_HOUR_REST). Its alternatives cannot both lead to a match (an hour is never
#   followed by a digit), so their order does not matter;
# - CLOCK's "not after a digit, colon or dot" looks one character further back;
# - a lookahead drops most digits at once: an hour is followed by ":", a space, am/pm
#   or a range dash or "to", so its first digit is followed by one of those, maybe
#   after a second digit.
_HOUR_REST = r"(?:(?<=[01])\d|(?<=2)[0-3])?"
_NOT_AFTER_NUMBER = r"(?<![\d:.]\d)"
_CLOCK_REST = (
    _NOT_AFTER_NUMBER + _HOUR_REST + r"(?::[0-5]\d)?\s*(?:[ap]\.?m\b\.?)"
    r"|" + _NOT_AFTER_NUMBER + _HOUR_REST + r":[0-5]\d(?![\d:])"
)
_RANGE_START_REST = _HOUR_REST + r"(?::[0-5]\d)?\s*(?:[ap]\.?m\.?)?\s*(?:-|–|to)\s*"
CLOCK_RANGE = re.compile(
    r"(?P<clock>\d(?=\d?[:\sapt\-–])"
    r"(?:" + _RANGE_START_REST + r"(?:" + CLOCK + r")|" + _CLOCK_REST + r"))",
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
ZONE_WORDS = AnyCaseWords.whole_words(
    "local|your time|time ?zones?|eastern|central|mountain|pacific|atlantic|sydney time|"
    "melbourne time|perth time|brisbane time|adelaide time|toronto time|vancouver time|"
    "new york time|in[- ]store|in person|doors|venue"
)


def clocks(context: Context) -> list[re.Match[str]]:
    cached: list[re.Match[str]] | None = context.cache.get("clocks")
    if cached is None:
        cached = list(context.doc.finditer(CLOCK_RANGE, digit_led=True))
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
    tz = zone_info(zone)
    return frozenset(
        datetime(year, month, 15, 12, tzinfo=tz).tzname() or "" for month in range(1, 13)
    )


@cache
def abbreviation_on(zone: str, day: date) -> str:
    return datetime(day.year, day.month, day.day, 12, tzinfo=zone_info(zone)).tzname() or ""


# Markets whose seasonal zone names are written abroad, in the order a name is looked up:
# "EST" in a British post means US Eastern, "BST" in an American post means British
# time. Which names each market's zones use, and on which dates, comes from tzdata.
# Ireland is left out: its only own name, IST, is ambiguous (India, Israel) and the
# ambiguity rule speaks for it.
HOME_MARKETS = ("US", "CA", "GB", "AU", "NZ")
# Places that keep standard time all year inside markets that otherwise switch: named
# in a post, they make the standard name correct in summer ("Brisbane ... 10am AEST").
YEAR_ROUND_PLACES = {
    "brisbane": "Australia/Brisbane",
    "queensland": "Australia/Brisbane",
    "qld": "Australia/Brisbane",
    "cairns": "Australia/Brisbane",
    "townsville": "Australia/Brisbane",
    "darwin": "Australia/Darwin",
    "perth": "Australia/Perth",
    "arizona": "America/Phoenix",
    "phoenix": "America/Phoenix",
    "tucson": "America/Phoenix",
    "saskatchewan": "America/Regina",
    "regina": "America/Regina",
    "saskatoon": "America/Regina",
    "hawaii": "Pacific/Honolulu",
    "honolulu": "Pacific/Honolulu",
}


# Markets with more than one zone whose people almost all live in the main one: a
# local opening hour or event there needs no zone (a post would say "hora de Canarias"
# when it means the islands). Shares from the national statistics offices.
EFFECTIVELY_ONE_ZONE = {
    "ES": "Canary Islands: 2.2 of 48.6 million people (4.5 %, INE 2024)",
    "PT": "Azores: 0.24 of 10.6 million (2.3 %, INE 2023); Madeira keeps Lisbon's time",
}


class WrongName(NamedTuple):
    right: str  # the name clocks show on that day
    place: str  # where: "the United States" in messages


def year_round_zones(context: Context) -> frozenset[str]:
    """The zones of the YEAR_ROUND_PLACES the post names."""
    return frozenset(
        YEAR_ROUND_PLACES[w] for w in context.doc.word_set.intersection(YEAR_ROUND_PLACES)
    )


# The answer depends only on these five values, and posts repeat them (a few zone names,
# a few hundred days), so it is worked out once per combination: the tzdata lookups
# over every zone of several markets cost ~100 µs a time. Bounded, since a long-running
# process may see every market on every day.
@lru_cache(maxsize=65_536)
def _wrong_for_date(
    named: frozenset[str], market_code: str, own: str, abbr: str, day: date
) -> WrongName | None:
    """What ``abbr`` should be on ``day``, or None if it is right (or not seasonal), in
    a post naming places in the year-round zones ``named``, in the market
    ``market_code`` with main zone ``own``.

    The post's own market decides first; a name its zones never use is read in the
    first home market that uses it, so "9am EST" in July is wrong in a British post too.
    """
    if any(abbreviation_on(zone, day) == abbr for zone in named):
        return None
    market = get_market(market_code)
    if abbr == "GMT" and abbr not in abbreviations_in_year(own, day.year):
        return None  # elsewhere GMT is written for UTC, right on any date
    right = _wrong_in_market(own, market.zones, abbr, day)
    if right is not None:
        return WrongName(right, market.place) if right else None
    foreign = _foreign_name_for_local_time(market.multi_zone, own, abbr, day)
    if foreign is not None:
        return WrongName(foreign, market.place)
    for code in HOME_MARKETS:
        home = get_market(code)
        if code == market.code:
            continue
        right = _wrong_in_market(home.primary_zone, home.zones, abbr, day)
        if right is not None:
            return WrongName(right, home.place) if right else None
    return None


def _wrong_in_market(own: str, zones: tuple[str, ...], abbr: str, day: date) -> str | None:
    """In a market (main zone ``own``): the right name for ``day`` when ``abbr`` is
    wrong, "" when it is right, None when no zone of the market uses it that year."""
    if abbr in abbreviations_in_year(own, day.year):
        right = abbreviation_on(own, day)
        return "" if right == abbr else right
    users = [z for z in zones if abbr in abbreviations_in_year(z, day.year)]
    if not users:
        return None
    if any(abbreviation_on(z, day) == abbr for z in users):
        return ""
    return abbreviation_on(users[0], day)


def _foreign_name_for_local_time(multi_zone: bool, own: str, abbr: str, day: date) -> str | None:
    """In a one-zone market (main zone ``own``), another country's name for the very
    offset local clocks show that day ("10am BST" in a Dublin post in July): the local
    name, else None."""
    if multi_zone or abbr in GENERIC_ZONES:
        return None
    offsets = abbreviation_offsets().get(abbr, [])
    local = datetime(day.year, day.month, day.day, 12, tzinfo=zone_info(own))
    offset = local.utcoffset()
    name = local.tzname() or ""
    if len(offsets) != 1 or offset is None or not name.isalpha():
        return None
    return name if offsets[0] * 60 == offset.total_seconds() else None


@register(
    "timezone.wrong_for_date",
    "timezone",
    "error",
    "{found} is not in use on {day} in {place}; clocks there show {suggestion}",
    trigger_pattern=CLOCK_HINT,
    examples=[
        Example("Live Q&A on July 4, 2026 at 9am EST!", "US", "EST"),
        Example("Doors open 7pm BST on 14 January 2026.", "GB", "BST"),
        Example("Webinar at 10am AEST tomorrow.", "AU", "AEST", at="2026-01-14T09:00"),
        Example("Live Q&A on July 4, 2026 at 9am EDT!", "US", None),
        Example("Kick-off 7pm MST on July 10, 2026.", "US", None),  # Arizona keeps MST
        Example("Live at 9am ET on July 4, 2026.", "US", None),
        Example("Live Q&A July 4 at 9am EST!", "US", "EST"),  # wrong in every year
        # Another market's name is read in its home market, in every market.
        Example("Our new colour range lands at 9am EST on Friday 10 July 2026.", "GB", "EST"),
        Example("Q&A with our Toronto team at 1pm PST on 2 July 2026.", "IE", "PST"),
        Example("Live from London at 7pm BST on 14 January 2026.", "US", "BST"),
        Example("Sydney launch at 9am AEST on 10 January 2026.", "NZ", "AEST"),
        Example("Auckland drop at 8am NZST on 10 January 2026.", "AU", "NZST"),
        Example("Webinar at 3pm EST.", "IN", "EST", at="2026-07-01T10:00"),
        Example("Our new colour range lands at 9am EDT on Friday 10 July 2026.", "GB", None),
        Example("US livestream at 9am EST on 10 January 2026.", "GB", None),
        Example("Live from London at 7pm BST on 14 July 2026.", "US", None),
        Example("Kick-off 7pm MST on 10 July 2026.", "GB", None),  # Arizona keeps MST
        Example("Sydney launch at 9am AEDT on 10 January 2026.", "NZ", None),
        Example("Webinar at 3pm EST.", "IN", None, at="2026-01-10T10:00"),
        Example("Webinar at 3pm GMT on 10 July 2026.", "US", None),  # GMT as UTC
        # Places that keep standard time all year.
        Example("Our Brisbane pop-up opens at 10am AEST.", "AU", None, at="2026-01-20T12:00"),
        Example("Phoenix store opens 9am MST on 10 July 2026.", "GB", None),
        # GB and Ireland: GMT in summer; another country's name for local time.
        Example("Webinar: Thursday at 11am GMT.", "GB", "GMT", at="2026-07-07T10:00"),
        Example("Webinar: Thursday at 11am GMT.", "GB", None, at="2026-01-07T10:00"),
        Example("Our Dublin showroom opens at 10am BST.", "IE", "BST", at="2026-07-07T10:00"),
        Example("Our Dublin showroom opens at 10am GMT.", "IE", None, at="2026-01-07T10:00"),
    ],
)
def detect_wrong_for_date(context: Context) -> Iterator[Hit]:
    days = context.reference_dates
    if not days:
        return
    named, market_code, own = year_round_zones(context), context.market.code, context.zone.key
    for start, end, abbr in zone_mentions(context):
        if abbr in GENERIC_ZONES and abbr != "GMT":
            continue
        wrongs = [_wrong_for_date(named, market_code, own, abbr, day) for day in days]
        wrong = wrongs[0]
        if wrong and all(wrongs) and wrong.right.isalpha():
            yield Hit(
                start,
                end,
                wrong.right,
                {"day": _day_text(days[0], len(days) == 1), "place": wrong.place},
            )


@lru_cache(maxsize=4096)
def _day_text(day: date, with_year: bool) -> str:
    """How a message names ``day``: "4 July 2026", or "4 July" when the post leaves
    the year open. Posts name the same few hundred days, and strftime is slow."""
    return f"{day.day} {day:%B %Y}" if with_year else f"{day.day} {day:%B}"


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
        if abbr in market_abbreviations(context.market.zones, context.year):
            continue
        yield Hit(start, end, None, {"offsets": ", ".join(_utc(o) for o in offsets)})


@cache
def market_abbreviations(zones: tuple[str, ...], year: int) -> frozenset[str]:
    """Every name the ``zones`` of a market use in ``year`` (one set per market and
    year, rather than a lookup per zone per post)."""
    return frozenset().union(*(abbreviations_in_year(zone, year) for zone in zones))


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
        Example("Te esperamos a las 20:30 en la tienda.", "ES", None),
        Example("Join our live webinar Thursday at 2pm!", "ES", None),
        Example("Directo en Instagram a las 7 PM.", "MX", None),  # see missing_zone_event
    ],
)
def detect_missing_zone(context: Context) -> Iterator[Hit]:
    """English posts; other languages have timezone.missing_zone_event, which asks
    only about online and national events (_rules_zone_languages.py)."""
    market = context.market
    if not market.multi_zone or market.code in EFFECTIVELY_ONE_ZONE:
        return
    if context.english_variant is None:
        return
    found = clocks(context)
    if not found or zone_mentions(context) or ZONE_WORDS.found_in(context.doc):
        return
    if any(mention.time is not None for mention in zone_mentions_in_words(context)):
        return  # "2pm British Summer Time", "noon UK time"
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
