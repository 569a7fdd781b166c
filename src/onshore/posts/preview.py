"""A post as it will be published: the text each chosen network gets, with its length,
and the post's market and time. The read-only page members see when they may not edit
the post (reviewers, viewers) and the review-link page outsiders see both show this, from
the one partial ``posts/_as_published.html``."""

from __future__ import annotations

from dataclasses import dataclass

from onshore import marketfit
from onshore.localtime import describe_in_zones
from onshore.posts.models import Post
from onshore.posts.panel import editor_order, network_label


@dataclass(frozen=True)
class NetworkPreview:
    network: str  # "" while the post has no network chosen yet
    label: str
    text: str
    own_text: bool  # the network's own version rather than the main text
    used: int
    limit: int

    @property
    def over(self) -> bool:
        return self.used > self.limit


def as_published(post: Post) -> list[NetworkPreview]:
    """One preview per network the post goes to, in the editor's order; just the main
    text while no network is chosen."""
    if not post.networks:
        return [NetworkPreview("", "Main text (no network chosen yet)", post.text, False, 0, 0)]
    own = {variant.network: variant.text for variant in post.variants.all()}
    previews = []
    for network in sorted(post.networks, key=editor_order):
        text = own.get(network, post.text)
        used, limit = marketfit.count_length(text, network)
        previews.append(
            NetworkPreview(network, network_label(network), text, network in own, used, limit)
        )
    return previews


def time_label(post: Post, viewer_zone: str | None) -> str:
    """When it goes out, in the market's zone and (if given and different) the viewer's."""
    if post.scheduled_at is None:
        return ""
    zone = post.market.timezone
    return describe_in_zones(post.scheduled_at, zone, viewer_zone or zone)
