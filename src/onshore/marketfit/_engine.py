"""check(): build the per-post context once, run every applicable rule."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from onshore.marketfit._markets import Market, get_market
from onshore.marketfit._registry import RULES, Context, Hit, Rule
from onshore.marketfit._text import tokenize
from onshore.marketfit._types import NETWORKS, Finding, Options, Post, UnknownNetworkError


class UnknownZoneError(ValueError):
    """The zone is not an IANA time zone name."""


def check(post: Post, options: Options | None = None) -> list[Finding]:
    """Every finding for ``post`` in its market, ordered by position then rule id."""
    options = options or Options()
    context = build_context(post, options)
    findings = [finding for rule in active_rules(context) for finding in run_rule(rule, context)]
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


def active_rules(context: Context) -> list[Rule]:
    load_rules()
    key = (context.market.code, context.english_variant is None, context.options.disabled)
    rules = _ACTIVE.get(key)
    if rules is None:
        disabled = context.options.disabled
        rules = [
            rule
            for rule in RULES.values()
            if rule.id not in disabled
            and rule.category not in disabled
            and rule.applies_to(context)
        ]
        _ACTIVE[key] = rules
    return rules


# Rules that apply depend only on market, language and disabled set: computed once.
_ACTIVE: dict[tuple[str, bool, frozenset[str]], list[Rule]] = {}


def run_rule(rule: Rule, context: Context) -> list[Finding]:
    findings = []
    for hit in rule.detect(context):
        if context.doc.is_suppressed(hit.start, rule.id, rule.category):
            continue
        findings.append(to_finding(rule, hit, context))
    return findings


def to_finding(rule: Rule, hit: Hit, context: Context) -> Finding:
    overrides = context.options.severity_overrides
    severity = overrides.get(rule.id, overrides.get(rule.category, rule.severity))
    values = {
        "readers": context.market.readers,
        "market": context.market.place,
        "found": context.post.text[hit.start : hit.end],
        "suggestion": hit.suggestion or "",
        **hit.detail,
    }
    message = rule.message.format(**values)
    message = message[:1].upper() + message[1:]
    return Finding(rule.id, rule.category, severity, message, hit.start, hit.end, hit.suggestion)


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
        return ZoneInfo(name)
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
