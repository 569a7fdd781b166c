"""Imperial units written in words in a metric market: "five pounds of apples", "two
miles", "half a mile", "a few inches", "six feet tall", "three gallons", "forty miles
per gallon", "ninety degrees Fahrenheit", "twelve stone".

Which units a market uses is the same CLDR table as for units after digits
(_rules_units.accepted_units); the UK keeps miles, pints, stone and gallons. The words
have other senses ("pound" the money, "miles ahead", "inch closer", "feet first"), so a
unit counts as a measure only after an amount, and the ambiguous ones only with a word
that makes it one ("five pounds of", "six feet tall").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from onshore.marketfit._data import unit_preferences
from onshore.marketfit._number_words import (
    NUMBER_WORDS,
    QUANTITY_WORDS,
    number_value,
    word_positions,
)
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._rules_units import accepted_units, format_number
from onshore.marketfit._text import Document


class WordUnit(NamedTuple):
    cldr: str  # CLDR unit id, as in units.json
    factor: float  # metric value of one unit
    target: str  # metric unit to write


WORD_UNITS = {
    "pound": WordUnit("pound", 0.45359237, "kg"),
    "mile": WordUnit("mile", 1.609344, "km"),
    "inch": WordUnit("inch", 2.54, "cm"),
    "foot": WordUnit("foot", 0.3048, "m"),
    "yard": WordUnit("yard", 0.9144, "m"),
    "gallon": WordUnit("gallon", 3.785411784, "L"),
    "ounce": WordUnit("ounce", 28.349523125, "g"),
    "stone": WordUnit("stone", 6.35029318, "kg"),
    "fahrenheit": WordUnit("fahrenheit", 1.0, "°C"),
    "mpg": WordUnit("mile-per-gallon", 1.0, "L/100 km"),
    "mph": WordUnit("mile-per-hour", 1.609344, "km/h"),
}
_A = r"(?:an?|one)"
# Amount, then unit, then (for the ambiguous units) what makes it a measure. Every
# alternative names its unit by its group; the amount is group "amount".
_UNIT_PATTERNS = (
    # Speeds and fuel economy first: "forty miles per gallon" is not "forty miles".
    r"(?P<mpg>miles?\s+(?:per|a|to\s+the)\s+gallon)",
    r"(?P<mph>miles?\s+(?:per|an)\s+hour)",
    r"(?P<mile>miles?)(?!\s+(?:ahead|better|behind|apart\s+from))",
    r"(?P<inch>inch(?:es)?)(?!\s+(?:closer|forward|towards?|along|ever))",
    # "a six-foot tree" is a measure; "six feet" only with a word that makes it one.
    r"(?P<foot>(?<=-)foot\b|f(?:ee|oo)t(?=\s+(?:tall|long|wide|high|deep|away|apart|of|across|"
    r"thick|above|below|in\s+(?:length|height|diameter))\b|[-\s]+(?:"
    + NUMBER_WORDS
    + r")\b(?!\s+(?:feet|foot|times|people|of)\b)))",
    r"(?P<yard>yards?)(?!\s+(?:sales?|sign|party|work)\b)",
    r"(?P<gallon>gallons?)(?!\s+hats?\b)",
    r"(?P<ounce>ounces?)",
    r"(?P<stone>stones?)(?=\s*(?:$|[.,;:!?)]|\s(?:lighter|heavier|in|since|this|last|and|"
    r"overweight|down|off|of\s+weight)\b))",
    r"(?P<fahrenheit>degrees?\s+fahrenheit)",
)
UNIT_WORDS = re.compile(
    r"\b(?P<amount>"
    + QUANTITY_WORDS
    + r")(?:\s+|-)(?:"
    + "|".join(_UNIT_PATTERNS)
    + r")\b(?:[-\s]+(?P<inches>"
    + NUMBER_WORDS
    + r")(?=\s|[.,;:!?]|$))?",
    re.IGNORECASE,
)
# Pounds are money as often as weight: a weight only with a word that says so.
POUNDS = re.compile(
    r"\b(?P<before>weigh(?:s|ed|ing)?|lost|lose|losing|gained?|gaining|shed(?:ding)?|"
    r"dropp(?:ed|ing)|put\s+on)?\s*"
    r"(?:(?:in\s+at|about|around|nearly|almost|over|under|just|roughly|some)\s+)?\b(?P<amount>"
    + QUANTITY_WORDS
    + r")(?:\s+|-)(?P<pound>pounds?)\b(?:(?P<after>\s+(?:of|heavier|lighter|overweight)\b)"
    # "a 15-pound turkey": a thing that is weighed (never "a ten-pound note").
    r"|(?<=-pound)(?=\s+(?:turkey|bag|sack|baby|box|dumbbells?|kettlebells?|fish|ham|roast|"
    r"brisket|salmon|dog|weights?|bird|chicken|watermelon|pumpkin)\b)(?P<thing>))?",
    re.IGNORECASE,
)
# A bare "a"/"an" is an amount only for units where it rarely starts an idiom, and
# only before a word that makes it a measure ("a mile away"; not "by a mile", "give
# an inch", "an ounce of sense").
A_CUE = re.compile(
    r"\s+(?:away|from|long|wide|high|deep|of|walk|north|south|east|west|down|up|out|"
    r"radius|loop|stretch|trail|hike|run|swim|drive)\b",
    re.IGNORECASE,
)
TRIGGER_WORDS = frozenset(
    [
        "pound",
        "pounds",
        "mile",
        "miles",
        "inch",
        "inches",
        "foot",
        "feet",
        "yard",
        "yards",
        "gallon",
        "gallons",
        "ounce",
        "ounces",
        "stone",
        "stones",
        "fahrenheit",
    ]
)


@register(
    "units.in_words",
    "units",
    "warning",
    "{readers} measure this in {target}",
    trigger_words=TRIGGER_WORDS,
    examples=[
        Example("Grab five pounds of apples for the weekend.", "AU", "five pounds of"),
        Example("The trail is two miles long.", "NZ", "two miles"),
        Example("Our shop is half a mile from the station.", "IE", "half a mile"),
        Example("Trim a few inches off your hair.", "ZA", "a few inches"),
        Example("He stands six feet tall.", "NZ", "six feet"),
        Example("He stands six feet tall.", "IN", None),  # CLDR: India keeps feet for height
        Example("Fill three gallons of water.", "AU", "three gallons"),
        Example("It does forty miles per gallon.", "NZ", "forty miles per gallon"),
        Example("It hit ninety degrees Fahrenheit today.", "AU", "ninety degrees Fahrenheit"),
        Example("I lost two stone this year!", "AU", "two stone"),
        Example("The trail is two miles long.", "GB", None),
        Example("I lost two stone this year!", "GB", None),
        Example("Our team is miles ahead.", "AU", None),
        Example("Inch closer to your goals.", "AU", None),
        Example("Jump in feet first.", "AU", None),
        Example("It costs five pounds.", "IE", None),
        Example("Grab five pounds of apples for the weekend.", "US", None),
        Example("We beat them by a mile.", "NZ", None),
        Example("Our 15-pound turkey serves ten.", "ZA", "15-pound"),
        Example("The parcel weighs in at 15 pounds.", "ZA", "15 pounds"),
        Example("Win a ten-pound voucher!", "ZA", None),
    ],
)
def detect_units_in_words(context: Context) -> Iterator[Hit]:
    market = context.market
    if market.measurement_system == "US":
        return
    accepted = accepted_units(market.code, market.measurement_system)
    doc = context.doc
    masked = doc.masked
    seen: set[int] = set()
    for at, size in _unit_words_at(doc):
        # Only around each unit word: an amount stands before it, a cue after.
        window = (max(0, at - AMOUNT_REACH), at + size + CUE_REACH)
        for match in UNIT_WORDS.finditer(masked, *window):
            if match.start() in seen:
                continue
            seen.add(match.start())
            key = next(k for k in WORD_UNITS if k != "pound" and match.group(k) is not None)
            hit = _hit(context, match, key, accepted)
            if hit is not None:
                yield hit
        if masked[at : at + 5].lower() != "pound":
            continue
        for match in POUNDS.finditer(masked, *window):
            if (
                match.group("before") is None
                and match.group("after") is None
                and (match.group("thing") is None)
            ):
                continue
            if match.start("amount") in seen:
                continue
            seen.add(match.start("amount"))
            start = match.start("amount")
            end = match.end("after") if match.group("after") else match.end("pound")
            hit = _hit(context, match, "pound", accepted, start, end)
            if hit is not None:
                yield hit


AMOUNT_REACH = 64  # "put on a hundred and twenty-five" and the "degrees" before Fahrenheit
CUE_REACH = 48  # "miles per gallon", "feet in diameter", "six foot eleven"


def _unit_words_at(doc: Document) -> list[tuple[int, int]]:
    """(offset, length) of each unit word in the post, in text order."""
    found = []
    for word in TRIGGER_WORDS.intersection(doc.word_set):
        found += [(at, len(word)) for at in word_positions(doc.lower_masked, word)]
    return sorted(found)


def _hit(
    context: Context,
    match: re.Match[str],
    key: str,
    accepted: frozenset[str],
    start: int = -1,
    end: int = -1,
) -> Hit | None:
    unit = WORD_UNITS[key]
    if unit.cldr in accepted:
        return None
    amount = match.group("amount")
    if amount[:1].isdigit() and _read_after_digits(key, match.group(key)):
        return None  # units.foreign reads it
    if _idiom_or_title(context, match, key, amount):
        return None
    value = number_value(amount)
    if value is not None and key == "foot" and match.group("inches"):
        inches = number_value(match.group("inches"))
        if inches is not None and inches < 12:
            value += inches / 12
    if start < 0:
        start, end = match.start("amount"), match.end(key)
        if key == "foot" and match.group("inches"):
            end = match.end("inches")
    target = _target(context.market.code, unit)
    return Hit(start, end, _converted(key, value, target), {"target": target})


def _idiom_or_title(context: Context, match: re.Match[str], key: str, amount: str) -> bool:
    """ "by a mile", "an ounce of sense" (a bare "a" without a word that makes it a
    measure), or a capitalized title mid-sentence ("Six Feet Under")."""
    masked = context.doc.masked
    if amount.lower() in ("a", "an", "one") and key != "foot":
        return key in ("ounce", "stone") or not A_CUE.match(masked, match.end(key))
    start = match.start("amount")
    return (
        start in context.doc.name_starts
        and amount[:1].isupper()
        and not _is_sentence_start(masked, start)
    )


# Units the rule for units after digits (units.foreign) already reads there.
_AFTER_DIGITS = frozenset({"mile", "foot", "gallon", "ounce", "stone", "fahrenheit"})


def _read_after_digits(key: str, unit_text: str) -> bool:
    return key in _AFTER_DIGITS or (key == "mph" and "per" in unit_text.lower())


def _is_sentence_start(masked: str, position: int) -> bool:
    before = masked[:position].rstrip()
    return not before or before[-1] in ".!?\n"


def _target(market: str, unit: WordUnit) -> str:
    """The metric unit to write: for fuel economy, the market's CLDR preference."""
    if unit.cldr == "mile-per-gallon":
        preferred = unit_preferences()["preferred"].get(market, [])
        if "kilometer-per-liter" in preferred:
            return "km/L"
    return unit.target


def _converted(key: str, value: float | None, target: str) -> str | None:
    """The amount in ``target``, or None for a vague amount ("a few inches")."""
    if value is None:
        return None
    if key == "fahrenheit":
        return f"{format_number((value - 32) * 5 / 9)}°C"
    if key == "mpg":
        if value <= 0:
            return None
        if target == "km/L":
            return f"{format_number(value * 0.425144)} km/L"
        return f"{format_number(235.214583 / value)} L/100 km"
    metric = value * WORD_UNITS[key].factor
    if target == "m" and metric < 10:
        return f"{metric:.2f} m"
    return f"{format_number(metric)} {target}"
