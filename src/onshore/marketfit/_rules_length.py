"""Length: over the network's limit as that network counts it."""

from __future__ import annotations

from collections.abc import Iterator

from onshore.marketfit._length import (
    INSTAGRAM_MAX_HASHTAGS,
    LIMITS,
    hashtag_spans,
    overflow_start,
)
from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._types import NETWORK_RULES

LONG_X = "Big news! " * 28 + "The end."
LONG_BSKY = "word " * 60 + "TAIL"
LONG_FACEBOOK = "Tea. " * 12_641 + "!" + " Too long."  # 63,206 characters, then more


@register(
    "length.over_limit",
    "length",
    "error",
    "{network_name} allows {limit} characters as it counts them; this post has {used}",
    examples=[
        Example(LONG_X, "GB", LONG_X[280:], network="x"),
        Example("Read more: https://example.com/" + "a" * 300, "GB", None, network="x"),
        Example(LONG_BSKY, "US", "TAIL", network="bluesky"),
        Example("👍🏽" * 300, "US", None, network="bluesky"),
        Example("Hi @alice@very.long.example.social " + "x" * 470, "GB", None, network="mastodon"),
        Example(LONG_FACEBOOK, "GB", " Too long.", network="facebook"),
        Example(LONG_FACEBOOK[:63_206], "GB", None, network="facebook"),
    ],
)
def detect_over_limit(context: Context) -> Iterator[Hit]:
    network = context.post.network
    if network is None:
        return
    limit = context.options.mastodon_limit if network == "mastodon" else LIMITS[network]
    start = overflow_start(context.post.text, network, limit)
    if start is None:
        return
    from onshore.marketfit._length import count_length

    used, _ = count_length(context.post.text, network, limit=limit)
    yield Hit(
        start,
        len(context.post.text),
        None,
        {"network_name": NETWORK_NAMES[network], "limit": f"{limit:,}", "used": f"{used:,}"},
    )


NETWORK_NAMES = {
    **{name: rules.label for name, rules in NETWORK_RULES.items()},
    "mastodon": "This Mastodon instance",  # each instance sets its own limit
}
MANY_TAGS = " ".join(f"#tag{index}" for index in range(32))


@register(
    "length.too_many_hashtags",
    "length",
    "error",
    "Instagram allows at most 30 hashtags; remove these",
    examples=[
        Example("Summer vibes " + MANY_TAGS, "GB", "#tag30 #tag31", network="instagram"),
        Example("Summer vibes " + MANY_TAGS, "GB", None, network="x"),
        Example("Summer vibes #sun #sea", "GB", None, network="instagram"),
    ],
)
def detect_too_many_hashtags(context: Context) -> Iterator[Hit]:
    if context.post.network != "instagram":
        return
    spans = hashtag_spans(context.post.text)
    if len(spans) > INSTAGRAM_MAX_HASHTAGS:
        yield Hit(spans[INSTAGRAM_MAX_HASHTAGS][0], spans[-1][1])
