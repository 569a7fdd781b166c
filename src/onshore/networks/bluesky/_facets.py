"""Rich-text facets: links, mentions and hashtags, located by UTF-8 byte offsets.

Bluesky stores post text as plain text plus ``facets`` (lexicon
app.bsky.richtext.facet); each facet's ``index`` counts **bytes of the UTF-8
encoding**, not characters, so "café #tea" puts the tag at byte 6, not 5. The
detection rules follow Bluesky's own RichText.detectFacets: a link or mention starts
at the beginning of the text, after whitespace or after "("; a hashtag after
whitespace; trailing punctuation is not part of any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex  # type: ignore[import-untyped]

MAX_TAG_LENGTH = 64  # the lexicon's limit for a tag, in characters (maxGraphemes)

_LINK = regex.compile(r"(?:^|(?<=[\s(]))https?://[^\s<>\"]+", regex.IGNORECASE)
_MENTION = regex.compile(r"(?:^|(?<=[\s(]))@([a-zA-Z0-9][a-zA-Z0-9.-]*)")
_HASHTAG = regex.compile(r"(?:^|(?<=\s))[#\uFF03](\S+)")
_HANDLE = regex.compile(
    r"([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
)
_TRAILING_LINK_PUNCTUATION = ".,;:!?'\""
_TRAILING_PUNCTUATION = regex.compile(r"\p{P}+$")
_INVISIBLE = regex.compile(r"[\u00AD\u2060\u200A\u200B\u200C\u200D\u20E2]")
_NOT_A_TAG = regex.compile(r"[\d\p{P}]*")  # digits and punctuation only: "#1", "#!!"


@dataclass(frozen=True)
class Span:
    """A detected feature at text[start:end] (character offsets)."""

    start: int
    end: int
    feature: dict[str, str]


def detect_facets(text: str, resolve_handle: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """The ``facets`` list for ``text``, sorted by position.

    ``resolve_handle`` maps a handle to its DID, or None when it does not exist; a
    mention nobody can resolve stays plain text, as in Bluesky's own app.
    """
    spans = _links(text) + _mentions(text, resolve_handle) + _hashtags(text)
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if not kept or span.start >= kept[-1].end:  # never overlap, first one wins
            kept.append(span)
    return [_facet(text, span) for span in kept]


def byte_range(text: str, start: int, end: int) -> tuple[int, int]:
    """UTF-8 byte offsets of text[start:end]."""
    byte_start = len(text[:start].encode("utf-8"))
    return byte_start, byte_start + len(text[start:end].encode("utf-8"))


def _facet(text: str, span: Span) -> dict[str, Any]:
    byte_start, byte_end = byte_range(text, span.start, span.end)
    return {
        "index": {"byteStart": byte_start, "byteEnd": byte_end},
        "features": [span.feature],
    }


def _links(text: str) -> list[Span]:
    spans = []
    for match in _LINK.finditer(text):
        url = _trim_link(match.group())
        if "." not in url.split("://", 1)[1].split("/", 1)[0] and "localhost" not in url:
            continue  # "https://foo" with no domain is not a link worth making
        feature = {"$type": "app.bsky.richtext.facet#link", "uri": url}
        spans.append(Span(match.start(), match.start() + len(url), feature))
    return spans


def _trim_link(url: str) -> str:
    while url and url[-1] in _TRAILING_LINK_PUNCTUATION:
        url = url[:-1]
    if url.endswith(")") and "(" not in url:  # "(see https://x.org)" keeps its ")"
        url = url[:-1]
    return url


def _mentions(text: str, resolve_handle: Callable[[str], str | None]) -> list[Span]:
    spans = []
    for match in _MENTION.finditer(text):
        handle = match.group(1).rstrip(".-")  # "@bob.test." ends a sentence
        if len(handle) > 253 or not _HANDLE.fullmatch(handle):
            continue
        did = resolve_handle(handle.lower())
        if did is None:
            continue
        feature = {"$type": "app.bsky.richtext.facet#mention", "did": did}
        spans.append(Span(match.start(), match.start(1) + len(handle), feature))
    return spans


def _hashtags(text: str) -> list[Span]:
    spans = []
    for match in _HASHTAG.finditer(text):
        if match.group(1).startswith("\ufe0f"):
            continue  # "#️⃣" is a keycap emoji, not a tag
        # A tag ends at an invisible character (soft hyphen, zero-width space...).
        tag = _TRAILING_PUNCTUATION.sub("", _INVISIBLE.split(match.group(1), maxsplit=1)[0])
        if not tag:
            continue
        if _NOT_A_TAG.fullmatch(tag) or len(tag) > MAX_TAG_LENGTH:
            continue
        feature = {"$type": "app.bsky.richtext.facet#tag", "tag": tag}
        spans.append(Span(match.start(), match.start(1) + len(tag), feature))
    return spans
