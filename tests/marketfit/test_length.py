"""Length counting: the fast chunk-at-a-time count agrees with the unit-by-unit walk
that locates the overflow, on any text and every network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onshore.marketfit import NETWORKS
from onshore.marketfit._length import counted_length, overflow_start, weighted_units

CORPUS = Path(__file__).resolve().parents[1] / "data" / "marketfit" / "corpus.jsonl"
# Pieces that make grapheme clusters and X weights hard: emoji with skin tones, ZWJ
# sequences, flags (regional indicators), keycaps, variation selectors, combining marks,
# prepended marks, CR LF, CJK, Hangul jamo, URLs and remote mentions, and characters
# whose NFC form is longer or ASCII.
NASTY = [
    "a", "Z", " ", "\r", "\n", "\r\n", "é", "e\u0301", "\u0301", "\u200d", "\ufe0f", "👍",
    "👍🏽", "🏽", "👩\u200d💻", "👨\u200d👩\u200d👧", "🇬🇧", "🇺", "🇸", "#\ufe0f\u20e3",
    "©", "©\ufe0f", "\u0600", "\u0600a", "\u0915\u093f", "\u1100\u1161\u11a8", "日本",
    "—", "’", "€", "https://example.com/a", "example.co.uk", "www.x.io/p", "@al@host.social",
    "x" * 40, "\u212a", "İ", "\u0344", "\u037e", "\u0958", "\u2adc",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=6)), max_size=60).map("".join)


def reference_length(text: str, network: str) -> int:
    return sum(weight for _start, weight in weighted_units(text, network))


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(text=texts, network=st.sampled_from(NETWORKS))
def test_counted_length_matches_the_unit_walk(text: str, network: str) -> None:
    assert counted_length(text, network) == reference_length(text, network)


@settings(max_examples=300, deadline=None)
@given(text=texts, network=st.sampled_from(NETWORKS), limit=st.integers(1, 120))
def test_overflow_start_is_the_first_unit_past_the_limit(
    text: str, network: str, limit: int
) -> None:
    total = 0
    expected = None
    for start, weight in weighted_units(text, network):
        total += weight
        if total > limit:
            expected = start
            break
    assert overflow_start(text, network, limit) == expected


@pytest.mark.parametrize("text", ["\u2adc" * 10, "\u0344" * 10, "👍🏽" * 10, "日本" * 5])
def test_overflow_of_text_whose_nfc_form_is_longer_or_heavier(text: str) -> None:
    # U+2ADC weighs 3 on X: its NFC form is U+2ADD (2) and U+0338 (1).
    for limit in range(1, 40):
        expected = next(
            (start for start, total in _running_totals(text, "x") if total > limit), None
        )
        assert overflow_start(text, "x", limit) == expected, limit


def _running_totals(text: str, network: str) -> list[tuple[int, int]]:
    totals, total = [], 0
    for start, weight in weighted_units(text, network):
        total += weight
        totals.append((start, total))
    return totals


@pytest.mark.parametrize("network", NETWORKS)
def test_counted_length_on_the_corpus(network: str) -> None:
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            for sample in (text, text * 3):
                assert counted_length(sample, network) == reference_length(sample, network)
