"""Public API details: options, suppression, glossary, length counting, laziness."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from onshore.marketfit import (
    Options,
    Post,
    UnknownMarketError,
    UnknownNetworkError,
    UnknownZoneError,
    check,
    count_length,
    get_market,
)


def rules(text: str, market: str = "GB", **kwargs: object) -> list[str]:
    options = kwargs.pop("options", None)
    return [f.rule for f in check(Post(text, market, **kwargs), options)]  # type: ignore[arg-type]


def test_glossary_and_disabled_rules() -> None:
    assert rules("Our color range") == ["spelling.variant"]
    assert rules("Our color range", options=Options(glossary=frozenset({"color"}))) == []
    assert rules("Our color range", options=Options(disabled=frozenset({"spelling"}))) == []


def test_severity_override() -> None:
    options = Options(severity_overrides={"spelling.variant": "error"})
    assert check(Post("Our color range", "GB"), options)[0].severity == "error"


def test_oxford_spelling_can_be_switched_off() -> None:
    assert rules("We organize it") == []
    assert rules("We organize it", options=Options(oxford_spelling=False)) == ["spelling.variant"]


def test_suppression_for_listed_rules_only() -> None:
    text = "<!-- onshore-ignore: vocabulary --> New sneakers in our color range"
    assert rules(text) == ["spelling.variant"]


def test_night_window_is_configurable() -> None:
    at = datetime(2026, 3, 10, 21, 30)
    assert rules("Hello", at=at) == []
    night = Options(night_start=time(21, 0), night_end=time(6, 0))
    assert rules("Hello", at=at, options=night) == ["timing.night"]


def test_aware_instant_is_converted_to_market_time() -> None:
    at = datetime(2026, 3, 10, 3, 0, tzinfo=ZoneInfo("UTC"))  # 22:00 in New York
    assert rules("Hello", "US", at=at) == ["timing.night"]


def test_the_night_warning_gives_the_market_day_not_only_the_clock() -> None:
    """03:00 UTC on 10 March is 23:00 on 9 March in New York (EDT since 8 March)."""
    at = datetime(2026, 3, 10, 3, 0, tzinfo=ZoneInfo("UTC"))
    [finding] = check(Post("Hello", "US", at=at))
    assert finding.message.startswith("Scheduled for 23:00 on 9 March 2026 in America/New_York")


@pytest.mark.parametrize(
    ("text", "network", "expected"),
    [
        ("hello", "x", (5, 280)),
        ("see https://example.com/a/very/long/path", "x", (27, 280)),
        ("日本語", "x", (6, 280)),
        ("👨‍👩‍👧‍👦", "x", (2, 280)),
        ("👨‍👩‍👧‍👦", "bluesky", (1, 300)),
        ("hi @alice@mastodon.example.social", "mastodon", (9, 500)),
        ("https://example.com/" + "a" * 100, "mastodon", (23, 500)),
        ("x" * 10, "linkedin", (10, 3000)),
        ("x" * 10, "instagram", (10, 2200)),
        ("x" * 10, "threads", (10, 500)),
    ],
)
def test_count_length(text: str, network: str, expected: tuple[int, int]) -> None:
    assert count_length(text, network) == expected


def test_mastodon_instance_limit() -> None:
    assert count_length("abc", "mastodon", limit=1000) == (3, 1000)
    options = Options(mastodon_limit=100)
    assert rules("a" * 150, network="mastodon", options=options) == ["length.over_limit"]


def test_unknown_inputs_raise_clear_errors() -> None:
    with pytest.raises(UnknownMarketError):
        check(Post("hi", "XX"))
    with pytest.raises(UnknownNetworkError):
        check(Post("hi", "GB", network="myspace"))
    with pytest.raises(UnknownZoneError):
        check(Post("hi", "GB", zone="Mars/Olympus"))


def test_market_lookup() -> None:
    market = get_market("uk")
    assert (market.code, market.primary_zone, market.currency) == ("GB", "Europe/London", "GBP")
    assert get_market("US").multi_zone


def test_import_is_cheap_and_django_free() -> None:
    code = (
        "import sys, onshore.marketfit as m; "
        "assert 'django' not in sys.modules; "
        "assert 'holidays' not in sys.modules and 'babel' not in sys.modules; "
        "m.check(m.Post('Our color', 'GB')); assert 'django' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
