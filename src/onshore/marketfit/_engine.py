"""check(): build the per-post context once, run every applicable rule."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from onshore.marketfit._markets import Market, get_market
from onshore.marketfit._registry import RULES, Context, Hit, Rule
from onshore.marketfit._text import Document, tokenize
from onshore.marketfit._timezones import zone_info
from onshore.marketfit._types import (
    NETWORKS,
    Category,
    Finding,
    Options,
    Post,
    Severity,
    UnknownNetworkError,
)


class UnknownZoneError(ValueError):
    """The zone is not an IANA time zone name."""


# check() without options shares this instance rather than building one per post.
DEFAULT_OPTIONS = Options()


def check(post: Post, options: Options | None = None) -> list[Finding]:
    """Every finding for ``post`` in its market, ordered by position then rule id."""
    context = build_context(post, options or DEFAULT_OPTIONS)
    return collect_findings(context, triggered_rules(context))


def collect_findings(context: Context, rules: list[Rule]) -> list[Finding]:
    findings = []
    doc = context.doc
    for rule in rules:
        for hit in rule.detect(context):
            if doc.suppressed and doc.is_suppressed(hit.start, rule.id, rule.category):
                continue
            findings.append(to_finding(rule, hit, context))
    if len(findings) > 1:  # most posts have none or one: sorting with a key costs
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


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


def triggered_rules(context: Context) -> list[Rule]:
    """The applicable rules whose trigger occurs in the post, in registry order."""
    plan = rule_plan(context)
    doc = context.doc
    words = doc.word_set & plan.trigger_words
    return rules_for(plan, words, pattern_hits(plan, doc))


def pattern_hits(plan: RulePlan, doc: Document) -> tuple[bool, ...]:
    """Per pattern in ``plan.by_pattern``, whether it matches ``doc.masked``. A pattern
    whose matches start with a digit is searched from ``doc.first_digit`` on, which
    gives the same answer (lookbehinds still see the text before it), and not at all
    without a digit. A pattern that is one class of plain characters ("[$£€]") is a
    few substring tests."""
    masked, first_digit = doc.masked, doc.first_digit
    hits = []
    for (pattern, _), led, characters in zip(
        plan.by_pattern, plan.digit_led, plan.any_of, strict=True
    ):
        if characters:
            hits.append(any(character in masked for character in characters))
        elif led:
            hits.append(
                first_digit >= 0 and doc.scanner(pattern).search(masked, first_digit) is not None
            )
        else:
            hits.append(doc.scanner(pattern).search(masked) is not None)
    return tuple(hits)


def plain_characters(pattern: re.Pattern[str]) -> str:
    """The characters of a pattern that is one class of plain characters, such as
    "[$£€₹¥]" (no flags beyond the default, no escapes, ranges or negation), else ""."""
    source = pattern.pattern
    if pattern.flags & ~re.UNICODE or not _PLAIN_CLASS.fullmatch(source):
        return ""
    return source[1:-1]


_PLAIN_CLASS = re.compile(r"\[[^\]\\^\-\[]+\]")


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
    rules = plan.rules
    return [rules[position] for position in range(len(rules)) if chosen >> position & 1]


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


_new = object.__new__


def new_finding(
    rule: str,
    category: Category,
    severity: Severity,
    message: str,
    start: int,
    end: int,
    suggestion: str | None,
) -> Finding:
    """``Finding(rule, ..., suggestion)`` built without the frozen dataclass's
    ``__init__``, whose seven ``object.__setattr__`` calls cost more than the rest of
    building a finding. It fills the same instance dict, so the result is equal to, and
    indistinguishable from, what ``Finding(...)`` builds (tests/marketfit/
    test_fast_paths.py holds it to every field). It lives here, in a compiled module,
    rather than beside Finding in _types, which is never compiled."""
    finding = _new(Finding)
    fields = finding.__dict__
    fields["rule"] = rule
    fields["category"] = category
    fields["severity"] = severity
    fields["message"] = message
    fields["start"] = start
    fields["end"] = end
    fields["suggestion"] = suggestion
    return finding


def to_finding(rule: Rule, hit: Hit, context: Context) -> Finding:
    overrides = context.options.severity_overrides
    severity = rule.severity
    if overrides:
        severity = overrides.get(rule.id, overrides.get(rule.category, severity))
    message = render_message(rule.message, hit, context)
    message = message[:1].upper() + message[1:]
    return new_finding(
        rule.id, rule.category, severity, message, hit.start, hit.end, hit.suggestion
    )


def render_message(template: str, hit: Hit, context: Context) -> str:
    """``template.format_map(values)``, where the values are the market's ``readers``
    and ``market``, the ``found`` text, the ``suggestion`` ("" for none) and the hit's
    details, which win over the others. Templates are parsed once; one that needs
    more than plain fields (a format spec, a conversion) goes to str.format_map."""
    parts = _TEMPLATE_PARTS.get(template)
    if parts is None:
        parts = _TEMPLATE_PARTS[template] = template_parts(template)
    if not parts:
        return template.format_map(message_values(hit, context))
    detail = hit.detail
    pieces = []
    for literal, name in parts:
        pieces.append(literal)
        if not name:
            continue
        if detail and name in detail:
            pieces.append(detail[name])
        elif name == "found":
            pieces.append(context.post.text[hit.start : hit.end])
        elif name == "suggestion":
            pieces.append(hit.suggestion or "")
        else:
            pieces.append(market_words(context.market.code)[name])  # KeyError as format_map
    return "".join(pieces)


# template -> its (literal text, field name or "") pairs; () when format_map must do it
_TEMPLATE_PARTS: dict[str, tuple[tuple[str, str], ...]] = {}


def template_parts(template: str) -> tuple[tuple[str, str], ...]:
    parts = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if spec or conversion or (name is not None and not name.isidentifier()):
            return ()
        parts.append((literal, name or ""))
    return tuple(parts) or (("", ""),)


def message_values(hit: Hit, context: Context) -> dict[str, str]:
    values = market_words(context.market.code).copy()
    values["found"] = context.post.text[hit.start : hit.end]
    values["suggestion"] = hit.suggestion or ""
    if hit.detail:
        values.update(hit.detail)
    return values


@cache
def market_words(code: str) -> dict[str, str]:
    """How messages name a market's readers and the market itself."""
    market = get_market(code)
    return {"readers": market.readers, "market": market.place}


def build_context(post: Post, options: Options) -> Context:
    market = get_market(post.market)
    if post.network is not None and post.network not in NETWORKS:
        raise UnknownNetworkError(
            f"unknown network {post.network!r}: use one of {', '.join(NETWORKS)}"
        )
    zone = load_zone(post.zone or market.primary_zone)
    local_at, wall = resolve_schedule(post.at, zone)
    return Context(
        post=post,
        market=market,
        options=options,
        doc=tokenize(post.text, options.glossary),
        zone=zone,
        local_at=local_at,
        wall_time_requested=wall,
    )


def parse_at(text: str) -> datetime:
    """ISO 8601, optionally with an RFC 9557 zone suffix: "2026-07-04T09:00",
    "2026-07-04T09:00-04:00", "2026-07-04T09:00[America/New_York]". Without offset or
    zone the time is the market's wall-clock time."""
    text = text.strip()
    zone_name = None
    if text.endswith("]") and "[" in text:
        text, zone_name = text[:-1].split("[", 1)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise ValueError(f"invalid time {text!r}: use ISO 8601 such as 2026-07-04T09:00") from error
    if zone_name is None:
        return moment
    zone = load_zone(zone_name)
    if moment.tzinfo is not None:
        return moment.astimezone(zone)
    return moment.replace(tzinfo=zone)


def load_zone(name: str) -> ZoneInfo:
    try:
        return zone_info(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise UnknownZoneError(
            f"unknown time zone {name!r}: use an IANA name such as Europe/London"
        ) from error


def resolve_schedule(
    at: datetime | None, zone: ZoneInfo
) -> tuple[datetime | None, datetime | None]:
    """(time in the market zone, naive wall time the author picked if one was picked)."""
    if at is None:
        return None, None
    if at.tzinfo is None:
        return at.replace(tzinfo=zone), at
    if isinstance(at.tzinfo, ZoneInfo):
        wall = at.replace(tzinfo=None)
        if at.tzinfo.key != zone.key:
            return at.astimezone(zone), None
        return at, wall
    return at.astimezone(zone), None


_LOADED = False


def load_rules() -> None:
    """Import the rule modules on first check (they register themselves)."""
    global _LOADED
    if _LOADED:
        return
    from onshore.marketfit import (  # noqa: F401
        _rules_currency,
        _rules_date,
        _rules_holiday,
        _rules_length,
        _rules_spelling,
        _rules_timezone,
        _rules_timing,
        _rules_units,
        _rules_vocabulary,
    )

    _LOADED = True


def market_of(post: Post) -> Market:
    return get_market(post.market)
