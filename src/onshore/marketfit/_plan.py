"""Which rules apply to a market, language and set of disabled rules, indexed by what
triggers them: worked out once per such combination and kept."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from onshore.marketfit._registry import RULES, Context, Rule


@dataclass(frozen=True)
class RulePlan:
    """The rules that apply to one market and set of disabled rules, indexed by what
    triggers them (see Rule.trigger_words)."""

    rules: tuple[Rule, ...]  # in registry order, which is the order they run in
    always: tuple[int, ...]  # positions in ``rules`` of rules without a trigger
    by_word: dict[str, tuple[int, ...]]
    by_pattern: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...]
    trigger_words: frozenset[str]
    # Per pattern in ``by_pattern``: whether every match starts with a digit (its
    # source begins with \d), so the search can start at the post's first digit and
    # is skipped in a post without one (three posts in ten).
    digit_led: tuple[bool, ...] = ()
    # Per pattern: its characters when it is one class of plain characters, else "".
    any_of: tuple[str, ...] = ()
    # The same positions as bit sets (bit N: position N in ``rules``), which rules_for
    # ORs together instead of ticking a list entry by entry.
    always_bits: int = 0
    word_bits: dict[str, int] = field(default_factory=dict)
    pattern_bits: tuple[int, ...] = ()


def bits(positions: Iterable[int]) -> int:
    """The bit set of ``positions``."""
    return sum(1 << position for position in set(positions))


def applicable_rules(context: Context) -> list[Rule]:
    """Every rule that applies to the post's market and options, triggered or not."""
    return list(rule_plan(context).rules)


def rule_plan(context: Context) -> RulePlan:
    key = (context.market.code, context.post.locale, context.options.disabled)
    plan = _PLANS.get(key)
    if plan is None:
        plan = _PLANS[key] = make_plan(context)
    return plan


# Which rules apply depends only on market, language and the disabled set.
_PLANS: dict[tuple[str, str | None, frozenset[str]], RulePlan] = {}


def make_plan(context: Context) -> RulePlan:
    load_rules()
    disabled = context.options.disabled
    rules = tuple(
        rule
        for rule in RULES.values()
        if rule.id not in disabled and rule.category not in disabled and rule.applies_to(context)
    )
    by_word: dict[str, list[int]] = {}
    by_pattern: dict[re.Pattern[str], list[int]] = {}
    always = []
    for position, rule in enumerate(rules):
        for word in rule.trigger_words or ():
            by_word.setdefault(word, []).append(position)
        if rule.trigger_pattern is not None:
            by_pattern.setdefault(rule.trigger_pattern, []).append(position)
        if rule.trigger_words is None and rule.trigger_pattern is None:
            always.append(position)
    return RulePlan(
        rules=rules,
        always=tuple(always),
        by_word={word: tuple(positions) for word, positions in by_word.items()},
        by_pattern=tuple((pattern, tuple(positions)) for pattern, positions in by_pattern.items()),
        trigger_words=frozenset(by_word),
        digit_led=tuple(starts_with_digit(pattern.pattern) for pattern in by_pattern),
        any_of=tuple(plain_characters(pattern) for pattern in by_pattern),
        always_bits=bits(always),
        word_bits={word: bits(positions) for word, positions in by_word.items()},
        pattern_bits=tuple(bits(positions) for positions in by_pattern.values()),
    )


def starts_with_digit(source: str) -> bool:
    """Whether every match of the regex ``source`` starts with a digit: it begins with
    ``\\d`` that no quantifier makes optional, and has no alternative beside it (no
    "|" outside groups and character classes)."""
    if not source.startswith("\\d") or source[2:3] in ("?", "*", "{"):
        return False
    depth, position, in_class = 0, 0, False
    while position < len(source):
        char = source[position]
        if char == "\\":
            position += 2  # an escaped character is never syntax
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # A "]" first in the class ("[]...]", "[^]...]") is a literal: skip past it.
            if source.startswith("^", position + 1):
                position += 1
            if source.startswith("]", position + 1):
                position += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        position += 1
    return True


def plain_characters(pattern: re.Pattern[str]) -> str:
    """The characters of a pattern that is one class of plain characters, such as
    "[$£€₹¥]" (no flags beyond the default, no escapes, ranges or negation), else ""."""
    source = pattern.pattern
    if pattern.flags & ~re.UNICODE or not _PLAIN_CLASS.fullmatch(source):
        return ""
    return source[1:-1]


_PLAIN_CLASS = re.compile(r"\[[^\]\\^\-\[]+\]")


_LOADED = False


def load_rules() -> None:
    """Import the rule modules on first check (they register themselves)."""
    global _LOADED
    if _LOADED:
        return
    from onshore.marketfit import (  # noqa: F401
        _rules_clock,
        _rules_currency,
        _rules_currency_place,
        _rules_date,
        _rules_grouping,
        _rules_holiday,
        _rules_holiday_foreign,
        _rules_holiday_local_relative,
        _rules_holiday_relative,
        _rules_holiday_weekday,
        _rules_length,
        _rules_local_dates,
        _rules_locale_dates,
        _rules_money_words,
        _rules_numbers,
        _rules_numeric_days,
        _rules_quotes,
        _rules_spelling,
        _rules_timezone,
        _rules_timing,
        _rules_unit_words,
        _rules_units,
        _rules_units_languages,
        _rules_vocabulary,
        _rules_zone_languages,
        _rules_zone_seasons,
        _rules_zone_words,
        _spelling_regional,
        _spelling_roles,
        _spelling_sense,
    )

    _LOADED = True
