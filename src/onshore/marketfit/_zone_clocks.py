"""Clock times as the markets beyond English write them ("18h", "18h30", "18 Uhr",
"18.00 uur", "alle 18", "午後6時", "7 PM") and the zone letters after them, for the
zone rules of _rules_zone_languages.py; and a converted time written back in the
post's own style ("20 Uhr", "20h", "20:00", "午後8時").
"""

from __future__ import annotations

import re
from typing import NamedTuple

# One clock time. Not after a digit, a decimal point or a slash (prices, dates);
# hours 0-24. The groups say how it was written, so a converted time keeps the style:
# - jhalf/jh/jm: Japanese 午前/午後 (a.m./p.m.), hour, minutes ("午後6時30分", "18時")
# - h/sep/m: "18:00", "18.00", "18h30"; hmark: "18h"; ampm: "7 PM"; unit: "Uhr", "uur"
LOCAL_CLOCK = re.compile(
    r"(?<![\d.,:/])(?:"
    r"(?P<jhalf>午前|午後)?\s?(?P<jh>\d{1,2})\s?時(?:\s?(?P<jm>[0-5]?\d)\s?分|(?P<jhh>半))?"
    r"|(?P<h>2[0-4]|[01]?\d)"
    r"(?:(?P<sep>[:.h])(?P<m>[0-5]\d)|(?P<hmark>h)(?![A-Za-z]))?"
    r"(?:\s?(?P<ampm>[AaPp])\.?\s?[Mm]\b\.?|\s?(?P<unit>Uhr|uur|hrs|hs|horas|h)\b)?"
    r")(?!\d|,\d)"
)
# Zone letters right after a clock, maybe in brackets: "18h GMT", "午前10時(PST)".
ZONE_LETTERS_AFTER = re.compile(r"\s?[(（]?\s?(?P<abbr>[A-Z][A-Za-z]{1,4})(?![A-Za-z])\s?[)）]?")


class LocalClock(NamedTuple):
    start: int
    end: int
    hour: int  # 0-23
    minute: int
    match: re.Match[str]


def read_clock(match: re.Match[str]) -> LocalClock | None:
    """The time a LOCAL_CLOCK match says, or None when it is not a clock time: a bare
    number ("18") counts only when zone letters follow it (the caller checks), and
    a.m./p.m. hours run 1-12."""
    if match.group("jh") is not None:
        hour = int(match.group("jh"))
        minute = 30 if match.group("jhh") else int(match.group("jm") or 0)
        half = match.group("jhalf")
        if half is not None:
            if not 0 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if half == "午後" else 0)
    else:
        hour = int(match.group("h"))
        minute = int(match.group("m") or 0)
        ampm = match.group("ampm")
        if ampm is not None:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm in "Pp" else 0)
    if hour == 24 and minute == 0:
        hour = 0
    if not 0 <= hour <= 23 or not 0 <= minute <= 59:
        return None
    return LocalClock(match.start(), match.end(), hour, minute, match)


def is_bare_number(match: re.Match[str]) -> bool:
    """ "18" alone: a clock only with a zone after it ("alle 18 EST")."""
    return match.group("h") is not None and not any(
        match.group(name) for name in ("sep", "hmark", "ampm", "unit")
    )


def write_clock(match: re.Match[str], hour: int, minute: int) -> str:
    """``hour``:``minute`` written the way ``match`` wrote its time: the same clock
    (12- or 24-hour), separators, zero padding and words."""
    text = match.group(0)
    base = match.start()
    # (start, end, replacement) for each group whose text changes, applied right to left.
    edits: list[tuple[int, int, str]] = []
    if match.group("jh") is not None:
        half = match.group("jhalf")
        shown = hour % 12 if half is not None else hour
        if half is not None:
            edits.append((*_span(match, "jhalf", base), "午後" if hour >= 12 else "午前"))
        edits.append((*_span(match, "jh", base), str(shown)))
        if match.group("jm") is not None:
            edits.append((*_span(match, "jm", base), str(minute)))
        elif match.group("jhh") is not None:
            edits.append((*_span(match, "jhh", base), "半" if minute == 30 else f"{minute}分"))
        elif minute:
            end = _span(match, "jh", base)[1] + 1  # after 時
            edits.append((end, end, f"{minute}分"))
    else:
        ampm = match.group("ampm")
        shown = (hour % 12 or 12) if ampm is not None else hour
        written = match.group("h")
        # "09:00" and "18.00" stay two digits ("01:00"); "9:00", "18h", "18 Uhr" do not.
        padded = len(written) == 2 and (written[0] == "0" or match.group("sep") in (":", "."))
        hour_text = f"{shown:02d}" if padded and ampm is None else str(shown)
        if match.group("sep") is None and match.group("hmark") is None and minute:
            hour_text += f":{minute:02d}"  # a half-hour zone: the minutes must show
        if ampm is not None:
            start, end = _span(match, "ampm", base)
            edits.append((start, end, _same_case(ampm, "p" if hour >= 12 else "a")))
        if match.group("m") is not None:
            edits.append((*_span(match, "m", base), f"{minute:02d}"))
        elif match.group("hmark") is not None and minute:
            end = _span(match, "hmark", base)[1]
            edits.append((end, end, f"{minute:02d}"))
        edits.append((*_span(match, "h", base), hour_text))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _span(match: re.Match[str], group: str, base: int) -> tuple[int, int]:
    start, end = match.span(group)
    return start - base, end - base


def _same_case(original: str, letter: str) -> str:
    return letter.upper() if original.isupper() else letter
