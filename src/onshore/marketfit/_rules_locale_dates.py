"""Numeric dates in a non-English post, read in the order its locale writes them (CLDR
skeletons yMd with a year, Md without): a date impossible in that order ("12/30/2026"
in German: no month 30) is an error with the date as the locale writes it
("30.12.2026"); a year-last date in a year-first locale ("12/30/2026" in Japanese) is a
warning with the locale's form ("2026/12/30"); a possible date with another locale's
separators is a format hint (category ``format``: the date itself is right)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from onshore.marketfit._dates import DateMention, exists
from onshore.marketfit._locale_formats import LocaleFormats, post_formats
from onshore.marketfit._registry import Context, Example, Hit, register

NUMERIC_DATE_HINT = re.compile(r"\d[/.]\d")


def order_for(formats: LocaleFormats, mention: DateMention) -> str:
    """ "DMY", "MDY" or "YMD": how the locale orders a date with (or without) a year."""
    pattern = formats.date if mention.year is not None else formats.date_md
    letters = [c.upper() for c in (pattern or "d/M/y") if c in "dMy"]
    order = "".join(dict.fromkeys(letters))
    if mention.year is None:
        return "MDY" if order.startswith("M") else "DMY"
    return order if len(order) == 3 else "DMY"


def meant(mention: DateMention, order: str) -> tuple[int, int] | None:
    """(day, month) the writer meant when the locale's day-first or month-first reading
    is impossible (a month over 12), else None."""
    first, second = mention.first, mention.second
    if order == "DMY":
        return (second, first) if second > 12 >= first else None
    if order == "MDY":
        return (first, second) if first > 12 >= second else None
    return None


def year_last_meant(mention: DateMention) -> tuple[int, int] | None:
    """(day, month) of a year-last date, when only one reading is a date."""
    first, second = mention.first, mention.second
    if first > 12 >= second:
        return first, second
    if second > 12 >= first:
        return second, first
    return None


def not_a_date(context: Context, mention: DateMention) -> bool:
    """ "24/7" and numbers run into others are not dates."""
    before = context.doc.masked[max(0, mention.start - 1) : mention.start]
    return (mention.first, mention.second) == (24, 7) or before.isdigit()


@register(
    "date.impossible_for_locale",
    "date",
    "error",
    "{readers} read {found} {order}, which is not a date; write '{suggestion}'",
    other_languages=True,
    trigger_pattern=NUMERIC_DATE_HINT,
    examples=[
        Example("Das Angebot endet am 12/30/2026.", "DE", "12/30/2026"),
        Example("L'offre se termine le 12/30/2026.", "FR", "12/30/2026"),
        Example("Das Angebot endet am 12/30.", "DE", "12/30"),
        Example("セールは12/30まで。", "JP", None),
        Example("Das Angebot endet am 30.12.2026.", "DE", None),
        Example("Wir sind 24/7 für Sie da.", "DE", None),
    ],
)
def detect_impossible(context: Context) -> Iterator[Hit]:
    formats = post_formats(context)
    if formats is None:
        return
    for mention in context.numeric_dates:
        if not_a_date(context, mention):
            continue
        order = order_for(formats, mention)
        if order == "YMD":
            continue  # a year-last date there: date.locale_order
        day_month = meant(mention, order)
        if day_month is None or not exists(mention.year, day_month[1], day_month[0]):
            continue
        reading = "day first" if order == "DMY" else "month first"
        yield Hit(
            mention.start,
            mention.end,
            formats.format_date(day_month[0], day_month[1], mention.year),
            {"order": reading},
        )


@register(
    "date.locale_order",
    "date",
    "warning",
    "{readers} write dates year first: write '{suggestion}'",
    other_languages=True,
    trigger_pattern=NUMERIC_DATE_HINT,
    examples=[
        Example("セールは12/30/2026まで。", "JP", "12/30/2026"),
        Example("Rean sista dagen 30/12/2026!", "SE", "30/12/2026"),
        Example("セールは2026/12/30まで。", "JP", None),
        Example("セールは05/06/2026まで。", "JP", None),  # either reading is a date
    ],
)
def detect_year_last(context: Context) -> Iterator[Hit]:
    formats = post_formats(context)
    if formats is None or formats.date_order != "YMD":
        return
    for mention in context.numeric_dates:
        if mention.year is None or not_a_date(context, mention):
            continue
        day_month = year_last_meant(mention)
        if day_month is None or not exists(mention.year, day_month[1], day_month[0]):
            continue
        yield Hit(
            mention.start,
            mention.end,
            formats.format_date(day_month[0], day_month[1], mention.year),
        )


# A possible date written with another locale's separators is a format finding: the
# date itself is right (issue 17). The id stays "date.locale_separators" so workspaces
# that disabled it by id keep it disabled.
@register(
    "date.locale_separators",
    "format",
    "info",
    "{readers} write this date as '{suggestion}'",
    other_languages=True,
    trigger_pattern=NUMERIC_DATE_HINT,
    examples=[
        Example("Das Angebot endet am 30/12/2026.", "DE", "30/12/2026"),
        Example("L'offre se termine le 30.12.2026.", "FR", "30.12.2026"),
        Example("Das Angebot endet am 30.12.2026.", "DE", None),
        Example("L'offre se termine le 30/12/2026.", "FR", None),
        Example("Das Angebot endet am 30/12.", "DE", None),  # no year: left alone
    ],
)
def detect_separators(context: Context) -> Iterator[Hit]:
    formats = post_formats(context)
    if formats is None or formats.date is None:
        return
    order = formats.date_order
    if order == "YMD":
        return  # a year-last date there is order, not separators (see above)
    separator = formats.date_separator
    for mention in context.numeric_dates:
        if mention.year is None or not_a_date(context, mention):
            continue
        written = context.post.text[mention.start : mention.end]
        if separator in written:
            continue
        first_is_day = order == "DMY"
        day, month = (
            (mention.first, mention.second) if first_is_day else (mention.second, mention.first)
        )
        if month > 12 or not exists(mention.year, month, day):
            continue  # impossible: the rule above says so
        yield Hit(mention.start, mention.end, formats.format_date(day, month, mention.year))
