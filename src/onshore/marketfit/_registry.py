"""Rules: data (id, category, severity, message, markets, examples) plus a detector.

Every rule carries required examples: text it must flag (with the exact span) and
text it must leave alone. tests/marketfit/test_rule_examples.py runs them all, so a
rule without examples, or one that disagrees with its own examples, fails the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from types import MappingProxyType
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from onshore.marketfit import _dates
from onshore.marketfit._markets import SPELLING_CATEGORIES, Market, get_market
from onshore.marketfit._text import Document
from onshore.marketfit._timezones import zone_rules_year
from onshore.marketfit._types import Category, Options, Post, Severity


class Hit(NamedTuple):  # a NamedTuple: four times cheaper to build than a dataclass
    """What a detector found: a span, an optional replacement, message values."""

    start: int
    end: int
    suggestion: str | None = None
    detail: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Example:
    """``flag`` is the exact text the rule must flag (first occurrence gives the span);
    None means the rule must not flag anything in ``text``."""

    text: str
    market: str
    flag: str | None
    at: str | None = None  # ISO 8601, optionally with a [Zone] suffix
    network: str | None = None


class Context:
    """Everything a detector may read, computed once per post. The dates written in the
    post are found on first use and kept: plain attributes and properties, so the
    compiled build reads them as fields of a native class."""

    def __init__(
        self,
        post: Post,
        market: Market,
        options: Options,
        doc: Document,
        zone: ZoneInfo,
        local_at: datetime | None,  # scheduled wall-clock time in ``zone``
        wall_time_requested: datetime | None,  # naive wall time the author asked for
    ) -> None:
        self.post = post
        self.market = market
        self.options = options
        self.doc = doc
        self.zone = zone
        self.local_at = local_at
        self.wall_time_requested = wall_time_requested
        self.local_date: date | None = local_at.date() if local_at else None
        # The year the post is checked for: its schedule's, else that of the zone rules.
        self.year = local_at.year if local_at else zone_rules_year()
        # The English market whose spelling the post follows (None: not English), and
        # the VarCon categories accepted for it: both looked up in small caches.
        self.english_variant = english_variant(post.locale, market.code)
        self.spelling_categories = spelling_categories(
            post.locale, market.code, options.oxford_spelling
        )
        self.cache: dict[str, Any] = {}  # scans shared between rules
        self._named_dates: list[_dates.DateMention] | None = None
        self._numeric_dates: list[_dates.DateMention] | None = None
        self._iso_dates: list[_dates.DateMention] | None = None
        self._reference_dates: list[date] | None = None

    @property
    def named_dates(self) -> list[_dates.DateMention]:
        if self._named_dates is None:
            self._named_dates = _dates.named_dates(self.doc)
        return self._named_dates

    @property
    def numeric_dates(self) -> list[_dates.DateMention]:
        if self._numeric_dates is None:
            self._numeric_dates = _dates.numeric_dates(self.doc, self.year)
        return self._numeric_dates

    @property
    def iso_dates(self) -> list[_dates.DateMention]:
        if self._iso_dates is None:
            self._iso_dates = _dates.iso_dates(self.doc)
        return self._iso_dates

    @property
    def reference_dates(self) -> list[date]:
        """The dates the post is about: the first written (named or ISO) date, else the
        scheduled date. A written date without a year that the schedule does not settle
        (none, or "29 February" in a year without one) could be any year, so it stands
        for the years around the one the post is checked for (``year``), and rules
        flag only what is wrong in all."""
        if self._reference_dates is None:
            self._reference_dates = self._find_reference_dates()
        return self._reference_dates

    def _find_reference_dates(self) -> list[date]:
        written = self.named_dates + self.iso_dates
        if len(written) > 1:
            written.sort(key=lambda m: m.start)
        if written:
            mention = written[0]
            resolved = _dates.resolve(mention, self.local_date)
            if resolved is not None:
                return [resolved]
            return [
                date(year, mention.month, mention.day)
                for year in _dates.years_around(self.year)
                if _dates.is_valid(year, mention.month, mention.day)
            ]
        return [self.local_date] if self.local_date else []


@cache
def english_variant(locale: str | None, market_code: str) -> str | None:
    """The English market whose spelling a post follows, or None when not English."""
    market = get_market(market_code)
    language = (locale or market.language).replace("_", "-")
    parts = language.split("-")
    if parts[0].lower() != "en":
        return None
    region = parts[-1].upper() if len(parts) > 1 else market.code
    if region in SPELLING_CATEGORIES:
        return region
    return market.spelling_variant


@cache
def spelling_categories(locale: str | None, market_code: str, oxford: bool) -> str | None:
    variant = english_variant(locale, market_code)
    if variant is None:
        return None
    accepted = SPELLING_CATEGORIES[variant]
    return accepted if oxford else accepted.replace("Z", "")


Detector = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    severity: Severity
    message: str  # str.format template: {readers}, {market}, {found}, {suggestion}, detail
    detect: Detector
    examples: tuple[Example, ...]
    markets: frozenset[str] | None = None  # None: every market
    english_only: bool = False
    # Only where the post's language is not English (the locale format rules: English
    # markets have their own rules, and English posts never reach these).
    other_languages: bool = False
    # When the rule can find anything at all, so check() runs it only then (most posts
    # trigger a handful of the rules). ``trigger_words``: lower-case runs of letters
    # (see Document.word_set), one of which every text the rule flags contains;
    # ``trigger_pattern``: a regex every masked text the rule flags matches. With
    # both, either one triggers the rule. With neither it always runs and its detector
    # exits early by itself. tests/marketfit/test_triggers.py checks that a trigger
    # never hides a finding.
    trigger_words: frozenset[str] | None = None
    trigger_pattern: re.Pattern[str] | None = None

    def applies_to(self, context: Context) -> bool:
        if self.markets is not None and context.market.code not in self.markets:
            return False
        if self.other_languages and context.english_variant is not None:
            return False
        return not (self.english_only and context.english_variant is None)


RULES: dict[str, Rule] = {}


def register(
    rule_id: str,
    category: Category,
    severity: Severity,
    message: str,
    examples: Iterable[Example],
    markets: Iterable[str] | None = None,
    english_only: bool = False,
    other_languages: bool = False,
    trigger_words: Iterable[str] | None = None,
    trigger_pattern: re.Pattern[str] | None = None,
) -> Callable[[Detector], Detector]:
    """Decorator: register ``detect`` as the detector of a new rule."""

    def wrap(detect: Detector) -> Detector:
        add_rule(
            Rule(
                id=rule_id,
                category=category,
                severity=severity,
                message=message,
                detect=detect,
                examples=tuple(examples),
                markets=frozenset(markets) if markets is not None else None,
                english_only=english_only,
                other_languages=other_languages,
                trigger_words=frozenset(trigger_words) if trigger_words is not None else None,
                trigger_pattern=trigger_pattern,
            )
        )
        return detect

    return wrap


def add_rule(rule: Rule) -> None:
    if rule.id in RULES:
        raise ValueError(f"duplicate rule id {rule.id}")
    RULES[rule.id] = rule


def match_case(original: str, replacement: str) -> str:
    """Keep the author's capitalization when suggesting a replacement."""
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
