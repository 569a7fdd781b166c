"""Numeric dates that are no date in the market's order, in every market with a
day-first or month-first order: dashed dates written month first in a day-first market
("03-26-2027" in the Netherlands or South Africa, "22" is no month) or day first in a
month-first one, and days a month does not have ("31/02", "31.04.2027").

South Africa's CLDR order is year first (y/MM/dd), but a date with the year last is
written day first there, so such a date is read day first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from onshore.marketfit._dates import exists
from onshore.marketfit._locale_formats import LocaleFormats, post_formats
from onshore.marketfit._registry import Context, Example, Hit, register

# "03-26-2027": one or two digits, "-", one or two digits, "-", a four-digit year.
DASHED = re.compile(
    r"(?P<a>\d(?<![\d\-./]\d)\d?)-(?P<b>\d\d?)-(?P<year>(?:19|20)\d\d)(?![\d\-]|\.\d)"
)
DASHED_HINT = re.compile(r"\d-\d")
NUMERIC_HINT = re.compile(r"\d[/.]\d")
# Markets whose written year-last dates are day first whatever CLDR's short date is.
DAY_FIRST_WRITTEN = frozenset({"ZA"})


def reading_order(context: Context) -> tuple[str | None, LocaleFormats | None]:
    """("DMY" or "MDY", the post's locale formats or None for English) as the market
    reads a date with the year last; (None, …) where that order is not settled (Canada
    writes both, Japanese posts write the year first)."""
    formats = post_formats(context)
    if formats is not None:
        order = formats.date_order
    elif context.english_variant is not None:
        order = "DMY" if context.market.code in DAY_FIRST_WRITTEN else context.market.date_order
    else:
        return None, None
    return (order if order in ("DMY", "MDY") else None), formats


def as_market_writes(
    order: str, formats: LocaleFormats | None, day: int, month: int, year: int | None
) -> str:
    if formats is not None:
        return formats.format_date(day, month, year)
    shown = f"{day:02d}/{month:02d}" if order == "DMY" else f"{month}/{day}"
    return f"{shown}/{year}" if year is not None else shown


@register(
    "date.dashed_order",
    "date",
    "error",
    "{readers} write the {first_part} first, so {found} is not a date there; write '{suggestion}'",
    trigger_pattern=DASHED_HINT,
    examples=[
        Example("Aanmelden kan tot 03-26-2027.", "NL", "03-26-2027"),
        Example("Entries close 03-26-2027.", "ZA", "03-26-2027"),
        Example("Entries close 03-26-2027.", "GB", "03-26-2027"),
        Example("Entries close 26-03-2027.", "US", "26-03-2027"),
        Example("Aanmelden kan tot 26-03-2027.", "NL", None),
        Example("Entries close 03-26-2027.", "US", None),
        Example("Entries close 2027-03-26.", "GB", None),
        Example("Call 030-12-2027 today.", "NL", None),
    ],
)
def detect_dashed(context: Context) -> Iterator[Hit]:
    order, formats = reading_order(context)
    if order is None:
        return
    for match in context.doc.finditer(DASHED, digit_led=True):
        first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
        if order == "DMY" and second > 12 >= first >= 1:
            day, month = second, first
        elif order == "MDY" and first > 12 >= second >= 1:
            day, month = first, second
        else:
            continue
        if not exists(year, month, day):
            continue
        yield Hit(
            match.start(),
            match.end(),
            as_market_writes(order, formats, day, month, year),
            {"first_part": "day" if order == "DMY" else "month"},
        )


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@register(
    "date.no_such_day",
    "date",
    "error",
    "{found} read {reading} is {day} {month}, a day {month} does not have: check the date",
    trigger_pattern=NUMERIC_HINT,
    examples=[
        Example("Angebot gilt bis 31.04.2027.", "DE", "31.04.2027"),
        Example("Offerta valida fino al 30/02.", "IT", "30/02"),
        Example("Offer ends 31/06 - be quick!", "GB", "31/06"),
        Example("Offer ends 6/31 - be quick!", "US", "6/31"),
        Example("Offer ends 31/02/2027.", "ZA", "31/02/2027"),
        Example("Angebot gilt bis 30.04.2027.", "DE", None),
        Example("Offer ends 29/02/2028 - leap day!", "GB", None),
        Example("Offer ends 30/06 - be quick!", "GB", None),
    ],
)
def detect_no_such_day(context: Context) -> Iterator[Hit]:
    order, _ = reading_order(context)
    if order is None:
        return
    masked = context.doc.masked
    for mention in context.numeric_dates:
        if masked[max(0, mention.start - 1) : mention.start].isdigit():
            continue
        day, month = (
            (mention.first, mention.second) if order == "DMY" else (mention.second, mention.first)
        )
        if month > 12 or day < 29 or exists(mention.year, month, day):
            continue
        yield Hit(
            mention.start,
            mention.end,
            None,
            {
                "reading": "day first" if order == "DMY" else "month first",
                "day": str(day),
                "month": MONTH_NAMES[month - 1],
            },
        )
