"""Currency: a sign, code or slang of another market's money.

Symbols per currency come from CLDR through Babel (data/currencies.json). "$" is fine
in every dollar market; an explicit prefix ("US$20", "A$15") is a deliberate choice and
never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from onshore.marketfit._data import currency_symbols
from onshore.marketfit._locale_formats import local_currency_symbol
from onshore.marketfit._money_places import sign_currencies, spent_abroad
from onshore.marketfit._registry import Context, Example, Hit, register

AMOUNT = r"\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|million|billion)\b)?"
# The lookbehind guards the character before the sign; written after the sign (as a
# two-character lookbehind, the sign being the second) it lets the scan skip straight
# to the next sign, and matches exactly the same.
SYMBOL_AMOUNT = re.compile(r"(?P<symbol>[$£€₹¥])(?<![A-Za-z$£€₹¥].)\s?(?P<amount>" + AMOUNT + r")")
# Symbol -> (currency it means on its own, code to write instead)
BARE_SYMBOLS = {"$": ("USD", "US$"), "£": ("GBP", "GBP "), "€": ("EUR", "EUR "),
                "₹": ("INR", "INR "), "¥": ("JPY", "JPY ")}  # fmt: skip
CODES = ("USD", "GBP", "EUR", "AUD", "CAD", "NZD", "INR", "ZAR", "JPY", "CHF")
CODE_AMOUNT = re.compile(
    r"\b(?P<code>"
    + "|".join(CODES)
    + r")\s?"
    + AMOUNT
    + r"|"
    + AMOUNT
    + r"\s?(?P<code2>"
    + "|".join(CODES)
    + r")\b"
)
BUCKS = re.compile(
    r"\b(?:\d[\d,.]*|few|couple of|a|ten|twenty|five|fifty|hundred|thousand)\s+(bucks)\b",
    re.I,
)
QUID = re.compile(r"\b(quid)\b(?!\s+pro\s+quo)", re.I)
DOLLAR_MARKETS_SLANG = frozenset({"US", "CA", "AU", "NZ"})
ANY_SYMBOL = re.compile(r"[$£€₹¥]")  # trigger: every amount with a sign has one


def _uses_symbol(currency: str | None, symbol: str) -> bool:
    if currency is None:
        return False
    return symbol in currency_symbols().get(currency, [])


@register(
    "currency.foreign_symbol",
    "currency",
    "warning",
    "{readers} pay in {currency}; '{symbol}' reads as another currency, so say which one you mean",
    trigger_pattern=ANY_SYMBOL,
    examples=[
        Example("All tees now $20 in our London shop.", "GB", "$20"),
        Example("Tickets from £15 at the door.", "US", "£15"),
        Example("Tickets from $15 at the door.", "AU", None),
        Example("Tickets from $15 at the door.", "CA", None),
        Example("Tickets from US$15 at the door.", "GB", None),
        Example("Our $AAPL deep-dive is live.", "GB", None),
        Example("¡Promoción! Tacos a solo $45.", "MX", None),  # es-MX writes the peso "$"
        # A price of the place the post names is paid there (_money_places.py).
        Example("Visiting our London shop? A flat white there is £3.40.", "US", None),
        Example("In Paris it costs €5, here just $4.", "US", None),
        Example("Our London shop sells tees for $20.", "GB", "$20"),
    ],
)
def detect_foreign_symbol(context: Context) -> Iterator[Hit]:
    currency = context.market.currency
    masked = context.doc.masked
    for match in SYMBOL_AMOUNT.finditer(masked):
        symbol = match.group("symbol")
        if _uses_symbol(currency, symbol) or symbol == local_currency_symbol(context.market.code):
            continue
        if spent_abroad(masked, match.start(), match.end(), sign_currencies(symbol)):
            continue
        _meaning, prefix = BARE_SYMBOLS[symbol]
        yield Hit(
            match.start(),
            match.end(),
            prefix + match.group("amount"),
            {"currency": currency or "local currency", "symbol": symbol},
        )


@register(
    "currency.foreign_code",
    "currency",
    "info",
    "Prices for {readers} are usually in {currency}",
    trigger_words=[code.lower() for code in CODES],
    examples=[
        Example("Now only USD 49 a month.", "GB", "USD 49"),
        Example("Now only 49 EUR a month.", "US", "49 EUR"),
        Example("Now only GBP 49 a month.", "GB", None),
    ],
)
def detect_foreign_code(context: Context) -> Iterator[Hit]:
    currency = context.market.currency
    masked = context.doc.masked
    for match in CODE_AMOUNT.finditer(masked):
        code = match.group("code") or match.group("code2")
        if code != currency and not spent_abroad(
            masked, match.start(), match.end(), frozenset({code})
        ):
            yield Hit(match.start(), match.end(), None, {"currency": currency or "local currency"})


@register(
    "currency.slang",
    "currency",
    "warning",
    "'{found}' is money slang {readers} do not use for {currency}",
    english_only=True,
    trigger_words=("bucks", "quid"),
    examples=[
        Example("Only 20 bucks for a month of coffee!", "GB", "bucks"),
        Example("It'll only cost you a few quid.", "US", "quid"),
        Example("Only 20 bucks for a month of coffee!", "AU", None),
        Example("It'll only cost you a few quid.", "GB", None),
        Example("No quid pro quo here.", "US", None),
    ],
)
def detect_slang(context: Context) -> Iterator[Hit]:
    code = context.market.code
    currency = context.market.currency or "local currency"
    doc = context.doc
    if code not in DOLLAR_MARKETS_SLANG:
        for match in BUCKS.finditer(doc.masked):
            if match.start(1) not in doc.name_starts:
                yield Hit(match.start(1), match.end(1), None, {"currency": currency})
    if code not in ("GB", "IE"):
        for match in QUID.finditer(doc.masked):
            if match.start(1) not in doc.name_starts:
                yield Hit(match.start(1), match.end(1), None, {"currency": currency})
