"""A post as it will be published: for each chosen network, a card that looks like the
network's post (account name and handle, the text as the network shows it, "… see more"
where it folds, the media) with its length against the limit; and the post's market and
time. The read-only page members see when they may not edit the post (reviewers,
viewers), the review-link page outsiders see and the editor's Preview section all show
this, from the one partial ``posts/_as_published.html``.

The length is ``marketfit.count_length``, the function the checker's length rule uses,
with the limit the checker applies (a Mastodon instance's own), so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from onshore import marketfit
from onshore.links import safe_href
from onshore.localtime import describe_in_zones
from onshore.posts.checks import declared_limits
from onshore.posts.models import Post
from onshore.posts.network_display import Display, Segment, display
from onshore.posts.panel import editor_order, network_label


@dataclass(frozen=True)
class Account:
    """Who a network's post appears from: the market's channel on it, else the workspace."""

    name: str
    handle: str  # "" when no channel of the market publishes there
    connected: bool

    @property
    def initials(self) -> str:
        # "@roastery" (a channel named by its handle) is R, not "?".
        words = [word.lstrip("@") for word in self.name.split()]
        words = [word for word in words if word[:1].isalnum()]
        return "".join(word[0] for word in words[:2]).upper() or "?"


@dataclass(frozen=True)
class NetworkPreview:
    network: str  # "" while the post has no network chosen yet
    label: str
    text: str
    own_text: bool  # the network's own version rather than the main text
    used: int
    limit: int
    account: Account = field(default_factory=lambda: Account("", "", False))
    shown: tuple[Segment, ...] = ()
    folded: tuple[Segment, ...] = ()
    more: str = ""  # the network's "… see more"

    @property
    def over(self) -> bool:
        return self.used > self.limit

    @property
    def shown_html(self) -> SafeString:
        return segments_html(self.shown)

    @property
    def folded_html(self) -> SafeString:
        return segments_html(self.folded)


def as_published(post: Post) -> list[NetworkPreview]:
    """One preview per network the post goes to, in the editor's order; just the main
    text while no network is chosen."""
    own = {variant.network: variant.text for variant in post.variants.all()}
    return of_texts(post.text, post.networks, own, post.market, post.workspace.name)


def of_texts(
    text: str, networks: list[str], own: dict[str, str], market: Any, workspace_name: str
) -> list[NetworkPreview]:
    """The previews of a saved post or of the editor's form as typed (the live check):
    the main text, the networks and each network's own text."""
    if not networks:
        return [NetworkPreview("", "Main text (no network chosen yet)", text, False, 0, 0)]
    channels = list(market.channels.all())
    limits = declared_limits(channels)
    previews = []
    for network in sorted(networks, key=editor_order):
        previews.append(
            network_preview(
                network,
                own.get(network, text),
                own_text=network in own,
                limit=limits.get(network),
                account=account_for(network, channels, workspace_name),
            )
        )
    return previews


def network_preview(
    network: str, text: str, *, own_text: bool, limit: int | None, account: Account
) -> NetworkPreview:
    # The checker's own counting (marketfit.count_length), never a copy of it.
    used, applied = marketfit.count_length(text, network, limit=limit)
    shown: Display = display(text, network)
    return NetworkPreview(
        network,
        network_label(network),
        text,
        own_text,
        used,
        applied,
        account,
        tuple(shown.shown),
        tuple(shown.folded),
        shown.more,
    )


def account_for(network: str, channels: list[Any], workspace_name: str) -> Account:
    """The first of the market's channels publishing to ``network``, else the workspace."""
    by_network: dict[str, Any] = {}
    for channel in channels:
        by_network.setdefault(channel.kind, channel)
    channel = by_network.get(network)
    if channel is None:
        return Account(workspace_name, "", False)
    config = channel.config or {}
    handle = str(config.get("handle") or config.get("acct") or "")
    return Account(channel.name or workspace_name, f"@{handle}" if handle else "", True)


def segments_html(segments: tuple[Segment, ...]) -> SafeString:
    """The segments as HTML: line breaks kept, links, mentions and hashtags marked.
    Every piece of text passes through ``escape`` (stdlib ``html.escape``: quotes too);
    plain f-strings rather than format_html, which was a fifth of a review page's time."""
    return mark_safe("".join(_segment_html(segment) for segment in segments))  # noqa: S308


def _segment_html(segment: Segment) -> str:
    shown = escape(segment.shown)
    if segment.kind == "text":
        return shown.replace("\n", "<br>")
    if segment.kind != "link":
        return f'<span class="pv-{segment.kind}">{shown}</span>'
    href = safe_href(segment.source)
    if not href:
        return f'<span class="pv-link">{shown}</span>'
    return (
        f'<a class="pv-link" href="{escape(href)}" title="{escape(segment.source)}" '
        f'rel="noopener noreferrer nofollow">{shown}</a>'
    )


def time_label(post: Post, viewer_zone: str | None) -> str:
    """When it goes out, in the market's zone and (if given and different) the viewer's."""
    if post.scheduled_at is None:
        return ""
    zone = post.market.timezone
    return describe_in_zones(post.scheduled_at, zone, viewer_zone or zone)
