"""Which of the applicable rules a post triggers (see Rule.trigger_words): the rules
check() runs on it."""

from __future__ import annotations

from onshore.marketfit._plan import RulePlan, rule_plan
from onshore.marketfit._registry import Context, Rule
from onshore.marketfit._text import Document


def triggered_rules(context: Context) -> list[Rule]:
    """The applicable rules whose trigger occurs in the post, in registry order."""
    plan = rule_plan(context)
    doc = context.doc
    words = doc.word_set & plan.trigger_words
    return rules_for(plan, words, pattern_hits(plan, doc))


def pattern_hits(plan: RulePlan, doc: Document) -> tuple[bool, ...]:
    """Per pattern in ``plan.by_pattern``, whether it matches ``doc.masked``, asked the
    way the plan found fastest for it: a class of plain characters ("[$£€]") as
    substring tests, a pattern whose every match starts with a digit from the first
    digit on."""
    hits = []
    for (pattern, _), led, characters in zip(
        plan.by_pattern, plan.digit_led, plan.any_of, strict=True
    ):
        if characters:
            hits.append(doc.holds_any(characters))
        else:
            hits.append(doc.contains(pattern, digit_led=led))
    return tuple(hits)


def rules_for(plan: RulePlan, words: frozenset[str], hits: tuple[bool, ...]) -> list[Rule]:
    """The rules triggered by the trigger words ``words`` and the pattern ``hits``, in
    registry order."""
    chosen = plan.always_bits
    word_bits = plan.word_bits
    for word in words:
        chosen |= word_bits[word]
    for index, hit in enumerate(hits):
        if hit:
            chosen |= plan.pattern_bits[index]
    # Walk the set bits only, lowest first (registry order): a market has hundreds of
    # vocabulary rules, and a post triggers a handful of them.
    rules = plan.rules
    triggered = []
    while chosen:
        lowest = chosen & -chosen
        triggered.append(rules[lowest.bit_length() - 1])
        chosen ^= lowest
    return triggered
