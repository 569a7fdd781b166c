"""The finding a rule's hit becomes: its severity after the workspace's overrides and
its message rendered from the rule's template."""

from __future__ import annotations

import string
from functools import cache

from onshore.marketfit._markets import get_market
from onshore.marketfit._registry import Context, Hit, Rule
from onshore.marketfit._types import Finding


def to_finding(rule: Rule, hit: Hit, context: Context) -> Finding:
    overrides = context.options.severity_overrides
    severity = rule.severity
    if overrides:
        severity = overrides.get(rule.id, overrides.get(rule.category, severity))
    message = render_message(rule.message, hit, context)
    message = message[:1].upper() + message[1:]
    return Finding(rule.id, rule.category, severity, message, hit.start, hit.end, hit.suggestion)


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
