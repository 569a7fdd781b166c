"""Dates of holidays and observances per market.

Public holidays come from the ``holidays`` package (through a generated table for the
years most posts fall in). Observances it does not carry are
computed here, each with its source.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from typing import Any

from onshore.marketfit._data import DATA_DIR


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based) weekday (Monday=0) of a month."""
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (nth - 1))


def easter(year: int) -> date:
    # holidays depends on python-dateutil, so it is always installed with it.
    from dateutil.easter import easter as western_easter  # type: ignore[import-untyped]

    result: date = western_easter(year)
    return result


def mothering_sunday(year: int) -> date:
    # Laetare Sunday, the fourth Sunday of Lent: three weeks before Easter Sunday.
    # Source: Church of England calendar; observed as Mother's Day in the UK and Ireland.
    return easter(year) - timedelta(days=21)


def mothers_day_may(year: int) -> date:
    # Second Sunday in May: US Joint Resolution of 8 May 1914, followed by Canada,
    # Australia, New Zealand, India and South Africa.
    return nth_weekday(year, 5, 6, 2)


def fathers_day_june(year: int) -> date:
    # Third Sunday in June: US (36 U.S.C. 109), UK, Ireland, Canada, India, South Africa.
    return nth_weekday(year, 6, 6, 3)


def fathers_day_september(year: int) -> date:
    # First Sunday in September in Australia and New Zealand.
    return nth_weekday(year, 9, 6, 1)


def first_sunday_may(year: int) -> date:
    # First Sunday in May: Mother's Day in Spain and Portugal (custom since the 1960s).
    return nth_weekday(year, 5, 6, 1)


def fete_des_meres(year: int) -> date:
    # Last Sunday in May, or the first Sunday in June when that is Whit Sunday
    # (Pentecost): Code de l'action sociale et des familles, art. D215-1.
    may_31 = date(year, 5, 31)
    last = may_31 - timedelta(days=(may_31.weekday() - 6) % 7)
    return last + timedelta(days=7) if last == easter(year) + timedelta(days=49) else last


def ascension(year: int) -> date:
    # Ascension Day, 39 days after Easter: Vatertag (Father's Day) in Germany.
    return easter(year) + timedelta(days=39)


def second_sunday_june(year: int) -> date:
    # Second Sunday in June: Vatertag in Austria.
    return nth_weekday(year, 6, 6, 2)


def fathers_day_august(year: int) -> date:
    # Second Sunday in August: Dia dos Pais in Brazil.
    return nth_weekday(year, 8, 6, 2)


def thanksgiving_us(year: int) -> date:
    # Fourth Thursday in November (5 U.S.C. 6103).
    return nth_weekday(year, 11, 3, 4)


def thanksgiving_ca(year: int) -> date:
    # Second Monday in October (Holidays Act, R.S.C. 1985, c. H-5, s. 2 as proclaimed).
    return nth_weekday(year, 10, 0, 2)


def fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


@cache
def public_holidays(market: str, year: int) -> dict[date, str]:
    """A market's national public holidays in a year, as a plain dict: looking a date up
    in it is many times faster than in the ``holidays`` package's calendar, which
    matters when every post has a scheduled time.

    The years most posts are scheduled in come from data/holidays/, a table generated
    from the package (scripts/generate_marketfit_data.py; tests/marketfit/
    test_holiday_table.py fails when it drifts from the installed package), because
    importing the package's calendars costs a quarter of a second at start-up. Other
    years, and markets without a table, ask the package."""
    table = holiday_table(market)
    if table is not None:
        first, last = table["years"]
        if first <= year <= last:
            days: dict[str, str] = table["days"].get(str(year), {})
            return {date.fromisoformat(f"{year}-{day}"): name for day, name in days.items()}
    return package_public_holidays(market, year)


@cache
def holiday_table(market: str) -> dict[str, Any] | None:
    """The generated table for a market, or None when there is none."""
    if not (len(market) == 2 and market.isascii() and market.isalpha() and market.isupper()):
        return None
    path = DATA_DIR / "holidays" / f"{market}.json"
    try:
        with path.open(encoding="utf-8") as handle:
            table: dict[str, Any] = json.load(handle)
    except FileNotFoundError:
        return None
    return table


def package_public_holidays(market: str, year: int) -> dict[date, str]:
    """A market's national public holidays in a year, from the ``holidays`` package."""
    import warnings

    import holidays

    with warnings.catch_warnings():
        # Outside the years a country's data covers the calendar is simply empty.
        warnings.simplefilter("ignore", UserWarning)
        try:
            calendar = holidays.country_holidays(market, years=year)
        except NotImplementedError:
            return {}
    return {day: str(name) for day, name in calendar.items() if name}


def public_holiday_name(market: str, day: date) -> str | None:
    return public_holidays(market, day.year).get(day)


@cache
def regional_holidays(market: str, year: int) -> dict[date, str]:
    """A market's public holidays in a year in any of its regions (states, provinces,
    nations of the UK) as well as nationally: a long weekend in one state is a long
    weekend for a post to the country. From the ``holidays`` package (imported only
    when asked: few posts need it)."""
    import warnings

    import holidays

    days = dict(public_holidays(market, year))
    regions = holidays.list_supported_countries().get(market, [])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for region in regions:
            try:
                calendar = holidays.country_holidays(market, subdiv=region, years=year)
            except (NotImplementedError, KeyError):
                continue
            for day, name in calendar.items():
                days.setdefault(day, str(name))
    return days


def regional_holiday_name(market: str, day: date) -> str | None:
    return regional_holidays(market, day.year).get(day)
