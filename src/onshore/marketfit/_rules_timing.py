"""Timing of the scheduled instant in the market: night, public holiday, DST gap/fold."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time

from onshore.marketfit import _holiday_names as names
from onshore.marketfit._observances import public_holiday_name
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._rules_holiday_foreign import local_mentions


def _is_night(moment: time, start: time, end: time) -> bool:
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end  # the window wraps past midnight


@register(
    "timing.night",
    "timing",
    "warning",
    "Scheduled for {clock} on {day} in {zone}, when {readers} are asleep",
    examples=[
        Example("New drop is live!", "GB", "", at="2026-03-10T03:00"),
        Example("New drop is live!", "US", "", at="2026-03-10T02:00:00+00:00"),
        Example("New drop is live!", "GB", None, at="2026-03-10T09:00"),
        Example("New drop is live!", "US", None, at="2026-03-10T14:00:00+00:00"),
    ],
)
def detect_night(context: Context) -> Iterator[Hit]:
    local = context.local_at
    if local is None:
        return
    options = context.options
    if _is_night(local.time(), options.night_start, options.night_end):
        # The day too: "03:00" alone is ambiguous in a list of posts or a moved post's answer.
        clock = f"{local.hour:02d}:{local.minute:02d}"
        day = f"{local.day} {local:%B %Y}"
        yield Hit(0, 0, None, {"clock": clock, "day": day, "zone": context.zone.key})


@register(
    "timing.public_holiday",
    "timing",
    "info",
    "Scheduled on {holiday}, a public holiday in {market}",
    examples=[
        Example("Our spring range is here.", "GB", "", at="2026-12-25T10:00"),
        Example("Merry Christmas from the team!", "GB", None, at="2026-12-25T10:00"),
        Example("Our spring range is here.", "GB", None, at="2026-12-22T10:00"),
        Example("Happy Fourth! Fireworks from 9.", "US", None, at="2026-07-04T10:00"),
        Example("Happy New Year from all of us!", "GB", None, at="2027-01-01T10:00"),
        Example("Frohen Tag der Deutschen Einheit!", "DE", None, at="2026-10-03T10:00"),
        Example("Unser Herbstsortiment ist da.", "DE", "", at="2026-10-03T10:00"),
    ],
)
def detect_public_holiday(context: Context) -> Iterator[Hit]:
    day = context.local_date
    if day is None:
        return
    name = public_holiday_name(context.market.code, day)
    if name is None or _mentions_holiday(context.doc.lower_masked, name):
        return
    if _names_the_day_in_any_language(context, day):
        return
    yield Hit(0, 0, None, {"holiday": name})


def _names_the_day_in_any_language(context: Context, day: date) -> bool:
    """A post naming, in its own language, the holiday it is scheduled on ("Frohen Tag
    der Deutschen Einheit" on 3 October) greets the day: no finding."""
    market = context.market.code
    return any(
        day in names.days_of(mention.holiday, market, day.year)
        for mention in local_mentions(context)
    )


# Everyday names of a holiday that share no word with its official one.
ALIASES = {
    "independence day": ("fourth of july", "4th of july", "july 4", "july fourth", "fourth!",
                         "happy fourth", "happy 4th"),
    "new year's day": ("new year",),
    "thanksgiving": ("turkey day",),
}  # fmt: skip


def _mentions_holiday(lower_text: str, name: str) -> bool:
    """A post about the holiday itself ("Happy Canada Day") is meant for that day."""
    keywords = [w for w in name.lower().replace("(observed)", "").split() if len(w) > 3]
    keywords += ["christmas"] if "christmas" in name.lower() else []
    keywords += [
        alias for key, aliases in ALIASES.items() if key in name.lower() for alias in aliases
    ]
    return any(word.strip("'’") in lower_text for word in keywords if word != "day")


@register(
    "timing.dst_gap",
    "timing",
    "error",
    "{clock} does not exist on {day} in {zone}: clocks jump forward an hour",
    examples=[
        Example("Spring sale!", "US", "", at="2026-03-08T02:30"),
        Example("Spring sale!", "US", None, at="2026-03-08T03:30"),
    ],
)
def detect_dst_gap(context: Context) -> Iterator[Hit]:
    wall = context.wall_time_requested
    if wall is None:
        return
    aware = wall.replace(tzinfo=context.zone)
    round_trip = aware.astimezone(UTC).astimezone(context.zone).replace(tzinfo=None)
    if round_trip != wall:
        yield Hit(0, 0, None, _when(wall, context))


@register(
    "timing.dst_fold",
    "timing",
    "warning",
    "{clock} happens twice on {day} in {zone} as clocks go back; the post may go out "
    "an hour apart from what you expect",
    examples=[
        Example("Autumn sale!", "GB", "", at="2026-10-25T01:30"),
        Example("Autumn sale!", "GB", None, at="2026-10-25T03:30"),
    ],
)
def detect_dst_fold(context: Context) -> Iterator[Hit]:
    local = context.local_at
    if local is None:
        return
    # The offset at this wall time on its first (fold=0) and second (fold=1) occurrence;
    # ``local`` is one of the two already, in the market zone.
    other = other_occurrence(local).utcoffset()
    first, second = (local.utcoffset(), other) if local.fold == 0 else (other, local.utcoffset())
    if first != second and first is not None and second is not None and first > second:
        yield Hit(0, 0, None, _when(local.replace(tzinfo=None), context))


def other_occurrence(local: datetime) -> datetime:
    """``local.replace(fold=1 - local.fold)``: the same wall time, its other fold. Built
    with the constructor, which costs half what replace() does (replace() parses its
    nine keyword arguments even when given one), and this runs for every scheduled post."""
    return datetime(
        local.year,
        local.month,
        local.day,
        local.hour,
        local.minute,
        local.second,
        local.microsecond,
        local.tzinfo,
        fold=1 - local.fold,
    )


def _when(wall: datetime, context: Context) -> dict[str, str]:
    return {
        "clock": wall.strftime("%H:%M"),
        "day": f"{wall.day} {wall:%B %Y}",
        "zone": context.zone.key,
    }
