"""Holidays said relative to the post's schedule in the markets' own languages
("morgen ist Bundesfeiertag", "Le 14 juillet, c'est demain", "明日は文化の日"), read
against ``Post.at`` in the market's zone as _rules_holiday_relative.py reads English.
The holidays are _holiday_names.py's, plus the ones every market keeps (Christmas,
New Year, Easter...) under their names in each language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache

from onshore.marketfit import _holiday_names as names
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._rules_holiday_foreign import local_mentions
from onshore.marketfit._rules_holiday_relative import (
    WEEKDAYS,
    Span,
    _days,
    _named_day_span,
    days_until,
)

# Weekday names, Monday first, as CLDR's wide format names them (tests check them
# against Babel), with the short forms posts use ("segunda", "Mo.").
DAY_NAMES: dict[str, tuple[str, ...]] = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "pt": ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
           "sábado", "domingo"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "ja": ("月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"),
}  # fmt: skip
_NUMBERS: dict[str, dict[str, int]] = {
    "de": {"einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
           "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12},
    "fr": {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
           "sept": 7, "huit": 8, "neuf": 9, "dix": 10},
    "es": {"un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
           "siete": 7, "ocho": 8, "nueve": 9, "diez": 10},
    "pt": {"um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5,
           "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10},
    "it": {"un": 1, "una": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6,
           "sette": 7, "otto": 8, "nove": 9, "dieci": 10},
    "nl": {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
           "zeven": 7, "acht": 8, "negen": 9, "tien": 10},
    "ja": {},
}  # fmt: skip
# Per language: (kind, regex). {day}: a weekday name; {n}: a number. Kinds: today,
# tomorrow, after (the day after tomorrow), days, weeks, and "this"/"next" with week,
# weekend or day. A word that also means "morning" is "tomorrow" only outside the
# phrases that make it a morning ("heute Morgen", "esta mañana", "goedemorgen").
PHRASES: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (("today", r"heute"), ("after", r"übermorgen"),
           ("tomorrow", r"(?<!heute[ ])(?<!guten[ ])(?<!am[ ])(?<!jeden[ ])(?<!diesen[ ])"
                        r"(?<!der[ ])(?<!den[ ])(?<!dem[ ])(?<!einen[ ])morgen"),
           ("this week", r"(?:diese|in dieser) Woche"),
           ("next week", r"(?:nächste|kommende|in der nächsten) Woche"),
           ("this weekend", r"(?:dieses|am|an diesem) Wochenende"),
           ("next weekend", r"(?:nächstes|kommendes|am nächsten) Wochenende"),
           ("this day", r"(?:diesen|am|kommenden|an diesem) {day}"),
           ("next day", r"nächsten {day}"),
           ("days", r"in {n} Tagen"), ("weeks", r"in {n} Wochen?")),
    "fr": (("today", r"aujourd['’]hui|ce soir"), ("after", r"après-demain"),
           ("tomorrow", r"(?<!après-)demain"), ("this week", r"cette semaine"),
           ("next week", r"(?:la )?semaine prochaine"),
           ("this weekend", r"ce week-?\s?end"), ("next weekend", r"le week-?\s?end prochain"),
           ("this day", r"ce {day}"), ("next day", r"{day} prochain"),
           ("days", r"dans {n} jours"), ("weeks", r"dans {n} semaines?")),
    "es": (("today", r"hoy|esta noche"), ("after", r"pasado mañana"),
           ("tomorrow", r"(?<!pasado[ ])(?<!esta[ ])(?<!la[ ])(?<!una[ ])(?<!cada[ ])mañana"),
           ("this week", r"esta semana"),
           ("next week", r"(?:la )?(?:próxima semana|semana que viene)"),
           ("this weekend", r"este fin de semana|este finde"),
           ("next weekend", r"el próximo fin de semana|el fin de semana que viene"),
           ("this day", r"este {day}"), ("next day", r"(?:el )?próximo {day}"),
           ("days", r"(?:en|dentro de|faltan) {n} días"),
           ("weeks", r"(?:en|dentro de|faltan) {n} semanas?")),
    "pt": (("today", r"hoje"), ("after", r"depois de amanhã"),
           ("tomorrow", r"(?<!depois[ ]de[ ])amanhã"), ("this week", r"(?:n)?esta semana"),
           ("next week", r"(?:na )?(?:próxima semana|semana que vem)"),
           ("this weekend", r"(?:n)?este fim de semana|(?:n)?este fds"),
           ("next weekend", r"(?:no )?próximo fim de semana"),
           ("this day", r"(?:n)?est[ae] {day}"),
           ("next day", r"(?:n[ao] )?próxim[ao] {day}"),
           ("days", r"(?:em|daqui a|faltam) {n} dias"),
           ("weeks", r"(?:em|daqui a|faltam) {n} semanas?")),
    "it": (("today", r"oggi|stasera"), ("after", r"dopodomani"), ("tomorrow", r"domani"),
           ("this week", r"questa settimana"),
           ("next week", r"(?:la )?(?:prossima settimana|settimana prossima)"),
           ("this weekend", r"questo (?:fine settimana|week-?\s?end)"),
           ("next weekend", r"(?:il )?prossimo (?:fine settimana|week-?\s?end)"),
           ("this day", r"quest[oa] {day}"), ("next day", r"{day} prossim[oa]"),
           ("days", r"(?:tra|fra) {n} giorni"), ("weeks", r"(?:tra|fra) {n} settimane?")),
    "nl": (("today", r"vandaag|vanavond"), ("after", r"overmorgen"),
           ("tomorrow", r"(?<!goede[ ])(?<!deze[ ])(?<!elke[ ])(?<!'s[ ])(?<!van[ ])morgen"),
           ("this week", r"deze week"), ("next week", r"(?:volgende|komende) week"),
           ("this weekend", r"dit weekend"), ("next weekend", r"(?:volgend|komend) weekend"),
           ("this day", r"(?:deze|komende|aanstaande) {day}"), ("next day", r"volgende {day}"),
           ("days", r"over {n} dagen"), ("weeks", r"over {n} we(?:ken|ek)")),
    "ja": (("today", r"今日|本日|今夜"), ("after", r"明後日|あさって"), ("tomorrow", r"明日"),
           ("this weekend", r"今週末|この週末"), ("next weekend", r"来週末"),
           ("this week", r"今週(?!末)"), ("next week", r"来週(?!末)"),
           ("this day", r"(?:今週の|今度の){day}"), ("next day", r"来週の{day}"),
           ("days", r"{n}日後"), ("days", r"あと{n}日"), ("weeks", r"{n}週間後")),
}  # fmt: skip
# Holidays kept everywhere (their dates are _rules_holiday_relative.UNIVERSAL's).
UNIVERSAL_LOCAL = (
    (
        "Christmas Eve",
        r"\bHeiligabend\b|\bHeiliger Abend\b|\bR[ée]veillon de No[ëe]l\b"
        r"|\bNochebuena\b|\bV[ée]spera de Natal\b|\bVigilia di Natale\b|\bKerstavond\b"
        r"|クリスマスイブ|クリスマス・イブ",
    ),
    (
        "Christmas",
        r"\bWeihnachten\b|\bNo[ëe]l\b|\bNavidad\b|\bNatal\b|\bNatale\b"
        r"|\bKerstmis\b|\bKerst\b|クリスマス(?!・?イブ)",
    ),
    (
        "New Year's Eve",
        r"\bSilvester\b|\bSaint-Sylvestre\b|\bNochevieja\b|\bSan Silvestro\b"
        r"|\bOudejaarsavond\b|\bOudjaar\b|大晦日",
    ),
    (
        "New Year's Day",
        r"\bNeujahr\b|\bJour de l['’]an\b|\bA[ñn]o Nuevo\b|\bAno Novo\b"
        r"|\bCapodanno\b|\bNieuwjaarsdag\b",
    ),
    (
        "Valentine's Day",
        r"\bValentinstag\b|\bSaint-Valentin\b|\bSan Valent[ií]n[o]?\b"
        r"|\bValentijnsdag\b|バレンタイン",
    ),
    ("Halloween", r"\bHalloween\b|ハロウィン"),
    (
        "Easter",
        r"\bOstern\b|\bOstersonntag\b|\bP[âa]ques\b|\bPascua\b|\bP[áa]scoa\b"
        r"|\bPasqua\b|\bPasen\b|イースター",
    ),
)
# Lower-case pieces one of which every UNIVERSAL_LOCAL name holds: most posts hold
# none, and are not scanned.
UNIVERSAL_KEYS = (
    "heilig",
    "veillon",
    "nochebuena",
    "spera de natal",
    "vigilia",
    "kerst",
    "weihnacht",
    "noël",
    "noel",
    "navidad",
    "natal",
    "silvest",
    "sylvest",
    "nochevieja",
    "oudejaar",
    "oudjaar",
    "neujahr",
    "jour de l",
    "año nuevo",
    "ano nuevo",
    "ano novo",
    "capodanno",
    "nieuwjaar",
    "valentin",
    "valentijn",
    "halloween",
    "oster",
    "pâques",
    "paques",
    "pascua",
    "páscoa",
    "pascoa",
    "pasqua",
    "pasen",
    "クリスマス",
    "大晦日",
    "バレンタイン",
    "ハロウィン",
    "イースター",
)
UNIVERSAL_PATTERN = re.compile(
    "|".join(f"(?P<u{i}>{pattern})" for i, (_key, pattern) in enumerate(UNIVERSAL_LOCAL))
)
# The ASCII runs of the names above and of _holiday_names.HOLIDAYS (see its
# TRIGGER_WORDS); Noël by its ë.
TRIGGER_WORDS = names.TRIGGER_WORDS | names.words(
    "heiligabend heiliger veillon nochebuena spera vigilia kerstavond weihnachten noel navidad"
    " natal natale kerstmis kerst silvester sylvestre nochevieja silvestro oudejaarsavond"
    " oudjaar neujahr jour nuevo novo capodanno nieuwjaarsdag valentinstag valentin valent"
    " valentino valentijnsdag halloween ostern ostersonntag ques paques pascua scoa pascoa"
    " pasqua pasen muttertag mamma moederdag dia madre madres meres peres vatertag vaderdag"
    " padre pap pai pais"
)
TRIGGER_CHARACTERS = re.compile("[ëËèのは日月感独祭皇憲晦元ボギ統スン]")  # è: mères, pères
# What ends the clause a holiday and a phrase about it share: a comma only when more
# than a few characters follow it ("Le 14 juillet, c'est demain" is one clause).
# "Before" and "after" make the phrase a day relative to the holiday ("am Wochenende vor
# Weihnachten"), not the holiday's own day.
CLAUSE_BREAK = re.compile(
    r"[;:.!?\n()–—。！？前後]|\b(?:und|aber|oder|et|mais|ou|y|pero|e|mas|ma|en|maar|of"
    r"|vor|nach|avant|après|antes|después|depois|prima|dopo|voor|na|na de|bis|jusqu|hasta|até"
    r"|fino)\b",
    re.I,
)
NEAR = 40  # characters between a holiday and a phrase about it, at most
# How a post says "in N days", per language.
SAID: dict[str, tuple[str, str, str]] = {
    "de": ("heute", "morgen", "in {n} Tagen"), "fr": ("aujourd'hui", "demain", "dans {n} jours"),
    "es": ("hoy", "mañana", "dentro de {n} días"), "pt": ("hoje", "amanhã", "daqui a {n} dias"),
    "it": ("oggi", "domani", "tra {n} giorni"), "nl": ("vandaag", "morgen", "over {n} dagen"),
    "ja": ("今日", "明日", "{n}日後"),
}  # fmt: skip


_SPACE = re.compile(r"(?<!\[) (?!\])")


@cache
def phrases(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The language's relative phrases, compiled on first use."""
    days = "|".join(_day_forms(language))
    numbers = r"\d{1,2}|" + "|".join(_NUMBERS[language]) if _NUMBERS[language] else r"\d{1,2}"
    edge = (r"(?<!\w)", r"(?!\w)") if language != "ja" else ("", "")
    compiled = []
    for kind, source in PHRASES[language]:
        source = source.replace("{day}", f"(?P<day>{days})").replace("{n}", f"(?P<n>{numbers})")
        source = _SPACE.sub(r"\\s+", source)  # not the "[ ]" of a look-behind
        compiled.append((kind, re.compile(f"{edge[0]}(?:{source}){edge[1]}", re.IGNORECASE)))
    return tuple(compiled)


def _day_forms(language: str) -> list[str]:
    forms = []
    for name in DAY_NAMES[language]:
        forms.append(re.escape(name))
        if name.endswith("-feira"):  # "segunda" for "segunda-feira"
            forms.append(re.escape(name.removesuffix("-feira")))
        if name.endswith("曜日"):  # "月曜" for "月曜日"
            forms.append(re.escape(name.removesuffix("日")))
    return forms


def _weekday(language: str, said: str) -> str:
    lowered = said.lower()
    for index, name in enumerate(DAY_NAMES[language]):
        if name.lower().startswith(lowered) or lowered.startswith(name.lower()[:3]):
            return WEEKDAYS[index]
    return WEEKDAYS[0]


def span_of(kind: str, match: re.Match[str], language: str, today: date) -> Span:
    """The days from ``today`` to the holiday the phrase allows."""
    if kind in ("today", "tomorrow", "after"):
        gap = ("today", "tomorrow", "after").index(kind)
        return Span(gap, gap)
    if kind in ("days", "weeks"):
        said = match.group("n").lower()
        number = int(said) if said.isdigit() else _NUMBERS[language].get(said, 1)
        return Span(number, number) if kind == "days" else Span(7 * number - 3, 7 * number + 3)
    which, what = kind.split()
    day = _weekday(language, match.group("day")) if what == "day" else what
    return _named_day_span(which, day, today)


class Named:
    __slots__ = ("end", "name", "start", "gaps")

    def __init__(self, name: str, start: int, end: int, gaps: list[int]) -> None:
        self.name = name
        self.start = start
        self.end = end
        self.gaps = gaps  # days from the post to each day it is kept on, nearest first


# A name that runs on into a compound names an event, not the day: "Halloween-Party am
# Samstag", "ボクシングデーセール、明日まで" (the sale ends tomorrow).
COMPOUND_AFTER = re.compile(r"-[^\W\d_]|[\u30a0-\u30ff\u4e00-\u9fff]")


def _names_an_event(text: str, end: int) -> bool:
    return COMPOUND_AFTER.match(text, end) is not None


def named_holidays(context: Context, today: date) -> list[Named]:
    found = []
    text = context.doc.masked
    for mention in local_mentions(context):
        holiday = mention.holiday
        gaps = _gaps(holiday, context.market.code, today)
        if gaps and not _names_an_event(text, mention.end):
            found.append(Named(holiday.name, mention.start, mention.end, gaps))
    code = context.market.code
    lower = context.doc.lower_masked
    if not any(key in lower for key in UNIVERSAL_KEYS):
        return found
    for match in UNIVERSAL_PATTERN.finditer(text):
        if _names_an_event(text, match.end()):
            continue
        key = UNIVERSAL_LOCAL[int((match.lastgroup or "u0")[1:])][0]
        gap = days_until(key, code, today)
        if gap is not None:
            found.append(Named(key, match.start(), match.end(), [gap]))
    return found


def _gaps(holiday: names.Holiday, market: str, today: date) -> list[int]:
    """Days from ``today`` to the holiday's days (from yesterday on), nearest first."""
    gaps = [
        (day - today).days
        for year in (today.year, today.year + 1)
        for day in names.days_of(holiday, market, year)
        if (day - today).days >= -1
    ]
    return sorted(gaps)[:2]


@register(
    "holiday.relative_local",
    "holiday",
    "error",
    "{name} is on {when} in {market}, {gap} after this post is scheduled",
    other_languages=True,
    trigger_words=TRIGGER_WORDS,
    trigger_pattern=TRIGGER_CHARACTERS,
    examples=[
        Example("Morgen ist Bundesfeiertag!", "CH", "Morgen", at="2026-07-24T10:00"),
        Example("Morgen ist Bundesfeiertag!", "CH", None, at="2026-07-31T10:00"),
        Example("Le 14 juillet, c'est demain !", "FR", "demain", at="2026-07-06T10:00"),
        Example("Le 14 juillet, c'est demain !", "FR", None, at="2026-07-13T18:00"),
        Example("明日は文化の日です。", "JP", "明日", at="2026-10-27T09:00"),
        Example("明日は文化の日です。", "JP", None, at="2026-11-02T09:00"),
        Example("Koningsdag is morgen!", "NL", None, at="2026-04-26T10:00"),
        Example("Weihnachten ist nächste Woche.", "DE", "nächste Woche", at="2026-12-02T10:00"),
        Example("Halloween-Party am Samstag!", "DE", None, at="2026-10-20T10:00"),
        Example("ボクシングデーセール、明日まで!", "JP", None, at="2026-12-20T10:00"),
    ],
)  # fmt: skip
def detect_relative_local(context: Context) -> Iterator[Hit]:
    today = context.local_date
    language = (context.post.locale or context.market.language)[:2].lower()
    if today is None or language not in PHRASES:
        return
    holidays = named_holidays(context, today)
    if not holidays:
        return
    masked = context.doc.masked
    for kind, pattern in phrases(language):
        for phrase in pattern.finditer(masked):
            holiday = _holiday_of(holidays, phrase, masked)
            if holiday is None:
                continue
            allowed = span_of(kind, phrase, language, today)
            if any(allowed.low <= gap <= allowed.high for gap in holiday.gaps):
                continue
            gap = holiday.gaps[0]
            if gap < 0:
                continue  # the day after: a post late on the day after is let be
            day = today + timedelta(days=gap)
            yield Hit(
                phrase.start(),
                phrase.end(),
                # Months away, the phrase is wrong but no other day fits the post.
                said(language, gap) if gap <= 30 else None,
                {"name": holiday.name, "when": f"{day:%A} {day.day} {day:%B}",
                 "gap": _days(gap)},
            )  # fmt: skip


def said(language: str, gap: int) -> str:
    today, tomorrow, later = SAID[language]
    return today if gap == 0 else tomorrow if gap == 1 else later.format(n=gap)


def _holiday_of(holidays: list[Named], phrase: re.Match[str], masked: str) -> Named | None:
    """The holiday a phrase is about: the nearest in its clause, within NEAR characters."""
    best: Named | None = None
    best_distance = NEAR + 1
    for holiday in holidays:
        if holiday.end <= phrase.start():
            low, high = holiday.end, phrase.start()
        elif phrase.end() <= holiday.start:
            low, high = phrase.end(), holiday.start
        else:
            continue
        if high - low > NEAR or high - low >= best_distance:
            continue
        between = masked[low:high]
        if CLAUSE_BREAK.search(between) or _long_after_comma(between):
            continue
        best, best_distance = holiday, high - low
    return best


def _long_after_comma(between: str) -> bool:
    for mark in (",", "、"):
        if mark in between and len(between.split(mark, 1)[1].strip()) > 10:
            return True
    return False
