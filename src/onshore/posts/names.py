"""The names people type for a workspace's markets and for networks, in CSV files and in
the filters of the calendar and the export. One reading for both, so a market written
``GB`` in a plan's row finds the same market as ``?market=GB`` in a filter.
"""

from __future__ import annotations

from dataclasses import dataclass

from onshore.workspaces.models import Market, Workspace

# Names a spreadsheet or a person may use for a network; the value is onshore's name.
NETWORK_ALIASES = {"twitter": "x", "x.com": "x", "bsky": "bluesky", "ig": "instagram"}


@dataclass
class MarketIndex:
    """The workspace's markets by country code (when unique) and by language tag."""

    by_key: dict[str, Market]
    default: Market | None
    names: list[str]

    @classmethod
    def of(cls, workspace: Workspace, chosen: str = "") -> MarketIndex:
        markets = list(workspace.markets.all())
        countries = [m.country for m in markets]
        by_key = {m.language.lower(): m for m in markets}
        by_key.update({m.country.lower(): m for m in markets if countries.count(m.country) == 1})
        names = [market_name(m, countries) for m in markets]
        default = markets[0] if len(markets) == 1 else None
        if chosen:
            default = by_key.get(chosen.strip().lower())
        return cls(by_key, default, names)

    def find(self, value: str) -> Market | None:
        return self.by_key.get(value.strip().lower()) if value.strip() else self.default


def market_name(market: Market, countries: list[str]) -> str:
    """The market's CSV name: its country code, or its language tag if the code is shared."""
    return market.country if countries.count(market.country) == 1 else market.language
