"""Money written in words ("fifty dollars", "99 cents", "50p", "ten pence", "a fiver")
in a market that pays in another currency.

A currency word is a finding only with an amount before it, and only where the
market's own money is not called that (cents in the US, Canada, Australia, New
Zealand and the euro markets; pence in the UK). A post that says which currency it
means ("US dollars", "priced in euros") means it. No amount is converted (no exchange
rate is right on the day a post is read): the message names the market's currency.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from onshore.marketfit._data import currency_symbols
from onshore.marketfit._money_places import spent_abroad
from onshore.marketfit._number_words import NUMBER_WORDS, number_value
from onshore.marketfit._registry import Context, Example, Hit, register


class MoneyWord(NamedTuple):
    group: str  # the regex group that found it
    what: str  # how the message names the money ("dollars")
    currencies: frozenset[str]  # ISO 4217 codes whose money is called this


# Currencies whose English name is "dollar" (ISO 4217 names).
DOLLARS = frozenset(
    [
        "USD",
        "AUD",
        "CAD",
        "NZD",
        "SGD",
        "HKD",
        "JMD",
        "TTD",
        "BBD",
        "BSD",
        "BZD",
        "BMD",
        "KYD",
        "XCD",
        "FJD",
        "SBD",
        "LRD",
        "NAD",
        "TWD",
        "GYD",
        "SRD",
        "BND",
    ]
)
RUPEES = frozenset({"INR", "PKR", "LKR", "NPR", "MUR", "SCR"})
POUNDS = frozenset({"GBP", "GIP", "FKP", "SHP"})
# Currencies whose hundredth is not called a cent in English: pounds (pence), rupees
# (paise), yen and won (no minor unit in use). Everywhere else "cents" is the market's.
NOT_CENTS = POUNDS | RUPEES | frozenset({"JPY", "KRW"})
MONEY_WORDS = (
    MoneyWord("dollars", "dollars", DOLLARS),
    MoneyWord("euros", "euros", frozenset({"EUR"})),
    MoneyWord("eurocents", "euro cents", frozenset({"EUR"})),
    MoneyWord("rupees", "rupees", RUPEES),
    MoneyWord("cents", "cents", frozenset()),  # see NOT_CENTS
    MoneyWord("pence", "pence", POUNDS),
)
_AMOUNT = r"(?P<amount>" + NUMBER_WORDS + r"|a\s+few|a\s+couple\s+of|an?|few|several)"
MONEY = re.compile(
    r"\b" + _AMOUNT + r"(?:\s+|-)(?:"
    r"(?P<dollars>dollars?(?!\s+(?:store|shop|sign|tree|general)))"
    r"|(?P<eurocents>euro[- ]?cents?)|(?P<euros>euros?(?!\s+(?:zone|area)))"
    r"|(?P<rupees>rupees?)|(?P<cents>cents?)|(?P<pence>pence))\b"
    r"|\b(?P<pennies>\d{1,2})(?P<p>p)\b(?!\s*\.?m\b)",
    re.IGNORECASE,
)
# Words that say which dollars, rupees or pounds: written before the money, they make
# it a deliberate choice.
NAMED = re.compile(
    r"(?:\bUS|\bU\.S\.|\bAmerican|\bAustralian|\bAussie|\bCanadian|\bNew\s+Zealand|\bNZ"
    r"|\bKiwi|\bHong\s+Kong|\bSingapore|\bIndian|\bPakistani|\bSri\s+Lankan|\bBritish"
    r"|\bUK)\s*$",
    re.IGNORECASE,
)
# "priced in US dollars", "paid in euros", "dollars (USD)": the post says so itself.
SAYS_WHICH = re.compile(
    r"\b(?:in|into|from)\s+(?:US\s+|American\s+|Canadian\s+|Australian\s+)?"
    r"(?:dollars|euros|rupees|pounds\s+sterling|sterling)\b"
    r"|\b(?:USD|EUR|INR|GBP|CAD|AUD|NZD)\b|US\$|A\$|C\$|NZ\$",
    re.IGNORECASE,
)
# "my two cents", "two cents' worth": an opinion, not money.
TWO_CENTS = re.compile(r"\b(?:my|our|your|his|her|their|the)\s+two\s+cents\b|two\s+cents['’]", re.I)
SLANG = re.compile(r"\b(?P<article>an?)\s+(?P<slang>fiver|tenner)\b", re.IGNORECASE)
SLANG_VALUE = {"fiver": 5, "tenner": 10}
# Where "a fiver" and "a tenner" are everyday words for a 5 and a 10 of the local
# money (UK, Ireland, Australia, New Zealand, Canada, South Africa).
SLANG_MARKETS = frozenset({"GB", "IE", "AU", "NZ", "CA", "ZA"})
CURRENCY_NAMES = {
    "GBP": "pounds (£)",
    "USD": "US dollars ($)",
    "EUR": "euros (€)",
    "INR": "rupees (₹)",
    "AUD": "Australian dollars ($)",
    "CAD": "Canadian dollars ($)",
    "NZD": "New Zealand dollars ($)",
    "ZAR": "rand (R)",
}
TRIGGER_WORDS = frozenset(
    [
        "dollar",
        "dollars",
        "euro",
        "euros",
        "eurocent",
        "eurocents",
        "cent",
        "cents",
        "rupee",
        "rupees",
        "pence",
        "p",
        "fiver",
        "tenner",
    ]
)


@register(
    "currency.in_words",
    "currency",
    "warning",
    "{readers} pay in {currency}, and '{found}' {why}: give the price in {currency}, "
    "or say which currency you mean",
    trigger_words=TRIGGER_WORDS,
    examples=[
        Example("Gift cards from fifty dollars.", "GB", "fifty dollars"),
        Example("Everything under 99 cents today!", "GB", "99 cents"),
        Example("Stickers are 50p each.", "US", "50p"),
        Example("Only ten pence a cup!", "AU", "ten pence"),
        Example("Tickets just twenty euros.", "US", "twenty euros"),
        Example("Chai for 30 rupees.", "GB", "30 rupees"),
        Example("Grab a fiver off your order.", "US", "a fiver"),
        Example("Everything under 99 cents today!", "US", None),
        Example("Everything under 99 cents today!", "IE", None),
        Example("Stickers are 50p each.", "GB", None),
        Example("Gift cards from fifty dollars.", "AU", None),
        Example("Gift cards from fifty US dollars.", "GB", None),
        Example("All prices in dollars: tees twenty dollars.", "GB", None),
        Example("Here are my two cents on the launch.", "GB", None),
        Example("Grab a fiver off your order.", "GB", None),
        Example("Chai for 30 rupees.", "IN", None),
        Example("A flat white in Sydney is five dollars.", "GB", None),
    ],
)
def detect_money_in_words(context: Context) -> Iterator[Hit]:
    market = context.market
    currency = market.currency
    if currency is None:
        return
    masked = context.doc.masked
    if SAYS_WHICH.search(masked):
        return
    names = {
        "currency": CURRENCY_NAMES.get(currency, currency),
    }
    for match in MONEY.finditer(masked):
        money = _money_word(match)
        if money is None or _is_markets(money, currency):
            continue
        if NAMED.search(masked, 0, match.start(money.group)) and money.group != "cents":
            continue
        if money.group == "cents" and TWO_CENTS.search(masked, max(0, match.start() - 8)):
            continue
        if match.start() in context.doc.name_starts:
            continue  # "Fifty Cent", a name
        if money.currencies and spent_abroad(masked, match.start(), match.end(), money.currencies):
            continue  # "a coffee in Sydney is five dollars"
        yield Hit(
            match.start(), match.end(), None, {**names, "why": f"is an amount in {money.what}"}
        )
    if market.code not in SLANG_MARKETS and market.language.startswith("en"):
        for match in SLANG.finditer(masked):
            value = SLANG_VALUE[match.group("slang").lower()]
            yield Hit(
                match.start(),
                match.end(),
                _local_amount(currency, value),
                {**names, "why": "is British slang"},
            )


_PENCE = MoneyWord("pence", "pence", POUNDS)


def _money_word(match: re.Match[str]) -> MoneyWord | None:
    if match.group("p") is not None:
        return _PENCE
    for money in MONEY_WORDS:
        if match.group(money.group) is not None:
            amount = match.group("amount")
            if amount and amount.lower() in ("a", "an") and money.group == "cents":
                return None  # "a cent" is a figure of speech more often than a price
            if number_value(amount) == 0:
                return None
            return money
    return None


def _is_markets(money: MoneyWord, currency: str) -> bool:
    """Whether the market's own money is called this."""
    if money.group == "cents":
        return currency not in NOT_CENTS
    return currency in money.currencies


def _local_amount(currency: str, value: int) -> str:
    """``value`` in the market's money as its readers write it ("$5", "₹10")."""
    symbols = currency_symbols().get(currency, [])
    short = [symbol for symbol in symbols if not symbol.isalpha()]
    if short:
        return f"{min(short, key=len)}{value}"
    return f"{value} {currency}"
