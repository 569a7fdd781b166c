"""Holidays and observances: ones the market does not keep, or the wrong date for it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from onshore.marketfit import _observances as obs
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._text import AnyCaseWords, word_first

ALL = frozenset({"US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA"})


@dataclass(frozen=True)
class Observance:
    name: str
    pattern: re.Pattern[str]  # compiled from ``written`` by _text.word_first
    kept_in: frozenset[str]
    dates: Mapping[str, Callable[[int], date]]  # market -> date in a year
    instead: Mapping[str, str] | None = None  # what the market calls its own version
    # Lower-case words one of which every mention contains (as in Document.word_set):
    # a post without any of them is not scanned for this observance.
    words: frozenset[str] = frozenset()
    written: str = ""  # the regex as written: its alternatives joined by "|"
    everywhere: bool = False  # kept (on some date) in every market
    instead_elsewhere: str | None = None  # what markets without an ``instead`` call it


def _obs(
    name: str,
    pattern: str | tuple[str, ...],
    kept_in: frozenset[str] | set[str],
    dates: Mapping[str, Callable[[int], date]] | None = None,
    instead: Mapping[str, str] | None = None,
    *,
    words: str,
    everywhere: bool = False,
    instead_elsewhere: str | None = None,
) -> Observance:
    """``pattern``: the regex, or its alternatives, each "\\bWord..." where it can be."""
    alternatives = (pattern,) if isinstance(pattern, str) else pattern
    return Observance(
        name,
        re.compile(word_first(alternatives)),
        frozenset(kept_in),
        dates or {},
        instead,
        frozenset(words.split()),
        "|".join(alternatives),
        everywhere,
        instead_elsewhere,
    )


OBSERVANCES: tuple[Observance, ...] = (
    _obs("Thanksgiving", r"\bThanksgiving\b", {"US", "CA"},
         {"US": obs.thanksgiving_us, "CA": obs.thanksgiving_ca}, words="thanksgiving"),
    # Australia and New Zealand spell it Labour Day and keep it on other dates (NZ: fourth
    # Monday of October; AU: by state), so "Labor Day" there is the American one.
    _obs("Labor Day", r"\bLabor Day\b", {"US", "CA"},
         instead={"AU": "Labour Day", "NZ": "Labour Day"}, words="labor"),
    _obs("Memorial Day", r"\bMemorial Day\b", {"US"}, words="memorial"),
    _obs("Presidents' Day", r"\bPresidents['’]? Day\b", {"US"}, words="presidents"),
    _obs("Martin Luther King Jr. Day",
         (r"\bMLK Day\b", r"\bMartin Luther King(?: Jr\.?)? Day\b"), {"US"}, words="mlk martin"),
    _obs("Juneteenth", r"\bJuneteenth\b", {"US"}, words="juneteenth"),
    _obs("the Fourth of July", (r"\bFourth of July\b", r"\b4th of July\b"), {"US"},
         {"US": obs.fixed(7, 4)}, words="fourth th"),
    _obs("Veterans Day", r"\bVeterans['’]? Day\b", {"US"},
         instead={"GB": "Remembrance Day", "CA": "Remembrance Day", "AU": "Remembrance Day"},
         words="veterans"),
    _obs("Columbus Day", r"\bColumbus Day\b", {"US"}, words="columbus"),
    _obs("Boxing Day", r"\bBoxing Day\b", ALL - {"US", "IN"}, words="boxing"),
    _obs("bank holiday", (r"\bBank [Hh]olidays?\b", r"\bbank [Hh]olidays?\b"), {"GB", "IE", "IN"},
         instead={"US": "federal holiday", "CA": "statutory holiday", "AU": "public holiday",
                  "NZ": "public holiday", "ZA": "public holiday"}, words="bank",
         instead_elsewhere="public holiday"),
    _obs("Bonfire Night", (r"\bBonfire Night\b", r"\bGuy Fawkes(?: Night| Day)?\b"), {"GB", "NZ"},
         words="bonfire guy"),
    _obs("Canada Day", r"\bCanada Day\b", {"CA"}, {"CA": obs.fixed(7, 1)}, words="canada"),
    _obs("Victoria Day", r"\bVictoria Day\b", {"CA"}, words="victoria"),
    _obs("Australia Day", r"\bAustralia Day\b", {"AU"}, {"AU": obs.fixed(1, 26)},
         words="australia"),
    _obs("Anzac Day", (r"\bAnzac Day\b", r"\bANZAC Day\b"), {"AU", "NZ"},
         {"AU": obs.fixed(4, 25), "NZ": obs.fixed(4, 25)}, words="anzac"),
    _obs("Waitangi Day", r"\bWaitangi Day\b", {"NZ"}, {"NZ": obs.fixed(2, 6)}, words="waitangi"),
    _obs("Mothering Sunday", r"\bMothering Sunday\b", {"GB", "IE"},
         {"GB": obs.mothering_sunday, "IE": obs.mothering_sunday},
         instead={m: "Mother's Day" for m in ALL - {"GB", "IE"}}, words="mothering"),
    _obs("Mother's Day", r"\bMother['’]?s['’]? Day\b", ALL,
         {"GB": obs.mothering_sunday, "IE": obs.mothering_sunday,
          **{m: obs.mothers_day_may for m in ("US", "CA", "AU", "NZ", "IN", "ZA")}},
         words="mother mothers", everywhere=True),
    _obs("Father's Day", r"\bFather['’]?s['’]? Day\b", ALL,
         {"AU": obs.fathers_day_september, "NZ": obs.fathers_day_september,
          **{m: obs.fathers_day_june for m in ("US", "GB", "CA", "IE", "IN", "ZA")}},
         words="father fathers", everywhere=True),
    # Mexico's Day of the Dead, kept across Latin America and by Mexican Americans.
    _obs("the Day of the Dead", (r"\bD[ií]a de (?:los )?[Mm]uertos\b", r"\bDay of the Dead\b"),
         {"MX", "GT", "SV", "HN", "NI", "BO", "EC", "PE", "US"}, words="muertos dead"),
    _obs("Cinco de Mayo", r"\bCinco de Mayo\b", {"MX", "US"}, words="cinco"),
)  # fmt: skip
# Word -> positions in OBSERVANCES of the observances it may be part of; the keys are
# the holiday rules' trigger (Rule.trigger_words).
OBSERVANCES_BY_WORD: dict[str, list[int]] = {}
for _position, _observance in enumerate(OBSERVANCES):
    for _word in _observance.words:
        OBSERVANCES_BY_WORD.setdefault(_word, []).append(_position)
OBSERVANCE_WORDS = frozenset(OBSERVANCES_BY_WORD)
OBSERVANCES_BY_NAME = {observance.name: observance for observance in OBSERVANCES}
# Words that tie the post to the day itself ("Happy Mother's Day", "this Sunday").
_DAYS = r"(?:sunday|monday|thursday|weekend|week)"
DAY_CUES = (
    r"\bhappy\b", r"\btoday\b", r"\btomorrow\b", r"\btonight\b", r"\bthis " + _DAYS + r"\b",
    r"\bnext " + _DAYS + r"\b", r"\bis (?:on )?(?:this |next )?" + _DAYS + r"\b", r"\bis here\b",
    r"\bis coming up\b", r"\bcelebrate\b", r"\bcelebrating\b",
)  # fmt: skip
DAY_CUE = AnyCaseWords(DAY_CUES)


def mentions(context: Context) -> list[tuple[Observance, re.Match[str]]]:
    cached: list[tuple[Observance, re.Match[str]]] | None = context.cache.get("holidays")
    if cached is not None:
        return cached
    named = context.doc.word_set & OBSERVANCE_WORDS
    found = []
    for position in sorted({p for word in named for p in OBSERVANCES_BY_WORD[word]}):
        observance = OBSERVANCES[position]
        found += [(observance, match) for match in context.doc.finditer(observance.pattern)]
    context.cache["holidays"] = found
    return found


@register(
    "holiday.not_kept",
    "holiday",
    "warning",
    "{readers} do not keep {name}",
    markets=None,
    trigger_words=OBSERVANCE_WORDS,
    examples=[
        Example("Happy Thanksgiving from all of us!", "GB", "Thanksgiving"),
        Example("Our offices close for the bank holiday.", "US", "bank holiday"),
        Example("Labor Day deals start now.", "GB", "Labor Day"),
        Example("Labor Day deals start now.", "US", None),
        Example("Labor Day sale on now!", "NZ", "Labor Day"),
        Example("Join the Australian Labor Party rally.", "AU", None),
        Example("Happy Thanksgiving from all of us!", "CA", None),
        Example("Closed for the bank holiday on Monday.", "GB", None),
        # Every market, in the names the holidays package gives its public holidays.
        Example("Thanksgiving Sale: 30% auf alles!", "DE", "Thanksgiving"),
        Example("Boxing Day deals in store.", "FR", "Boxing Day"),
        Example("Boxing Day deals in store.", "KE", None),
        Example("¡Feliz Día de los Muertos!", "MX", None),
        Example("Day of the Dead party at the bar.", "GB", "Day of the Dead"),
        Example("Happy Mother's Day!", "DE", None),
    ],
)
def detect_not_kept(context: Context) -> Iterator[Hit]:
    code = context.market.code
    for observance, match in mentions(context):
        if code in observance.kept_in or observance.everywhere:
            continue
        if code not in ALL and kept_by_name(observance.name, code):
            continue
        instead = (observance.instead or {}).get(code, observance.instead_elsewhere)
        yield Hit(match.start(), match.end(), instead, {"name": observance.name})


@lru_cache(maxsize=4096)
def kept_by_name(name: str, code: str) -> bool:
    """Whether the ``holidays`` package names one of the market's public holidays in
    the years of its table (data/holidays/) so that the observance's pattern matches
    it: "Boxing Day" in Kenya, "Thanksgiving Day" in Liberia. The package names them
    in the country's own language, so a German "Zweiter Weihnachtstag" keeps Boxing Day
    foreign to German readers. The English markets are decided by ``kept_in``."""
    table = obs.holiday_table(code)
    if table is None:
        return False
    pattern = OBSERVANCES_BY_NAME[name].pattern
    return any(
        pattern.search(holiday) is not None
        for days in table["days"].values()
        for holiday in days.values()
    )


@register(
    "holiday.wrong_date",
    "holiday",
    "error",
    "In {market}, {name} falls on {correct}, not around {scheduled}",
    markets=ALL,
    trigger_words=OBSERVANCE_WORDS,
    examples=[
        Example("Mother's Day is this Sunday - treat her!", "GB", "Mother's Day",
                at="2026-05-07T10:00"),
        Example("Happy Thanksgiving, Canada!", "CA", "Thanksgiving", at="2026-11-26T10:00"),
        Example("Happy Father's Day to all the dads!", "AU", "Father's Day",
                at="2026-06-21T09:00"),
        Example("Father's Day is Sunday. Shop our gifts!", "NZ", "Father's Day",
                at="2026-06-17T12:00"),
        Example("Mother's Day is this Sunday - treat her!", "GB", None, at="2026-03-12T10:00"),
        Example("Mother's Day is this Sunday - treat her!", "US", None, at="2026-05-07T10:00"),
        Example("Planning Thanksgiving already? Order early.", "CA", None,
                at="2026-08-01T10:00"),
    ],
)  # fmt: skip
def detect_wrong_date(context: Context) -> Iterator[Hit]:
    today = context.local_date
    if today is None:
        return
    found = mentions(context)  # shared with holiday.not_kept, so before the cue search
    if not found or not DAY_CUE.found_in(context.doc):
        return
    code = context.market.code
    for observance, match in found:
        wrong = _wrong_date(observance.name, code, today)
        if wrong is not None:
            correct, scheduled = wrong
            yield Hit(
                match.start(),
                match.end(),
                None,
                {"name": observance.name, "correct": correct, "scheduled": scheduled},
            )


# The answer depends only on the observance, the market and the day, and posts repeat
# those (a few observances, a few hundred days per market), so it is worked out once
# per combination. Bounded, since a long-running process may see every day.
@lru_cache(maxsize=65_536)
def _wrong_date(name: str, code: str, today: date) -> tuple[str, str] | None:
    """For a post about the observance ``name`` scheduled on ``today`` in market
    ``code``: (the date it falls on next, ``today``) as messages write them, or None
    when it falls near ``today`` or the market has no date for it."""
    compute = OBSERVANCES_BY_NAME[name].dates.get(code)
    if compute is None:
        return None
    nearest = min(
        (compute(year) for year in (today.year - 1, today.year, today.year + 1)),
        key=lambda day: abs((day - today).days),
    )
    if -2 <= (today - nearest).days <= 7 or -7 <= (nearest - today).days <= 7:
        return None
    upcoming = compute(today.year) if compute(today.year) >= today else compute(today.year + 1)
    return f"{upcoming.day} {upcoming:%B %Y}", f"{today.day} {today:%B %Y}"
