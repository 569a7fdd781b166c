"""A public holiday said to fall on a weekday that is none ("this Monday's bank
holiday" when that Monday is an ordinary one), read against ``Post.at`` in the
market's zone. The holidays of every region of the market count: a bank holiday in
Scotland is one for a post to the United Kingdom."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from onshore.marketfit import _observances as obs
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._rules_holiday_relative import WEEKDAYS, _named_day_span

_DAY = r"(?:monday|tuesday|wednesday|thursday|friday)"
_WHICH = r"(?:this(?:\s+coming)?|next)"
_KIND = r"(?:bank|public|federal|statutory|stat)\s+holiday"
# "this Monday's bank holiday", "the bank holiday this Monday", "this bank holiday
# Monday", "next Friday's public holiday".
SAID_ON = re.compile(
    rf"\b(?P<w1>{_WHICH})\s+(?P<d1>{_DAY})['’]s\s+{_KIND}\b"
    rf"|\b{_KIND}\s+(?:is\s+)?(?:on\s+)?(?P<w2>{_WHICH})\s+(?P<d2>{_DAY})\b"
    rf"|\b(?P<w3>{_WHICH})\s+{_KIND}\s+(?P<d3>{_DAY})\b",
    re.IGNORECASE,
)


@register(
    "holiday.no_holiday_that_day",
    "holiday",
    "error",
    "{when} is not a public holiday in {market}{next}",
    english_only=True,
    trigger_words=("bank", "public", "federal", "statutory", "stat"),
    examples=[
        Example("Closed for this Monday's bank holiday.", "GB", "this Monday's bank holiday",
                at="2026-06-02T10:00"),
        Example("Closed for this Monday's bank holiday.", "GB", None, at="2026-05-21T10:00"),
        Example("The public holiday is this Monday, so we open Tuesday.", "AU", None,
                at="2026-06-03T10:00"),
        Example("Closed for the bank holiday.", "GB", None, at="2026-05-19T10:00"),
    ],
)  # fmt: skip
def detect_no_holiday(context: Context) -> Iterator[Hit]:
    today = context.local_date
    if today is None:
        return
    code = context.market.code
    for match in SAID_ON.finditer(context.doc.masked):
        which = next(g for g in (match.group("w1"), match.group("w2"), match.group("w3")) if g)
        day = next(g for g in (match.group("d1"), match.group("d2"), match.group("d3")) if g)
        days = _days_meant(which.split()[0].lower(), day.lower(), today)
        if any(obs.regional_holiday_name(code, meant) for meant in days):
            continue
        meant = days[0]
        yield Hit(
            match.start(),
            match.end(),
            None,
            {"when": f"{meant:%A} {meant.day} {meant:%B}", "next": _next_holiday(code, today)},
        )


def _days_meant(which: str, day: str, today: date) -> list[date]:
    """The days "this Monday" or "next Monday" may mean, read as the English relative
    rule reads them."""
    span = _named_day_span(which, day, today)
    wanted = WEEKDAYS.index(day)
    return [
        today + timedelta(days=gap)
        for gap in range(span.low, span.high + 1)
        if (today + timedelta(days=gap)).weekday() == wanted
    ]


def _next_holiday(code: str, today: date) -> str:
    """ "; the next is Spring Bank Holiday on Monday 25 May" (any region, 90 days)."""
    for offset in range(90):
        day = today + timedelta(days=offset)
        name = obs.regional_holiday_name(code, day)
        if name:
            return f"; the next is {name} on {day:%A} {day.day} {day:%B}"
    return ""
