"""Post length as each network counts it. ``count_length`` is shared with the editor.

- x: twitter-text v3 weighting. Code points in the Latin/common ranges weigh 1, the
  rest 2, every emoji sequence 2, every URL 23, text NFC-normalized; limit 280.
- bluesky: 300 grapheme clusters (app.bsky.feed.post ``text`` maxGraphemes).
- mastodon: grapheme clusters, each http(s) URL 23, a remote mention @user@host counts
  as @user (StatusLengthValidator); limit is the instance's, 500 by default.
- threads: 500 characters (grapheme clusters). linkedin: 3,000. instagram: 2,200 and
  at most 30 hashtags. facebook: 63,206.

The networks and their limits are one table, ``_types.NETWORK_RULES``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

from onshore.marketfit._types import NETWORK_RULES, UnknownNetworkError

LIMITS = {name: rules.limit for name, rules in NETWORK_RULES.items()}
# Networks that count grapheme clusters; x and mastodon have their own counting below,
# and every other network counts code points.
GRAPHEME_NETWORKS = frozenset(
    name for name, rules in NETWORK_RULES.items() if rules.counts == "graphemes"
)
INSTAGRAM_MAX_HASHTAGS = 30
URL_WEIGHT = 23

SCHEME_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'’]", re.I)
_URL_TLDS = r"(?:com|org|net|io|co|uk|au|ca|nz|ie|in|za|us|dev|app|ly|gov|edu|info|me|shop)"
ANY_URL = re.compile(
    r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'’]"
    r"|(?<![\w@.])(?:www\.)?[\w-]+(?:\.[\w-]+)*\." + _URL_TLDS + r"\b"
    r"(?:/[^\s<>\"]*[^\s<>\".,;:!?)\]'’])?",
    re.I,
)
# Every URL above has "://" or a dot and a top-level domain; searching for that is
# much faster than for the URLs themselves, and most posts have neither. (The
# lookahead is there for speed alone, as in _text._DOMAIN_END.)
_DOMAIN_END = re.compile(r"\.(?=\w)" + _URL_TLDS + r"\b", re.I)


def may_hold_url(text: str) -> bool:
    return "://" in text or _DOMAIN_END.search(text) is not None


REMOTE_MENTION = re.compile(r"(?<![\w@])(@\w+)@[\w-]+(?:\.[\w-]+)+", re.I)
HASHTAG = re.compile(r"(?<![\w&#])#\w+")
# twitter-text v3 config: code points in these ranges weigh 100, all others 200.
X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
X_HEAVY = re.compile(
    "[^" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in X_LIGHT_RANGES) + "]"
)
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


@cache
def _grapheme_pattern() -> Any:
    import regex  # type: ignore[import-untyped]  # imported on first use: ~25 ms

    return regex.compile(r"\X")


@cache
def _emoji_pattern() -> Any:
    import regex

    return regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}")


def count_length(text: str, network: str, *, limit: int | None = None) -> tuple[int, int]:
    """(length as ``network`` counts it, the limit that applies)."""
    if network not in LIMITS:
        raise UnknownNetworkError(f"unknown network {network!r}: use one of {', '.join(LIMITS)}")
    return counted_length(text, network), limit if limit is not None else LIMITS[network]


def overflow_start(text: str, network: str, limit: int) -> int | None:
    """Offset of the first character past the limit, or None if the text fits."""
    url_weighted = network in ("x", "mastodon") and may_hold_url(text)
    if len(text) <= limit and not url_weighted and (network != "x" or text.isascii()):
        # Clusters and mentions only make the count smaller, and plain ASCII weighs one
        # per character on X too. A URL does not: X and Mastodon count any link as 23,
        # so "https://example.com/a" (21 characters) is 23.
        return None
    if network == "x":
        # Without a URL a code point weighs at most 2 (an emoji cluster 2 in all), so a
        # post of at most half the limit fits, whatever it holds. (X counts the NFC form,
        # which can hold more code points than the text.)
        normalized = unicodedata.normalize("NFC", text)
        if 2 * len(normalized) <= limit and not may_hold_url(normalized):
            return None
    if counted_length(text, network) <= limit:
        return None
    total = 0
    for start, weight in weighted_units(text, network):
        total += weight
        if total > limit:
            return start
    return None


def counted_length(text: str, network: str) -> int:
    """The sum of weighted_units(text, network), counted a chunk at a time rather than
    unit by unit (tests/marketfit/test_length.py holds the two to the same result)."""
    if network == "x":
        return _x_length(text)
    if network == "mastodon":
        position = total = 0
        for start, end, weight in _mastodon_entities(text):
            total += _grapheme_count(text, position, start) + weight
            position = end
        return total + _grapheme_count(text, position, len(text))
    if network in GRAPHEME_NETWORKS:
        return _grapheme_count(text, 0, len(text))
    return len(text)


def _grapheme_count(text: str, start: int, end: int) -> int:
    chunk = text[start:end]
    if chunk.isascii() and "\r" not in chunk:
        return len(chunk)
    return len(_grapheme_pattern().findall(text, start, end))


def _x_length(text: str) -> int:
    text = unicodedata.normalize("NFC", text)
    position = total = 0
    # ANY_URL is a slow scan; may_hold_url() is true wherever it can match.
    urls = ANY_URL.finditer(text) if may_hold_url(text) else ()
    for match in urls:
        total += _x_plain_length(text, position, match.start()) + URL_WEIGHT
        position = match.end()
    return total + _x_plain_length(text, position, len(text))


def _x_plain_length(text: str, start: int, end: int) -> int:
    """What _x_plain() weighs text[start:end]: every code point by its weight, except
    that a cluster holding an emoji weighs 2 in all."""
    chunk = text[start:end]
    if chunk.isascii():
        return len(chunk)
    total = len(chunk) + len(X_HEAVY.findall(chunk))
    emoji = _emoji_pattern()
    if not emoji.search(chunk):
        return total
    for window_start, window_end in _emoji_windows(text, start, end):
        for cluster in _grapheme_pattern().findall(text, window_start, window_end):
            if emoji.search(cluster):
                total += 2 - sum(1 if _x_light(ord(char)) else 2 for char in cluster)
    return total


def _emoji_windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of text[start:end] that hold every cluster with an emoji in it.

    Splitting a post into grapheme clusters is slow, so only these stretches are split.
    Emoji and everything that joins a cluster to them (modifiers, ZWJ, variation
    selectors, prepended marks) are non-ASCII, and two ASCII characters in a row
    always have a cluster boundary between them (CR LF aside, which holds no emoji).
    So each run of non-ASCII characters with one ASCII character on either side, runs
    that touch merged, splits exactly as the whole text does."""
    windows: list[tuple[int, int]] = []
    for run in NON_ASCII_RUN.finditer(text, start, end):
        window = (max(run.start() - 1, start), min(run.end() + 1, end))
        if windows and window[0] <= windows[-1][1]:
            windows[-1] = (windows[-1][0], window[1])
        else:
            windows.append(window)
    return windows


def weighted_units(text: str, network: str) -> Iterator[tuple[int, int]]:
    """(offset, weight) per counted unit. X weights are in whole characters (so a
    heavy code point weighs 2 and the limit stays 280)."""
    if network == "x":
        yield from _x_units(text)
    elif network == "mastodon":
        yield from _mastodon_units(text)
    elif network in GRAPHEME_NETWORKS:
        yield from _graphemes(text, 0, len(text))
    else:
        yield from ((index, 1) for index in range(len(text)))


def _graphemes(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    if chunk.isascii() and "\r" not in chunk:
        yield from ((start + index, 1) for index in range(len(chunk)))
        return
    for match in _grapheme_pattern().finditer(text, start, end):
        yield match.start(), 1


def _mastodon_units(text: str) -> Iterator[tuple[int, int]]:
    position = 0
    for match in _mastodon_entities(text):
        yield from _graphemes(text, position, match[0])
        yield match[0], match[2]
        position = match[1]
    yield from _graphemes(text, position, len(text))


def _mastodon_entities(text: str) -> list[tuple[int, int, int]]:
    """(start, end, weight) for URLs (23) and remote mentions (length of @user)."""
    entities = [(m.start(), m.end(), URL_WEIGHT) for m in SCHEME_URL.finditer(text)]
    for match in REMOTE_MENTION.finditer(text):
        if not any(s <= match.start() < e for s, e, _ in entities):
            entities.append((match.start(), match.end(), len(match.group(1))))
    return sorted(entities)


def _x_units(text: str) -> Iterator[tuple[int, int]]:
    # Offsets refer to the NFC text; for the usual already-NFC post they are the same.
    text = unicodedata.normalize("NFC", text)
    position = 0
    for match in ANY_URL.finditer(text):
        yield from _x_plain(text, position, match.start())
        yield match.start(), URL_WEIGHT
        position = match.end()
    yield from _x_plain(text, position, len(text))


def _x_plain(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    if chunk.isascii():
        yield from ((start + index, 1) for index in range(len(chunk)))
        return
    emoji = _emoji_pattern()
    for match in _grapheme_pattern().finditer(text, start, end):
        cluster = match.group(0)
        if emoji.search(cluster):
            yield match.start(), 2  # an emoji sequence weighs 200 however long
            continue
        for offset, char in enumerate(cluster):
            yield match.start() + offset, 1 if _x_light(ord(char)) else 2


def _x_light(code_point: int) -> bool:
    return any(low <= code_point <= high for low, high in X_LIGHT_RANGES)


def hashtag_spans(text: str) -> list[tuple[int, int]]:
    if "#" not in text:  # most posts: no scan needed
        return []
    return [match.span() for match in HASHTAG.finditer(text)]
