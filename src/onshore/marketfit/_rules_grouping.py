"""Numbers with one grouping sign, or one decimal sign, where the sentence settles which
it is: "Über 1,500 Bücher" (1.5 books is never meant: English grouping in German),
"2.000 inscrits" (French groups with a space), "1.500冊" (Japanese groups with a
comma), "1,500 Besucher" in Switzerland ("1'500"), and "12.5 km" in a comma-decimal
locale ("12,5 km").

A lone "1,500" or "1.000" could be a thousand or one and a half (format.number leaves
it alone); here the words after it decide: a count noun, a unit, a counter or a price
reads as a whole number, and a unit after one or two decimals reads as a measure.
Percentages, magnitudes ("1,5 Millionen") and per-unit prices ("1,799 € pro Liter",
fuel and energy) keep their three decimals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from onshore.marketfit._locale_formats import post_formats
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._rules_numbers import same_group

# One sign then exactly three digits, nothing numeric either side ("1,500", "12.000").
ONE_GROUP = re.compile(
    r"\d(?<![\d.,'’]\d)(?P<integer>\d{0,2})(?P<sign>[.,'’])(?P<group>\d{3})(?![\d]|[.,'’]\d)"
)
# Digits, a point, one or two decimals ("12.5", "2.25").
POINT_DECIMAL = re.compile(r"\d(?<![\d.,'’]\d)\d*\.\d{1,2}(?![\d]|[.,]\d)")
GROUP_TRIGGER = re.compile(r"\d[.,'’]\d\d\d")
POINT_TRIGGER = re.compile(r"\d\.\d")

SPACE = r"[ \u00a0\u202f]?"
# Units written after a number: SI and everyday abbreviations of every language here.
UNITS = (
    "km/h", "km²", "km2", "m²", "m2", "m³", "m3", "cm", "mm", "km", "m", "kg", "mg", "g",
    "t", "ml", "cl", "dl", "l", "kwh", "kw", "mw", "w", "ps", "cv", "hz", "ghz", "mah",
    "gb", "mb", "tb", "kcal", "ha", "%", "°c", "°",
)  # fmt: skip
UNIT_AFTER = re.compile(
    SPACE
    + r"(?:"
    + "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
# Measures written out, in each language here: after one or two decimals they make the
# number a measure ("2.5 Stunden", "3.5 Millionen"), as a unit's symbol does.
MEASURE_WORDS = (
    "liter", "litre", "litres", "litro", "litros", "litri", "meter", "metros", "metri",
    "mètres", "kilometer", "kilomètres", "kilómetros", "chilometri", "quilômetros", "kilo",
    "kilos", "gramm", "gramos", "grammi", "gramas", "grammes", "stunden", "std", "minuten",
    "heures", "horas", "ore", "uur", "jahre", "ans", "años", "anni", "anos", "jaar",
    "wochen", "semanas", "settimane", "weken", "monate", "mois", "meses", "mesi", "maanden",
    "tage", "jours", "días", "dias", "giorni", "dagen", "sterne", "étoiles", "estrellas",
    "stelle", "sterren", "estrelas", "millionen", "milliarden", "mio", "mrd", "millions",
    "milliards", "millones", "milioni", "miliardi", "miljoen", "miljard", "milhões",
    "bilhões", "prozent", "procent", "pourcent",
)  # fmt: skip
MEASURE_AFTER = re.compile(
    SPACE + r"(?:" + "|".join(MEASURE_WORDS) + r")(?![^\W\d_])", re.IGNORECASE
)
# A counter or the yen after a Japanese number ("1.500冊", "1.980円", "2.000人").
COUNTER_AFTER = re.compile(SPACE + r"[円人冊個件名本枚台回点社店杯品部着歩校軒万]")
CURRENCY_AFTER = re.compile(
    SPACE + r"(?:€|\$|£|¥|R\$|円|Fr\.|(?:chf|eur|usd|brl|mxn|euros?|reais|real|pesos?|"
    r"franken|francs?|franchi|dollars?|dólares|dollari|yen)(?![^\W\d_]))",
    re.IGNORECASE,
)
CURRENCY_BEFORE = re.compile(r"(?:€|\$|£|¥|R\$|CHF|EUR|USD|BRL|MXN|Fr\.)" + SPACE + r"$")
WORD_AFTER = re.compile(r"\+?" + SPACE + r"(?P<word>[^\W\d_]{2,})")
PERCENT_AFTER = re.compile(SPACE + "%")
# After a price: a price per unit, which may have three decimals ("1,799 € pro Liter").
PER_UNIT = re.compile(
    r"\s*(?:/|pro\b|je\b|per\b|par\b|por\b|al\b|le\s+litre|el\s+litro|il\s+litro|"
    r"o\s+litro|the\b|a\b|l\b|kwh\b|kg\b)",
    re.IGNORECASE,
)
# Words after a number that keep a decimal reading: percent and magnitudes in each
# language ("1,250 Millionen" is 1.25 million), and the clock ("12.30 Uhr").
DECIMAL_WORDS = frozenset(
    {"prozent", "pourcent", "pour", "por", "per", "procent", "percent", "cento", "ciento",
     "mio", "mrd", "millionen", "milliarden", "million", "millions", "milliard",
     "milliards", "millón", "millones", "millon", "milione", "milioni", "miliardo",
     "miliardi", "miljoen", "miljard", "milhão", "milhões", "mil", "bilhão", "bilhões",
     "uhr", "heures", "horas", "ore", "uur", "h", "mal", "fach", "times", "x",
     "punkte", "sterne", "étoiles", "estrellas", "stelle", "sterren", "estrelas"}
)  # fmt: skip
# A number after these is a name or a version, not a quantity ("Version 1.500").
NAME_WORDS = frozenset(
    {"version", "versión", "versione", "versie", "versão", "v", "ver", "build", "update",
     "release", "nr", "no", "nº", "n", "art", "artikel", "ref", "iso", "din", "tel",
     "fon", "telefon", "téléphone", "teléfono", "telefono", "telefone", "plz", "cp"}
)  # fmt: skip
# Grouping signs a locale accepts beside CLDR's: in Portugal the point is as usual as
# the space CLDR gives ("2.500 alunos"; Ciberdúvidas da Língua Portuguesa accepts both).
ALSO_GROUPS = {"pt_PT": "."}
WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s*$")


def name_before(text: str, start: int) -> bool:
    """Whether a word naming a version, a phone number or a code stands just before."""
    match = WORD_BEFORE.search(text, max(0, start - 20), start)
    return match is not None and match.group(1).lower() in NAME_WORDS


def reads_as_whole(text: str, start: int, end: int, integer: str) -> bool:
    """Whether what follows (or precedes) the number makes it a whole number: a count
    noun, a unit, a counter or a price."""
    if PERCENT_AFTER.match(text, end):
        return False  # "3,125 %" is a rate to three places as often as not
    if COUNTER_AFTER.match(text, end) or UNIT_AFTER.match(text, end):
        return True
    price = CURRENCY_AFTER.match(text, end)
    if price is not None or CURRENCY_BEFORE.search(text, max(0, start - 6), start):
        after = price.end() if price is not None else end
        # An amount of ten or more with three decimals is never meant; below ten it
        # may be a price per litre or kilowatt-hour.
        return len(integer) >= 2 or PER_UNIT.match(text, after) is None
    word = WORD_AFTER.match(text, end)
    return word is not None and word.group("word").lower() not in DECIMAL_WORDS


@register(
    "format.grouping",
    "format",
    "warning",
    "{readers} group thousands as in '{suggestion}'",
    other_languages=True,
    trigger_pattern=GROUP_TRIGGER,
    examples=[
        Example("Über 1,500 Bücher im Angebot.", "DE", "1,500"),
        Example("Más de 15,000 libros vendidos.", "ES", "15,000"),
        Example("Già 2,000 iscritti al corso.", "IT", "2,000"),
        Example("Já somos 2,500 alunos.", "BR", "2,500"),
        Example("Meer dan 1,500 boeken op voorraad.", "NL", "1,500"),
        Example("Déjà 2.000 inscrits !", "FR", "2.000"),
        Example("Más de 1.500 libros vendidos.", "MX", "1.500"),
        Example("在庫は1.500冊あります。", "JP", "1.500"),
        Example("今なら1.980円です。", "JP", "1.980"),
        Example("Schon 2,300 Besucher im Museum.", "CH", "2,300"),
        Example("Über 1.500 Bücher im Angebot.", "DE", None),
        Example("Más de 1,500 libros vendidos.", "MX", None),
        Example("Diesel kostet heute 1,799 € pro Liter.", "DE", None),
        Example("Diesel kostet heute 1,799 Euro pro Liter.", "DE", None),
        Example("Die Version 1.500 ist da.", "DE", None),
        Example("Um 1,250 Millionen gestiegen.", "DE", None),
        Example("Déjà 2 000 inscrits !", "FR", None),
    ],
)
def detect_grouping(context: Context) -> Iterator[Hit]:
    formats = post_formats(context)
    if formats is None:
        return
    text = context.doc.masked
    for match in context.doc.finditer(ONE_GROUP, digit_led=True):
        sign = match.group("sign")
        if same_group(sign, formats.group) or sign == ALSO_GROUPS.get(formats.locale):
            continue
        integer = match.group()[: match.start("sign") - match.start()]
        if integer == "0" or name_before(text, match.start()):
            continue
        if sign == formats.decimal and not _whole_for_sure(text, match):
            continue
        if not reads_as_whole(text, match.start(), match.end(), integer):
            continue
        yield Hit(match.start(), match.end(), formats.format_number(integer + match["group"], None))


def _whole_for_sure(text: str, match: re.Match[str]) -> bool:
    """The sign is the locale's decimal sign ("1,500" in German), so one and a half is a
    reading too; a unit after it keeps that reading unless the group ends in "00" (a
    measure is not written to three places with two zeros: "1,500 km")."""
    measure = UNIT_AFTER.match(text, match.end()) or MEASURE_AFTER.match(text, match.end())
    return not measure or match.group("group").endswith("00")


@register(
    "format.decimal_sign",
    "format",
    "warning",
    "{readers} write decimals with a comma: write '{suggestion}'",
    other_languages=True,
    trigger_pattern=POINT_TRIGGER,
    examples=[
        Example("Die Strecke ist 12.5 km lang.", "DE", "12.5"),
        Example("Un parcours de 12.5 km.", "FR", "12.5"),
        Example("Un recorrido de 2.5 km.", "ES", "2.5"),
        Example("Bis zu 2.5 % Rabatt.", "DE", "2.5"),
        Example("Der Kurs dauert 1.5 Stunden.", "DE", "1.5"),
        Example("Già 3.5 milioni di clienti.", "IT", "3.5"),
        Example("Lies Kapitel 3.2 zuerst.", "DE", None),
        Example("Die Strecke ist 12,5 km lang.", "DE", None),
        Example("Wir öffnen um 12.30 Uhr.", "DE", None),
        Example("Un recorrido de 2.5 km.", "MX", None),  # es-MX writes a decimal point
        Example("Am 2.5. geschlossen.", "DE", None),
        Example("Vanavond om 20.00 uur live op Instagram.", "NL", None),
        Example("Openingstijden: ma–vr 8.00–18.00 uur.", "NL", None),
        Example("De workshop duurt 1.5 uur.", "NL", "1.5"),
    ],
)
def detect_decimal_sign(context: Context) -> Iterator[Hit]:
    formats = post_formats(context)
    if formats is None or formats.decimal != ",":
        return
    text = context.doc.masked
    for match in context.doc.finditer(POINT_DECIMAL, digit_led=True):
        end = match.end()
        measure = MEASURE_AFTER.match(text, end)
        if not (UNIT_AFTER.match(text, end) or measure):
            continue
        if measure and _is_clock_time(match.group(), measure.group()):
            continue
        if name_before(text, match.start()):
            continue
        yield Hit(match.start(), match.end(), match.group().replace(".", ","))


# "20.00 uur", "14.30 heures": a time of day written with a point, as Dutch (and some
# French and German) writers do, not a decimal number of hours.
HOUR_WORDS = frozenset({"uur", "heures", "horas", "ore", "stunden", "std"})
CLOCK_TIME = re.compile(r"(?:[01]?\d|2[0-4])\.[0-5]\d")


def _is_clock_time(number: str, word_after: str) -> bool:
    return word_after.strip().lower() in HOUR_WORDS and CLOCK_TIME.fullmatch(number) is not None
