"""The generated public-holiday table (data/holidays/) must say what the installed
``holidays`` package says for every market and year it covers; regenerate it with
``scripts/generate_marketfit_data.py --holidays-only`` after upgrading the package."""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from onshore.marketfit import _observances
from onshore.marketfit._data import DATA_DIR, markets_table

TABLE_MARKETS = sorted(path.stem for path in (DATA_DIR / "holidays").glob("*.json"))


def test_every_market_the_package_knows_has_a_table() -> None:
    supported = holidays.list_supported_countries()
    assert sorted(code for code in markets_table() if code in supported) == TABLE_MARKETS


@pytest.mark.parametrize("market", TABLE_MARKETS)
def test_table_matches_the_installed_package(market: str) -> None:
    table = _observances.holiday_table(market)
    assert table is not None
    first, last = table["years"]
    assert (first, last) == (2020, 2035)
    for year in range(first, last + 1):
        generated = _observances.public_holidays(market, year)
        assert generated == _observances.package_public_holidays(market, year), (
            f"data/holidays/{market}.json drifted from holidays {holidays.__version__} in "
            f"{year}: run scripts/generate_marketfit_data.py --holidays-only"
        )


def test_years_outside_the_table_come_from_the_package() -> None:
    assert _observances.public_holidays("GB", 2040)[date(2040, 12, 25)] == "Christmas Day"
    assert _observances.public_holidays("US", 2019)[date(2019, 7, 4)] == "Independence Day"


def test_unknown_market_has_no_table() -> None:
    assert _observances.holiday_table("../markets") is None
    assert _observances.holiday_table("XX") is None
