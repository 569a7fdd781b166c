"""Time zones in words, and times given in another market's zone.

- ``timezone.name_wrong_for_date``: a zone name written out for the wrong half of the
  year ("Eastern Standard Time" in July, "Australian Eastern Daylight Time" in July,
  "British Summer Time" in January), and an abbreviation after a time said in words
  ("half past seven BST" in January), judged on the post's own date or its schedule.
- ``timezone.other_market``: a time given in a zone the market's readers do not live in
  ("7pm BST" in a US post): the suggestion is that time on the market's clocks that day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache, lru_cache

from onshore.marketfit._data import abbreviation_offsets, markets_table
from onshore.marketfit._markets import get_market
from onshore.marketfit._number_words import TimeOfDay, format_time
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._rules_timezone import (
    CLOCK_HINT,
    HOME_MARKETS,
    _day_text,
    _wrong_for_date,
    abbreviation_on,
    abbreviations_in_year,
    market_abbreviations,
    year_round_zones,
)
from onshore.marketfit._rules_zone_languages import is_own_zone, source_offset
from onshore.marketfit._timezones import zone_info
from onshore.marketfit._zone_names import (
    GENERIC_ABBREVIATIONS,
    TRIGGER_WORDS,
    ZONE_NAMES,
    ZoneMention,
    words_for,
    zone_mentions_in_words,
)

# Every name contains one of TRIGGER_WORDS; a time in words before an abbreviation
# comes with the abbreviation's letters.
ABBREVIATION_WORDS = frozenset(
    {
        *(abbr.lower() for abbr in abbreviation_offsets()),
        *(a.lower() for a in GENERIC_ABBREVIATIONS),
    }
)


@register(
    "timezone.name_wrong_for_date",
    "timezone",
    "error",
    "{found} is not in use on {day}; clocks there show {suggestion}",
    trigger_words=TRIGGER_WORDS | ABBREVIATION_WORDS,
    examples=[
        Example("Live Q&A at 9am Eastern Standard Time on 4 July 2026.", "US",
                "Eastern Standard Time"),
        Example("Doors open 7pm British Summer Time on 14 January 2026.", "GB",
                "British Summer Time"),
        Example("Webinar at 10am Australian Eastern Daylight Time.", "AU",
                "Australian Eastern Daylight Time", at="2026-07-14T09:00"),
        Example("Gates open at half past seven BST.", "GB", "BST", at="2026-01-14T09:00"),
        Example("Live Q&A at 9am Eastern Daylight Time on 4 July 2026.", "US", None),
        Example("Webinar at 10am Australian Eastern Standard Time.", "AU", None,
                at="2026-07-14T09:00"),
        Example("Gates open at half past seven BST.", "GB", None, at="2026-07-14T09:00"),
        Example("Webinar at 3pm Greenwich Mean Time on 10 July 2026.", "US", None),
    ],
)  # fmt: skip
def detect_name_wrong_for_date(context: Context) -> Iterator[Hit]:
    mentions = [m for m in zone_mentions_in_words(context) if m.abbreviation and m.in_words]
    if not mentions:
        return  # before the dates: finding the dates a post writes costs more
    days = context.reference_dates
    if not days:
        return
    for mention in mentions:
        rights = [_right_name(context, mention, day) for day in days]
        right = rights[0]
        if right and all(rights):
            yield Hit(
                mention.start,
                mention.end,
                right,
                {"day": _day_text(days[0], len(days) == 1)},
            )


def _right_name(context: Context, mention: ZoneMention, day: date) -> str | None:
    """What the post should say instead of the mention's seasonal name on ``day``, or
    None when it is right (or cannot be judged)."""
    abbr = mention.abbreviation
    if mention.zone is None:  # letters after a time in words: as after digits
        wrong = _wrong_for_date(
            year_round_zones(context), context.market.code, context.zone.key, abbr, day
        )
        return wrong.right if wrong and wrong.right.isalpha() else None
    own = context.zone.key
    zone = own if abbr in abbreviations_in_year(own, day.year) else mention.zone
    if abbr not in abbreviations_in_year(zone, day.year):
        return None
    if abbreviation_on(mention.zone, day) == abbr or abbreviation_on(zone, day) == abbr:
        return None
    if abbr == "GMT" and zone != own:
        return None  # elsewhere GMT is written for UTC, right on any date
    if any(abbreviation_on(z, day) == abbr for z in year_round_zones(context)):
        return None
    if zone != own and _kept_all_year_nearby(context.market.zones, mention.zone, abbr, day):
        return None
    right = abbreviation_on(zone, day)
    return words_for(zone, right) if right.isalpha() else None


def _kept_all_year_nearby(market_zones: tuple[str, ...], zone: str, abbr: str, day: date) -> bool:
    """Whether a zone of the post's market or of the name's own country shows ``abbr``
    on ``day`` (Arizona keeps Mountain Standard Time all summer)."""
    zones = set(market_zones) | set(zones_of_countries_with(zone))
    return any(abbreviation_on(z, day) == abbr for z in zones)


@cache
def zones_of_countries_with(zone: str) -> tuple[str, ...]:
    """Every zone of the countries ``zone`` is in."""
    found: list[str] = []
    for row in markets_table().values():
        if zone in row["zones"]:
            found += row["zones"]
    return tuple(found)


@register(
    "timezone.other_market",
    "timezone",
    "warning",
    "{found} is the time in {zone_place}; "
    "for {readers} that is {suggestion} ({city} time) on {day}",
    trigger_words=TRIGGER_WORDS | ABBREVIATION_WORDS,
    trigger_pattern=CLOCK_HINT,
    examples=[
        Example("Live from London at 7pm BST on 14 July 2026.", "US", "7pm BST"),
        Example("Doors open at noon UK time.", "AU", "noon UK time", at="2026-07-14T09:00"),
        Example("Join the Sydney team at 9am AEST.", "GB", "9am AEST", at="2026-07-14T09:00"),
        Example("Webinar at half past seven Eastern.", "IE", "half past seven Eastern",
                at="2026-03-02T09:00"),
        Example("Tasting at 19:00 Central European Time.", "GB",
                "19:00 Central European Time", at="2026-01-14T09:00"),
        Example("Live at 9am ET on 4 July 2026.", "US", None),
        Example("Live at 9am Pacific on 4 July 2026.", "CA", None),
        Example("Webinar at 3pm GMT on 10 July 2026.", "US", "3pm GMT"),
        Example("Webinar at 2pm CET.", "ZA", "2pm CET", at="2026-07-14T09:00"),
        Example("Live at noon GMT.", "NZ", "noon GMT", at="2026-07-14T09:00"),
        Example("Webinar at 3pm GMT.", "GB", None, at="2026-01-14T09:00"),
        Example("Webinar at 3pm GMT.", "IE", None, at="2026-07-14T09:00"),
        Example("Webinar at 3pm UTC.", "US", None, at="2026-07-14T09:00"),
        Example("Doors open at noon UK time.", "GB", None, at="2026-07-14T09:00"),
        Example("Tasting at 19:00 Central European Time.", "DE", None, at="2026-01-14T09:00"),
        Example("Join us at 4pm IST for the launch.", "GB", None, at="2026-07-14T09:00"),
    ],
)  # fmt: skip
def detect_other_market(context: Context) -> Iterator[Hit]:
    if context.english_variant is None:
        return  # timezone.other_market_clock reads the clocks of other languages
    if not any(mention.time is not None for mention in zone_mentions_in_words(context)):
        return
    days = context.reference_dates
    if not days or len(days) > 1:
        return  # the time converts on one day only
    day = days[0]
    market = context.market
    for mention in zone_mentions_in_words(context):
        if mention.time is None:
            continue
        source = _source_zone(mention, day.year)
        if source is None or _is_markets_zone(market.code, source, mention, day.year):
            continue
        fixed = None
        if mention.abbreviation and abbreviation_on(source, day) != mention.abbreviation:
            fixed = _offset_as_written(context, mention.abbreviation, day)
            if fixed is None:
                continue  # the wrong half of the year: the rules above say so first
        converted = convert(mention.time, source, context.zone.key, day, fixed)
        if converted is None:
            continue
        text, shown_day = converted
        if mention.time.pm is None:
            shown_day = day  # the half of the day is open, and so is the day there
        yield Hit(
            mention.time_start,
            mention.end,
            _suggestion(text, context.zone.key, shown_day),
            {
                "zone_place": _zone_place(source),
                "city": _city(context.zone.key),
                "day": _day_text(shown_day, True),
            },
        )


def _offset_as_written(context: Context, abbr: str, day: date) -> tzinfo | None:
    """The fixed offset ``abbr`` stands for, when it is out of season at home but no
    rule reads it as the wrong half of the year ("2pm CET" in July in a South African
    post: the author means UTC+1 and the reader needs local time), else None."""
    named, own = year_round_zones(context), context.zone.key
    if _wrong_for_date(named, context.market.code, own, abbr, day) is not None:
        return None
    offset = source_offset(abbr, day.year)
    return timezone(timedelta(minutes=offset[1])) if offset is not None else None


def _source_zone(mention: ZoneMention, year: int) -> str | None:
    """The IANA zone whose clocks the mention means: a name's own, else the zone that
    uses the abbreviation in the first home market, else the one zone any name here
    gives it. Ambiguous letters (IST, CST) and GMT/UTC say no market."""
    if mention.zone is not None:
        return mention.zone
    abbr = mention.abbreviation
    if abbr == "GMT":  # outside the markets on UTC+0 it is written for UTC
        return "Etc/GMT"
    if abbr == "UTC" or len(abbreviation_offsets().get(abbr, [])) != 1:
        return None
    return _zone_for_abbreviation(abbr, year)


@lru_cache(maxsize=1024)
def _zone_for_abbreviation(abbr: str, year: int) -> str | None:
    for code in HOME_MARKETS:
        home = get_market(code)
        if abbr in abbreviations_in_year(home.primary_zone, year):
            return home.primary_zone
        for zone in home.zones:
            if abbr in abbreviations_in_year(zone, year):
                return zone
    for name in ZONE_NAMES:
        if name.abbreviation == abbr:
            return name.zone
    return None


@lru_cache(maxsize=4096)
def _is_markets_zone(code: str, source: str, mention: ZoneMention, year: int) -> bool:
    """Whether the zone the mention names is one the market's readers live in: a zone
    of the market, or one whose names the market's clocks also show (CET in Germany
    is written for Paris here)."""
    market = get_market(code)
    if source == "Etc/GMT":
        return is_own_zone(code, "GMT", year)
    if source in market.zones or mention.abbreviation in market_abbreviations(market.zones, year):
        return True
    names = abbreviations_in_year(source, year)
    own = market_abbreviations(market.zones, year)
    return any(name.isalpha() and name in own for name in names)


def convert(
    time: TimeOfDay, source: str, target: str, day: date, fixed: tzinfo | None = None
) -> tuple[str, date] | None:
    """``time`` on ``day`` in zone ``source`` (or at the ``fixed`` offset the post's
    letters stand for) as the clocks of ``target`` show it, and the day there. A time
    whose half of the day is open converts to a time whose half is open (the shift is
    whole hours or half hours either way)."""
    hour = time.hour if time.pm is not None else time.hour % 12
    tz = fixed if fixed is not None else zone_info(source)
    start = datetime(day.year, day.month, day.day, hour, time.minute, tzinfo=tz)
    moved = start.astimezone(zone_info(target))
    known = time.pm is not None
    if not known:
        return format_time(moved.hour, moved.minute, False), moved.date()
    return format_time(moved.hour, moved.minute, True, time.h24), moved.date()


def _suggestion(text: str, target: str, day: date) -> str:
    name = abbreviation_on(target, day)
    if not name.isalpha():
        name = f"{_city(target)} time"
    return f"{text} {name}"


@cache
def _city(zone: str) -> str:
    """The city a zone is named after: "America/New_York" -> "New York"."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


# Zones that stand for a region in the names here, not for their own country.
_REGIONS = {
    "Etc/GMT": "Greenwich (UTC)",
    "Europe/Paris": "central Europe",
    "Europe/Lisbon": "western Europe",
    "Europe/Athens": "eastern Europe",
}


@cache
def _zone_place(zone: str) -> str:
    """Whose time a zone keeps, for messages: the region a name means, the country it
    is the main zone of, or its city."""
    if zone in _REGIONS:
        return _REGIONS[zone]
    for row in markets_table().values():
        if zone in row["zones"] and row["primary_zone"] == zone:
            return _the(row["name"])
    return _city(zone)


def _the(name: str) -> str:
    plural_or_union = ("United ", "Netherlands", "Philippines")
    return f"the {name}" if name.startswith(plural_or_union) else name
