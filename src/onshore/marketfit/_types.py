"""Value types of the public API: Post, Finding, Options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Category = Literal[
    "spelling",
    "vocabulary",
    "timezone",
    "date",
    "currency",
    "units",
    "holiday",
    "timing",
    "length",
    "media",
    "format",
]
# What the text rules find (check()); the corpus and held-out scores are per category
# of these. "media" is about a post's files (check_media(), _media_check.py).
TEXT_CATEGORIES: tuple[Category, ...] = (
    "spelling",
    "vocabulary",
    "timezone",
    "date",
    "currency",
    "units",
    "holiday",
    "timing",
    "length",
    "format",  # numbers, prices, clock times, quotation marks, ordinals: the locale's
)
CATEGORIES: tuple[Category, ...] = (*TEXT_CATEGORIES, "media")
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class NetworkRules:
    """A network a post can be published on: its name for people, and how long a post
    may be as that network counts it (``counts``; see _length.py)."""

    label: str
    limit: int
    counts: Literal["x", "mastodon", "graphemes", "code points"]


# Every network a post can carry, defined here once. The posts model's choices, the
# editor, the API schema and CSV import derive from this table, so the checker knows
# the length rules of every network a post can name. Order: as the editor lists them.
NETWORK_RULES: dict[str, NetworkRules] = {
    "x": NetworkRules("X", 280, "x"),
    "bluesky": NetworkRules("Bluesky", 300, "graphemes"),
    "mastodon": NetworkRules("Mastodon", 500, "mastodon"),  # the instance's; 500 by default
    "linkedin": NetworkRules("LinkedIn", 3000, "code points"),
    "instagram": NetworkRules("Instagram", 2200, "code points"),
    "threads": NetworkRules("Threads", 500, "graphemes"),
    "facebook": NetworkRules("Facebook", 63_206, "code points"),
}
NETWORKS: tuple[str, ...] = tuple(NETWORK_RULES)


class UnknownNetworkError(ValueError):
    """The network is not one the checker knows the length rules of."""


@dataclass(frozen=True)
class Post:
    """One post as written for one market.

    ``at`` is the scheduled instant. An aware datetime whose tzinfo is a ZoneInfo is
    read as the wall-clock time the author picked in that zone (so a time DST skips is
    reported); any other aware datetime is an instant. A naive datetime is read as
    wall-clock time in ``zone`` (default: the market's main zone).
    """

    text: str
    market: str
    locale: str | None = None
    network: str | None = None
    at: datetime | None = None
    zone: str | None = None


@dataclass(frozen=True, init=False)  # the __init__ below
class Finding:
    rule: str
    category: Category
    severity: Severity
    message: str
    start: int
    end: int
    suggestion: str | None = None

    def __init__(
        self,
        rule: str,
        category: Category,
        severity: Severity,
        message: str,
        start: int,
        end: int,
        suggestion: str | None = None,
    ) -> None:
        """What the frozen dataclass's generated ``__init__`` does, written into the
        instance dict directly: its seven ``object.__setattr__`` calls cost more than
        the rest of building a finding (tests/marketfit/test_fast_paths.py holds the
        two to the same instances)."""
        fields = self.__dict__
        fields["rule"] = rule
        fields["category"] = category
        fields["severity"] = severity
        fields["message"] = message
        fields["start"] = start
        fields["end"] = end
        fields["suggestion"] = suggestion

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Options:
    """Per-workspace settings for a check.

    ``disabled`` holds rule ids or whole categories. ``glossary`` holds words and
    phrases the workspace accepts (brand names, house style); they are never flagged.
    ``oxford_spelling`` accepts -ize in British-style markets (it is correct there);
    switch it off for a house style that wants -ise only.
    """

    disabled: frozenset[str] = frozenset()
    severity_overrides: Mapping[str, Severity] = field(default_factory=dict)
    glossary: frozenset[str] = frozenset()
    oxford_spelling: bool = True
    night_start: time = time(22, 0)
    night_end: time = time(7, 0)
    mastodon_limit: int = 500
