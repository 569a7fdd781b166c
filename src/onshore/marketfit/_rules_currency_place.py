"""Currency in the markets' own terms: the sign on the side the locale writes it
("13,90 €" in Spain, "R$ 32,90" in Brazil), and money of another market where a post
does not say it is spent there ("25 €" in Mexico, "3,50 €" in Switzerland, "100 pesos"
in Spain, "NZ$30" in Australia, "R200" in the US).

A post that names a place whose money it is ("in Paris it costs €5") prices something
there: never a finding (_money_places.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from onshore.marketfit._data import currency_symbols, money_words, unit_words
from onshore.marketfit._locale_formats import local_currency_symbol, post_formats
from onshore.marketfit._markets import get_market
from onshore.marketfit._money_places import sign_currencies, spent_abroad
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._rules_money_words import MONEY
from onshore.marketfit._rules_numbers import ANY_DIGIT, price_as_locale, prices, wrong_side


@register(
    "currency.symbol_side",
    "currency",
    "warning",
    "{readers} write the currency sign on the other side: '{suggestion}'",
    other_languages=True,
    trigger_pattern=ANY_DIGIT,
    examples=[
        Example("Menú del día por €13,90.", "ES", "€13,90"),
        Example("Formule midi à €13,90 seulement.", "FR", "€13,90"),
        Example("Frete grátis acima de 32,90 R$.", "BR", "32,90 R$"),
        Example("Jetzt nur €12 im Shop.", "DE", "€12"),
        Example("Menú del día por 13,90 €.", "ES", None),
        Example("Frete grátis acima de R$ 32,90.", "BR", None),
        Example("Nu voor € 12,50 in de winkel.", "NL", None),
    ],
)
def detect_symbol_side(context: Context) -> Iterator[Hit]:
    formats = post_formats(context)
    if formats is None:
        return
    for price in prices(context, formats):
        if wrong_side(price, formats):
            yield Hit(price.start, price.end, price_as_locale(price, formats))


_AMOUNT = r"\d{1,3}(?:[.,'’\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
# An amount, then a sign: "25 €", "3,50 €", "10£".
SIGN_AFTER = re.compile(r"(?<![A-Za-z0-9_.,])(?:" + _AMOUNT + r")[ \u00a0\u202f]?(?P<sign>[€£₹¥$])")
SIGNS = re.compile("[€£₹¥$]")


@cache
def market_signs(market_code: str) -> frozenset[str]:
    """The signs the market writes its own money with (CLDR, and its locale's)."""
    market = get_market(market_code)
    own = set(currency_symbols().get(market.currency or "", []))
    local = local_currency_symbol(market.code)
    if local:
        own.add(local)
    if market.currency == "JPY":
        own.add("￥")
    return frozenset(own)


@register(
    "currency.foreign_sign_after",
    "currency",
    "warning",
    "{readers} pay in {currency}; '{found}' is a price in another currency: give it in "
    "{currency}, or say where it is paid",
    trigger_pattern=SIGNS,
    examples=[
        Example("Tacos al pastor: 25 € la orden.", "MX", "25 €"),
        Example("Kaffee und Gipfeli für 3,50 € am Bahnhof.", "CH", "3,50 €"),
        Example("Kaffee und Gipfeli für 3,50 CHF.", "CH", None),
        Example("Café y croissant por 3,50 €.", "ES", None),
        Example("In Paris kostet der Kaffee 3,50 €.", "CH", None),
        Example("Ein Pint in London kostet 6 £.", "DE", None),
        Example("Das Abo kostet 20 $ im Monat.", "DE", "20 $"),
        Example("El abono cuesta 20 $ al mes.", "MX", None),  # es-MX: the peso sign
        Example("L'abonnement coûte 20 $ par mois.", "CA", None),
    ],
)
def detect_foreign_sign_after(context: Context) -> Iterator[Hit]:
    own = market_signs(context.market.code)
    masked = context.doc.masked
    if not any(sign in masked and sign not in own for sign in "€£₹¥$"):
        return  # most posts: only the market's own sign
    for match in SIGN_AFTER.finditer(masked):
        sign = match.group("sign")
        if sign in own or spent_abroad(masked, match.start(), match.end(), sign_currencies(sign)):
            continue
        yield Hit(match.start(), match.end(), None, {"currency": _currency(context)})


def _currency(context: Context) -> str:
    return context.market.currency or "local currency"


# "A$25", "NZ$30", "C$15", "R$ 40": a dollar (or real) with its country's prefix. US$ is
# the deliberate reference price of every market and is left alone.
PREFIXED = re.compile(r"(?<![A-Za-z])(?P<prefix>AU|A|NZ|CA|C|HK|S|R|MX)\$\s?\d")
PREFIX_CURRENCY = {"A": "AUD", "AU": "AUD", "NZ": "NZD", "C": "CAD", "CA": "CAD",
                   "HK": "HKD", "S": "SGD", "R": "BRL", "MX": "MXN"}  # fmt: skip
DOLLAR_SIGN = re.compile("[$]")


@register(
    "currency.foreign_prefix",
    "currency",
    "warning",
    "{readers} pay in {currency}; '{found}' is another market's money",
    trigger_pattern=DOLLAR_SIGN,
    examples=[
        Example("Gift boxes from NZ$30, shipped free.", "AU", "NZ$"),
        Example("Gift boxes from A$25, shipped free.", "NZ", "A$"),
        Example("Gift boxes from A$25, shipped free.", "AU", None),
        Example("Gift boxes from US$25, shipped free.", "NZ", None),
        Example("Frete grátis acima de R$ 32,90.", "BR", None),
        Example("Our Auckland pop-up: gift boxes from NZ$30.", "AU", None),
    ],
)
def detect_foreign_prefix(context: Context) -> Iterator[Hit]:
    currency = context.market.currency
    masked = context.doc.masked
    at = masked.find("$")
    while at >= 0 and not masked[at - 1 : at].isupper():  # no prefix: a bare "$"
        at = masked.find("$", at + 1)
    if at < 0:
        return
    for match in PREFIXED.finditer(masked, max(0, at - 2)):
        prefixed = PREFIX_CURRENCY[match.group("prefix")]
        if prefixed == currency:
            continue
        if spent_abroad(masked, match.start(), match.end(), frozenset({prefixed})):
            continue
        yield Hit(match.start(), match.end("prefix") + 1, None, {"currency": _currency(context)})


# "R200", "R 1 500", "R49.99" after a word that makes it a price: the South African rand.
RAND = re.compile(
    r"\b(?:for|only|just|from|at|costs?|pay|paid|price[ds]?|save|under|over|was|now|"
    r"por|für|pour|per|voor)\s+(?P<amount>R\s?\d{1,3}(?:[ ,\u00a0]\d{3})+(?:[.,]\d{2})?"
    r"|R\s?\d{2,}(?:[.,]\d{2})?)(?![\w-])",
    re.IGNORECASE,
)


@register(
    "currency.rand",
    "currency",
    "warning",
    "{readers} pay in {currency}; '{found}' is an amount in South African rand",
    trigger_words=("r",),
    examples=[
        Example("Tickets only R200 at the door!", "US", "R200"),
        Example("Braai packs from R 1 500 this weekend.", "GB", "R 1 500"),
        Example("Tickets only R200 at the door!", "ZA", None),
        Example("The R35 GT-R is here.", "US", None),
        Example("Tickets only R200 at our Cape Town launch!", "US", None),
    ],
)
def detect_rand(context: Context) -> Iterator[Hit]:
    if context.market.currency == "ZAR":
        return
    masked = context.doc.masked
    for match in RAND.finditer(masked):
        start, end = match.span("amount")
        if masked[start] != "R" or spent_abroad(masked, start, end, frozenset({"ZAR"})):
            continue
        yield Hit(start, end, None, {"currency": _currency(context)})


def _language(context: Context) -> str:
    return (context.post.locale or context.market.language).replace("_", "-").split("-")[0]


@cache
def money_pattern(language: str) -> re.Pattern[str] | None:
    """An amount (digits or the language's number words), then a money noun."""
    table = money_words().get(language)
    if table is None:
        return None
    numbers = sorted(unit_words().get(language, {}).get("numbers", {}), key=len, reverse=True)
    amount = "|".join([_AMOUNT, *(re.escape(word) for word in numbers)])
    nouns = "|".join(re.escape(noun) for noun in sorted(table["nouns"], key=len, reverse=True))
    if language == "ja":
        return re.compile(r"(?<![\d.,])(?P<amount>" + _AMOUNT + r")\s?(?P<noun>" + nouns + ")")
    return re.compile(
        r"(?<![\w.,])(?P<amount>" + amount + r")[\s\u00a0]+(?P<noun>" + nouns + r")(?![\w-])",
        re.IGNORECASE,
    )


def _money_triggers() -> frozenset[str]:
    words = set()
    for table in money_words().values():
        for noun in table["nouns"]:
            run = re.match(r"[A-Za-z]+", noun)
            if run:
                words.add(run.group().lower())
    return frozenset(words)


@cache
def money_nouns(language: str) -> re.Pattern[str]:
    """Any of the language's money nouns: where the rule looks for an amount before."""
    nouns = sorted(money_words().get(language, {}).get("nouns", {}), key=len, reverse=True)
    alternatives = "|".join(re.escape(noun) for noun in nouns) or "(?!x)x"
    return re.compile(alternatives, 0 if language == "ja" else re.IGNORECASE)


AMOUNT_REACH = 48  # "quatre-vingt-dix-neuf dollars"
MONEY_TRIGGERS = _money_triggers()
JAPANESE_MONEY = re.compile("[ドユフペラルレ]")


@register(
    "currency.local_words",
    "currency",
    "warning",
    "{readers} pay in {currency}; '{found}' is an amount in another currency: give it in "
    "{currency}, or say which currency you mean",
    other_languages=True,
    trigger_words=MONEY_TRIGGERS,
    trigger_pattern=JAPANESE_MONEY,
    examples=[
        Example("Tapas desde 100 pesos.", "ES", "100 pesos"),
        Example("Envío gratis desde veinte euros.", "MX", "veinte euros"),
        Example("Nur 20 Franken pro Person.", "DE", "20 Franken"),
        Example("Ingressos por 30 dólares.", "BR", "30 dólares"),
        Example("送料は25ドルです。", "JP", "25ドル"),
        Example("Tacos desde 100 pesos.", "MX", None),
        Example("Nur 20 Franken pro Person.", "CH", None),
        Example("Tapas desde 100 pesos mexicanos.", "ES", None),
        Example("En Ciudad de México, tacos desde 100 pesos.", "ES", None),
        Example("送料は2500円です。", "JP", None),
    ],
)
def detect_money_in_local_words(context: Context) -> Iterator[Hit]:
    language = _language(context)
    pattern = money_pattern(language)
    currency = context.market.currency
    if pattern is None or currency is None:
        return
    table = money_words()[language]
    nouns: dict[str, list[str]] = table["nouns"]
    masked = context.doc.masked
    seen: set[int] = set()
    for noun in money_nouns(language).finditer(masked):
        if currency in nouns.get(noun.group().lower(), ()):
            continue  # the market's own money ("euros" in Spain): most mentions
        window = (max(0, noun.start() - AMOUNT_REACH), noun.end() + 2)
        for match in pattern.finditer(masked, *window):
            if match.start() not in seen and match.end() == noun.end():
                seen.add(match.start())
                yield from _foreign_money(context, match, table, currency)


def _foreign_money(
    context: Context, match: re.Match[str], table: dict[str, Any], currency: str
) -> Iterator[Hit]:
    """A finding for an amount in another market's money, unless the post says which
    currency it means or where it is paid."""
    masked = context.doc.masked
    if MONEY.match(masked, match.start()):
        return  # "20 Dollar", "500 euros": currency.in_words reads the English nouns
    currencies = frozenset(table["nouns"].get(match.group("noun").lower(), ()))
    if currency in currencies or _named(masked, match, table["names"]):
        return
    if spent_abroad(masked, match.start(), match.end(), currencies):
        return
    yield Hit(match.start(), match.end(), None, {"currency": currency})


def _named(masked: str, match: re.Match[str], names: list[str]) -> bool:
    """The post names the currency in full around its noun ("pesos mexicanos",
    "Schweizer Franken"): it means that one."""
    around = masked[max(0, match.start("noun") - 24) : match.end("noun") + 24].lower()
    noun = match.group("noun").lower()
    return any(noun in name and name in around for name in names)
