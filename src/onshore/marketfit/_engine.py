"""check(): build the per-post context once, run every rule the post triggers."""

from __future__ import annotations

from onshore.marketfit._locale_formats import market_locale
from onshore.marketfit._markets import get_market
from onshore.marketfit._messages import to_finding
from onshore.marketfit._registry import Context, Rule
from onshore.marketfit._schedule import load_zone, resolve_schedule
from onshore.marketfit._text import tokenize
from onshore.marketfit._triggers import triggered_rules
from onshore.marketfit._types import NETWORKS, Finding, Options, Post, UnknownNetworkError

# check() without options shares this instance rather than building one per post.
DEFAULT_OPTIONS = Options()


def check(post: Post, options: Options | None = None) -> list[Finding]:
    """Every finding for ``post`` in its market, ordered by position then rule id."""
    context = build_context(post, options or DEFAULT_OPTIONS)
    findings = collect_findings(context, triggered_rules(context))
    if context.options.style is not None or post.sponsored:  # most posts: neither
        from onshore.marketfit._rules_style import style_findings

        findings = style_findings(context, findings)
    return findings


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


def glossary_of(options: Options) -> frozenset[str]:
    """The words no rule flags: the workspace's glossary and its style guide's allowed
    terms (phrases writers kept dismissing findings on, accepted on the Style guide page)."""
    style = options.style
    if style is None or not style.allowed:
        return options.glossary
    if options.glossary:  # the CLI's --glossary with a style file: rare
        return options.glossary | frozenset(style.allowed)
    # One set per guide, kept with the guide so its id cannot be reused: the glossary
    # pattern is cached by this set, so a post pays a lookup, not a set and a regex.
    entry = _ALLOWED.get(id(style))
    if entry is not None and entry[0] is style:
        return entry[1]
    if len(_ALLOWED) >= 256:
        _ALLOWED.clear()
    allowed = frozenset(style.allowed)
    _ALLOWED[id(style)] = (style, allowed)
    return allowed


_ALLOWED: dict[int, tuple[object, frozenset[str]]] = {}


def build_context(post: Post, options: Options) -> Context:
    market = get_market(post.market)
    if post.network is not None and post.network not in NETWORKS:
        raise UnknownNetworkError(
            f"unknown network {post.network!r}: use one of {', '.join(NETWORKS)}"
        )
    if post.locale is not None:
        market_locale(post.locale, market.code)  # UnknownLocaleError for an unknown one
    zone = load_zone(post.zone or market.primary_zone)
    local_at, wall = resolve_schedule(post.at, zone)
    return Context(
        post=post,
        market=market,
        options=options,
        doc=tokenize(post.text, glossary_of(options)),
        zone=zone,
        local_at=local_at,
        wall_time_requested=wall,
    )
