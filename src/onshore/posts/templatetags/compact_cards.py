"""Filters of the compact post cards (calendar entries, Posts, Review): a post's first
line, its networks as short text badges, and the week view's Move… hour options.

Network logos are trademarks and no open icon set has them, so a badge is a short label
("Bsky") in the network's colour with its full name for screen readers and on hover.
"""

from __future__ import annotations

import functools

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from onshore import marketfit

register = template.Library()

SHORT_NAMES = {
    "x": "X",
    "bluesky": "Bsky",
    "mastodon": "Masto",
    "linkedin": "in",
    "instagram": "IG",
    "threads": "Thr",
    "facebook": "FB",
}


@register.filter
def network_badges(networks: object) -> SafeString:
    """The post's networks in the checker's order, each as a short badge."""
    if not isinstance(networks, list | tuple) or not networks:
        return SafeString("")
    return _badges(tuple(networks))


@functools.lru_cache(maxsize=256)
def _badges(networks: tuple[str, ...]) -> SafeString:
    """Cached: a calendar shows hundreds of entries with a few combinations of networks."""
    badges = [
        format_html(
            '<span class="net net-{}" role="listitem" title="{}" aria-label="{}">{}</span>',
            name,
            rules.label,
            rules.label,
            SHORT_NAMES.get(name, name[:4]),
        )
        for name, rules in marketfit.NETWORK_RULES.items()
        if name in networks
    ]
    if not badges:
        return SafeString("")
    return format_html(
        '<span class="nets" role="list" aria-label="Networks">{}</span>',
        mark_safe("".join(badges)),  # noqa: S308 (each one built by format_html)
    )


@register.filter
def first_line(text: object) -> str:
    """The first line with something on it: what a compact card shows of a post."""
    for line in str(text or "").splitlines():
        if line.strip():
            return line.strip()
    return ""


@register.filter
def hour_options(selected: object) -> SafeString:
    """The week Move… select's 24 ``<option>``s, ``selected`` (an hour) chosen.

    A busy week has hundreds of these selects; a template loop over the hours in each
    doubled the week view's render time, so each of the 25 variants is built once.
    """
    return _hour_options(selected if isinstance(selected, int) and 0 <= selected < 24 else -1)


@functools.cache
def _hour_options(selected: int) -> SafeString:
    options = (
        f'<option value="{hour}"{" selected" if hour == selected else ""}>{hour:02d}:00</option>'
        for hour in range(24)
    )
    return mark_safe("".join(options))  # noqa: S308 - digits and fixed text only
