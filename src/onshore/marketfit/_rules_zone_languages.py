"""Time zones in posts beyond English (issue 17, points 3 and 7).

- ``timezone.other_market_clock``: a time in another market's zone written the
  market's own way ("18h GMT" in France, "18 Uhr EST" in Germany, "午前10時(PST)" in
  Japan): the suggestion is that time on the market's clocks on the post's date, in
  the post's own clock style ("20 Uhr", "20h", "午後8時").
- ``timezone.missing_zone_event``: an online or national event ("en vivo", "ao vivo",
  "live") at a clock time with no zone, in a market whose people really live in
  several zones (Brazil, Mexico; not Spain or Portugal, see EFFECTIVELY_ONE_ZONE).
- ``timezone.season_words``: the wrong half of the year in words: "MEZ" in summer,
  "heure d'été" in winter, "ora legale", "zomertijd", "horario de verano", and
  "horário de verão" in Brazil, which has not changed its clocks since 2019.

English posts keep the rules of _rules_timezone.py and _rules_zone_words.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache

from onshore.marketfit._data import abbreviation_offsets
from onshore.marketfit._markets import get_market
from onshore.marketfit._number_words import word_positions
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._rules_timezone import (
    EFFECTIVELY_ONE_ZONE,
    HOME_MARKETS,
    abbreviation_on,
    abbreviations_in_year,
    market_abbreviations,
)
from onshore.marketfit._text import Document
from onshore.marketfit._timezones import zone_info
from onshore.marketfit._zone_clocks import (
    LOCAL_CLOCK,
    ZONE_LETTERS_AFTER,
    LocalClock,
    read_clock,
    write_clock,
)
from onshore.marketfit._zone_names import GENERIC_ABBREVIATIONS, ZONE_NAMES
from onshore.marketfit._zone_places import FRAME_CHARACTERS, FRAME_WORDS, PLACE_AFTER, place_zone

# Letters that name a zone after a time, lower case as Document.word_set has them.
ABBREVIATIONS = frozenset(abbreviation_offsets())
TRIGGER_ABBREVIATIONS = frozenset(abbr.lower() for abbr in (*ABBREVIATIONS, *GENERIC_ABBREVIATIONS))
# Every zone's letters a post may write after a time (EST, CET, ET, PT).
ZONE_LETTERS = frozenset((*ABBREVIATIONS, *GENERIC_ABBREVIATIONS))
# Ambiguous letters read as a home market's zone would mislead: CST is China's
# Standard Time for a large audience and IST is India's, Ireland's and Israel's.
TOO_AMBIGUOUS = frozenset({"CST", "CDT", "IST"})
# German names of Central European time (tzdata writes CET/CEST): local, never foreign.
GERMAN_NAMES = {"MEZ": "CET", "MESZ": "CEST"}


@cache
def source_offset(abbr: str, year: int) -> tuple[str, int] | None:
    """(place, minutes east of UTC) whose clocks ``abbr`` means: the zone of a home
    market that uses it (PST: Los Angeles), else the zone a name here gives it (CET:
    Paris), at the offset it stands for; GMT is UTC. None when unknown or ambiguous."""
    if abbr == "GMT":
        return "Etc/GMT", 0
    offsets = abbreviation_offsets().get(abbr, [])
    if not offsets or abbr in TOO_AMBIGUOUS:
        return None
    for code in HOME_MARKETS:
        home = get_market(code)
        for zone in (home.primary_zone, *home.zones):
            minutes = _offset_named(zone, abbr, year)
            if minutes is not None:
                return zone, minutes
    if len(offsets) != 1:
        return None
    for name in ZONE_NAMES:
        if name.abbreviation == abbr:
            return name.zone, offsets[0]
    return None


def _offset_named(zone: str, abbr: str, year: int) -> int | None:
    """The UTC offset, in minutes, ``zone`` keeps while it shows ``abbr`` in ``year``."""
    tz = zone_info(zone)
    for month in range(1, 13):
        moment = datetime(year, month, 15, 12, tzinfo=tz)
        offset = moment.utcoffset()
        if moment.tzname() == abbr and offset is not None:
            return int(offset.total_seconds() // 60)
    return None


@cache
def is_own_zone(market_code: str, abbr: str, year: int) -> bool:
    """Whether readers in the market live by ``abbr``: a name its zones use, a German
    name of their time, or GMT where the main zone keeps UTC+0 part of the year."""
    market = get_market(market_code)
    own = market_abbreviations(market.zones, year)
    if abbr in own or GERMAN_NAMES.get(abbr) in own:
        return True
    if abbr == "GMT":
        tz = zone_info(market.primary_zone)
        return any(
            datetime(year, month, 15, tzinfo=tz).utcoffset() == timedelta(0)
            for month in range(1, 13)
        )
    return False


# How a converted time names the market's clocks, where it has several zones.
LOCAL_ZONE_LABELS = {"BR": "(horário de Brasília)", "MX": "(hora del centro)"}


@register(
    "timezone.other_market_clock",
    "timezone",
    "warning",
    "{found} is the time in {zone_place}; for {readers} that is {suggestion} on {day}",
    other_languages=True,
    trigger_words=TRIGGER_ABBREVIATIONS | FRAME_WORDS,
    trigger_pattern=FRAME_CHARACTERS,
    examples=[
        Example("Live jeudi à 18h GMT !", "FR", "18h GMT", at="2026-07-14T09:00"),
        Example("Livestream um 18 Uhr EST.", "DE", "18 Uhr EST", at="2026-01-14T09:00"),
        Example("Webinar om 18.00 uur EST.", "NL", "18.00 uur EST", at="2026-01-14T09:00"),
        Example("Diretta alle 18 EST.", "IT", "18 EST", at="2026-01-14T09:00"),
        Example("Transmisión a las 18:00 CET.", "MX", "18:00 CET", at="2026-01-14T09:00"),
        Example("Direct à 14h ET.", "FR", "14h ET", at="2026-07-14T09:00"),
        Example("Live jeudi à 18h, heure de New York.", "FR", "18h, heure de New York",
                at="2026-07-14T09:00"),
        Example("Live jeudi à 18h, heure de Paris.", "BE", None, at="2026-07-14T09:00"),
        Example("Directo a las 14:00 ET.", "US", None, at="2026-07-14T09:00"),
        Example("ライブ配信は午前10時(PST)から。", "JP", "午前10時(PST)", at="2026-01-14T09:00"),
        Example("Live jeudi à 18h.", "FR", None, at="2026-07-14T09:00"),
        Example("Livestream um 18 Uhr MESZ.", "DE", None, at="2026-07-14T09:00"),
        Example("Transmisión a las 18:00 CET.", "ES", None, at="2026-01-14T09:00"),
        Example("Live às 18h GMT.", "PT", None, at="2026-01-14T09:00"),
        Example("Treffen um 18 Uhr, Details: est. 2019.", "DE", None, at="2026-01-14T09:00"),
    ],
)  # fmt: skip
def detect_other_market_clock(context: Context) -> Iterator[Hit]:
    masked = context.doc.masked
    words = context.doc.word_set
    places = not FRAME_WORDS.isdisjoint(words) or "時間" in masked
    if not places and not any(word.upper() in masked for word in TRIGGER_ABBREVIATIONS & words):
        return  # "est" in French, "eat": the letters are never in capitals here
    found = list(clocks_with_zones(context.doc, places))
    if not found:
        return  # before the dates: finding the dates a post writes costs more
    days = context.reference_dates
    if len(days) != 1:
        return  # a time converts on one day only
    day = days[0]
    for clock, abbr, end in found:
        if abbr.startswith("/"):  # a place's zone
            zone = abbr[1:]
            if _is_own_place(context.market.code, zone, day.year):
                continue
            source: tuple[str, tzinfo] | None = (zone, zone_info(zone))
        else:
            source = _source(abbr, context.market.code, day.year)
        if source is None:
            continue
        zone, clocks_there = source
        moved = _convert(clock, clocks_there, context.zone, day)
        text = write_clock(clock.match, moved.hour, moved.minute)
        label = LOCAL_ZONE_LABELS.get(context.market.code, "")
        if context.market.multi_zone and context.market.code not in EFFECTIVELY_ONE_ZONE:
            label = label or abbreviation_on(context.zone.key, day)
        yield Hit(
            clock.start,
            end,
            f"{text} {label}".rstrip(),
            {"zone_place": _place(zone), "day": f"{moved.day} {moved:%B %Y}"},
        )


def _source(abbr: str, market_code: str, year: int) -> tuple[str, tzinfo] | None:
    """The zone letters after a time stand for and the clocks to read the time on, when
    they are another market's: a generic name (ET) means whatever that zone's clocks
    show; a seasonal one the offset it names."""
    if abbr in GENERIC_ABBREVIATIONS:
        zone = GENERIC_ABBREVIATIONS[abbr]
        if zone in get_market(market_code).zones:
            return None
        return zone, zone_info(zone)
    if abbr not in ABBREVIATIONS or is_own_zone(market_code, abbr, year):
        return None
    source = source_offset(abbr, year)
    if source is None:
        return None
    return source[0], timezone(timedelta(minutes=source[1]))


def clocks_with_zones(doc: Document, places: bool) -> Iterator[tuple[LocalClock, str, int]]:
    """Every clock time followed by a zone's letters (perhaps in brackets) and, with
    ``places``, by a place's time ("18h, heure de New York", given as "/" and the
    place's zone): the clock, the letters and where the zone ends. Clocks are read
    only just before where a zone can start, not across the whole post."""
    masked = doc.masked
    seen: set[int] = set()
    for anchor in zone_anchors(doc, places):
        for match in LOCAL_CLOCK.finditer(masked, max(0, anchor - ANCHOR_REACH), anchor):
            if match.start() in seen:
                continue
            found = _zone_after(masked, match, places)
            if found is not None:
                seen.add(match.start())
                yield found


# How far before a zone's letters or a place's frame word its clock can start:
# "18.00 uur New Yorkse tijd".
ANCHOR_REACH = 48


def zone_anchors(doc: Document, places: bool) -> list[int]:
    """Where a zone can start: zone letters in capitals and (with ``places``) the words
    of the place frames ("heure", "hora", "Zeit", "時間")."""
    found: list[int] = []
    for word in TRIGGER_ABBREVIATIONS.intersection(doc.word_set):
        found += word_positions(doc.masked, word.upper())
    if places:
        for word in FRAME_WORDS.intersection(doc.word_set):
            found += word_positions(doc.lower_masked, word)
        at = doc.masked.find("時間")
        while at >= 0:
            found.append(at)
            at = doc.masked.find("時間", at + 1)
    return sorted(found)


def _zone_after(
    masked: str, match: re.Match[str], places: bool
) -> tuple[LocalClock, str, int] | None:
    start = match.start()
    if start and masked[start - 1] in "0123456789.,:/":
        return None  # the scan began inside a number, where its look-behind is blind
    clock = read_clock(match)
    if clock is None:
        return None
    after = ZONE_LETTERS_AFTER.match(masked, match.end())
    if after is not None and after.group("abbr") in ZONE_LETTERS:
        return clock, after.group("abbr"), after.end("abbr") + _closing(masked, after)
    place = PLACE_AFTER.match(masked, match.end()) if places else None
    if place is None:
        return None
    end = place.end()
    if place.group(0).lstrip()[:1] in "(（" and masked[end : end + 1] in (")", "）"):
        end += 1
    return clock, "/" + place_zone(place), end


@cache
def _is_own_place(market_code: str, zone: str, year: int) -> bool:
    """Whether a place's clocks are the market's: one of its zones, or a zone showing
    only names the market's zones show (Paris time in Germany)."""
    market = get_market(market_code)
    if zone in market.zones:
        return True
    return abbreviations_in_year(zone, year) <= market_abbreviations(market.zones, year)


def _closing(masked: str, after: re.Match[str]) -> int:
    """1 when the letters stand in brackets, so the bracket belongs to the span."""
    opened = masked[after.start() : after.start("abbr")].strip()
    return 1 if opened and masked[after.end("abbr") : after.end("abbr") + 1] in ")）" else 0


def _convert(clock: LocalClock, source: tzinfo, target: tzinfo, day: date) -> datetime:
    start = datetime(day.year, day.month, day.day, clock.hour, clock.minute, tzinfo=source)
    return start.astimezone(target)


@cache
def _place(zone: str) -> str:
    if zone == "Etc/GMT":
        return "Greenwich (UTC)"
    for name in ZONE_NAMES:
        if name.zone == zone and "european" in name.words:
            return "central Europe" if "central" in name.words else name.words.split()[0]
    return zone.rsplit("/", 1)[-1].replace("_", " ")


# Online and national events: seen at the same moment across the country's zones.
# "Online" alone is a shop ("loja online") more often than an event, so it counts after
# an event noun only; "transmisión" alone may be a car's.
EVENT_WORDS = re.compile(
    r"\b(?:live|lives|livestream|webinar|webinars|webin[aá]rio|en vivo|en directo|ao vivo|"
    r"transmisi[oó]n(?!\s+(?:autom|manual))|transmiss[aã]o|streaming|"
    r"(?:evento|aula|clase|curso|sesi[oó]n|sess[aã]o|encontro|charla|palestra|taller|"
    r"oficina|lanzamiento|lan[cç]amento)\s+(?:online|on-line|en l[ií]nea|virtual))\b",
    re.IGNORECASE,
)
# A place people come to, or live music ("música ao vivo no bar"): a local event,
# whose time is the venue's (as "in-store" and "doors" in English posts).
LOCAL_EVENT = re.compile(
    r"\b(?:m[uú]sica|show|banda|concierto|tocando)\s+(?:ao|en)\s+vivo"
    r"|\b(?:bar|restaurante|loja|tienda|sucursal|endere[cç]o|direcci[oó]n|unidade|"
    r"presencial|avenida|calle|rua|local:|nuestra sede|nossa sede)\b",
    re.IGNORECASE,
)
# A clock time without a zone, as es/pt posts write it.
BARE_CLOCK = re.compile(
    r"(?<![\d.,:/])(?:2[0-3]|[01]?\d)"
    r"(?::[0-5]\d(?:\s?h(?:rs?|s)?\b)?|h(?:[0-5]\d)?(?![A-Za-z])|\s?(?:hs|hrs|horas)\b"
    r"|\s?[AaPp]\.?\s?[Mm]\b\.?)"
    r"(?!\d|,\d)"
)
# A range is opening hours ("de 9:00 a 20:00", "das 9h às 18h"): never missing a zone.
RANGE_AFTER = re.compile(r"\s?(?:-|–|a|às|as|até|hasta|al)\s?\d", re.IGNORECASE)
RANGE_BEFORE = re.compile(r"(?:\d\s?(?:h|hs|:\d\d)?\s?(?:-|–|a|às|as|até|hasta)\s?)$")
# Phrases that name the market's zone or the reader's own ("horário de Brasília",
# "hora del centro", "hora CDMX", "seu horário", "hora local", "GMT-3").
ZONE_PHRASES = re.compile(
    r"\b(?:hor[aá]rio|hora|horas|tiempo)\s(?:de\s|del\s|da\s|do\s)?(?:la\s)?"
    r"(?:bras[ií]lia|centro|cdmx|ciudad de m[eé]xico|m[eé]xico|local|oficial|pac[ií]fico|"
    r"sudeste|este|noroeste|sureste|canarias|peninsular|manaus|acre|amazonas|tijuana|"
    r"canc[uú]n|monterrey|s[aã]o paulo)\b"
    r"|\b(?:de|em)\sbras[ií]lia\b"
    r"|\b(?:seu|su|tu|teu)\s(?:hor[aá]rio|hora|zona)|\bfuso|\bzona horaria"
    r"|\b(?:GMT|UTC)\s?[-+−]\s?\d|\bCDMX\b|\(\s?(?:BRT|BRT\d?|CST|CT|ET|MX)\s?\)",
    re.IGNORECASE,
)


@register(
    "timezone.missing_zone_event",
    "timezone",
    "warning",
    "{market} spans several time zones; say which one {found} is in",
    other_languages=True,
    trigger_words=("live", "lives", "livestream", "webinar", "webinars", "webin",
                   "vivo", "directo", "transmisi", "transmiss", "streaming", "online",
                   "line", "nea", "virtual"),
    examples=[
        Example("Live na terça às 19h!", "BR", "19h", at="2026-07-14T09:00"),
        Example("Transmisión en vivo el jueves a las 20:00.", "MX", "20:00",
                at="2026-07-14T09:00"),
        Example("Webinar gratuito quinta às 19h30.", "BR", "19h30", at="2026-07-14T09:00"),
        Example("Live na terça às 19h (horário de Brasília)!", "BR", None,
                at="2026-07-14T09:00"),
        Example("En vivo el jueves a las 20:00 hora CDMX.", "MX", None, at="2026-07-14T09:00"),
        Example("Live na loja das 9h às 18h.", "BR", None, at="2026-07-14T09:00"),
        Example("Directo en Instagram a las 20:30.", "ES", None, at="2026-07-14T09:00"),
        Example("Abrimos a las 9:00, te esperamos.", "MX", None, at="2026-07-14T09:00"),
    ],
)  # fmt: skip
def detect_missing_zone_event(context: Context) -> Iterator[Hit]:
    market = context.market
    if not market.multi_zone or market.code in EFFECTIVELY_ONE_ZONE:
        return
    if not context.doc.has_digit:
        return
    masked = context.doc.masked
    if EVENT_WORDS.search(masked) is None or ZONE_PHRASES.search(masked) is not None:
        return
    if LOCAL_EVENT.search(masked) is not None:
        return
    if any(
        abbr in ZONE_LETTERS or abbr[:1] == "/"
        for _, abbr, _ in clocks_with_zones(context.doc, True)
    ):
        return
    for match in BARE_CLOCK.finditer(masked):
        if RANGE_AFTER.match(masked, match.end()) or RANGE_BEFORE.search(
            masked, max(0, match.start() - 12), match.start()
        ):
            continue
        label = LOCAL_ZONE_LABELS.get(market.code) or _zone_name(context)
        yield Hit(match.start(), match.end(), f"{match.group(0)} {label}")
        return  # one reminder per post is enough


def _zone_name(context: Context) -> str:
    days = context.reference_dates
    name = abbreviation_on(context.zone.key, days[0]) if days else ""
    return name if name.isalpha() else "(" + context.zone.key.rsplit("/", 1)[-1] + ")"
