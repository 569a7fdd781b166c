"""Holidays and observances: ones the market does not keep, or the wrong date for it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from onshore.marketfit import _observances as obs
from onshore.marketfit._registry import Context, Example, Hit, register

ALL = frozenset({"US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA"})


@dataclass(frozen=True)
class Observance:
    name: str
    pattern: re.Pattern[str]
    kept_in: frozenset[str]
    dates: Mapping[str, Callable[[int], date]]  # market -> date in a year
    instead: Mapping[str, str] | None = None  # what the market calls its own version


def _obs(
    name: str,
    pattern: str,
    kept_in: frozenset[str] | set[str],
    dates: Mapping[str, Callable[[int], date]] | None = None,
    instead: Mapping[str, str] | None = None,
) -> Observance:
    return Observance(name, re.compile(pattern), frozenset(kept_in), dates or {}, instead)


OBSERVANCES: tuple[Observance, ...] = (
    _obs("Thanksgiving", r"\bThanksgiving\b", {"US", "CA"},
         {"US": obs.thanksgiving_us, "CA": obs.thanksgiving_ca}),
    _obs("Labor Day", r"\bLabor Day\b", {"US", "CA", "AU", "NZ"}),
    _obs("Memorial Day", r"\bMemorial Day\b", {"US"}),
    _obs("Presidents' Day", r"\bPresidents['’]? Day\b", {"US"}),
    _obs("Martin Luther King Jr. Day", r"\b(?:MLK|Martin Luther King(?: Jr\.?)?) Day\b", {"US"}),
    _obs("Juneteenth", r"\bJuneteenth\b", {"US"}),
    _obs("the Fourth of July", r"\b(?:Fourth|4th) of July\b", {"US"}, {"US": obs.fixed(7, 4)}),
    _obs("Veterans Day", r"\bVeterans['’]? Day\b", {"US"},
         instead={"GB": "Remembrance Day", "CA": "Remembrance Day", "AU": "Remembrance Day"}),
    _obs("Columbus Day", r"\bColumbus Day\b", {"US"}),
    _obs("Boxing Day", r"\bBoxing Day\b", ALL - {"US", "IN"}),
    _obs("bank holiday", r"\b[Bb]ank [Hh]olidays?\b", {"GB", "IE", "IN"},
         instead={"US": "federal holiday", "CA": "statutory holiday", "AU": "public holiday",
                  "NZ": "public holiday", "ZA": "public holiday"}),
    _obs("Bonfire Night", r"\b(?:Bonfire Night|Guy Fawkes(?: Night| Day)?)\b", {"GB", "NZ"}),
    _obs("Canada Day", r"\bCanada Day\b", {"CA"}, {"CA": obs.fixed(7, 1)}),
    _obs("Victoria Day", r"\bVictoria Day\b", {"CA"}),
    _obs("Australia Day", r"\bAustralia Day\b", {"AU"}, {"AU": obs.fixed(1, 26)}),
    _obs("Anzac Day", r"\bAnzac Day\b|\bANZAC Day\b", {"AU", "NZ"},
         {"AU": obs.fixed(4, 25), "NZ": obs.fixed(4, 25)}),
    _obs("Waitangi Day", r"\bWaitangi Day\b", {"NZ"}, {"NZ": obs.fixed(2, 6)}),
    _obs("Mothering Sunday", r"\bMothering Sunday\b", {"GB", "IE"},
         {"GB": obs.mothering_sunday, "IE": obs.mothering_sunday},
         instead={m: "Mother's Day" for m in ALL - {"GB", "IE"}}),
    _obs("Mother's Day", r"\bMother['’]?s['’]? Day\b", ALL,
         {"GB": obs.mothering_sunday, "IE": obs.mothering_sunday,
          **{m: obs.mothers_day_may for m in ("US", "CA", "AU", "NZ", "IN", "ZA")}}),
    _obs("Father's Day", r"\bFather['’]?s['’]? Day\b", ALL,
         {"AU": obs.fathers_day_september, "NZ": obs.fathers_day_september,
          **{m: obs.fathers_day_june for m in ("US", "GB", "CA", "IE", "IN", "ZA")}}),
)  # fmt: skip
# Words that tie the post to the day itself ("Happy Mother's Day", "this Sunday").
DAY_CUE = re.compile(
    r"\b(?:happy|today|tomorrow|tonight|this (?:sunday|monday|thursday|weekend|week)|"
    r"is here|is coming up|celebrate|celebrating)\b",
    re.I,
)


# One pass over the text decides whether any observance is mentioned at all.
ANY_OBSERVANCE = re.compile("|".join(f"(?:{o.pattern.pattern})" for o in OBSERVANCES))


def mentions(context: Context) -> list[tuple[Observance, re.Match[str]]]:
    cached: list[tuple[Observance, re.Match[str]]] | None = context.cache.get("holidays")
    if cached is not None:
        return cached
    masked = context.doc.masked
    found = []
    if ANY_OBSERVANCE.search(masked):
        for observance in OBSERVANCES:
            found += [(observance, match) for match in observance.pattern.finditer(masked)]
    context.cache["holidays"] = found
    return found


@register(
    "holiday.not_kept",
    "holiday",
    "warning",
    "{readers} do not keep {name}",
    markets=ALL,
    examples=[
        Example("Happy Thanksgiving from all of us!", "GB", "Thanksgiving"),
        Example("Our offices close for the bank holiday.", "US", "bank holiday"),
        Example("Labor Day deals start now.", "GB", "Labor Day"),
        Example("Labor Day deals start now.", "US", None),
        Example("Happy Thanksgiving from all of us!", "CA", None),
        Example("Closed for the bank holiday on Monday.", "GB", None),
    ],
)
def detect_not_kept(context: Context) -> Iterator[Hit]:
    code = context.market.code
    for observance, match in mentions(context):
        if code in observance.kept_in:
            continue
        instead = (observance.instead or {}).get(code)
        yield Hit(match.start(), match.end(), instead, {"name": observance.name})


@register(
    "holiday.wrong_date",
    "holiday",
    "error",
    "In {market}, {name} falls on {correct}, not around {scheduled}",
    markets=ALL,
    examples=[
        Example("Mother's Day is this Sunday - treat her!", "GB", "Mother's Day",
                at="2026-05-07T10:00"),
        Example("Happy Thanksgiving, Canada!", "CA", "Thanksgiving", at="2026-11-26T10:00"),
        Example("Happy Father's Day to all the dads!", "AU", "Father's Day",
                at="2026-06-21T09:00"),
        Example("Mother's Day is this Sunday - treat her!", "GB", None, at="2026-03-12T10:00"),
        Example("Mother's Day is this Sunday - treat her!", "US", None, at="2026-05-07T10:00"),
        Example("Planning Thanksgiving already? Order early.", "CA", None,
                at="2026-08-01T10:00"),
    ],
)  # fmt: skip
def detect_wrong_date(context: Context) -> Iterator[Hit]:
    today = context.local_date
    code = context.market.code
    if today is None or not DAY_CUE.search(context.doc.masked):
        return
    for observance, match in mentions(context):
        compute = observance.dates.get(code)
        if compute is None:
            continue
        nearest = min(
            (compute(year) for year in (today.year - 1, today.year, today.year + 1)),
            key=lambda day: abs((day - today).days),
        )
        if -2 <= (today - nearest).days <= 7 or -7 <= (nearest - today).days <= 7:
            continue
        upcoming = compute(today.year) if compute(today.year) >= today else compute(today.year + 1)
        yield Hit(
            match.start(),
            match.end(),
            None,
            {
                "name": observance.name,
                "correct": f"{upcoming.day} {upcoming:%B %Y}",
                "scheduled": f"{today.day} {today:%B %Y}",
            },
        )
