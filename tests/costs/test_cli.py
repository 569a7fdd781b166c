"""`onshore whatif` on the command line: text, JSON, and exit 2 naming the bad option."""

from __future__ import annotations

import json

import pytest

from onshore.costs.cli import main

# The Auckland vendor of test_whatif.py, as options.
ARGS = [
    "--pricing", "hourly", "--amount", "20", "--currency", "USD", "--hours-per-post", "2",
    "--country", "NZ", "--zone", "Pacific/Auckland", "--hours", "mon-fri 09:00-17:00",
    "--posts-per-month", "10", "--reviewer-hourly-value", "40", "--explaining-hours", "4",
    "--delay-cost-per-day", "50",
    "--business-country", "GB", "--business-zone", "Europe/London",
    "--business-hours", '{"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], '
    '"wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}',
    "--rate", "USD=0.80", "--week-of", "2026-03-02",
]  # fmt: skip


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*ARGS, "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["sourcing"] == "offshored"
    assert result["monthly_total"] == {"amount": "1233.34", "currency": "GBP"}
    assert result["cost_per_post"] == {"amount": "123.33", "currency": "GBP"}
    assert result["delay_days_per_round"] == "1.00"
    assert result["overlap_hours_per_week"] == "0"


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(ARGS) == 0
    out = capsys.readouterr().out
    assert "What if: an offshored vendor in New Zealand" in out
    assert "£1,233.34" in out and "£123.33" in out
    assert "Assumptions:" in out


@pytest.mark.parametrize(
    ("replace", "value", "message"),
    [
        ("--amount", "twenty", "--amount: 'twenty' is not a number"),
        ("--posts-per-month", "0", "--posts-per-month: must be more than 0"),
        ("--zone", "Mars/Olympus", "--zone:"),
        ("--hours", "mon-fry 09:00-17:00", "--hours: unknown weekday 'fry'"),
        ("--business-hours", '{"mon": [["9am", "5pm"]]}', "--business-hours: mon:"),
        ("--rate", "USD=-1", "--rate: must not be negative"),
        ("--currency", "EUR", "--rate: --currency is EUR but no --rate EUR=VALUE"),
        ("--week-of", "next week", "--week-of:"),
    ],
)
def test_bad_input_exits_2_naming_the_option(
    capsys: pytest.CaptureFixture[str], replace: str, value: str, message: str
) -> None:
    args = list(ARGS)
    args[args.index(replace) + 1] = value
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_hourly_needs_hours_per_post(capsys: pytest.CaptureFixture[str]) -> None:
    args = list(ARGS)
    del args[args.index("--hours-per-post") : args.index("--hours-per-post") + 2]
    assert main(args) == 2
    assert "--hours-per-post: required with --pricing hourly" in capsys.readouterr().err


def test_missing_required_option_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    args = list(ARGS)
    del args[args.index("--amount") : args.index("--amount") + 2]
    assert main(args) == 2
    assert "--amount" in capsys.readouterr().err
