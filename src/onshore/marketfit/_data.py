"""Lazy loaders for the generated data files (see data/README.md).

Each file is read once, on first use, so ``import onshore.marketfit`` stays cheap.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

# Beside the package's __init__.py, not this file: the compiled build of this module
# lives in another folder (see native.py).
DATA_DIR = Path(sys.modules["onshore.marketfit"].__file__ or "").resolve().parent / "data"


def _load(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def spelling_table() -> dict[str, list[Any]]:
    """word -> [accepted categories, preferred categories, {category: suggestion}]."""
    table: dict[str, list[Any]] = _load("spelling.json")
    return table


@cache
def markets_table() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = _load("markets.json")
    return table


@cache
def currency_symbols() -> dict[str, list[str]]:
    table: dict[str, list[str]] = _load("currencies.json")
    return table


@cache
def unit_preferences() -> dict[str, Any]:
    table: dict[str, Any] = _load("units.json")
    return table


@cache
def abbreviation_offsets() -> dict[str, list[int]]:
    table: dict[str, list[int]] = _load("abbreviations.json")
    return table


@cache
def unit_words() -> dict[str, Any]:
    """language -> {"units": {unit: [CLDR long names]}, "numbers": {word: value}}."""
    table: dict[str, Any] = _load("unit_words.json")
    return table


@cache
def money_words() -> dict[str, Any]:
    """language -> {"nouns": {money noun: [currencies]}, "names": [full names]}."""
    table: dict[str, Any] = _load("money_words.json")
    return table


@cache
def money_places() -> dict[str, str]:
    """Place name (countries, big cities, in the markets' languages) -> its currency."""
    table: dict[str, str] = _load("money_places.json")
    return table
