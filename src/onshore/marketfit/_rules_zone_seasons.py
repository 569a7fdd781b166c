"""``timezone.season_words``: the wrong half of the year said in the post's language
after a time: "MEZ" in summer or "MESZ" in winter, "heure d'été"/"heure d'hiver",
"ora legale"/"ora solare", "zomertijd"/"wintertijd", "horario de verano/invierno",
"horário de verão/inverno", judged on the post's date in the market's main zone
(tzdata says whether its clocks are on summer time that day). Where the clocks no
longer change (Brazil since 2019, Mexico since 2022) summer time is always wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from functools import cache
from typing import NamedTuple

from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._timezones import zone_info


class SeasonWords(NamedTuple):
    words: str  # regex, matched ignoring case unless it is all capitals
    summer: bool  # names summer time (else winter time)
    other: str  # the same words for the other half of the year


# Per language, the names of each half; the other half's name is the suggestion.
SEASON_WORDS: tuple[SeasonWords, ...] = (
    SeasonWords(r"MESZ", True, "MEZ"),
    SeasonWords(r"MEZ", False, "MESZ"),
    SeasonWords(r"mitteleurop[äa]ische(?:r)? sommerzeit", True, "Mitteleuropäische Zeit"),
    SeasonWords(r"sommerzeit", True, "Winterzeit"),
    SeasonWords(r"winterzeit", False, "Sommerzeit"),
    SeasonWords(r"heure d['’][ée]t[ée]", True, "heure d'hiver"),
    SeasonWords(r"heure d['’]hiver", False, "heure d'été"),
    SeasonWords(r"ora legale", True, "ora solare"),
    SeasonWords(r"ora solare", False, "ora legale"),
    SeasonWords(r"zomertijd", True, "wintertijd"),
    SeasonWords(r"wintertijd", False, "zomertijd"),
    SeasonWords(r"horario de verano|hora de verano", True, "horario de invierno"),
    SeasonWords(r"horario de invierno|hora de invierno", False, "horario de verano"),
    SeasonWords(r"hor[aá]rio de ver[aã]o|hora de ver[aã]o", True, "horário de inverno"),
    SeasonWords(r"hor[aá]rio de inverno|hora de inverno", False, "horário de verão"),
)
PATTERN = re.compile(
    "|".join(
        f"(?P<s{i}>\\b{entry.words}\\b)" if entry.words.isupper() else
        f"(?P<s{i}>\\b(?i:{entry.words})\\b)"
        for i, entry in enumerate(SEASON_WORDS)
    )
)  # fmt: skip
# A time just before the words, which makes them the zone of that time: "18 Uhr MEZ",
# "à 18h (heure d'été)", "alle 18:00 ora legale", "às 19h, horário de verão".
TIME_BEFORE = re.compile(
    r"\d\s?(?:h\d{0,2}|uhr|uur|hs|horas|:\d\d|\.\d\d|時|[ap]\.?m\.?)?\W{0,4}$", re.I
)
TIME_REACH = 20
# Words about the change itself ("passage à l'heure d'été le 29 mars à 2h"): a post
# that announces the change may name the coming half early.
CHANGE_WORDS = re.compile(
    r"passage|changement|cambio|umstellung|beginn|ende|inizio|fine|overgang|ingang|"
    r"volta|in[ií]cio|fim|vuelta|recul|avanc|adelant|atras|wechsel|switch",
    re.IGNORECASE,
)
# Where the clocks no longer change, what summer time is called instead.
NO_SUMMER_TIME = {"BR": "horário de Brasília", "MX": "hora del centro"}


@register(
    "timezone.season_words",
    "timezone",
    "error",
    "{found} is not in use on {day} in {place}; clocks there show {suggestion}",
    other_languages=True,
    trigger_words=("mez", "mesz", "sommerzeit", "winterzeit", "heure", "ora", "zomertijd",
                   "wintertijd", "verano", "invierno", "ver", "inverno"),
    examples=[
        Example("Livestream um 18 Uhr MEZ.", "DE", "MEZ", at="2026-07-14T09:00"),
        Example("Livestream um 18 Uhr MESZ.", "AT", "MESZ", at="2026-01-14T09:00"),
        Example("Live jeudi à 18h (heure d'été).", "FR", "heure d'été", at="2026-01-14T09:00"),
        Example("Diretta alle 18:00 ora solare.", "IT", "ora solare", at="2026-07-14T09:00"),
        Example("Webinar om 20.00 uur wintertijd.", "NL", "wintertijd", at="2026-07-14T09:00"),
        Example("Directo a las 20:00, horario de verano.", "ES", "horario de verano",
                at="2026-01-14T09:00"),
        Example("Live às 19h, horário de verão.", "BR", "horário de verão",
                at="2026-01-14T09:00"),
        Example("Livestream um 18 Uhr MESZ.", "DE", None, at="2026-07-14T09:00"),
        Example("Live jeudi à 18h (heure d'hiver).", "FR", None, at="2026-01-14T09:00"),
        Example("Passage à l'heure d'été dimanche à 2h.", "FR", None, at="2026-01-14T09:00"),
        Example("Ab 14 Uhr Umstellung auf Sommerzeit.", "DE", None, at="2026-01-14T09:00"),
        Example("Live às 19h, horário de Brasília.", "BR", None, at="2026-01-14T09:00"),
    ],
)  # fmt: skip
def detect_season_words(context: Context) -> Iterator[Hit]:
    days = context.reference_dates
    if not days:
        return
    masked = context.doc.masked
    if not context.doc.has_digit:
        return
    first = _first_season_word(masked, context.doc.lower_masked)
    if first < 0:
        return
    zone = context.zone.key
    for match in PATTERN.finditer(masked, first):
        before = masked[max(0, match.start() - TIME_REACH) : match.start()]
        if TIME_BEFORE.search(before) is None or CHANGE_WORDS.search(before):
            continue
        entry = SEASON_WORDS[int(str(match.lastgroup)[1:])]
        rights = [_right_words(entry, zone, context.market.code, day) for day in days]
        if rights[0] is not None and all(rights):
            yield Hit(
                match.start(),
                match.end(),
                rights[0],
                {"day": _day(days[0], len(days) == 1), "place": context.market.place},
            )


# Substrings every entry of SEASON_WORDS holds (lower case; the German letters in
# capitals): a few substring tests rule out most posts the trigger words let through
# ("ver" and "hora" are everyday Spanish and Portuguese).
_LOWER_KEYS = ("sommerzeit", "winterzeit", "heure d", "ora legale", "ora solare", "zomertijd",
               "wintertijd", "de verano", "de invierno", "de ver", "de inverno")  # fmt: skip


def _first_season_word(masked: str, lower: str) -> int:
    """Where the first of SEASON_WORDS can start (a little before its key), or -1: the
    long pattern then runs over the rest of the post only."""
    found = [masked.find("MEZ"), masked.find("MESZ"), *(lower.find(key) for key in _LOWER_KEYS)]
    starts = [at for at in found if at >= 0]
    return max(0, min(starts) - KEY_OFFSET) if starts else -1


# How far before its key a name starts ("mitteleuropäische sommerzeit", "horario de verano").
KEY_OFFSET = 24


def _right_words(entry: SeasonWords, zone: str, market: str, day: date) -> str | None:
    """What to write instead of the entry's words on ``day``, or None when right."""
    if not changes_clocks(zone, day.year):
        return NO_SUMMER_TIME.get(market) if entry.summer else None
    return None if is_summer(zone, day) == entry.summer else entry.other


@cache
def changes_clocks(zone: str, year: int) -> bool:
    tz = zone_info(zone)
    return any(datetime(year, month, 1, tzinfo=tz).dst() for month in range(1, 13))


@cache
def is_summer(zone: str, day: date) -> bool:
    dst = datetime(day.year, day.month, day.day, 12, tzinfo=zone_info(zone)).dst()
    return dst is not None and dst != timedelta(0)


def _day(day: date, with_year: bool) -> str:
    return f"{day.day} {day:%B %Y}" if with_year else f"{day.day} {day:%B}"
