"""Meta-test: every rule has examples, and every example holds."""

from __future__ import annotations

import pytest

from onshore.marketfit import RULES, Post, check, parse_at
from onshore.marketfit._registry import Example, Rule

CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{index}")
    for rule in RULES.values()
    for index, example in enumerate(rule.examples)
]


def run_example(example: Example, rule: Rule) -> list[tuple[int, int]]:
    post = Post(
        example.text,
        example.market,
        network=example.network,
        at=parse_at(example.at) if example.at else None,
    )
    return [(f.start, f.end) for f in check(post) if f.rule == rule.id]


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_flag_and_clean_examples(rule_id: str) -> None:
    examples = RULES[rule_id].examples
    assert any(e.flag is not None for e in examples), f"{rule_id} has no must-flag example"
    assert any(e.flag is None for e in examples), f"{rule_id} has no must-not-flag example"


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example(rule: Rule, example: Example) -> None:
    spans = run_example(example, rule)
    if example.flag is None:
        assert spans == [], f"{rule.id} flagged {example.text!r} at {spans}"
    else:
        start = example.text.index(example.flag)
        expected = (start, start + len(example.flag))
        assert expected in spans, f"{rule.id} on {example.text!r}: want {expected}, got {spans}"
