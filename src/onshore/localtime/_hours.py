"""Working hours per weekday, in the person's own local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


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
        parsed = []
        for span in spans:
            if not isinstance(span, (list, tuple)) or len(span) != 2:
                raise ValueError(f"{day}: each span is a [start, end] pair")
            start, end = (_parse_clock(value, day) for value in span)
            if start == end:
                raise ValueError(f"{day}: a span must not start and end at {start:%H:%M}")
            parsed.append(DayHours(start, end))
        if parsed:
            week[day] = tuple(sorted(parsed, key=lambda span: span.start))
    return week


def weekly_hours_to_json(week: WeeklyHours) -> dict[str, list[list[str]]]:
    return {
        day: [[f"{span.start:%H:%M}", f"{span.end:%H:%M}"] for span in spans]
        for day, spans in week.items()
    }
