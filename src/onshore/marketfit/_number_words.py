"""Numbers and times of day written in words ("fifty", "half a", "half past seven",
"noon"), read into values the rules of money, units and zones in words convert.

Only what posts write: whole numbers up to the thousands, a few quantity phrases
("a couple of", "a few"), and the clock phrases of spoken English.
"""

from __future__ import annotations

import re
from typing import NamedTuple

UNITS_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
VALUES: dict[str, int] = {word: value for value, word in enumerate(UNITS_WORDS)}
VALUES.update({word: 20 + 10 * index for index, word in enumerate(TENS_WORDS)})
SCALES = {"hundred": 100, "thousand": 1000}

_SMALL = (
    r"(?:(?:" + "|".join(TENS_WORDS) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight"
    r"|nine)\b)?|" + "|".join(sorted(UNITS_WORDS, key=len, reverse=True)) + r")"
)
# "fifty", "twenty-five", "two hundred", "a hundred", "three thousand", "1,000": a whole
# number in words (or digits). Case-insensitive; matched on whole words.
NUMBER_WORDS = (
    r"(?:(?:" + _SMALL + r"|an?)\s+(?:hundred|thousand)(?:\s+and\s+" + _SMALL + r")?"
    r"|" + _SMALL + r"|\d[\d,]*(?:\.\d+)?)"
)
# A quantity before a unit: a number, "a"/"an", "half a", "a couple of", "a few".
QUANTITY_WORDS = r"(?:" + NUMBER_WORDS + r"|half\s+an?|an?\s+couple\s+of|a\s+few|several|an?)"


def number_value(text: str) -> float | None:
    """The value of a NUMBER_WORDS or QUANTITY_WORDS match; None for the vague ones
    ("a few", "several")."""
    words = text.lower().replace("-", " ").replace(",", "").split()
    if not words:
        return None
    if words[0][0].isdigit():
        try:
            return float(words[0])
        except ValueError:
            return None
    if words[0] == "half":
        return 0.5
    if words[:2] in (["a", "couple"], ["an", "couple"]):
        return 2.0
    if words[0] in ("few", "several") or words[:2] == ["a", "few"]:
        return None
    total, current = 0, 0
    for word in words:
        if word in ("a", "an"):
            current = 1
        elif word in VALUES:
            current += VALUES[word]
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        elif word != "and":
            return None
    return float(total + current)


HOUR_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_HOUR = r"(?:" + HOUR_WORDS + r"|1[0-2]|0?[1-9])"
_MINUTES = r"(?:fifteen|thirty|forty[- ]five|oh[- ](?:five|" + HOUR_WORDS + r")|[0-5]\d)"
_HALF_DAY = r"(?:[ap]\.?m\.?|in\s+the\s+(?:morning|afternoon|evening)|at\s+night)"
# A time of day in words: "noon", "midnight", "half past seven", "quarter to nine",
# "seven thirty pm", "9 o'clock", "seven in the evening". A bare hour ("seven") is a
# time only with a zone after it, which the caller requires.
TIME_WORDS = re.compile(
    r"\b(?:(?P<special>noon|midday|midnight)"
    r"|(?:(?P<part>half|quarter|ten|twenty|five|twenty[- ]five)\s+(?P<rel>past|to)\s+)?"
    r"(?P<hour>" + _HOUR + r")(?:(?:\s+|:)(?P<minutes>" + _MINUTES + r"))?"
    r"(?:\s+o['’]clock)?(?:\s*(?P<half>" + _HALF_DAY + r"))?)\b",
    re.IGNORECASE,
)
_PARTS = {"half": 30, "quarter": 15, "ten": 10, "twenty": 20, "five": 5}


class TimeOfDay(NamedTuple):
    hour: int  # 0-23 when ``pm`` is known (not None), else 1-12
    minute: int
    pm: bool | None  # None: the text does not say which half of the day
    h24: bool = False  # written on the 24-hour clock ("14:30")


def read_time(match: re.Match[str]) -> TimeOfDay | None:
    """The time a TIME_WORDS match says."""
    special = match.group("special")
    if special:
        return TimeOfDay(0, 0, False) if special.lower() == "midnight" else TimeOfDay(12, 0, True)
    hour_text = match.group("hour").lower()
    hour = int(hour_text) if hour_text.isdigit() else VALUES[hour_text]
    minute = _minutes(match.group("minutes"))
    part = match.group("part")
    if part:
        if minute:
            return None  # "half past seven thirty" is no time
        offset = _PARTS.get(part.lower().replace("-", " ").split()[0], 0)
        if part.lower().replace("-", " ") == "twenty five":
            offset = 25
        if match.group("rel").lower() == "to":
            hour, minute = (hour - 2) % 12 + 1, 60 - offset
        else:
            minute = offset
    half = (match.group("half") or "").lower().replace(".", "")
    if not half:
        return TimeOfDay(hour, minute, None)
    pm = half.startswith("p") or "afternoon" in half or "evening" in half or "night" in half
    if "night" in half and hour >= 10:
        pm = hour != 12  # "twelve at night" is midnight
    return TimeOfDay(hour % 12 + (12 if pm else 0), minute, pm)


def _minutes(text: str | None) -> int:
    if not text:
        return 0
    words = text.lower().replace("-", " ").split()
    if words[0].isdigit():
        return int(words[0])
    if words[0] == "oh":
        return VALUES[words[1]]
    return sum(VALUES[word] for word in words)


def format_time(hours: int, minutes: int, known_half: bool, h24: bool = False) -> str:
    """A time for a suggestion as the post wrote its own: "2pm", "2:30pm", "noon", or
    "14:30" on the 24-hour clock; without ``known_half`` the half of the day is left
    open as the post left it ("2:30")."""
    if h24:
        return f"{hours:02d}:{minutes:02d}"
    if not known_half:
        hour12 = hours % 12 or 12
        return f"{hour12}:{minutes:02d}" if minutes else f"{hour12} o'clock"
    if minutes == 0 and hours == 12:
        return "noon"
    if minutes == 0 and hours == 0:
        return "midnight"
    suffix = "pm" if hours >= 12 else "am"
    hour12 = hours % 12 or 12
    return f"{hour12}:{minutes:02d}{suffix}" if minutes else f"{hour12}{suffix}"


def word_positions(text: str, word: str) -> list[int]:
    """Where ``word`` stands in ``text`` as a whole word (no ASCII letter either side):
    substring searches, many times faster than a regex over the whole text, so the
    word rules run their regexes only around these places."""
    found = []
    at = text.find(word)
    size = len(word)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + size] if at + size < len(text) else " "
        if not (_is_letter(before) or _is_letter(after)):
            found.append(at)
        at = text.find(word, at + 1)
    return found


def _is_letter(char: str) -> bool:
    return ("a" <= char <= "z") or ("A" <= char <= "Z")
