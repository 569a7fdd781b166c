"""How a locale writes numbers, prices, dates, clock times, quotations and ordinals, from
CLDR (data/locale_formats.json, generated through Babel and CLDR's delimiters and RBNF
data), and which locale a post's formats are checked against.

Every CLDR locale Babel knows is here (``locale_ids()``); a tag is read case- and
separator-insensitively ("de-CH", "de_ch") and anything else is refused with
UnknownLocaleError naming how to list the valid ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from onshore.marketfit._data import DATA_DIR
from onshore.marketfit._markets import get_market
from onshore.marketfit._text import Document

LIST_HINT = "`onshore check --list-locales` lists them"


class UnknownLocaleError(ValueError):
    """The language tag is not a locale CLDR (as Babel ships it) has data for."""


@cache
def _table() -> dict[str, Any]:
    with (DATA_DIR / "locale_formats.json").open(encoding="utf-8") as handle:
        table: dict[str, Any] = json.load(handle)
    return table


def locale_ids() -> list[str]:
    """Every CLDR locale id the checker knows ("de_CH"), sorted."""
    return sorted(_table()["locales"])


@dataclass(frozen=True)
class Ordinal:
    """A digits-ordinal form: prefix, the number, a suffix ("1." de, "1er" fr, "第1" ja)."""

    prefix: str
    other: str
    exceptions: dict[str, str]

    def write(self, number: int) -> str:
        suffix = self.exceptions.get(str(number), self.other) if number <= 100 else self.other
        return f"{self.prefix}{number}{suffix}"


@dataclass(frozen=True)
class LocaleFormats:
    locale: str  # CLDR id, "de_CH"
    language: str  # "de"
    decimal: str
    group: str
    currency_before: bool  # the symbol stands before the amount ("€ 12,50" nl)
    currency_space: str  # between symbol and amount ("\u00a0" de, "" ja)
    date: str | None  # numeric date with a year, CLDR skeleton yMd ("d.M.y")
    date_md: str | None  # without a year, skeleton Md ("d.M.")
    time: str  # short time pattern ("HH:mm", "h:mm a")
    quotes: tuple[str, str] | None
    ordinal: Ordinal | None
    ordinal_feminine: Ordinal | None
    money: tuple[str, str] | None  # (code, symbol) of the region's currency

    @property
    def english(self) -> bool:
        return self.language == "en"

    @property
    def hour24(self) -> bool:
        """Whether the locale's short time is on the 24-hour clock (H or k, no a/b/B)."""
        letters = _pattern_letters(self.time)
        return ("H" in letters or "k" in letters) and "h" not in letters and "K" not in letters

    @property
    def date_order(self) -> str:
        """ "DMY", "MDY" or "YMD" as the numeric date with a year is written."""
        return _date_order(self.date or "d/M/y")

    @property
    def date_separator(self) -> str:
        """The character between the first two fields of the numeric date ("." de)."""
        pattern = self.date or "d/M/y"
        in_field = [c in "dMy" for c in pattern]
        start = in_field.index(True)
        while start < len(pattern) and in_field[start]:
            start += 1
        end = start
        while end < len(pattern) and not in_field[end]:
            end += 1
        return pattern[start:end].replace("'", "").strip("\u200f") or "/"

    def format_date(self, day: int, month: int, year: int | None) -> str:
        """A date as the locale writes it numerically ("30.12.2026", "2026/12/30")."""
        pattern = self.date if year is not None else self.date_md
        return _fill(pattern or "d/M/y", {"d": day, "M": month, "y": year or 0})

    def format_time(self, hour: int, minute: int) -> str:
        """A clock time in the locale's short time pattern ("15:00", "15 h 00")."""
        return _fill(self.time, {"H": hour, "h": (hour % 12) or 12, "m": minute, "k": hour or 24})

    def format_number(self, integer: str, fraction: str | None) -> str:
        """Digits grouped by threes with the locale's signs ("1234", "50" → "1.234,50")."""
        groups: list[str] = []
        while len(integer) > 3:
            groups.insert(0, integer[-3:])
            integer = integer[:-3]
        groups.insert(0, integer)
        number = self.group.join(groups)
        return f"{number}{self.decimal}{fraction}" if fraction else number

    def format_price(self, number: str, symbol: str) -> str:
        if self.currency_before:
            return f"{symbol}{self.currency_space}{number}"
        return f"{number}{self.currency_space}{symbol}"


@cache
def _date_order(pattern: str) -> str:
    """ "DMY", "MDY" or "YMD" as ``pattern`` orders its fields: several rules ask for
    every post, so it is worked out once per pattern."""
    letters = [c for c in _pattern_letters(pattern) if c in "dMy"]
    order = "".join(dict.fromkeys(c.upper() for c in letters))
    return order if len(order) == 3 else "DMY"


def _pattern_letters(pattern: str) -> str:
    """The pattern's field letters, without its quoted literals ("HH 'h' mm" → "HHmm")."""
    parts = pattern.split("'")
    return "".join(part for index, part in enumerate(parts) if index % 2 == 0)


def _fill(pattern: str, values: dict[str, int]) -> str:
    """A CLDR date/time pattern with its numeric fields filled in: one letter is the
    number as it is, two are zero-padded; "a" is dropped with the space before it
    (callers only fill 24-hour patterns or ask for the number)."""
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "'":
            close = pattern.find("'", index + 1)
            close = len(pattern) if close < 0 else close
            out.append(pattern[index + 1 : close] or "'")
            index = close + 1
            continue
        run = index
        while run < len(pattern) and pattern[run] == char:
            run += 1
        width = run - index
        if char in values:
            value = values[char]
            out.append(str(value) if char == "y" or width == 1 else f"{value:0{width}d}")
        elif char.isalpha():
            pass  # a day period or era: not written in a numeric suggestion
        else:
            out.append(pattern[index:run])
        index = run
    return "".join(out).strip()


def canonical_locale(tag: str) -> str:
    """The CLDR id for a language tag ("de-ch" → "de_CH", "zh-TW" → "zh_Hant_TW")."""
    table = _table()
    parts = tag.strip().replace("-", "_").split("_")
    if not tag.strip() or not all(part.isalnum() and part.isascii() for part in parts):
        raise UnknownLocaleError(_unknown(tag))
    normalized = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            normalized.append(part.title())
        elif len(part) in (2, 3):
            normalized.append(part.upper())
        else:
            normalized.append(part)
    key = "_".join(normalized)
    key = str(table["aliases"].get(key, key))
    if key not in table["locales"]:
        raise UnknownLocaleError(_unknown(tag))
    return key


def _unknown(tag: str) -> str:
    return f"unknown locale {tag!r}: use a CLDR language tag such as de-CH or pt-BR ({LIST_HINT})"


@cache
def locale_formats(tag: str) -> LocaleFormats:
    locale = canonical_locale(tag)
    table = _table()
    record = table["formats"][table["locales"][locale]]
    quotes = record["quotes"]
    ordinal, feminine = record["ordinal"]
    money = record["money"]
    return LocaleFormats(
        locale=locale,
        language=locale.split("_")[0],
        decimal=record["decimal"],
        group=record["group"],
        currency_before=record["currency"][0],
        currency_space=record["currency"][1],
        date=record["date"],
        date_md=record["date_md"],
        time=record["time"],
        quotes=(quotes[0], quotes[1]) if quotes else None,
        ordinal=Ordinal(*ordinal) if ordinal else None,
        ordinal_feminine=Ordinal(*feminine) if feminine else None,
        money=(money[0], money[1]) if money else None,
    )


@cache
def market_locale(locale: str | None, market_code: str) -> LocaleFormats | None:
    """The locale a post for ``market_code`` is written in: ``locale`` (Post.locale) or
    the market's language, with the market's region when the tag names none and CLDR
    has that combination ("de" for CH is de_CH: Swiss numbers, not German ones). None
    when the market's language is one CLDR has no locale for (Samoan, Palauan, …);
    an unknown ``locale`` raises UnknownLocaleError."""
    market = get_market(market_code)
    tag = locale or market.language
    if "-" not in tag and "_" not in tag:
        regional = f"{tag}_{market.code}"
        try:
            return locale_formats(regional)
        except UnknownLocaleError:
            pass
    try:
        return locale_formats(tag)
    except UnknownLocaleError:
        if locale is not None:
            raise
    try:  # the market's own language: fall back to the language alone
        return locale_formats(tag.replace("-", "_").split("_")[0])
    except UnknownLocaleError:
        return None


@cache
def local_currency_symbol(market_code: str) -> str | None:
    """The symbol the market's own language writes its currency with ("$" for the peso
    in es-MX), when CLDR's locale for it knows the market's currency."""
    market = get_market(market_code)
    formats = market_locale(None, market_code)
    if formats is None or formats.money is None or formats.money[0] != market.currency:
        return None
    return formats.money[1]


# Words that mark English prose and are not words of the languages checked here (no
# "we", "will", "is", "of", "for": Dutch, German, Danish have them). A post for a
# German market written in English is checked as English (formats follow the text).
ENGLISH_MARKERS = frozenset(
    {"the", "and", "our", "you", "your", "with", "this", "from", "that", "are", "just",
     "what", "get", "here", "only", "now", "off", "all", "today", "don"}
)  # fmt: skip


def reads_as_english(doc: Document) -> bool:
    """Two or more distinct English marker words: the post is in English."""
    return len(doc.word_set & ENGLISH_MARKERS) >= 2


def post_formats(context: Any) -> LocaleFormats | None:
    """The locale whose formats a post is checked against, or None when there is none
    to check: an English locale (the English rules cover those), or a post that reads
    as English whatever its market. Kept in ``context.cache``."""
    cache_ = context.cache
    if "locale_formats" in cache_:
        found: LocaleFormats | None = cache_["locale_formats"]
        return found
    formats: LocaleFormats | None = market_locale(context.post.locale, context.market.code)
    if formats is not None and (formats.english or reads_as_english(context.doc)):
        formats = None
    cache_["locale_formats"] = formats
    return formats
