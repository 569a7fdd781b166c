"""A price in another currency is no slip when the post says where it is paid: "Visiting
our London shop? A flat white there is £3.40", "in Paris it costs €5". The places are
the countries whose money is one of the markets' currencies (CLDR names in English and
the markets' languages) and the big cities (data/money_places.json)."""

from __future__ import annotations

import re
from functools import cache

from onshore.marketfit._data import currency_symbols, money_places

# How far from the amount a place may stand: the sentence before ("Visiting our London
# shop? A flat white there is £3.40") and a short phrase after ("€5 in Paris").
REACH_BEFORE = 120
REACH_AFTER = 60


@cache
def place_pattern() -> re.Pattern[str]:
    """Any place name, as a whole word of the Latin script (東京 may touch any letter)."""
    names = sorted(money_places(), key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![A-Za-zÀ-ÿ-])(?:{alternatives})(?![A-Za-zÀ-ÿ-])")


@cache
def sign_currencies(sign: str) -> frozenset[str]:
    """Every currency CLDR writes with ``sign`` ("$": US, Australian, Canadian... dollars)."""
    return frozenset(code for code, signs in currency_symbols().items() if sign in signs)


def spent_abroad(text: str, start: int, end: int, currencies: frozenset[str]) -> bool:
    """Whether a place whose money is one of ``currencies`` is named near text[start:end]."""
    places = money_places()
    window_start = max(0, start - REACH_BEFORE)
    for match in place_pattern().finditer(text, window_start, end + REACH_AFTER):
        if places.get(match.group()) in currencies:
            return True
    return False
