"""Dates written with month and weekday names in the post's own language ("Sonntag,
28. August", "samedi 26 février", "martes 21 de diciembre", "segunda-feira, 16 de
março", "dinsdag 28 juni", "lunedì 5 ottobre", "12月5日(金)"), and numeric dates with a
weekday ("Sa., 26.12."): a weekday that does not fall on the date is an error whose
suggestion is the right weekday in that language; a day the month does not have
("30 febbraio", "31. April") is an error too.

Names come from CLDR through Babel (data/locale_dates.json). A date without a year is
the next one on or after the post's scheduled date, as the English rule reads it
(_rules_date.detect_weekday_mismatch); without a schedule it is left alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any, NamedTuple

from onshore.marketfit._data import DATA_DIR
from onshore.marketfit._dates import DateMention, exists, resolve
from onshore.marketfit._locale_formats import post_formats
from onshore.marketfit._registry import Context, Example, Hit, register


class LanguageDates(NamedTuple):
    months: dict[str, int]  # lower-case name (no abbreviation dot) -> 1-12
    weekdays: dict[str, int]  # lower-case name -> 0 (Monday) - 6
    wide: tuple[str, ...]  # Monday first, as CLDR writes them
    abbreviated: tuple[str, ...]
    month_names: tuple[str, ...]
    wide_months: frozenset[str]  # the wide names, lower case
    # Latin-script languages: weekday? day month year?; weekday day.month.year?; and
    # in English month day, year. Empty for Japanese (JAPANESE below).
    patterns: tuple[re.Pattern[str], ...]


class LocalDate(NamedTuple):
    start: int
    end: int
    day: int
    month: int
    year: int | None
    weekday: int | None
    weekday_span: tuple[int, int] | None
    # The month is an abbreviation written without its dot ("30 set"): maybe a word
    # ("set", "jun") rather than a month, so no day is reported missing from it.
    bare_abbreviation: bool = False


@cache
def _names() -> dict[str, dict[str, Any]]:
    with (DATA_DIR / "locale_dates.json").open(encoding="utf-8") as handle:
        languages: dict[str, dict[str, Any]] = json.load(handle)["languages"]
    return languages


def _alternatives(names: dict[str, int]) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


# Between a weekday and the day: "Sonntag, den 28.", "samedi le 26", "el martes 21".
_ARTICLE = r"(?:(?:den|le|el|il|o|de)\s+)?"
# After the day: the German ordinal dot, "1er"/"1º", and Spanish/Portuguese "de".
_DAY_END = r"(?:\.|º|°|er|ᵉʳ)?\s*(?:de\s+)?"
_YEAR = r"(?:,?\s+(?:de\s+|del\s+)?(?P<year>(?:19|20)\d\d))?"


@cache
def language_dates(language: str) -> LanguageDates | None:
    record = _names().get(language)
    if record is None:
        return None
    months = dict(record["months"])
    weekdays = dict(record["weekdays"])
    patterns: tuple[re.Pattern[str], ...] = ()
    if language == "en":
        patterns = _english_patterns(months)
    elif language != "ja":
        weekday = rf"(?:(?P<weekday>\b(?:{_alternatives(weekdays)}))\.?,?\s+{_ARTICLE})"
        named = re.compile(
            rf"{weekday}?(?<!\d)(?P<day>[0-3]?\d){_DAY_END}"
            rf"(?P<month>\b(?:{_alternatives(months)}))\b\.?{_YEAR}"
        )
        numeric = re.compile(
            rf"{weekday}(?P<day>[0-3]?\d)(?P<sep>[./])(?P<month>[01]?\d)\.?"
            r"(?:(?P=sep)(?P<year>(?:19|20)?\d\d))?(?![\d/]|\.\d)"
        )
        patterns = (named, numeric)
    return LanguageDates(
        months,
        weekdays,
        tuple(record["wide"]),
        tuple(record["abbreviated"]),
        tuple(record["month_names"]),
        frozenset(name.lower() for name in record["month_names"]),
        patterns,
    )


def _english_patterns(months: dict[str, int]) -> tuple[re.Pattern[str], ...]:
    """English dates in the months that have fewer than 31 days, the only ones a day can
    be missing from ("31st April", "June 31, 2027"); the English date rules read the rest."""
    short = _alternatives({name: month for name, month in months.items() if month in SHORT})
    day = r"(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    return (
        re.compile(rf"{day}\s+(?:of\s+)?(?P<month>\b(?:{short}))\b\.?{_YEAR}"),
        re.compile(rf"(?P<month>\b(?:{short}))\b\.?\s+{day}\b{_YEAR}"),
    )


# The months with fewer than 31 days.
SHORT = frozenset({2, 4, 6, 9, 11})


# Japanese: "2026年12月5日(土)", "12月5日（土曜日）", "12/5(土)".
_JA_WEEKDAYS = "月火水木金土日"
JAPANESE = re.compile(
    r"(?:(?P<year>(?:19|20)\d\d)年)?(?P<month>[01]?\d)月(?P<day>[0-3]?\d)日"
    rf"\s*(?:[（(](?P<weekday>[{_JA_WEEKDAYS}])(?:曜日?)?[）)])?"
    rf"|(?<![\d/])(?P<month2>[01]?\d)/(?P<day2>[0-3]?\d)\s*[（(](?P<weekday2>[{_JA_WEEKDAYS}])"
    r"(?:曜日?)?[）)]"
)


def _year(text: str | None, around: int) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + around - around % 100 if value < 100 else value


def post_language(context: Context) -> str | None:
    """The language whose date names the post is read in: its locale's, English for
    an English post, None for one in a language without names here."""
    formats = post_formats(context)
    if formats is not None:
        return formats.language
    return "en" if context.english_variant is not None else None


def local_dates(context: Context) -> list[LocalDate]:
    """The dates with names (or a weekday) in the post's language, found once per post."""
    found: list[LocalDate] | None = context.cache.get("local_dates")
    if found is not None:
        return found
    found = []
    language = post_language(context)
    dates = language_dates(language) if language is not None else None
    if dates is not None and context.doc.has_digit:
        found = _latin(context, dates) if dates.patterns else _japanese(context)
    context.cache["local_dates"] = found
    return found


def _latin(context: Context, dates: LanguageDates) -> list[LocalDate]:
    text = context.doc.masked.lower()
    if len(text) != len(context.doc.masked):
        return []  # a character whose lower case is longer: spans would not match
    found: list[LocalDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in dates.patterns:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            local = _read_latin(match, text, context.doc.masked, dates, context.year)
            if local is not None:
                found.append(local)
                taken.append(match.span())
    return found


def _sure_short_weekday(match: re.Match[str], original: str) -> bool:
    """Whether a two-letter weekday ("Mo", "di", "zo") is one rather than a word ("so",
    "zo"): written with its dot or comma, or before a month's name with a capital
    ("Di 28 juni") away from a sentence's start."""
    start, end = match.span("weekday")
    if original[end : end + 1] in (".", ","):
        return True
    if match.group("month").isdigit() or not original[start].isupper():
        return False
    before = original[:start].rstrip()
    return bool(before) and before[-1] not in ".!?:;\n"


def _read_latin(
    match: re.Match[str], text: str, original: str, dates: LanguageDates, year: int
) -> LocalDate | None:
    """The date a match names, or None when it is no sure date: a numeric one needs
    its weekday, and a year or the closing dot ("Sa., 26.12.") unless written with
    "/" ("so 1.5 Stunden" is no date); a two-letter weekday must be a sure one."""
    groups = match.groupdict()
    month_text = groups["month"]
    numeric = month_text.isdigit()
    month = int(month_text) if numeric else dates.months[month_text]
    if not 1 <= month <= 12:
        return None
    weekday_text = groups.get("weekday")
    weekday_span = match.span("weekday") if weekday_text else None
    if weekday_text and len(weekday_text) <= 2 and not _sure_short_weekday(match, original):
        weekday_text, weekday_span = None, None
    end = match.end()
    if numeric:
        closed = groups["year"] is not None or groups["sep"] == "/" or text[end - 1] == "."
        if weekday_text is None or not closed:
            return None
    elif groups["year"] is None and text[end - 1 : end] == ".":
        end -= 1  # a sentence's full stop, or an abbreviation's dot: not the date
    abbreviated = not numeric and month_text not in dates.wide_months
    return LocalDate(
        match.start(),
        end,
        int(groups["day"]),
        month,
        _year(groups["year"], year),
        dates.weekdays[weekday_text] if weekday_text else None,
        weekday_span,
        abbreviated and text[match.end("month") : match.end("month") + 1] != ".",
    )


def _japanese(context: Context) -> list[LocalDate]:
    found = []
    for match in JAPANESE.finditer(context.doc.masked):
        second = match.group("month") is None
        month = int(match.group("month2" if second else "month"))
        weekday = match.group("weekday2" if second else "weekday")
        if not 1 <= month <= 12:
            continue
        found.append(
            LocalDate(
                match.start(),
                match.end(),
                int(match.group("day2" if second else "day")),
                month,
                None if second else _year(match.group("year"), context.year),
                _JA_WEEKDAYS.index(weekday) if weekday else None,
                match.span("weekday2" if second else "weekday") if weekday else None,
            )
        )
    return found


def _trigger_words(months: frozenset[int]) -> frozenset[str]:
    """The longest run of ASCII letters of the names of ``months`` in every language read
    here: a date with a name holds one ("vrier" in "février")."""
    words = set()
    for record in _names().values():
        for name, month in record["months"].items():
            runs = re.findall(r"[a-z]+", name)
            if runs and month in months:
                words.add(max(runs, key=len))
    return frozenset(words)


def _weekday_words() -> frozenset[str]:
    """The longest run of ASCII letters, three or more long, of every weekday name."""
    words = set()
    for record in _names().values():
        for name in record["weekdays"]:
            runs = re.findall(r"[a-z]+", name)
            if runs and len(max(runs, key=len)) >= 3:
                words.add(max(runs, key=len))
    return frozenset(words)


# Named dates hold a month's name (Latin scripts) or "月…日" (Japanese); a numeric date
# with a weekday holds the weekday's name, or a short one before its dot or comma
# ("Sa., 26.12.", "sáb. 26/12") or a Japanese weekday in brackets ("12/5(金)"). A day
# missing from its month is in one of SHORT. Both patterns start with a digit, so a
# post is scanned from its first digit on (_plan.starts_with_digit).
TRIGGER_WORDS = _trigger_words(frozenset(range(1, 13))) | _weekday_words()
TRIGGER = re.compile(
    r"\d(?:(?<=[^\W\d_][.,]\s\d)|(?<=[^\W\d_]\.,\s\d)|\d?[月日]|\d?/\d\d?\s*[(（])"
)
SHORT_MONTH_WORDS = _trigger_words(SHORT)
SHORT_MONTH_TRIGGER = re.compile(r"\d\d?月")


def suggest_weekday(written: str, weekday: int, dates: LanguageDates | None) -> str:
    """The right weekday in the form written: abbreviated or wide, capitalised or not."""
    if dates is None:
        return _JA_WEEKDAYS[weekday]
    abbreviated = dates.abbreviated[weekday].rstrip(".")
    wide = dates.wide[weekday]
    key = written.lower()
    written_wide = dates.wide[dates.weekdays[key]].lower() if key in dates.weekdays else key
    if key != written_wide and written_wide.startswith(key + "-"):
        chosen = wide.split("-")[0]  # "quinta" for "quinta-feira": the same short form
    elif key != written_wide:
        chosen = abbreviated
    else:
        chosen = wide
    if written[:1].isupper():
        chosen = chosen[:1].upper() + chosen[1:]
    elif written[:1].islower():
        chosen = chosen[:1].lower() + chosen[1:]
    return chosen


@register(
    "date.weekday_mismatch_local",
    "date",
    "error",
    "{date} is a {suggestion}, not a {found}",
    other_languages=True,
    trigger_words=TRIGGER_WORDS,
    trigger_pattern=TRIGGER,
    examples=[
        Example("Wir sehen uns am Sonntag, 28. August 2026.", "DE", "Sonntag"),
        Example("Rendez-vous samedi 26 février !", "FR", "samedi", at="2027-02-01T10:00"),
        Example("Te esperamos el martes 21 de diciembre.", "ES", "martes", at="2026-12-01T10:00"),
        Example("Abrimos segunda-feira, 16 de março.", "BR", "segunda-feira", at="2027-03-01"),
        Example("Kom langs op dinsdag 28 juni.", "NL", "dinsdag", at="2027-06-01T10:00"),
        Example("セールは12月5日(金)から。", "JP", "金", at="2026-11-20T10:00"),
        Example("Ab Sa., 26.12. geöffnet.", "DE", "Sa", at="2027-12-01T10:00"),
        Example("Wir sehen uns am Freitag, 28. August 2026.", "DE", None),
        Example("Rendez-vous samedi 26 février !", "FR", None, at="2028-02-01T10:00"),
        Example("セールは12月5日(土)から。", "JP", None, at="2026-11-20T10:00"),
        Example("Te esperamos el martes 21 de diciembre.", "ES", None),  # no year, no schedule
    ],
)
def detect_weekday(context: Context) -> Iterator[Hit]:
    formats = post_formats(context)
    if formats is None:
        return
    dates = language_dates(formats.language)
    for found in local_dates(context):
        if found.weekday is None or found.weekday_span is None:
            continue
        if not exists(found.year, found.month, found.day):
            continue  # date.no_such_day_local says so
        mention = DateMention(found.start, found.end, "named", found.month, found.day, found.year)
        actual = resolve(mention, context.local_date)
        if actual is None or actual.weekday() == found.weekday:
            continue
        start, end = found.weekday_span
        written = context.post.text[start:end]
        yield Hit(
            start,
            end,
            suggest_weekday(written, actual.weekday(), dates),
            {"date": written_date(actual, formats.language, dates)},
        )


def written_date(day: date, language: str, dates: LanguageDates | None) -> str:
    if dates is None or language == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    month = dates.month_names[day.month - 1]
    if language in ("es", "pt"):
        return f"{day.day} de {month} de {day.year}"
    if language == "de":
        return f"{day.day}. {month} {day.year}"
    return f"{day.day} {month} {day.year}"


@register(
    "date.no_such_day_local",
    "date",
    "error",
    "{month} has no day {day}: check the date",
    trigger_words=SHORT_MONTH_WORDS,
    trigger_pattern=SHORT_MONTH_TRIGGER,
    examples=[
        Example("Offerta valida fino al 30 febbraio.", "IT", "30 febbraio"),
        Example("Angebot gilt bis 31. April 2027.", "DE", "31. April 2027"),
        Example("Válido hasta el 31 de junio.", "ES", "31 de junio"),
        Example("Offerta valida fino al 28 febbraio.", "IT", None),
        Example("Angebot gilt bis 30. April 2027.", "DE", None),
        Example("Offer ends 31st April - be quick!", "GB", "31st April"),
        Example("Offer ends June 31, 2027.", "US", "June 31, 2027"),
        Example("Offer ends 30 April - be quick!", "GB", None),
    ],
)
def detect_no_such_day(context: Context) -> Iterator[Hit]:
    language = post_language(context)
    if language is None:
        return
    dates = language_dates(language)
    for found in local_dates(context):
        if found.day == 0 or exists(found.year, found.month, found.day):
            continue
        if found.bare_abbreviation and found.year is None:
            continue
        start = found.weekday_span[1] if found.weekday_span else found.start
        text = context.post.text
        while start < found.end and not text[start].isalnum():
            start += 1
        month = dates.month_names[found.month - 1] if dates else f"{found.month}月"
        yield Hit(start, found.end, None, {"month": month, "day": str(found.day)})
