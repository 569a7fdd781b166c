"""Markets: a country with its language, zones, currency and conventions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from onshore.marketfit._data import markets_table

# VarCon spelling categories accepted per English market (A US, B British -ise,
# Z British -ize/Oxford, C Canadian, D Australian). VarCon has no New Zealand,
# Irish, Indian or South African column; their style guides follow British spelling.
SPELLING_CATEGORIES: dict[str, str] = {
    "US": "A",
    "GB": "BZ",
    "CA": "C",
    "AU": "D",
    "NZ": "BZ",
    "IE": "BZ",
    "IN": "BZ",
    "ZA": "BZ",
}
# How messages name the people who read the post.
READERS: dict[str, str] = {
    "US": "US readers",
    "GB": "UK readers",
    "CA": "Canadian readers",
    "AU": "Australian readers",
    "NZ": "New Zealand readers",
    "IE": "Irish readers",
    "IN": "Indian readers",
    "ZA": "South African readers",
}


class UnknownMarketError(ValueError):
    """The market code is not an ISO 3166 country we have data for."""


@dataclass(frozen=True)
class Market:
    code: str
    name: str
    language: str
    zones: tuple[str, ...]
    primary_zone: str
    multi_zone: bool
    currency: str | None
    measurement_system: str
    date_order: str

    @property
    def readers(self) -> str:
        return READERS.get(self.code, f"readers in {self.name}")

    @property
    def place(self) -> str:
        """The name as it reads mid-sentence ("in the United States")."""
        plural_or_union = ("United ", "Netherlands", "Philippines", "Bahamas", "Gambia")
        return f"the {self.name}" if self.name.startswith(plural_or_union) else self.name

    @property
    def spelling_variant(self) -> str | None:
        """The English market whose spelling this market follows, if any."""
        return self.code if self.code in SPELLING_CATEGORIES else None


@cache
def get_market(code: str) -> Market:
    """The market for an ISO 3166 alpha-2 code (case-insensitive; "UK" means GB)."""
    normalized = code.strip().upper()
    if normalized == "UK":
        normalized = "GB"
    row = markets_table().get(normalized)
    if row is None:
        raise UnknownMarketError(f"unknown market {code!r}: use an ISO 3166 code such as GB or US")
    return Market(
        code=normalized,
        name=row["name"],
        language=row["language"],
        zones=tuple(row["zones"]),
        primary_zone=row["primary_zone"],
        multi_zone=row["multi_zone"],
        currency=row["currency"],
        measurement_system=row["measurement_system"],
        date_order=row["date_order"],
    )


def market_codes() -> list[str]:
    return sorted(markets_table())
