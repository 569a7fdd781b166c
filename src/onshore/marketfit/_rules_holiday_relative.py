"""Holidays said relative to the post's schedule ("Happy Thanksgiving tomorrow",
"Christmas is next week", "this long weekend"), read against ``Post.at`` in the
market's zone.

- ``holiday.relative_day``: the day a phrase next to a holiday names is not the day
  the holiday falls on in the market ("Happy Thanksgiving tomorrow" two days before).
  A post a week before a holiday that says it is a week away is right.
- ``holiday.long_weekend``: "this long weekend" in a week without a public holiday on
  the Friday or Monday around it, in any region of the market.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from onshore.marketfit import _observances as obs
from onshore.marketfit._holiday_names import dates_of
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._rules_holiday import (
    OBSERVANCE_WORDS,
    OBSERVANCES_BY_NAME,
    _wrong_date,
    mentions,
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Span(NamedTuple):
    low: int  # fewest days from the post's date to the holiday the phrase allows
    high: int  # most


_COUNT = (
    r"(?P<count>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|a|a\s+couple\s+of)"
)
_UNIT = r"(?P<unit>days?|weeks?|sleeps?)"
# A phrase that says how far away something is, from the post's date.
RELATIVE = re.compile(
    r"\b(?:(?P<today>today|tonight)|(?P<tomorrow>tomorrow)"
    r"|(?P<this>this|next|this\s+coming)\s+(?P<day>" + "|".join(WEEKDAYS) + r"|week|weekend)"
    r"|in\s+" + _COUNT + r"\s+" + _UNIT + r"(?:['’]?\s+time)?"
    r"|"
    + _COUNT.replace("count", "count2")
    + r"\s+"
    + _UNIT.replace("unit", "unit2")
    + r"\s+(?:away|to\s+go|until|till|to|before))\b",
    re.IGNORECASE,
)
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
           "fourteen": 14}  # fmt: skip
# What may stand between a holiday and the phrase about it: words of one clause, no
# comma, semicolon or other clause.
# "ends", "until": the phrase dates what follows the holiday ("the Memorial Day sale
# ends tomorrow"), not the holiday.
CLAUSE_BREAK = re.compile(
    r"[,;:.!?\n()–—]|\b(?:and|but|while|or|then|ends?|ending|extended)\b",
    re.I,
)
NEAR = 40  # characters: further apart, the phrase is about something else


def span_for(match: re.Match[str], today: date) -> Span | None:
    """The days from ``today`` to the holiday that the phrase allows."""
    if match.group("today"):
        return Span(0, 0)
    if match.group("tomorrow"):
        return Span(1, 1)
    if match.group("day"):
        return _named_day_span(match.group("this").lower(), match.group("day").lower(), today)
    count = match.group("count") or match.group("count2")
    unit = (match.group("unit") or match.group("unit2")).lower()
    number = int(count) if count.isdigit() else _COUNTS.get(count.lower().split()[-1], 2)
    if "couple" in count.lower():
        number = 2
    if unit.startswith("week"):
        return Span(7 * number - 3, 7 * number + 3)
    return Span(number, number)  # days, and sleeps (children's count of nights)


def _named_day_span(which: str, day: str, today: date) -> Span:
    if day == "week":
        to_sunday = 6 - today.weekday()
        if which == "this":
            return Span(0, to_sunday)
        # "next week": the calendar week after this one, or about seven days away.
        return Span(min(to_sunday + 1, 5), to_sunday + 7)
    if day == "weekend":
        to_saturday = (5 - today.weekday()) % 7
        if today.weekday() == 6:  # on a Sunday "this weekend" is today
            return Span(0, 1) if which == "this" else Span(5, 8)
        base = to_saturday if which != "next" else to_saturday + 7
        if which == "next" and to_saturday >= 5:  # on a Monday, "next weekend" is ambiguous
            return Span(to_saturday - 1, base + 2)
        return Span(max(base - 1, 0), base + 2)  # Friday to Monday: a long weekend
    ahead = (WEEKDAYS.index(day) - today.weekday()) % 7
    if which == "next":
        return Span(ahead or 7, ahead + 7)  # the coming one or the one after
    return Span(ahead, ahead)


# Holidays kept in every market (or named for one day everywhere) that the observance
# table leaves out, with their dates: a phrase about them is read the same way.
UNIVERSAL: dict[str, Callable[[int], date]] = {
    "Christmas Eve": obs.fixed(12, 24),
    "Christmas": obs.fixed(12, 25),
    "New Year's Eve": obs.fixed(12, 31),
    "New Year's Day": obs.fixed(1, 1),
    "Halloween": obs.fixed(10, 31),
    "Valentine's Day": obs.fixed(2, 14),
    "St Patrick's Day": obs.fixed(3, 17),
    "Easter": obs.easter,
    "Good Friday": lambda year: obs.easter(year) - timedelta(days=2),
}
UNIVERSAL_NAMES = re.compile(
    r"\b(?P<name>Christmas\s+Eve|Christmas(?:\s+Day)?|Xmas|New\s+Year['’]?s\s+Eve"
    r"|New\s+Year['’]?s(?:\s+Day)?|Hallowe['’]?en|Valentine['’]?s(?:\s+Day)?"
    r"|St\.?\s+Patrick['’]?s\s+Day|Paddy['’]?s\s+Day|Easter(?:\s+Sunday)?|Good\s+Friday)\b",
    re.IGNORECASE,
)
UNIVERSAL_WORDS = frozenset(
    ["christmas", "xmas", "year", "years", "halloween", "hallowe", "valentine", "valentines",
     "patrick", "patricks", "paddy", "paddys", "easter", "good"]
)  # fmt: skip


def may_name_universal(words: frozenset[str]) -> bool:
    """Whether the post's words allow a UNIVERSAL_NAMES match: "year" and "good" are
    everyday words, so they count only with "new" and "friday"."""
    specific = UNIVERSAL_WORDS.intersection(words) - {"year", "years", "good"}
    return bool(
        specific
        or ("new" in words and ("year" in words or "years" in words))
        or ("good" in words and "friday" in words)
    )


def universal_name(text: str) -> str:
    """The UNIVERSAL key a UNIVERSAL_NAMES match stands for."""
    lowered = " ".join(text.lower().replace("’", "'").replace(".", "").split())
    for key, starts in (("Christmas Eve", "christmas eve"), ("New Year's Eve", "new year"),
                        ("Halloween", "hallowe"), ("Valentine's Day", "valentine"),
                        ("Good Friday", "good friday"), ("Easter", "easter"),
                        ("St Patrick's Day", "st"), ("St Patrick's Day", "paddy")):  # fmt: skip
        if lowered.startswith(starts) and (key != "New Year's Eve" or "eve" in lowered):
            return key
    if lowered.startswith("new year"):
        return "New Year's Day"
    return "Christmas"


class Named(NamedTuple):
    name: str
    start: int
    end: int
    table: bool = False  # a public holiday named as the market's table names it


def named_holidays(context: Context) -> list[Named]:
    """The holidays the post names that have a date in its market."""
    found = [
        Named(observance.name, match.start(), match.end())
        for observance, match in mentions(context)
        if context.market.code in observance.dates
    ]
    if may_name_universal(context.doc.word_set):
        found += [
            Named(universal_name(m.group("name")), m.start(), m.end())
            for m in UNIVERSAL_NAMES.finditer(context.doc.masked)
        ]
    if context.market.code in ENGLISH and not TABLE_WORDS.isdisjoint(context.doc.word_set):
        found += _table_named(context, found)
    return found


# The English markets, whose public holidays are named in English in their tables.
ENGLISH = ("US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA")
# Holidays in a table that are no name a post uses for a day ("Substitute Holiday") or
# that happened once (elections, a state funeral, a jubilee).
_ONE_OFF = re.compile(r"Substitute|Election|Funeral|Jubilee|Coronation|Decree|Public Holiday|"
                      r"[Ee]lections|\(")  # fmt: skip


@lru_cache(maxsize=16)
def table_names(code: str) -> dict[str, str]:
    """The names of the market's public holidays in its table (data/holidays/), as a
    post may write them -> the name in the table: "Labour Day" -> "Labor Day"."""
    table = obs.holiday_table(code) or {"days": {}}
    written: dict[str, str] = {}
    for days in table["days"].values():
        for named in days.values():
            for part in named.split("; "):
                name = part.removesuffix(" (observed)")
                if _ONE_OFF.search(name):
                    continue
                written[name] = name
                if "Labor" in name:
                    written[name.replace("Labor", "Labour")] = name
    return written


@lru_cache(maxsize=16)
def table_pattern(code: str) -> re.Pattern[str] | None:
    written = sorted(table_names(code), key=len, reverse=True)
    if not written:
        return None
    alternatives = (
        re.escape(name).replace("'", "['’]?").replace(r"\ ", r"\s+") for name in written
    )
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")(?!\w)")


def _table_named(context: Context, found: list[Named]) -> list[Named]:
    """The market's public holidays the post names that ``found`` does not hold."""
    pattern = table_pattern(context.market.code)
    if pattern is None:
        return []
    names = table_names(context.market.code)
    extra = []
    for match in context.doc.finditer(pattern):
        if any(n.start < match.end() and match.start() < n.end for n in found):
            continue
        written = " ".join(match.group().replace("’", "'").split())
        name = names.get(written) or names.get(written.replace("'", ""), written)
        extra.append(Named(name, match.start(), match.end(), table=True))
    return extra


def _trigger_words() -> frozenset[str]:
    """The longest word of each name in the English markets' tables: every mention of
    the name holds it."""
    words = set()
    for code in ENGLISH:
        for written in table_names(code):
            runs = re.findall(r"[a-z]+", written.lower())
            if runs:
                words.add(max(runs, key=len))
    return frozenset(words)


TABLE_WORDS = _trigger_words()


def gaps_of(holiday: Named, code: str, today: date) -> list[int]:
    """Days from ``today`` to the days the holiday is kept on (from yesterday on),
    nearest first: a table holiday's own date and the day it is observed on."""
    if not holiday.table:
        gap = days_until(holiday.name, code, today)
        return [] if gap is None else [gap]
    gaps = [
        (day - today).days
        for year in (today.year, today.year + 1)
        for day in dates_of(code, holiday.name, year)
        if (day - today).days >= -1
    ]
    return sorted(gaps)[:2]


@lru_cache(maxsize=65_536)
def days_until(name: str, code: str, today: date) -> int | None:
    """Days from ``today`` to the holiday's next date in the market (from yesterday on:
    a post scheduled late on the day after may still say "today"), or None."""
    observance = OBSERVANCES_BY_NAME.get(name)
    compute = observance.dates.get(code) if observance is not None else UNIVERSAL.get(name)
    if compute is None:
        return None
    for year in (today.year - 1, today.year, today.year + 1):
        gap = (compute(year) - today).days
        if gap >= -1:
            return gap
    return None


@register(
    "holiday.relative_day",
    "holiday",
    "error",
    "{name} is on {when} in {market}, {gap} after this post is scheduled",
    # Every phrase it flags is about a holiday the post names.
    trigger_words=OBSERVANCE_WORDS | UNIVERSAL_WORDS | TABLE_WORDS,
    examples=[
        Example("Happy Thanksgiving tomorrow from all of us!", "US", "tomorrow",
                at="2026-11-24T10:00"),
        Example("Thanksgiving is this Friday: order your pies.", "US", "this Friday",
                at="2026-11-23T10:00"),
        Example("Christmas is next week!", "GB", "next week", at="2026-12-08T10:00"),
        Example("Happy Thanksgiving tomorrow from all of us!", "US", None,
                at="2026-11-25T10:00"),
        Example("Thanksgiving is next week: order your pies.", "US", None,
                at="2026-11-19T10:00"),
        Example("Christmas is next week!", "GB", None, at="2026-12-18T10:00"),
        Example("Happy Thanksgiving! The sale ends tomorrow.", "US", None,
                at="2026-11-24T10:00"),
    ],
)  # fmt: skip
def detect_relative_day(context: Context) -> Iterator[Hit]:
    today = context.local_date
    if today is None:
        return
    holidays = named_holidays(context)
    if not holidays:
        return
    masked = context.doc.masked
    code = context.market.code
    phrases = [(p, span_for(p, today)) for p in RELATIVE.finditer(masked)]
    phrases += holiday_weekends(holidays, masked, today)
    for phrase, allowed in phrases:
        holiday = _holiday_of(holidays, phrase, masked)
        if holiday is None or allowed is None:
            continue
        gaps = gaps_of(holiday, code, today)
        if not gaps or any(allowed.low <= gap <= allowed.high for gap in gaps) or gaps[0] < 0:
            continue  # the day before: a post late on the day after is let be
        gap = gaps[0]
        if gap > 30 or _wrong_date_says_so(context, holiday.name, today):
            continue  # far off: holiday.wrong_date speaks for the holiday itself
        day = today + timedelta(days=gap)
        yield Hit(
            phrase.start(),
            phrase.end(),
            said_relative(gap, day),
            {"name": holiday.name, "when": f"{day:%A} {day.day} {day:%B}",
             "gap": _days(gap)},
        )  # fmt: skip


# "Happy Labor Day weekend", "enjoy the Bank Holiday weekend": the weekend around the
# holiday, so said in the days before it (or on it), not the weekend before.
_WEEKEND_CUE = re.compile(
    r"(?:\bhappy|\benjoy(?:\s+(?:the|your))?|\bthis|\bover\s+the"
    r"|\bhave\s+a\s+(?:great|safe|good|happy|fun))\s+$",
    re.IGNORECASE,
)
_WEEKEND = re.compile(r"(?:['’]s?)?\s+(?=(?:long\s+)?weekend\b)", re.IGNORECASE)
_WEEKEND_WORDS = re.compile(r"(?:long\s+)?weekend\b", re.IGNORECASE)


def holiday_weekends(
    holidays: list[Named], masked: str, today: date
) -> list[tuple[re.Match[str], Span | None]]:
    """The "<holiday> weekend" phrases after a cue, with the days they allow: the
    coming weekend with its Friday and Monday; on a Monday, the weekend just ending."""
    found: list[tuple[re.Match[str], Span | None]] = []
    for holiday in holidays:
        gap = _WEEKEND.match(masked, holiday.end)
        weekend = _WEEKEND_WORDS.match(masked, gap.end()) if gap else None
        cue = _WEEKEND_CUE.search(masked, max(0, holiday.start - 30), holiday.start)
        if weekend is None or cue is None:
            continue
        monday = today.weekday() == 0
        allowed = Span(-2, 0) if monday else _named_day_span("this", "weekend", today)
        found.append((weekend, allowed))
    return found


def _holiday_of(holidays: list[Named], phrase: re.Match[str], masked: str) -> Named | None:
    """The holiday a phrase is about: the nearest in its clause, within NEAR characters."""
    best: Named | None = None
    best_distance = NEAR + 1
    for holiday in holidays:
        if holiday.end <= phrase.start():
            between = (holiday.end, phrase.start())
        elif phrase.end() <= holiday.start:
            between = (phrase.end(), holiday.start)
        else:
            continue
        distance = between[1] - between[0]
        if distance > NEAR or distance >= best_distance:
            continue
        if not CLAUSE_BREAK.search(masked, between[0], between[1]):
            best, best_distance = holiday, distance
    return best


def _wrong_date_says_so(context: Context, name: str, today: date) -> bool:
    return name in OBSERVANCES_BY_NAME and _wrong_date(name, context.market.code, today) is not None


def _days(gap: int) -> str:
    if gap == -1:
        return "the day before"
    return "the same day" if gap == 0 else f"{gap} day{'s' if gap != 1 else ''}"


def said_relative(gap: int, day: date) -> str:
    """How a post says a day ``gap`` days after it is published."""
    if gap <= 0:
        return "yesterday" if gap < 0 else "today"
    if gap == 1:
        return "tomorrow"
    if gap < 7:
        return f"this {day:%A}"
    return f"on {day:%A} {day.day} {day:%B}"


LONG_WEEKEND = re.compile(
    r"\b(?:this(?:\s+coming)?|(?:enjoy|over|during|for)\s+(?:the|this)|happy)\s+long\s+weekend\b",
    re.IGNORECASE,
)


@register(
    "holiday.long_weekend",
    "holiday",
    "warning",
    "No public holiday in {market} makes the weekend of {weekend} a long weekend{next}",
    trigger_words=("long",),
    examples=[
        Example("Enjoy the long weekend, everyone!", "US", "Enjoy the long weekend",
                at="2026-06-25T10:00"),
        Example("This long weekend only: 20% off.", "GB", "This long weekend",
                at="2026-06-25T10:00"),
        Example("Enjoy the long weekend, everyone!", "US", None, at="2026-09-03T10:00"),
        Example("This long weekend only: 20% off.", "GB", None, at="2026-08-27T10:00"),
        Example("Plan a long weekend in Bali.", "AU", None, at="2026-06-11T10:00"),
    ],
)  # fmt: skip
def detect_long_weekend(context: Context) -> Iterator[Hit]:
    today = context.local_date
    if today is None or mentions(context) or named_holidays(context):
        return  # a post naming a holiday: the holiday rules judge that day
    code = context.market.code
    for match in LONG_WEEKEND.finditer(context.doc.masked):
        saturdays = _weekends_meant(today)
        if any(_has_holiday_around(code, saturday) for saturday in saturdays):
            continue
        saturday = saturdays[-1]
        sunday = saturday + timedelta(days=1)
        yield Hit(
            match.start(),
            match.end(),
            None,
            {"weekend": f"{saturday.day}-{sunday.day} {sunday:%B}",
             "next": _next_long_weekend(code, saturday)},
        )  # fmt: skip


def _weekends_meant(today: date) -> list[date]:
    """The Saturdays of the weekends "this long weekend" may mean on ``today``: the
    coming one, and on a Sunday or Monday also the one under way or just ending."""
    weekday = today.weekday()
    if weekday == 6:
        return [today - timedelta(days=1)]
    coming = today + timedelta(days=(5 - weekday) % 7)
    return [today - timedelta(days=2), coming] if weekday == 0 else [coming]


@lru_cache(maxsize=4096)
def _has_holiday_around(code: str, saturday: date) -> bool:
    """A public holiday, in any region of the market, on the Friday before
    ``saturday`` or the Monday after (or the weekend itself)."""
    return any(
        obs.regional_holiday_name(code, saturday + timedelta(days=offset))
        for offset in range(-1, 3)
    )


def _next_long_weekend(code: str, saturday: date) -> str:
    """ "; the next is Labour Day on Monday 7 September" (national holidays, 120 days)."""
    for offset in range(5, 120):
        day = saturday + timedelta(days=offset)
        if day.weekday() not in (0, 4):
            continue
        name = obs.public_holiday_name(code, day)
        if name:
            return f"; the next is {name} on {day:%A} {day.day} {day:%B}"
    return ""
