"""Countries, language tags, time zones and currencies, checked against maintained data.

Django-free. Country names and currencies come from CLDR (Babel); which IANA zones
belong to which country comes from the tz database's own ``zone.tab`` (tzdata).
Every check raises ``ValueError`` with a message a user can act on.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import get_territory_currencies, list_currencies


@functools.cache
def _territory_names() -> dict[str, str]:
    names = Locale("en").territories
    # CLDR territory codes include regions ("150") and pseudo-codes ("ZZ"); keep countries.
    return {code: name for code, name in names.items() if len(code) == 2 and code.isalpha()}


@functools.cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    text = resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text(encoding="utf-8")
    zones: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, _coordinates, zone = line.split("\t")[:3]
        zones.setdefault(code, []).append(zone)
    return {code: tuple(names) for code, names in zones.items()}


def country_choices() -> list[tuple[str, str]]:
    """(code, English name) for every country that has a time zone, sorted by name."""
    zones = _zones_by_country()
    names = _territory_names()
    return sorted(
        ((code, names.get(code, code)) for code in zones), key=lambda pair: pair[1].casefold()
    )


def country_name(code: str) -> str:
    return _territory_names().get(code.upper(), code)


def normalise_country(code: str) -> str:
    """An ISO 3166-1 alpha-2 code, upper-cased; ValueError if it is not a country."""
    cleaned = (code or "").strip().upper()
    if cleaned not in _zones_by_country():
        raise ValueError(f"'{code}' is not an ISO 3166 country code; use two letters, e.g. GB")
    return cleaned


def zones_for_country(code: str) -> tuple[str, ...]:
    return _zones_by_country().get(code.upper(), ())


def normalise_zone(zone: str) -> str:
    """An IANA time zone name as the tz database spells it; ValueError otherwise."""
    cleaned = (zone or "").strip()
    if cleaned not in _available_zones():
        raise ValueError(f"'{zone}' is not an IANA time zone; use a name like Europe/London")
    return cleaned


@functools.cache
def _available_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_zone_in_country(zone: str, country: str) -> None:
    """ValueError unless the zone is one the tz database lists for the country."""
    if zone not in zones_for_country(country):
        listed = ", ".join(zones_for_country(country)[:6]) or "none"
        raise ValueError(
            f"{zone} is not a time zone of {country_name(country)}; choose one of: {listed}"
        )


def normalise_language_tag(tag: str) -> str:
    """A BCP 47 language tag that CLDR knows (``en-GB``, ``fr-CA``), in canonical case."""
    cleaned = (tag or "").strip().replace("_", "-")
    if not cleaned or len(cleaned) > 35:
        raise ValueError("enter a language tag such as en-GB")
    try:
        locale = Locale.parse(cleaned, sep="-")
    except (ValueError, UnknownLocaleError):
        raise ValueError(f"'{tag}' is not a language tag CLDR knows; use one like en-GB") from None
    parts = [locale.language]
    if locale.script:
        parts.append(locale.script)
    if locale.territory:
        parts.append(locale.territory)
    return "-".join(parts)


def language_name(tag: str) -> str:
    try:
        return Locale.parse(tag, sep="-").get_display_name("en") or tag
    except (ValueError, UnknownLocaleError):
        return tag


def default_currency(country: str) -> str:
    """The currency CLDR says the country uses today (GB → GBP, IE → EUR)."""
    currencies = get_territory_currencies(country.upper(), tender=True)
    return currencies[0] if currencies else "USD"


@functools.cache
def first_weekday(country: str) -> int:
    """The day a week starts on in the country, 0 = Monday … 6 = Sunday (CLDR week data:
    GB → 0, US and IN → 6, MV → 4). Monday when CLDR does not know the country.

    Babel keeps week data per locale, so it is read through a locale of the country:
    English there if CLDR has it, else the country's likely language.
    """
    code = (country or "").strip().upper()
    for tag in (f"en_{code}", get_global("likely_subtags").get(f"und_{code}")):
        try:
            return int(Locale.parse(tag).first_week_day) if tag and code else 0
        except (ValueError, UnknownLocaleError):
            continue
    return 0


def normalise_currency(code: str) -> str:
    cleaned = (code or "").strip().upper()
    if cleaned not in _currencies():
        raise ValueError(f"'{code}' is not an ISO 4217 currency code; use three letters, e.g. GBP")
    return cleaned


@functools.cache
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


# The zone a country's market defaults to. For one-zone countries it is that zone; for
# these multi-zone ones it is the most populous (CLDR's primaryZones plus the US, Canada,
# Australia and others that CLDR leaves to its metazone "golden" zones).
_PRIMARY_ZONES = {
    "AR": "America/Argentina/Buenos_Aires",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "DE": "Europe/Berlin",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "ID": "Asia/Jakarta",
    "KZ": "Asia/Almaty",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "US": "America/New_York",
    "UZ": "Asia/Tashkent",
}


def primary_zone(country: str) -> str:
    """The default zone for a country's market (US → America/New_York)."""
    code = country.upper()
    zones = zones_for_country(code)
    preferred = _PRIMARY_ZONES.get(code)
    if preferred in zones:
        return preferred
    return zones[0] if zones else "UTC"


@functools.cache
def _zone_links() -> dict[str, str]:
    """Old and alias names → the zone they link to ("US/Pacific" → America/Los_Angeles),
    from the tz database's own source (tzdata.zi, lines "L target alias")."""
    text = resources.files("tzdata").joinpath("zoneinfo/tzdata.zi").read_text(encoding="utf-8")
    links = {}
    for line in text.splitlines():
        if line.startswith("L "):
            _kind, target, alias = line.split()[:3]
            links[alias] = target
    return links


@functools.cache
def _zones_folded() -> dict[str, str]:
    return {zone.casefold(): zone for zone in _available_zones()}


def pickable_zones() -> dict[str, str]:
    """Zone → country code, for every zone a country uses (zone.tab): what a picker
    offers. Aliases ("US/Pacific") and country-less zones ("Etc/GMT+5") are left out."""
    return {zone: code for code, zones in _zones_by_country().items() for zone in zones}


def canonical_zone(zone: str) -> str:
    """The zone as a picker offers it: spelt as the tz database does ("asia/kolkata" →
    Asia/Kolkata), an alias replaced by the zone it names ("Asia/Calcutta" → Asia/Kolkata).
    ValueError if the tz database does not know it."""
    found = _zones_folded().get((zone or "").strip().casefold())
    if found is None:
        raise ValueError(f"'{zone}' is not an IANA time zone; use a name like Europe/London")
    pickable = pickable_zones()
    if found in pickable:
        return found
    target = _zone_links().get(found, found)
    return target if target in pickable else found


def utc_offset(zone: str, at: datetime) -> str:
    """The zone's offset from UTC at that instant, as people write it: "UTC−08:00"."""
    offset = at.astimezone(ZoneInfo(zone)).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def zone_label(zone: str) -> str:
    """The city part of a zone name, for people: America/New_York → New York."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def zoneinfo(zone: str) -> ZoneInfo:
    return ZoneInfo(zone)
