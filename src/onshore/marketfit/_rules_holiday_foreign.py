"""Another country's holiday named in a post in the market's own language (issue 17,
point 5): "Día de Acción de Gracias" in Spain, "Tag der Deutschen Einheit" in
Switzerland, "ofertas del 4 de julio" in Mexico. The English names are
_rules_holiday.py's; the names here are in _holiday_names.py."""

from __future__ import annotations

from collections.abc import Iterator

from onshore.marketfit import _holiday_names as names
from onshore.marketfit._registry import Context, Example, Hit, register


def local_mentions(context: Context) -> list[names.Mention]:
    """The holidays the post names in any language (kept for the relative rule)."""
    cached: list[names.Mention] | None = context.cache.get("holiday_names")
    if cached is None:
        doc = context.doc
        cached = context.cache["holiday_names"] = names.mentions(
            doc.masked, doc.lower_masked, context.market.code, context.local_date
        )
    return cached


@register(
    "holiday.foreign",
    "holiday",
    "warning",
    "{readers} do not keep {name}: it is a public holiday in {country}",
    other_languages=True,
    trigger_words=names.TRIGGER_WORDS,
    trigger_pattern=names.TRIGGER_CHARACTERS,
    examples=[
        Example("¡Ofertas del Día de Acción de Gracias!", "ES", "Día de Acción de Gracias"),
        Example("感謝祭セール開催中！", "JP", "感謝祭"),
        Example("お客様感謝祭セール開催中！", "JP", None),
        Example("Misa de acción de gracias el domingo.", "ES", None),
        Example("Ofertas del 4 de julio 🇺🇸 en toda la tienda.", "MX", "4 de julio"),
        Example("El 4 de julio abrimos a las 10.", "ES", None),
        Example("Am Tag der Deutschen Einheit haben wir geöffnet.", "CH",
                "Tag der Deutschen Einheit"),
        Example("Am Tag der Deutschen Einheit haben wir geschlossen.", "DE", None),
        Example("Zum Bundesfeiertag: Grillwürste im Angebot.", "DE", "Bundesfeiertag"),
        Example("Zum Bundesfeiertag: Grillwürste im Angebot.", "CH", None),
        Example("¡Feliz Día de la Independencia! 🇲🇽", "ES", "Día de la Independencia"),
        Example("¡Feliz Día de la Independencia! 🇲🇽", "MX", None),
        Example("¡Feliz Día de la Independencia!", "ES", None),
        Example("¡Feliz Día de la Independencia!", "ES", "Día de la Independencia",
                at="2026-07-03T10:00"),
        Example("Ferragosto: chiuso per ferie.", "AT", None),
        Example("Ferragosto-Special im Restaurant.", "NL", "Ferragosto"),
    ],
)  # fmt: skip
def detect_foreign(context: Context) -> Iterator[Hit]:
    code = context.market.code
    year = context.local_date.year if context.local_date else context.year
    for mention in local_mentions(context):
        holiday = mention.holiday
        if holiday.own_only or names.kept_in(holiday, code, year):
            continue
        country = _country_name(holiday.country)
        yield Hit(mention.start, mention.end, None, {"name": holiday.name, "country": country})


_COUNTRIES = {"US": "the United States", "GB": "the United Kingdom", "DE": "Germany",
              "CH": "Switzerland", "ES": "Spain", "MX": "Mexico", "BR": "Brazil", "FR": "France",
              "IT": "Italy", "NL": "the Netherlands"}  # fmt: skip


def _country_name(code: str) -> str:
    return _COUNTRIES.get(code, code)
