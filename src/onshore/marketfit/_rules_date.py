"""Dates: weekday that does not match the date, numeric dates read the other way,
ISO dates where the market writes dates differently."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from onshore.marketfit._dates import MONTHS, WEEKDAY_NAMES, DateMention, resolve
from onshore.marketfit._registry import Context, Example, Hit, register

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# Triggers: a slash/dot date and an ISO date each contain these. The ISO one is
# "\d-[01]\d-" written from its "-" (the lookbehind checks the digit before it): the
# regex engine skips from "-" to "-", several times faster than from digit to digit,
# and most posts have no "-" at all.
NUMERIC_DATE_HINT = re.compile(r"\d[/.]\d")
ISO_DATE_HINT = re.compile(r"-(?<=\d-)[01]\d-")
# Numbers with a slash that are not dates: "24/7", "4/5 stars", "3/4 cup", "50/50".
NOT_A_DATE_AFTER = re.compile(
    r"\s*(?:stars?|cups?|tsp|tbsp|of|in|people|customers|rating|off|price|inch|mile|split)\b",
    re.I,
)


def spelled(market_order: str, month: int, day: int, year: int | None) -> str:
    """A date written out the way the market reads it unambiguously."""
    name = MONTH_NAMES[month - 1]
    if market_order == "MDY":
        return f"{name} {day}, {year}" if year else f"{name} {day}"
    return f"{day} {name} {year}" if year else f"{day} {name}"


@register(
    "date.weekday_mismatch",
    "date",
    "error",
    "{date} is a {suggestion_full}, not a {weekday}",
    trigger_words=MONTHS,  # a named date names its month
    examples=[
        Example("Doors open Friday 4 July 2026 at noon.", "GB", "Friday"),
        Example("Sale starts Mon, March 3, 2026.", "US", "Mon"),
        Example("See you Friday 12 March!", "GB", "Friday", at="2026-03-01T10:00"),
        Example("Doors open Saturday 4 July 2026 at noon.", "GB", None),
        Example("See you Thursday 12 March!", "GB", None),  # no year, no schedule: unknown
    ],
)
def detect_weekday_mismatch(context: Context) -> Iterator[Hit]:
    for mention in context.named_dates:
        if mention.weekday is None or mention.weekday_span is None:
            continue
        actual = resolve(mention, context.local_date)
        if actual is None or actual.weekday() == mention.weekday:
            continue
        start, end = mention.weekday_span
        written = context.post.text[start:end]
        correct = WEEKDAY_NAMES[actual.weekday()]
        suggestion = correct[: len(written)] if len(written) <= 4 else correct
        yield Hit(
            start,
            end,
            suggestion if written[:1].isupper() else suggestion.lower(),
            {
                "date": f"{actual.day} {actual:%B %Y}",
                "weekday": WEEKDAY_NAMES[mention.weekday],
                "suggestion_full": correct,
            },
        )


def _is_number_not_date(context: Context, mention: DateMention) -> bool:
    text = context.doc.masked
    if NOT_A_DATE_AFTER.match(text, mention.end):
        return True
    before = text[max(0, mention.start - 2) : mention.start]
    return (mention.first, mention.second) == (24, 7) or before[-1:].isdigit()


@register(
    "date.numeric_order",
    "date",
    "error",  # not a date at all in the market's order (issue 17: an error)
    "{readers} write the {first_part} first, so {found} does not read as a date there; "
    "write '{suggestion}'",
    # South Africa: CLDR's short date is year first, but a date with the year last (or
    # none) is written day first there (issue 17), so it is read as in GB.
    markets=("US", "GB", "AU", "NZ", "IE", "IN", "ZA"),
    trigger_pattern=NUMERIC_DATE_HINT,
    examples=[
        Example("Early-bird pricing ends 13/04.", "US", "13/04"),
        Example("Tickets on sale from 04/13/2026.", "GB", "04/13/2026"),
        Example("Tickets on sale from 2/22/2027.", "ZA", "2/22/2027"),
        Example("Tickets on sale from 22/02/2027.", "ZA", None),
        Example("Tickets on sale from 13/04/2026.", "GB", None),
        Example("We're here for you 24/7.", "US", None),
        Example("Rated 4/5 stars by 2,000 customers.", "US", None),
    ],
)
def detect_numeric_order(context: Context) -> Iterator[Hit]:
    order = "DMY" if context.market.code == "ZA" else context.market.date_order
    for mention in context.numeric_dates:
        if _is_number_not_date(context, mention):
            continue
        if order == "MDY" and mention.first > 12:
            day, month = mention.first, mention.second
        elif order == "DMY" and mention.second > 12:
            month, day = mention.first, mention.second
        else:
            continue
        first_part = "month" if order == "MDY" else "day"
        yield Hit(
            mention.start,
            mention.end,
            spelled(order, month, day, mention.year),
            {"first_part": first_part},
        )


@register(
    "date.numeric_misread",
    "date",
    "warning",
    "{readers} will read {found} as {market_reading}; if you mean {meant}, write '{suggestion}'",
    markets=("US", "GB", "AU", "NZ", "IE", "IN"),
    trigger_pattern=NUMERIC_DATE_HINT,
    examples=[
        Example("Big sale on 04/07 - don't miss it!", "US", "04/07", at="2026-06-28T10:00"),
        Example("Summer party 07/04, bring friends!", "GB", "07/04", at="2026-06-28T10:00"),
        Example("Big sale on 07/04 - don't miss it!", "US", None, at="2026-06-28T10:00"),
        Example("Big sale on 04/07 - don't miss it!", "US", None),
    ],
)
def detect_numeric_misread(context: Context) -> Iterator[Hit]:
    """Both numbers are 12 or less, so both readings are dates. Flag only when the
    schedule shows the author meant the other reading (soon after the post goes out)."""
    today = context.local_date
    order = context.market.date_order
    if today is None or order not in ("MDY", "DMY"):
        return
    for mention in context.numeric_dates:
        if mention.first > 12 or mention.second > 12 or mention.first == mention.second:
            continue
        if _is_number_not_date(context, mention):
            continue
        market_md = (
            (mention.first, mention.second) if order == "MDY" else (mention.second, mention.first)
        )
        other_md = (market_md[1], market_md[0])
        if _soon(today, other_md, mention.year) and not _soon(today, market_md, mention.year):
            yield Hit(
                mention.start,
                mention.end,
                spelled(order, other_md[0], other_md[1], mention.year),
                {
                    "market_reading": spelled(order, market_md[0], market_md[1], None),
                    "meant": spelled(order, other_md[0], other_md[1], None),
                },
            )


def _soon(today: date, month_day: tuple[int, int], year: int | None) -> bool:
    """Whether month/day falls within a week before to 60 days after ``today``."""
    for candidate_year in (year,) if year else (today.year, today.year + 1):
        try:
            day = date(candidate_year, month_day[0], month_day[1])
        except ValueError:
            continue
        if -7 <= (day - today).days <= 60:
            return True
    return False


@register(
    "date.numeric_ambiguous",
    "date",
    "info",
    "{readers} write dates both day-first and month-first; write '{suggestion}' or the "
    "other way round so nobody has to guess",
    markets=("CA",),
    trigger_pattern=NUMERIC_DATE_HINT,
    examples=[
        Example("Registration closes 04/07.", "CA", "04/07"),
        Example("Registration closes 2026-07-04.", "CA", None),
        Example("Registration closes 25/07.", "CA", None),
    ],
)
def detect_numeric_ambiguous(context: Context) -> Iterator[Hit]:
    for mention in context.numeric_dates:
        if mention.first > 12 or mention.second > 12 or mention.first == mention.second:
            continue
        if _is_number_not_date(context, mention):
            continue
        yield Hit(
            mention.start,
            mention.end,
            spelled("MDY", mention.first, mention.second, mention.year),
        )


@register(
    "date.iso_format",
    "date",
    "info",
    "{readers} usually write dates like '{suggestion}'",
    markets=("US", "GB", "AU", "NZ", "IE", "IN"),
    trigger_pattern=ISO_DATE_HINT,
    examples=[
        Example("Applications close 2026-07-04.", "US", "2026-07-04"),
        Example("Applications close 2026-07-04.", "GB", "2026-07-04"),
        Example("Applications close 2026-07-04.", "CA", None),
        Example("Applications close 4 July 2026.", "GB", None),
    ],
)
def detect_iso_format(context: Context) -> Iterator[Hit]:
    for mention in context.iso_dates:
        yield Hit(
            mention.start,
            mention.end,
            spelled(context.market.date_order, mention.month, mention.day, mention.year),
        )


__all__ = ["MONTHS"]
