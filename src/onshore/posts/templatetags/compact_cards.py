"""Filters of the compact post cards (calendar entries, Posts, Review): a post's first
line and its networks as short text badges.

Network logos are trademarks and no open icon set has them, so a badge is a short label
("Bsky") in the network's colour with its full name for screen readers and on hover.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template

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


@dataclass(frozen=True)
class NetworkBadge:
    network: str
    short: str
    label: str


@register.filter
def network_badges(networks: object) -> list[NetworkBadge]:
    """The post's networks in the checker's order, each as a badge."""
    chosen = set(networks) if isinstance(networks, list | tuple) else set()
    return [
        NetworkBadge(name, SHORT_NAMES.get(name, name[:4]), rules.label)
        for name, rules in marketfit.NETWORK_RULES.items()
        if name in chosen
    ]


@register.filter
def first_line(text: object) -> str:
    """The first line with something on it: what a compact card shows of a post."""
    for line in str(text or "").splitlines():
        if line.strip():
            return line.strip()
    return ""
