"""Imperial units written in the market's own language in a metric market: "5 Meilen",
"acht Unzen", "dos libras", "8 miglia", "twee gallon", "8マイル", "華氏86度".

The unit names are CLDR's long unit names and the numbers in words CLDR's RBNF
spell-out rules, both per language in data/unit_words.json (generated; the names left
out, such as the German "Pfund" of 500 g, are listed with the reason in
scripts/generate_marketfit_data.py). What the rule for units after digits
(_rules_units.py, units.foreign) reads already is left to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from onshore.marketfit._data import unit_words
from onshore.marketfit._money_places import spent_abroad
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._rules_units import QUANTITY, format_number


class Metric(NamedTuple):
    factor: float  # metric value of one unit
    target: str  # the metric unit to write


METRIC = {
    "mile": Metric(1.609344, "km"),
    "foot": Metric(0.3048, "m"),
    "pound": Metric(0.45359237, "kg"),
    "ounce": Metric(28.349523125, "g"),
    "gallon": Metric(3.785411784, "l"),
    "fahrenheit": Metric(1.0, "°C"),
    "mile-per-hour": Metric(1.609344, "km/h"),
}
LANGUAGES = ("de", "fr", "es", "pt", "it", "nl", "ja")
DIGITS = r"\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?"
# "a mil millas", "mille miglia", "tausend Meilen": a thousand in words is a figure of
# speech ("miles away from"), not a distance.
HYPERBOLE = frozenset({"mil", "mille", "tausend", "eintausend", "duizend", "千"})
# Nautical miles are the unit of the sea and the air everywhere.
NAUTICAL = r"(?!\s+(?:náuticas?|nauticas?|nautiques?|nautiche|nautic[oi]|marinas?|marítimas?))"
# Pounds are money too: "libras esterlinas", or a price word shortly before ("cuesta 10
# libras", "um ingresso de 10 libras") make them the currency.
MONEY_BEFORE = re.compile(
    r"(?:cuesta|cuestan|costó|precio|pagar|pag[aóué]|pagamos|vale|valen|cobra|coste|costo|"
    r"custa|custam|custou|preço|ingressos?|entradas?|billetes?|bilhetes?|notas?|costa|"
    r"costano|prezzo|円|価格|値段|料金|英国|イギリス|ロンドン|£)\W{0,3}(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
STERLING_AFTER = re.compile(r"\s*(?:esterlinas?|sterlin[ea]|sterling|\(£|£|[=＝]|札|硬貨)", re.I)
STERLING = frozenset({"GBP"})
# Gold and silver are priced by the (troy) ounce in every market.
BULLION_AFTER = re.compile(
    r"\s*(?:\w+\s+){0,2}?の?(?:gold|silber|oro|plata|prata|argento|or|argent|goud|zilver|金|銀)",
    re.IGNORECASE,
)
# A time of the day and "°F" right after Japanese text: units.foreign's number may
# not follow a letter of any script, so it leaves "気温は86°F" to this rule.
FAHRENHEIT_SIGN = re.compile(r"(?<![\d.,])(?P<amount>\d+(?:[.,]\d+)?)\s?[°º]\s?F(?![A-Za-z])")


@cache
def unit_pattern(language: str) -> re.Pattern[str] | None:
    """Amount (digits or words), then one of the language's imperial unit names."""
    table = unit_words().get(language)
    if table is None:
        return None
    numbers = sorted(table["numbers"], key=len, reverse=True)
    amount = "|".join([DIGITS, *(re.escape(word) for word in numbers)])
    units = []
    # Speeds first: "60 Meilen pro Stunde" is not "60 Meilen".
    for unit, names in sorted(table["units"].items(), key=lambda item: item[0] != "mile-per-hour"):
        forms = []
        for name in sorted(names, key=len, reverse=True):
            if language == "ja" and " " in name:  # "華氏 度", "時速 マイル": around the number
                continue
            forms.append(re.escape(name).replace(r"\ ", r"\s+"))
        if forms:
            group = unit.replace("-", "_")
            units.append(f"(?P<{group}>{'|'.join(forms)})")
    if language == "ja":
        return re.compile(
            r"(?:(?P<pre_mph>時速)|(?P<pre_f>華氏))?(?<![\d.,])(?P<amount>"
            + amount
            + r")\s?(?:"
            + "|".join(units)
            + r"|(?P<post_f>度))"
        )
    letter_before = r"(?<![\w.,])"
    return re.compile(
        letter_before
        + r"(?P<amount>"
        + amount
        + r")[\s\u00a0-]?(?:"
        + "|".join(units)
        + r"|(?P<bare_f>Fahrenheit))(?!\w)"
        + NAUTICAL,
        re.IGNORECASE,
    )


@cache
def unit_names(language: str) -> re.Pattern[str]:
    """Any of the language's unit names (and 華氏, which stands before its number): where
    the rule looks for an amount, so the long pattern above runs only around them."""
    names = {"華氏"} if language == "ja" else {"Fahrenheit"}
    for forms in unit_words().get(language, {}).get("units", {}).values():
        names.update(form.split()[0] if language != "ja" else form.split()[-1] for form in forms)
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(alternatives, 0 if language == "ja" else re.IGNORECASE)


AMOUNT_REACH = 48  # "quatre-vingt-dix-neuf", "cuarenta y cinco", "華氏"
NAME_REACH = 32  # "Meilen pro Stunde", "millas náuticas"


def _trigger_words() -> frozenset[str]:
    """The first run of ASCII letters of every unit name: what Document.word_set holds
    for it ("fu" for "Fuß", "gal" for "galões")."""
    words = {"fahrenheit", "f"}  # "f": "86°F" after Japanese text
    for table in unit_words().values():
        for unit, names in table["units"].items():
            if unit == "fahrenheit":
                continue  # "Grad Fahrenheit": "fahrenheit" above, not every "grados"
            for name in names:
                run = re.match(r"[A-Za-z]+", name)
                if run:
                    words.add(run.group().lower())
    return frozenset(words)


TRIGGER_WORDS = _trigger_words()
# Japanese unit names: no ASCII letters for word_set to hold.
TRIGGER = re.compile("[マフポオガ華]")


def post_language(context: Context) -> str:
    return (context.post.locale or context.market.language).replace("_", "-").split("-")[0]


# A Japanese unit running on into a katakana word is part of a name ("1ポンドステーキ",
# the one-pound steak on menus), where kanji after it still reads as a measure
# ("10ポンド減量").
KATAKANA_AFTER = re.compile(r"[\u30a1-\u30fa\u30fc]")


@register(
    "units.local_words",
    "units",
    "warning",
    "{readers} measure this in {target}",
    other_languages=True,
    trigger_words=TRIGGER_WORDS,
    trigger_pattern=TRIGGER,
    examples=[
        Example("Nur 5 Meilen bis zum Strand!", "DE", "5 Meilen"),
        Example("Die Runde ist zehn Meilen lang.", "CH", "zehn Meilen"),
        Example("Acht Unzen Kaffee für unterwegs.", "DE", "Acht Unzen"),
        Example("Der Zaun ist sechs Fuß hoch.", "DE", "sechs Fuß"),
        Example("La ruta tiene 8 millas.", "ES", "8 millas"),
        Example("Bajé dos libras esta semana.", "MX", "dos libras"),
        Example("Corri 5 milhas hoje!", "BR", "5 milhas"),
        Example("Un percorso di 8 miglia.", "IT", "8 miglia"),
        Example("Bastano due libbre di farina.", "IT", "due libbre"),
        Example("Ajoutez 8 onces de lait.", "FR", "8 onces"),
        Example("Nog maar 6 mijl fietsen.", "NL", "6 mijl"),
        Example("Vul twee gallon water.", "NL", "twee gallon"),
        Example("駅から8マイルです。", "JP", "8マイル"),
        Example("体重が10ポンド減りました。", "JP", "10ポンド"),
        Example("1ポンドステーキ、今月の限定メニューです。", "JP", None),
        Example("今日の気温は86°Fです。", "JP", "86°F"),
        Example("Ein wichtiger Meilenstein für uns.", "DE", None),
        Example("Wir lieben Fußball und gehen zu Fuß.", "DE", None),
        Example("Zwei Pfund Äpfel für 3 €.", "DE", None),
        Example("Cuesta 10 libras esterlinas en Londres.", "ES", None),
        Example("Estamos a mil millas de distancia.", "ES", None),
        Example("Navegamos 20 millas náuticas.", "ES", None),
        Example("La ruta tiene 8 km.", "ES", None),
        Example("Ajoutez deux livres à votre panier.", "FR", None),
        Example("駅から8キロです。", "JP", None),
        Example("Mit 60 Meilen pro Stunde über die Autobahn.", "DE", "60 Meilen pro Stunde"),
        Example("Immer 1 Fuß vor den anderen.", "DE", None),
        Example("1オンスの金貨をプレゼント。", "JP", None),
        Example("イギリスでは5ポンドです。", "JP", None),
        Example("Der Goldpreis: 2.000 € für eine Unze Gold, 2 Unzen Gold im Tresor.", "DE", None),
    ],
)
def detect_local_unit_words(context: Context) -> Iterator[Hit]:
    if context.market.measurement_system != "metric":
        return
    language = post_language(context)
    pattern = unit_pattern(language)
    if pattern is None:
        return
    masked = context.doc.masked
    decimal = "." if language == "ja" else ","
    seen: set[int] = set()
    for name in unit_names(language).finditer(masked):
        window = (max(0, name.start() - AMOUNT_REACH), name.end() + NAME_REACH)
        for match in pattern.finditer(masked, *window):
            if match.start() in seen:
                continue
            seen.add(match.start())
            hit = _unit_hit(match, masked, language, decimal)
            if hit is not None:
                yield hit
    if "F" not in masked:
        return
    for match in FAHRENHEIT_SIGN.finditer(masked):
        before = masked[match.start() - 1 : match.start()]
        if before and before.isalnum() and not before.isascii():
            value = _number(match.group("amount"))
            yield _hit(match.start(), match.end(), "fahrenheit", value, language, decimal)


def _unit_hit(match: re.Match[str], masked: str, language: str, decimal: str) -> Hit | None:
    groups = match.groupdict()
    unit = _unit_of(groups)
    if unit is None:
        return None
    amount = match.group("amount")
    if amount.lower() in HYPERBOLE:
        return None
    if amount[0].isdigit() and QUANTITY.match(masked, match.start()):
        return None  # units.foreign reads it ("5 miles" in a French post)
    if unit == "pound" and _is_money(match, masked):
        return None
    if unit == "ounce" and BULLION_AFTER.match(masked, match.end()):
        return None  # "eine Unze Gold", "1オンス金"
    if KATAKANA_AFTER.match(masked, match.end()):
        return None  # "1ポンドステーキ": a dish's name, not a weight to convert
    value = _number(amount) if amount[0].isdigit() else _word_value(language, amount)
    if unit == "foot" and value == 1:
        return None  # "1 Fuß vor den anderen": a step, not a measure
    return _hit(match.start(), match.end(), unit, value, language, decimal)


def _unit_of(groups: dict[str, str | None]) -> str | None:
    if groups.get("pre_f") or groups.get("bare_f"):
        return "fahrenheit" if not groups.get("post_f") or groups.get("pre_f") else None
    if groups.get("post_f"):
        return None  # "10度" without 華氏 is Celsius
    for unit in METRIC:
        if groups.get(unit.replace("-", "_")):
            if unit == "mile" and groups.get("pre_mph"):
                return "mile-per-hour"
            return unit
    return None


def _is_money(match: re.Match[str], masked: str) -> bool:
    if STERLING_AFTER.match(masked, match.end()):
        return True
    if spent_abroad(masked, match.start(), match.end(), STERLING):
        return True  # "イギリスでは5ポンドです", "En Londres cuesta 10 libras"
    return MONEY_BEFORE.search(masked, max(0, match.start() - 40), match.start()) is not None


THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def _number(text: str) -> float | None:
    """A written amount: "4,5" and "4.5" are four and a half, "1.000" and "1,000" a
    thousand (a unit is never given to a thousandth)."""
    if THOUSANDS.fullmatch(text):
        text = text.replace(".", "").replace(",", "")
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _word_value(language: str, word: str) -> float | None:
    numbers: dict[str, int] = unit_words()[language]["numbers"]
    value = numbers.get(" ".join(word.lower().split()))
    return float(value) if value is not None else None


def _hit(start: int, end: int, unit: str, value: float | None, language: str, decimal: str) -> Hit:
    metric = METRIC[unit]
    return Hit(start, end, _converted(unit, value, language, decimal), {"target": metric.target})


def _converted(unit: str, value: float | None, language: str, decimal: str) -> str | None:
    """The metric value as the market writes it: "8 km", "4,5 kg", "30 °C"."""
    if value is None:
        return None
    metric = METRIC[unit]
    converted = (value - 32) * 5 / 9 if unit == "fahrenheit" else value * metric.factor
    number = format_number(converted).replace(".", decimal)
    joiner = "" if language == "ja" and metric.target == "°C" else " "
    return f"{number}{joiner}{metric.target}"
