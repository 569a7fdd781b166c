"""Money as ``Decimal`` with a currency code, conversion by given rates, Babel formatting.

Rates are passed in — the workspace keeps its own table and no network is assumed. A
rate says how many units of the workspace currency one unit of the other currency buys:
``{"USD": Decimal("0.79")}`` with a GBP workspace means 1 USD = 0.79 GBP.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, get_currency_precision

Rates = Mapping[str, Decimal]


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}; convert first")
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        return self + Money(-other.amount, other.currency)

    def times(self, factor: Decimal | int) -> Money:
        return Money(self.amount * factor, self.currency)

    def rounded(self) -> Money:
        """To the currency's minor unit (2 for GBP, 0 for JPY), half up as invoices do."""
        exponent = Decimal(1).scaleb(-get_currency_precision(self.currency))
        return Money(self.amount.quantize(exponent, rounding=ROUND_HALF_UP), self.currency)

    def format(self, locale: str) -> str:
        return format_currency(self.amount, self.currency, locale=locale.replace("-", "_"))

    def to_json(self) -> dict[str, str]:
        return {"amount": str(self.amount), "currency": self.currency}


def zero(currency: str) -> Money:
    return Money(Decimal(0), currency)


def total(amounts: Iterable[Money], currency: str) -> Money:
    result = zero(currency)
    for amount in amounts:
        result = result + amount
    return result


def convert(money: Money, to_currency: str, rates: Rates) -> Money:
    """Into the workspace currency; raises ValueError naming a currency with no rate."""
    if money.currency == to_currency:
        return money
    rate = rates.get(money.currency)
    if rate is None:
        raise ValueError(
            f"no exchange rate from {money.currency} to {to_currency}: "
            f"set how many {to_currency} one {money.currency} buys"
        )
    if rate <= 0:
        raise ValueError(f"the exchange rate for {money.currency} must be positive, not {rate}")
    return Money(money.amount * rate, to_currency)
