"""Post length as each network counts it. ``count_length`` is shared with the editor.

- x: twitter-text v3 weighting. Code points in the Latin/common ranges weigh 1, the
  rest 2, every emoji sequence 2, every URL 23, text NFC-normalized; limit 280.
- bluesky: 300 grapheme clusters (app.bsky.feed.post ``text`` maxGraphemes).
- mastodon: grapheme clusters, each http(s) URL 23, a remote mention @user@host counts
  as @user (StatusLengthValidator); limit is the instance's, 500 by default.
- threads: 500 characters (grapheme clusters). linkedin: 3,000. instagram: 2,200 and
  at most 30 hashtags.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

from onshore.marketfit._types import UnknownNetworkError

LIMITS = {
    "x": 280,
    "bluesky": 300,
    "mastodon": 500,
    "threads": 500,
    "linkedin": 3000,
    "instagram": 2200,
}
INSTAGRAM_MAX_HASHTAGS = 30
URL_WEIGHT = 23

SCHEME_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'’]", re.I)
ANY_URL = re.compile(
    r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'’]"
    r"|(?<![\w@.])(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|uk|au|ca|nz|ie|in|za|us|"
    r"dev|app|ly|gov|edu|info|me|shop)\b(?:/[^\s<>\"]*[^\s<>\".,;:!?)\]'’])?",
    re.I,
)
REMOTE_MENTION = re.compile(r"(?<![\w@])(@\w+)@[\w-]+(?:\.[\w-]+)+", re.I)
HASHTAG = re.compile(r"(?<![\w&#])#\w+")
# twitter-text v3 config: code points in these ranges weigh 100, all others 200.
X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))


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
    used = sum(weight for _start, weight in weighted_units(text, network))
    return used, limit if limit is not None else LIMITS[network]


def overflow_start(text: str, network: str, limit: int) -> int | None:
    """Offset of the first character past the limit, or None if the text fits."""
    if len(text) <= limit and (network != "x" or (text.isascii() and not ANY_URL.search(text))):
        # Clusters and shortened URLs only make the count smaller, and plain ASCII
        # weighs one per character on X too.
        return None
    total = 0
    for start, weight in weighted_units(text, network):
        total += weight
        if total > limit:
            return start
    return None


def weighted_units(text: str, network: str) -> Iterator[tuple[int, int]]:
    """(offset, weight) per counted unit. X weights are in whole characters (so a
    heavy code point weighs 2 and the limit stays 280)."""
    if network == "x":
        yield from _x_units(text)
    elif network == "mastodon":
        yield from _mastodon_units(text)
    elif network in ("bluesky", "threads"):
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
    return [match.span() for match in HASHTAG.finditer(text)]
