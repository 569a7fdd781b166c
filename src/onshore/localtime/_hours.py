"""Working hours per weekday, in the person's own local time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import time

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Working spans a day may hold once overlapping and repeated ones are merged: enough for a
# split shift and a break or two. Every overlap and reply-wait computation walks each
# span of both people for every week of the year, so this bound keeps Team → Hours fast.
MAX_SPANS_PER_DAY = 4
# Spans a day may list before merging (pages and the API read no more than this).
MAX_SPANS_GIVEN_PER_DAY = 24
MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class DayHours:
    """One working span. ``end`` before ``start`` means the span runs past midnight."""

    start: time
    end: time

    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def label(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


WeeklyHours = dict[str, tuple[DayHours, ...]]


def _parse_clock(value: object, where: str) -> time:
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected a time as HH:MM")
    try:
        hours, minutes = value.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(f"{where}: '{value}' is not a time as HH:MM (00:00–23:59)") from None


def parse_weekly_hours(raw: object) -> WeeklyHours:
    """Validate ``{"mon": [["09:00", "17:30"]], …}``; days left out are days off.

    Raises ValueError naming the day and what is wrong with it.
    """
    if not isinstance(raw, dict):
        raise ValueError('expected an object of weekdays, e.g. {"mon": [["09:00", "17:00"]]}')
    unknown = sorted(set(raw) - set(WEEKDAYS))
    if unknown:
        raise ValueError(f"unknown weekday {unknown[0]!r}; use {', '.join(WEEKDAYS)}")
    week: WeeklyHours = {}
    for day in WEEKDAYS:
        spans = raw.get(day) or []
        if not isinstance(spans, list):
            raise ValueError(f"{day}: expected a list of [start, end] pairs")
        if len(spans) > MAX_SPANS_GIVEN_PER_DAY:
            raise ValueError(f"{day}: at most {MAX_SPANS_PER_DAY} working spans a day")
        parsed = []
        for span in spans:
            if not isinstance(span, (list, tuple)) or len(span) != 2:
                raise ValueError(f"{day}: each span is a [start, end] pair")
            start, end = (_parse_clock(value, day) for value in span)
            if start == end:
                raise ValueError(f"{day}: a span must not start and end at {start:%H:%M}")
            parsed.append(DayHours(start, end))
        if parsed:
            week[day] = merge_spans(day, parsed)
    return week


def parse_hours_text(text: str) -> WeeklyHours:
    """ "mon-fri 09:00-17:00; sat 10:00-12:00" or the stored JSON; ValueError says why."""
    # json.JSONDecodeError is a ValueError too.
    raw = json.loads(text) if text.lstrip().startswith("{") else _short_hours(text)
    return parse_weekly_hours(raw)


def _short_hours(text: str) -> dict[str, list[list[str]]]:
    """ "mon-fri 09:00-17:00; sat 10:00-12:00" → the stored JSON shape."""
    week: dict[str, list[list[str]]] = {}
    for group in filter(None, (part.strip() for part in text.split(";"))):
        days_text, _, spans_text = group.partition(" ")
        if not spans_text.strip():
            raise ValueError(f"{group!r}: write days then spans, e.g. mon-fri 09:00-17:00")
        for day in _days(days_text.lower()):
            for span in spans_text.replace(" ", "").split(","):
                start, dash, end = span.partition("-")
                if not dash:
                    raise ValueError(f"{span!r}: write a span as HH:MM-HH:MM")
                week.setdefault(day, []).append([start, end])
    return week


def _days(text: str) -> list[str]:
    days: list[str] = []
    for part in text.split(","):
        first, dash, last = part.partition("-")
        for name in (first, last) if dash else (first,):
            if name not in WEEKDAYS:
                raise ValueError(f"unknown weekday {name!r}; use {', '.join(WEEKDAYS)}")
        start, stop = WEEKDAYS.index(first), WEEKDAYS.index(last if dash else first)
        if stop < start:
            raise ValueError(f"{part!r}: days run forwards, e.g. mon-fri")
        days.extend(WEEKDAYS[start : stop + 1])
    return days


def merge_spans(day: str, spans: list[DayHours]) -> tuple[DayHours, ...]:
    """The day's spans in order, overlapping, touching and repeated ones joined into one.

    Raises ValueError when more than ``MAX_SPANS_PER_DAY`` remain, or when joined spans
    would cover a whole day or more.
    """
    merged: list[list[int]] = []
    for start, end in sorted(_minutes(span) for span in spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    if len(merged) > MAX_SPANS_PER_DAY:
        raise ValueError(
            f"{day}: at most {MAX_SPANS_PER_DAY} working spans a day, not {len(merged)}; "
            "join or drop some"
        )
    if any(end - start >= MINUTES_PER_DAY for start, end in merged):
        raise ValueError(f"{day}: the spans join into a whole day or more; give 00:00–23:59")
    return tuple(DayHours(_clock(start), _clock(end)) for start, end in merged)


def _minutes(span: DayHours) -> tuple[int, int]:
    """Minutes from the day's midnight; a span past midnight ends after 1440."""
    start = span.start.hour * 60 + span.start.minute
    end = span.end.hour * 60 + span.end.minute
    return start, end + MINUTES_PER_DAY if end <= start else end


def _clock(minutes: int) -> time:
    minutes %= MINUTES_PER_DAY
    return time(minutes // 60, minutes % 60)


def weekly_hours_to_json(week: WeeklyHours) -> dict[str, list[list[str]]]:
    return {
        day: [[f"{span.start:%H:%M}", f"{span.end:%H:%M}"] for span in spans]
        for day, spans in week.items()
    }
