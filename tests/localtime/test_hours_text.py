"""Working hours typed as text ("mon-fri 09:00-17:00; sat 10:00-12:00"), read by
``localtime`` for every caller: the what-if command, the Costs pages and the API."""

from __future__ import annotations

from datetime import time

import pytest

from onshore.localtime import DayHours, parse_hours_text


def test_short_form_lists_day_ranges_and_several_spans() -> None:
    week = parse_hours_text("mon-wed 09:00-12:00, 13:00-17:30; sat 22:00-02:00")
    assert sorted(week) == ["mon", "sat", "tue", "wed"]
    assert week["tue"] == (DayHours(time(9), time(12)), DayHours(time(13), time(17, 30)))
    assert week["sat"][0].crosses_midnight()


def test_the_stored_json_reads_the_same_as_the_short_form() -> None:
    stored = '{"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]}'
    assert parse_hours_text(stored) == parse_hours_text("mon-tue 09:00-17:00")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("mon-fry 09:00-17:00", "unknown weekday 'fry'"),
        ("fri-mon 09:00-17:00", "'fri-mon': days run forwards"),
        ("mon 0900", "'0900': write a span as HH:MM-HH:MM"),
        ("mon", "'mon': write days then spans"),
        ("mon 09:00-25:00", "mon: '25:00' is not a time"),
        ('{"mon": [["9am", "5pm"]]}', "mon: '9am' is not a time"),
    ],
)
def test_bad_hours_say_which_part_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_hours_text(text)
