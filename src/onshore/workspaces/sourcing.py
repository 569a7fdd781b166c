"""Sourcing classes and what an outsider to a market should watch for. Django-free.

The product's definitions:
- *in-house*: an employee of the business;
- *outsourced*: an outside party (freelancer, agency) based in the business's home country;
- *offshored*: an outside party based in another country.
A person is *market-native* for a market when they live in that market's country.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from babel.dates import format_date

from onshore import marketfit, places
from onshore.costs import IN_HOUSE, OFFSHORED, OUTSOURCED
from onshore.localtime import DayHours, describe_offset_from, local_now, offset_between

__all__ = ["IN_HOUSE", "OFFSHORED", "OUTSOURCED"]  # the classes are the cost model's

# How a member relates to the business, defined once: the membership model's choices
# and the API schema derive from it. Anyone but an employee is an outside party.
RELATIONS: dict[str, str] = {
    "employee": "Employee of the business",
    "freelancer": "Freelancer",
    "agency": "Agency",
}
EMPLOYEE = "employee"
OUTSIDE_RELATIONS = frozenset(RELATIONS) - {EMPLOYEE}


def sourcing_class(relation: str, member_country: str, business_country: str) -> str:
    """in-house, outsourced or offshored, by relation and where the person is based."""
    if relation == EMPLOYEE:
        return IN_HOUSE
    if member_country and member_country.upper() == business_country.upper():
        return OUTSOURCED
    return OFFSHORED


def is_market_native(member_country: str, market_country: str) -> bool:
    return bool(member_country) and member_country.upper() == market_country.upper()


# What trips up writers from elsewhere, per market country. Countries not listed get
# the general advice built from CLDR and the holiday calendar alone.
_WATCH_FOR: dict[str, tuple[str, str]] = {
    "GB": (
        "British spelling and words: colour, centre, travelling, cheque; "
        "holiday not vacation, flat not apartment, mobile not cell phone, trainers not sneakers",
        "Bank holidays; Mothering Sunday falls in March (three weeks before Easter), not May; "
        "no Thanksgiving or Fourth of July",
    ),
    "US": (
        "American spelling and words: color, center, traveling, check; "
        "vacation not holiday, apartment not flat, cell phone not mobile, sneakers not trainers",
        "Thanksgiving on the fourth Thursday of November, the Fourth of July, Labor Day in "
        "September; no bank holidays; EST/EDT and the other zones change with DST",
    ),
    "CA": (
        "Canadian spelling mixes British and American: colour and centre but organize",
        "Thanksgiving is in October; Canada Day on 1 July; Victoria Day in May; six time zones",
    ),
    "AU": (
        "Australian spelling follows British (colour, organise); arvo, servo and brekkie are "
        "everyday words",
        "seasons are reversed (Christmas is in summer); Australia Day 26 January, Anzac Day "
        "25 April; states keep different holidays and not all observe DST",
    ),
    "NZ": (
        "New Zealand spelling follows British (colour, organise)",
        "seasons are reversed; Waitangi Day 6 February, Anzac Day 25 April, Matariki in "
        "June or July",
    ),
    "IE": (
        "Irish English follows British spelling (colour, organise)",
        "St Patrick's Day 17 March; bank holidays differ from the UK's (St Brigid's Day in "
        "February, August bank holiday on the first Monday)",
    ),
    "IN": (
        "Indian English follows British spelling; lakh and crore for large numbers",
        "Diwali, Holi and Eid move every year; Independence Day 15 August",
    ),
}


@dataclass(frozen=True)
class MarketNote:
    """Plain-language advice for one person working on one market they do not live in."""

    market_label: str
    spelling_and_vocabulary: str
    holidays_and_customs: str
    time_difference: str
    availability: str


def market_note(
    *,
    person: str,
    market_country: str,
    market_language: str,
    market_zone: str,
    member_zone: str,
    member_hours_today: tuple[DayHours, ...],
    at: datetime,
) -> MarketNote:
    """What to watch for in a market, with the time difference at the instant ``at``."""
    country = market_country.upper()
    spelling, customs = _WATCH_FOR.get(
        country,
        (
            f"spelling, words and idiom of {places.language_name(market_language)}",
            "local public holidays and customs",
        ),
    )
    return MarketNote(
        market_label=f"{places.country_name(country)} ({market_language})",
        spelling_and_vocabulary=f"{spelling}. Dates are written like "
        f"{_example_date(at, market_language)}.",
        holidays_and_customs=f"{customs}. {_upcoming_holidays(country, at.date())}",
        time_difference=_difference_sentence(person, market_zone, member_zone, at),
        availability=_availability_sentence(
            person, market_zone, member_zone, member_hours_today, at
        ),
    )


def _example_date(at: datetime, language_tag: str) -> str:
    try:
        return format_date(at.date(), "short", locale=language_tag.replace("-", "_"))
    except (ValueError, LookupError):
        return at.date().isoformat()


def _upcoming_holidays(country: str, today: date, limit: int = 3) -> str:
    # The checker's look-up, so the Team page names the holidays the checker flags.
    calendar = {
        **marketfit.public_holidays(country, today.year),
        **marketfit.public_holidays(country, today.year + 1),
    }
    if not calendar:
        return "Its public holidays are not in our calendar: ask the client."
    upcoming = sorted((day, name) for day, name in calendar.items() if day >= today)[:limit]
    if not upcoming:
        return ""
    listed = "; ".join(f"{name} on {day:%-d %b}" for day, name in upcoming)
    return f"Next public holidays there: {listed}."


def _difference_sentence(person: str, market_zone: str, member_zone: str, at: datetime) -> str:
    market_time = local_now(market_zone, at)
    offset = offset_between(member_zone, market_zone, at)
    where = places.zone_label(market_zone)
    return f"It is {market_time:%H:%M} in {where}, {describe_offset_from(offset, person)}."


def _availability_sentence(
    person: str,
    market_zone: str,
    member_zone: str,
    hours_today: tuple[DayHours, ...],
    at: datetime,
) -> str:
    weekday = local_now(member_zone, at).strftime("%A")
    if not hours_today:
        return f"{person} does not work on {weekday}s (their local {weekday})."
    where, home = places.zone_label(market_zone), places.zone_label(member_zone)
    shown = []
    for span in hours_today:
        start = _convert(span.start, member_zone, market_zone, at)
        end = _convert(span.end, member_zone, market_zone, at)
        shown.append(f"{span.label()} in {home} is {start:%H:%M}–{end:%H:%M} in {where}")
    return f"{person}'s working day today ({weekday}): " + "; ".join(shown) + "."


def _convert(clock: time, from_zone: str, to_zone: str, at: datetime) -> datetime:
    local = local_now(from_zone, at)
    wall = local.replace(hour=clock.hour, minute=clock.minute, second=0, microsecond=0)
    return wall.astimezone(places.zoneinfo(to_zone))
