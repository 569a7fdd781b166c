"""Clock times: the 12-hour clock with English AM/PM in a locale that writes times on the
24-hour clock (CLDR's short time pattern for the locale: "HH:mm" de, "H:mm" ja,
"HH 'h' mm" fr-CA), with the time as the locale writes it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from onshore.marketfit._locale_formats import post_formats
from onshore.marketfit._registry import Context, Example, Hit, register

# "3pm", "3 PM", "3:30 p.m.", "11.30am"; the hour is 1-12.
TWELVE_HOUR = re.compile(
    r"(?P<hour>\d(?<![\d.:,]\d)\d?)(?:[:.](?P<minute>[0-5]\d))?\s?"
    r"(?P<half>[ap])(?:\.\s?m\.?|m)(?![A-Za-z])",
    re.IGNORECASE,
)


def to_24_hour(hour: int, half: str) -> int:
    if half == "a":
        return 0 if hour == 12 else hour
    return 12 if hour == 12 else hour + 12


@register(
    "format.clock",
    "format",
    "warning",
    "{readers} use the 24-hour clock: write '{suggestion}'",
    other_languages=True,
    trigger_pattern=re.compile(r"\d"),
    examples=[
        Example("Wir öffnen um 3:00 PM.", "DE", "3:00 PM"),
        Example("Rendez-vous à 7pm au magasin.", "FR", "7pm"),
        Example("Abrimos a las 9 a.m. todos los días.", "ES", "9 a.m."),
        Example("本日3PMから開店します。", "JP", "3PM"),
        Example("Wir öffnen um 15:00 Uhr.", "DE", None),
        Example("Abrimos a las 3:00 PM.", "MX", None),  # es-MX writes the 12-hour clock
    ],
)
def detect_twelve_hour(context: Context) -> Iterator[Hit]:
    formats = post_formats(context)
    if formats is None or not formats.hour24:
        return
    for match in context.doc.finditer(TWELVE_HOUR, digit_led=True):
        hour = int(match.group("hour"))
        if not 1 <= hour <= 12:
            continue
        minute = int(match.group("minute") or 0)
        hour24 = to_24_hour(hour, match.group("half").lower())
        yield Hit(match.start(), match.end(), formats.format_time(hour24, minute))
