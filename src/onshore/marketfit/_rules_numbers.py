"""Numbers, prices and ordinals written the way the post's locale writes them (CLDR):
decimal and grouping signs, the currency symbol's side and spacing, ordinal forms.

Only forms that cannot mean anything else are flagged: "12.50 €" in German is a price
with cents written the English way, but "1.000" could be a thousand or 1.0, and "1,799 €"
a German fuel price, so a single group of three digits after one sign is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from onshore.marketfit._data import currency_symbols
from onshore.marketfit._locale_formats import LocaleFormats, post_formats
from onshore.marketfit._registry import Context, Example, Hit, register

ANY_DIGIT = re.compile(r"\d")
GROUP_SIGNS = ".,'’\u00a0\u202f"
SPACES = " \u00a0\u202f"
# A number: groups of three after signs (a plain space too, when three digits follow),
# then maybe one or two decimals; or digits with maybe one or two decimals.
NUMBER = (
    r"\d{1,3}(?:(?:[.,'’\u00a0\u202f]| (?=\d{3}(?!\d)))\d{3})+(?:[.,]\d{1,2})?(?![\d])"
    r"|\d+(?:[.,]\d{1,2})?(?!\d)"
)
# A plain number with two or more grouping signs, or grouping then a decimal part: forms
# only one reading fits ("1,000,000", "1,234.56").
GROUPED = re.compile(
    r"\d(?<![\d.,'’]\d)\d{0,2}(?:[.,'’]\d{3}){2,}(?:[.,]\d{1,2})?(?![\d]|[.,]\d)"
    r"|\d(?<![\d.,'’]\d)\d{0,2}[.,'’]\d{3}[.,]\d{1,2}(?![\d]|[.,]\d)"
)
ENGLISH_ORDINAL = re.compile(r"\d(?<![\d.,]\d)\d*(?:st|nd|rd|th)(?![A-Za-z])")
FRENCH_ORDINAL = re.compile(r"\d(?<![\d.,]\d)\d*(?:ème|eme|ième|ieme|ère|ere)(?![A-Za-z])")
# German written the spoken way ("5ten", "3ter", "20sten"): the ordinal is "5." there.
GERMAN_ORDINAL = re.compile(r"\d(?<![\d.,]\d)\d*(?:s?te[nrsm]?)(?![A-Za-zäöüß])")
# Spanish letters for the ending without RAE's dot and raised letter ("1ro", "2do",
# "3er", "1ra"): "1.º", "1.er", "1.ª".
SPANISH_ORDINAL = re.compile(
    r"\d(?<![\d.,]\d)\d*(?:ro|do|to|vo|no|mo|er|era|ra|da|ta|va|na|ma)(?![A-Za-zñáéíóú])"
)
# Per language: the extra digits-and-letters forms read as ordinals written the wrong way.
LOCAL_ORDINALS = {"fr": FRENCH_ORDINAL, "de": GERMAN_ORDINAL, "es": SPANISH_ORDINAL}


class Price(NamedTuple):
    start: int
    end: int
    symbol: str
    before: bool  # the symbol is written before the amount
    space: str  # between them as written
    integer: str  # the digits before the decimal sign
    fraction: str | None
    decimal: str | None  # the decimal sign as written
    group: str | None  # the grouping sign as written
    checks_place: bool  # a sign, not a currency code: its side and spacing are checked


def same_group(written: str, wanted: str) -> bool:
    """Whether a grouping sign is the locale's: ’ and ' are one sign, and so are the
    spaces (a no-break space is typography, not a different convention)."""
    if written == wanted:
        return True
    if written in "'’" and wanted in "'’":
        return True
    return written in SPACES and wanted in SPACES


def read_number(text: str) -> tuple[str, str | None, str | None, str | None] | None:
    """(integer digits, fraction, decimal sign, grouping sign) of a written number, or
    None when its signs could be read either way."""
    signs = [(index, char) for index, char in enumerate(text) if not char.isdigit()]
    if not signs:
        return text, None, None, None
    last_at, last = signs[-1]
    tail = text[last_at + 1 :]
    others = {char for _, char in signs[:-1]}
    digits = "".join(char for char in text if char.isdigit())
    if len(tail) in (1, 2) and last in ".,":
        if len(others) > 1 or last in others:
            return None
        group = next(iter(others)) if others else None
        return digits[: -len(tail)], tail, last, group
    if len(tail) == 3 and others == {last}:
        return digits, None, None, last
    return None


@cache
def price_patterns(currency: str | None, locale: str) -> tuple[re.Pattern[str], frozenset[str]]:
    """The price regex for a market's currency as this locale writes it, and the
    symbols whose side and spacing are checked (signs, not ISO codes)."""
    from onshore.marketfit._locale_formats import locale_formats

    formats = locale_formats(locale)
    symbols = set(currency_symbols().get(currency or "", []))
    if formats.money and formats.money[0] == currency:
        symbols.add(formats.money[1])
    if currency == "JPY":
        symbols |= {"¥", "￥"}  # the half- and full-width yen sign are one symbol
    placed = frozenset(s for s in symbols if not (s.isalpha() and s.isupper()))
    if currency:
        symbols.add(currency)
    if not symbols:
        return re.compile(r"(?!x)x"), placed
    alternatives = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    sign = rf"(?P<sym>{alternatives})"
    # Letters and digits of other scripts may touch a sign ("今なら¥1,000で"): only a
    # Latin letter, digit or "$" before a sign makes it part of another word or code.
    before = rf"(?<![A-Za-z0-9$]){sign}(?P<sp>[ \u00a0\u202f]?)(?P<num>{NUMBER})"
    after = (
        rf"(?<![\d.,])(?P<num2>{NUMBER})(?P<sp2>[ \u00a0\u202f]?)"
        rf"(?P<sym2>{alternatives})(?![A-Za-z])"
    )
    return re.compile(f"{before}|{after}"), placed


def prices(context: Context, formats: LocaleFormats) -> list[Price]:
    """The prices in the market's currency written in the post, read once per post."""
    found: list[Price] | None = context.cache.get("prices")
    if found is not None:
        return found
    found = []
    pattern, placed = price_patterns(context.market.currency, formats.locale)
    for match in pattern.finditer(context.doc.masked):
        before = match.group("sym") is not None
        symbol = match.group("sym") if before else match.group("sym2")
        number = match.group("num") if before else match.group("num2")
        read = read_number(number)
        if read is None:
            continue
        integer, fraction, decimal, group = read
        found.append(
            Price(
                match.start(),
                match.end(),
                symbol,
                before,
                match.group("sp") if before else match.group("sp2"),
                integer,
                fraction,
                decimal,
                group,
                symbol in placed,
            )  # fmt: skip
        )
    context.cache["prices"] = found
    return found


def price_as_locale(price: Price, formats: LocaleFormats) -> str:
    number = (
        formats.format_number(price.integer, price.fraction)
        if price.group is not None
        else f"{price.integer}{formats.decimal}{price.fraction}"
        if price.fraction
        else price.integer
    )
    if not price.checks_place:
        return f"{price.symbol} {number}" if price.before else f"{number} {price.symbol}"
    return formats.format_price(number, price.symbol)


def wrong_signs(price: Price, formats: LocaleFormats) -> bool:
    if price.decimal is not None and price.decimal != formats.decimal:
        return True
    return price.group is not None and not same_group(price.group, formats.group)


def wrong_side(price: Price, formats: LocaleFormats) -> bool:
    return price.checks_place and price.before != formats.currency_before


def wrong_spacing(price: Price, formats: LocaleFormats) -> bool:
    return price.checks_place and bool(price.space) != bool(formats.currency_space)


@register(
    "format.price",
    "format",
    "warning",
    "{readers} write this price as '{suggestion}'",
    other_languages=True,
    trigger_pattern=ANY_DIGIT,
    examples=[
        Example("Jetzt nur 12.50 € im Shop.", "DE", "12.50 €"),
        Example("Jetzt nur €12 im Shop.", "DE", None),  # the side: currency.symbol_side
        Example("Le menu à 1,234.50 € par table.", "FR", "1,234.50 €"),
        Example("Por apenas 10.00 R$ no site.", "BR", "10.00 R$"),
        Example("Jetzt nur 12,50 € im Shop.", "DE", None),
        Example("Diesel kostet heute 1,799 € pro Liter.", "DE", None),
        Example("Nur 12.50 CHF im Laden.", "CH", None),
        Example("Por apenas R$ 10,00 no site.", "BR", None),
        Example("今なら¥1,000で販売中。", "JP", None),
        Example("今なら1,000円で販売中。", "JP", None),
    ],
)
def detect_price(context: Context) -> Iterator[Hit]:
    formats = post_formats(context)
    if formats is None:
        return
    for price in prices(context, formats):
        # The sign on the wrong side is a currency finding (_rules_currency_place.py).
        if wrong_signs(price, formats):
            yield Hit(price.start, price.end, price_as_locale(price, formats))


@register(
    "format.currency_spacing",
    "format",
    "info",
    "{readers} write '{suggestion}', with the space as CLDR has it for {market}",
    other_languages=True,
    trigger_pattern=ANY_DIGIT,
    examples=[
        Example("Jetzt nur 12,50€ im Shop.", "DE", "12,50€"),
        Example("Por apenas R$10,00 no site.", "BR", "R$10,00"),
        Example("Jetzt nur 12,50 € im Shop.", "DE", None),
        Example("今なら¥1,000で販売中。", "JP", None),
    ],
)
def detect_currency_spacing(context: Context) -> Iterator[Hit]:
    formats = post_formats(context)
    if formats is None:
        return
    for price in prices(context, formats):
        if wrong_signs(price, formats) or wrong_side(price, formats):
            continue  # format.price already suggests the whole price
        if wrong_spacing(price, formats):
            yield Hit(price.start, price.end, price_as_locale(price, formats))


@register(
    "format.number",
    "format",
    "warning",
    "{readers} group digits as in '{suggestion}'",
    other_languages=True,
    trigger_pattern=ANY_DIGIT,
    examples=[
        Example("Über 1,000,000 Kunden vertrauen uns.", "DE", "1,000,000"),
        Example("Plus de 2,500.50 kilomètres parcourus.", "FR", "2,500.50"),
        Example("Über 1.000.000 Kunden vertrauen uns.", "DE", None),
        Example("Über 1,000 Kunden vertrauen uns.", "DE", None),  # 1.0 or a thousand
        Example("Version 1.2.3 ist da.", "DE", None),
    ],
)
def detect_number(context: Context) -> Iterator[Hit]:
    formats = post_formats(context)
    if formats is None:
        return
    taken = [(p.start, p.end) for p in prices(context, formats)]
    for match in context.doc.finditer(GROUPED, digit_led=True):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        read = read_number(match.group())
        if read is None:
            continue
        integer, fraction, decimal, group = read
        if group is None or (
            same_group(group, formats.group) and decimal in (None, formats.decimal)
        ):
            continue
        yield Hit(match.start(), match.end(), formats.format_number(integer, fraction))


def is_feminine(language: str, suffix: str) -> bool:
    """Whether a written ordinal ending is a feminine one ("1ère", Spanish "2da")."""
    return suffix in ("ère", "ere") or (language == "es" and suffix.endswith("a"))


LATIN_WORD_AFTER = re.compile(r"[ \u00a0]?[A-Za-z]{2,}")


def in_english_phrase(text: str, end: int) -> bool:
    """Whether the ordinal ending at ``end`` starts a Latin-script phrase in a post
    written in another script ("1st Anniversary記念セール"): a loan phrase kept in
    English there, not a number written the English way."""
    if LATIN_WORD_AFTER.match(text, end) is None:
        return False
    return any(char.isalpha() and ord(char) >= 0x0370 for char in text)


@register(
    "format.ordinal",
    "format",
    "warning",
    "{readers} write ordinals like '{suggestion}'{feminine}",
    other_languages=True,
    trigger_pattern=ANY_DIGIT,
    examples=[
        Example("Wir feiern unseren 5th Geburtstag!", "DE", "5th"),
        Example("Le 1st prix est à vous.", "FR", "1st"),
        Example("La 2ème édition arrive.", "FR", "2ème"),
        Example("Celebramos nuestro 3rd aniversario.", "ES", "3rd"),
        Example("今年で5th周年を迎えます。", "JP", "5th"),
        Example("1st Anniversary記念セール開催中。", "JP", None),  # an English loan phrase
        Example("Wir feiern unseren 5ten Geburtstag!", "DE", "5ten"),
        Example("Der 3te Platz geht an Anna.", "DE", "3te"),
        Example("Celebramos nuestro 1er aniversario.", "ES", "1er"),
        Example("Es nuestra 2da tienda en Madrid.", "ES", "2da"),
        Example("Wir feiern unseren 5. Geburtstag!", "DE", None),
        Example("Celebramos nuestro 1.er aniversario.", "ES", None),
        Example("La 2e édition arrive.", "FR", None),
        Example("Le 1er prix est à vous.", "FR", None),
    ],
)
def detect_ordinal(context: Context) -> Iterator[Hit]:
    formats = post_formats(context)
    if formats is None or formats.ordinal is None:
        return
    patterns = [ENGLISH_ORDINAL]
    if formats.language in LOCAL_ORDINALS:
        patterns.append(LOCAL_ORDINALS[formats.language])
    for pattern in patterns:
        for match in context.doc.finditer(pattern, digit_led=True):
            written = match.group()
            digits = "".join(char for char in written if char.isdigit())
            suffix = written[len(digits) :]
            if formats.language == "fr" and suffix == "nd":
                continue  # "2nd" (second) is a French abbreviation too
            if in_english_phrase(context.doc.masked, match.end()):
                continue
            feminine = formats.ordinal_feminine
            number = int(digits)
            if formats.language == "es" and suffix == "er" and number in (1, 3):
                suggestion = f"{number}.er"  # RAE: "1.er", "3.er" (primer, tercer)
            elif feminine is not None and is_feminine(formats.language, suffix):
                suggestion = feminine.write(number)
            else:
                suggestion = formats.ordinal.write(number)
            note = ""
            if feminine is not None and feminine.write(number) != suggestion:
                note = f" ('{feminine.write(number)}' for a feminine noun)"
            yield Hit(match.start(), match.end(), suggestion, {"feminine": note})
