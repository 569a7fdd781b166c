"""Units: a unit the market does not use for that quantity.

Which units a market uses comes from CLDR unit preferences (data/units.json): the union
over every usage of the market's preferred units, falling back to CLDR's world default
("001"). Markets on the metric or UK system also accept every world-default unit (the UK
uses kilograms and kilometres as well as miles); the US accepts only its own list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from onshore.marketfit._data import unit_preferences
from onshore.marketfit._locale_formats import post_formats
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._text import AnyCaseWords, Document


@dataclass(frozen=True)
class Unit:
    cldr: str  # CLDR unit id
    pattern: str  # regex for the unit after the number
    convert: Callable[[float], float]
    metric_target: str  # what to write in a metric market
    us_target: str  # what to write in the US


UNITS: tuple[Unit, ...] = (
    Unit(
        "fahrenheit",
        r"(?:°\s?|º\s?|degrees\s+)F(?:ahrenheit)?\b",
        lambda f: (f - 32) * 5 / 9,
        "°C",
        "°F",
    ),
    Unit(
        "celsius", r"(?:°\s?|º\s?|degrees\s+)C(?:elsius)?\b", lambda c: c * 9 / 5 + 32, "°C", "°F"
    ),
    Unit(
        "kilometer-per-hour",
        r"(?:km/h|kph|kmh|km per hour|kilomet(?:re|er)s per hour)\b",
        lambda v: v / 1.609344,
        "km/h",
        "mph",
    ),
    Unit("mile-per-hour", r"(?:mph|miles per hour)\b", lambda v: v * 1.609344, "km/h", "mph"),
    Unit(
        "kilometer", r"(?:km|kms|kilomet(?:re|er)s?)\b(?!/)", lambda v: v / 1.609344, "km", "miles"
    ),
    Unit("mile", r"(?:miles?|mi)\b(?!\s+per)", lambda v: v * 1.609344, "km", "miles"),
    Unit("kilogram", r"(?:kg|kgs|kilos?|kilograms?)\b", lambda v: v * 2.20462, "kg", "lb"),
    Unit("pound", r"(?:lbs?)\b", lambda v: v / 2.20462, "kg", "lb"),
    Unit("stone", r"(?:stone|st)\b", lambda v: v * 14, "kg", "lb"),
    Unit("ounce", r"(?:oz|ounces?)\b", lambda v: v * 28.3495, "g", "oz"),
    Unit("gallon", r"(?:gallons?|gal)\b", lambda v: v * 3.785, "L", "gallons"),
    Unit("pint", r"pints?\b", lambda v: v * 0.473, "L", "pints"),
    Unit("foot", r"(?:ft|feet|foot)\b", lambda v: v * 0.3048, "m", "ft"),
    Unit("centimeter", r"(?:cm|centimet(?:re|er)s?)\b", lambda v: v / 2.54, "cm", "in"),
    Unit(
        "square-foot", r"(?:sq\.?\s?ft|square\s+f(?:ee|oo)t)\b", lambda v: v * 0.0929, "m²", "sq ft"
    ),
    Unit(
        "square-meter",
        r"(?:m²|m2|sqm|square\s+met(?:re|er)s?)(?!\w)",
        lambda v: v * 10.764,
        "m²",
        "sq ft",
    ),
    Unit("hectare", r"(?:hectares?|ha)\b", lambda v: v * 2.471, "ha", "acres"),
    Unit("mile-per-gallon", r"mpg\b", lambda v: 235.215 / v if v else 0.0, "L/100 km", "mpg"),
)
# A number, then its unit: ``(?<![\w.,])(?>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)``
# written so that the pattern starts with a character class, which lets the regex
# engine skip to the next "-" or digit instead of trying the pattern at every position:
# the first character is taken by ``[-\d]``, the lookbehind after it checks the one
# before, and the rest of the number is read as it would have been after a "-" or after
# one digit (tests/marketfit/test_fast_paths.py holds it to the form above). The number
# is an atomic group: no unit starts with a digit, "," or ".", so a shorter reading of
# the number could never match, and not trying one halves the scan time.
NUMBER = (
    r"(?P<number>[-\d](?<![\w.,][-\d])"
    r"(?>(?:(?<=-)(?:\d{1,3}(?:,\d{3})+|\d+)|(?<=\d)(?:\d{0,2}(?:,\d{3})+|\d*))(?:\.\d+)?))"
)
# What may stand between number and unit, then how one of the unit patterns above
# starts (its first one or two characters). The lookahead first says which characters
# can come first (a space, "-" or the first letter of one of those starts), which drops
# most digits (those followed by another digit) after one test.
_UNIT_AHEAD = (
    r"(?=[\s\-°ºdkmlsogpfch])\s?-?\s?"
    r"(?:[°º]|de|k[mpgi]|m[pi²2]|lb|st|o[zu]|ga|pi|f[teo]|c[me]|sq|h[ae])"
)
# The lookahead after the number changes no match (every unit starts as it says): it
# leaves most numbers (prices, dates, counts) after one test instead of trying every unit.
QUANTITY = re.compile(
    NUMBER
    + r"(?="
    + _UNIT_AHEAD
    + r")\s?-?\s?(?P<unit>"
    + "|".join(f"(?P<u{index}>{unit.pattern})" for index, unit in enumerate(UNITS))
    + r")",
)
# Which of UNITS a QUANTITY match found: the first of its unit groups that took part.
_UNIT_GROUPS = tuple(QUANTITY.groupindex[f"u{index}"] for index in range(len(UNITS)))
# Trigger: a digit, then the start of a unit: "9pm" is no quantity.
QUANTITY_HINT = re.compile(r"\d" + _UNIT_AHEAD)
# CLDR lists only imperial gallons and fluid ounces for UK fluids, but pints are the
# legal measure for draught beer and milk in the UK (Weights and Measures Act 1985) and
# the usual beer measure in Ireland, Australia and New Zealand.
# In India flats and offices are sold by the square foot (builders' plans and RERA
# listings give carpet area in sq ft), and fever is read in °F on the thermometers
# sold there; air temperature is °C, so °F is accepted for a body's only.
EXTRA_ACCEPTED = {"GB": {"pint", "stone"}, "IE": {"pint", "stone"}, "AU": {"pint"},
                  "NZ": {"pint"}, "IN": {"square-foot"}}  # fmt: skip
FEVER_ACCEPTED = {"IN"}
FEVER = AnyCaseWords.whole_words("fever|feverish|temperature|thermometer|paracetamol")
# "16 oz" of a drink is fluid ounces: a volume, suggested in millilitres.
DRINK = AnyCaseWords.whole_words(
    "brew|coffee|latte|drinks?|juice|beer|water|soda|milk|smoothie|cups?|bottles?|cans?|"
    "tea|wine|cocktails?|shakes?|lemonade"
)
# The world default (which UK-system markets accept on top of their own list) includes
# km/h, but CLDR's UK preference for every speed is mph and UK road signs and speed
# limits are in mph only, so a speed in km/h reads as foreign there.
NOT_ACCEPTED = {"GB": {"kilometer-per-hour"}}
# Stone appears in CLDR only as "stone-and-pound" for people's weight in the UK.
ALIASES = {"stone": "stone"}


@cache
def accepted_units(market: str, system: str) -> frozenset[str]:
    prefs = unit_preferences()
    units = set(prefs["preferred"].get(market, prefs["metric_default"]))
    if system in ("metric", "UK"):
        units |= set(prefs["metric_default"])
    units -= NOT_ACCEPTED.get(market, set())
    # CLDR names the imperial gallon and mpg of the UK and Canada apart from the US
    # ones; a post writes "gallons" and "mpg" for either.
    units |= {IMPERIAL_AS_WRITTEN[unit] for unit in units if unit in IMPERIAL_AS_WRITTEN}
    return frozenset(units | EXTRA_ACCEPTED.get(market, set()))


IMPERIAL_AS_WRITTEN = {"gallon-imperial": "gallon", "mile-per-gallon-imperial": "mile-per-gallon"}


def _is_ordinal(number: str, unit: str) -> bool:
    """'1st', '21st' are ordinals, not stone."""
    return unit == "st" and number.endswith("1") and not number.endswith("11")


def format_number(value: float) -> str:
    if abs(value) >= 10:
        return str(round(value))
    return f"{value:.1f}".rstrip("0").rstrip(".")


def quantities(doc: Document) -> Iterator[re.Match[str]]:
    """QUANTITY's matches in the masked text. A quantity starts with its number, so with
    a digit or the "-" before one."""
    return doc.finditer(QUANTITY, digit_led=True, signed=True)


@register(
    "units.foreign",
    "units",
    "warning",
    "{readers} measure this in {target}, not {found_unit}",
    trigger_pattern=QUANTITY_HINT,
    examples=[
        Example("Scorcher today: 95°F by noon!", "AU", "95°F"),
        Example("Delhi hits 104°F today: stay indoors.", "IN", "104°F"),
        Example("Fever above 101°F for two days? See a doctor.", "IN", None),
        Example("3 BHK flats from 1,450 sq ft, ready to move in.", "IN", None),
        Example("Cruising at 100 km/h on the new bypass.", "US", "100 km/h"),
        Example("I lost 2 stone since January!", "US", "2 stone"),
        Example("Our trail shoes weigh just 9 ounces each.", "NZ", "9 ounces"),
        Example("The van tops out at 80 km/h.", "GB", "80 km/h"),
        Example("The van tops out at 50 mph.", "GB", None),
        Example("Cold brew, 16 oz, just $4.", "US", None),
        Example("Cold brew, 16 oz, just $4.", "AU", "16 oz"),
        Example("An 8oz rump steak for £12.", "GB", None),
        Example("Only 5 miles to the coast.", "AU", "5 miles"),
        Example("Only 5 miles to the coast, 30 mph limit, pints £4.", "GB", None),
        Example("Our hybrid does 60 mpg on the motorway.", "GB", None),
        Example("Our hybrid does 60 mpg on the motorway.", "AU", "60 mpg"),
        Example("A 5 km fun run, then 2 kg of strawberries.", "GB", None),
        Example("Scorcher today: 35°C by noon!", "AU", None),
        Example("Der Koffer wiegt nur 5 lbs.", "DE", "5 lbs"),  # suggests "2,3 kg"
    ],
)
def detect_foreign_units(context: Context) -> Iterator[Hit]:
    market = context.market
    accepted = accepted_units(market.code, market.measurement_system)
    us = market.measurement_system == "US"
    for match in quantities(context.doc):
        unit = UNITS[next(i for i, group in enumerate(_UNIT_GROUPS) if match.start(group) >= 0)]
        if unit.cldr in accepted or _is_ordinal(match.group("number"), match.group("unit")):
            continue
        if (
            unit.cldr == "fahrenheit"
            and market.code in FEVER_ACCEPTED
            and FEVER.found_in(context.doc)
        ):
            continue
        value = float(match.group("number").replace(",", ""))
        # km/h in the UK: its own imperial unit, as in the US.
        imperial = us or unit.cldr in NOT_ACCEPTED.get(market.code, ())
        target = unit.us_target if imperial else unit.metric_target
        converted = format_number(unit.convert(value))
        if unit.cldr == "ounce" and not us and DRINK.found_in(context.doc):
            target, converted = "mL", format_number(value * 29.5735)  # fluid ounces
        joiner = "" if target.startswith("°") else " "
        if context.english_variant is None:
            converted, joiner = _as_locale_writes(context, converted, joiner)
        yield Hit(
            match.start(),
            match.end(),
            f"{converted}{joiner}{target}",
            {"target": target, "found_unit": match.group("unit")},
        )


def _as_locale_writes(context: Context, converted: str, joiner: str) -> tuple[str, str]:
    """The number with the locale's decimal sign, and "30 °C" with CLDR's space in the
    languages that write one (all but Japanese): "4,5 kg" for a German post."""
    formats = post_formats(context)
    if formats is None:
        return converted, joiner
    if not formats.locale.startswith("ja"):
        joiner = " "
    return converted.replace(".", formats.decimal), joiner
