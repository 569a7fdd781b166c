"""Running the market-fit checker on a post: base text, every network variant, schedule,
each image's alt text and the post's media against each network's media rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from onshore import marketfit
from onshore.marketfit._style import StyleGuide
from onshore.workspaces.style_guides import guide_for

if TYPE_CHECKING:  # models import this module: no runtime import back
    from onshore.posts.models import Post
    from onshore.workspaces.models import Market


@dataclass
class CheckedText:
    """Findings for one text the post will publish (the base text or a network variant)."""

    network: str | None
    text: str
    findings: list[Any]
    dismissed: list[Any] = field(default_factory=list)
    is_variant: bool = False  # a network's own text rather than the main text
    # What this is when not one of the post's texts: "alt text of image 2" (``alt_of``
    # is then 2), or "media" for the findings about the files themselves.
    about: str | None = None
    alt_of: int | None = None


WARNS = ("error", "warning")  # the severities a warning marker counts; "info" is a note


@dataclass
class PostCheck:
    texts: list[CheckedText]

    @property
    def open_findings(self) -> list[Any]:
        return [finding for checked in self.texts for finding in checked.findings]

    @property
    def error_count(self) -> int:
        return sum(1 for finding in self.open_findings if finding.severity == "error")

    @property
    def warning_lines(self) -> list[str]:
        """What the review queue's warning marker lists and counts: every finding that
        warns (an error or a warning, not a note), dismissed or not, each once though
        several networks' texts repeat it; a dismissed one says so."""
        lines: dict[tuple[str, str], str] = {}
        for checked in self.texts:
            for finding in checked.findings:
                if finding.severity in WARNS:
                    lines[(finding.rule, finding.message)] = finding.message
            for finding in checked.dismissed:
                if finding.severity in WARNS:
                    lines.setdefault(
                        (finding.rule, finding.message), f"{finding.message} (dismissed)"
                    )
        return list(lines.values())

    def summary(self) -> str:
        counts = Counter(finding.severity for finding in self.open_findings)
        if not counts:
            return "no findings"
        return ", ".join(
            f"{counts[s]} {s}{'s' if counts[s] > 1 else ''}"
            for s in ("error", "warning", "info")
            if counts[s]
        )


def check_text(
    text: str,
    *,
    market: str,
    locale: str,
    network: str | None,
    at: datetime | None,
    zone: str | None,
    dismissals: list[Any],
    mastodon_limit: int | None = None,
    answered_rules: frozenset[str] = frozenset(),
    style: StyleGuide | None = None,
    sponsored: bool = False,
) -> CheckedText:
    post = marketfit.Post(
        text, market, locale=locale, network=network, at=at, zone=zone, sponsored=sponsored
    )
    options = _options(mastodon_limit, style)
    found = [f for f in marketfit.check(post, options) if f.rule not in answered_rules]
    kept = [f for f in found if not any(d.matches(f, text) for d in dismissals)]
    dropped = [f for f in found if f not in kept]
    return CheckedText(network, text, kept, dropped)


def _options(mastodon_limit: int | None, style: StyleGuide | None) -> marketfit.Options | None:
    """The check's options: None (the checker's shared default) for most posts."""
    if not mastodon_limit and style is None:
        return None
    return marketfit.Options(mastodon_limit=mastodon_limit or 500, style=style)


@dataclass(frozen=True)
class Draft:
    """What the checker needs of a post: the saved post, or the editor's form as typed."""

    text: str
    networks: list[str]
    variants: dict[str, str]  # network -> its own text (non-empty)
    market: Market
    scheduled_at: datetime | None
    dismissals: list[Any]
    fold_chosen: bool = False  # someone picked which of a repeated time's two they meant
    media: list[marketfit.MediaItem] = field(default_factory=list)
    sponsored: bool = False  # a paid or partner post: its market's disclosure is checked

    @classmethod
    def of(cls, post: Post) -> Draft:
        return cls(
            text=post.text,
            networks=list(post.networks),
            variants={variant.network: variant.text for variant in post.variants.all()},
            market=post.market,
            scheduled_at=post.scheduled_at,
            dismissals=list(post.dismissals.all()),
            fold_chosen=post.scheduled_fold_chosen,
            media=[media_item(m.kind, m.alt_text, **file_facts(m.asset)) for m in post.media.all()],
            sponsored=post.sponsored,
        )


def media_item(kind: str, alt: str, **facts: Any) -> marketfit.MediaItem:
    """A post's file as the checker sees it. A media placeholder knows only its kind and
    alt text; an uploaded asset passes its type, bytes, size and length as ``facts``."""
    return marketfit.MediaItem("video" if kind == "video" else "image", alt=alt, **facts)


def file_facts(asset: Any | None) -> dict[str, Any]:
    """What an uploaded file (a media library ``Asset``) tells the media rules: its
    type, bytes, pixels, length and whether it moves. A placeholder has none, and
    the rules then check only what they know (kind and alt text)."""
    if asset is None:
        return {}
    return {
        "mime": asset.mime,
        "bytes": asset.size,
        "width": asset.width,
        "height": asset.height,
        "duration_s": asset.duration,
        "animated": asset.animated,
        "name": asset.original_name or asset.file_name,
    }


# The warning asks which of a repeated wall time's two occurrences is meant; once a person
# chose one, the question is answered and the page shows the choice instead.
FOLD_RULE = "timing.dst_fold"


def _answered_rules(draft: Draft) -> frozenset[str]:
    return frozenset({FOLD_RULE}) if draft.fold_chosen else frozenset()


def check_post(post: Post) -> PostCheck:
    return check_draft(Draft.of(post))


def check_draft(draft: Draft) -> PostCheck:
    """Check the base text for every chosen network without a variant, and each variant."""
    market = draft.market
    at = draft.scheduled_at.astimezone(_zone(market.timezone)) if draft.scheduled_at else None
    common: dict[str, Any] = {
        "market": market.country,
        "locale": market.language,
        "at": at,
        "zone": market.timezone,
        "dismissals": draft.dismissals,
        "mastodon_limit": mastodon_limit_for(market),
        "answered_rules": _answered_rules(draft),
        # The workspace's style guide for this market (workspaces/style_guides.py).
        "style": guide_for(market.workspace_id, market.country),
        "sponsored": draft.sponsored,
    }
    base_networks: list[str | None] = [n for n in draft.networks if n not in draft.variants] or [
        None
    ]
    texts = [check_text(draft.text, network=n, **common) for n in base_networks[:1]]
    # Length differs per network: check the base text's length on the other networks too.
    for network in base_networks[1:]:
        extra = check_text(draft.text, network=network, **common)
        extra.findings = [f for f in extra.findings if f.category == "length"]
        texts.append(extra)
    for network, text in draft.variants.items():
        checked = check_text(text, network=network, **common)
        checked.is_variant = True
        texts.append(checked)
    texts += _alt_texts(draft, common)
    texts += _media_rules(draft)
    return PostCheck(texts)


def _alt_texts(draft: Draft, common: dict[str, Any]) -> list[CheckedText]:
    """Each image's alt text, checked against the market like the post's text (it is
    read aloud to the same readers); not for a network's length, nor for a time."""
    checked = []
    for number, item in enumerate(draft.media, start=1):
        if item.alt.strip():
            # Alt text describes a file; the style guide (hashtags, disclosure) is for posts.
            alt_common = {**common, "network": None, "at": None, "sponsored": False, "style": None}
            result = check_text(item.alt, **alt_common)
            result.about, result.alt_of = f"alt text of {item.kind} {number}", number
            checked.append(result)
    return checked


def _media_rules(draft: Draft) -> list[CheckedText]:
    """The files against each chosen network's media rules, in one list. Runs only for
    a post with media or a network that needs some (Instagram), so the text-only posts
    the checker's benchmarks measure pay nothing."""
    networks = [n for n in draft.networks if n in marketfit.NETWORK_MEDIA_RULES]
    if not draft.media and not any(marketfit.NETWORK_MEDIA_RULES[n].min_items for n in networks):
        return []
    limits = declared_media_limits(draft.market.channels.all())
    found = [
        finding
        for network in networks
        for finding in marketfit.check_media(network, draft.media, limits.get(network))
    ]
    found = once_for_networks(found)
    kept = [f for f in found if not any(d.matches(f, "") for d in draft.dismissals)]
    dropped = [f for f in found if f not in kept]
    return [CheckedText(None, "", kept, dropped, about="media")] if found else []


def once_for_networks(found: list[marketfit.MediaFinding]) -> list[marketfit.MediaFinding]:
    """A message that several networks give alike ("Image 1 has no alt text") once,
    naming them, instead of once per network; ``network`` stays the first of them."""
    groups: dict[tuple[Any, ...], list[marketfit.MediaFinding]] = {}
    for finding in found:
        key = (finding.rule, finding.severity, finding.message, finding.item, finding.fixable)
        groups.setdefault(key, []).append(finding)
    merged = []
    for alike in groups.values():
        first = alike[0]
        if len(alike) == 1:
            merged.append(first)
            continue
        names = _and_list([marketfit.NETWORK_RULES[f.network].label for f in alike])
        merged.append(
            marketfit.MediaFinding(
                first.rule,
                first.severity,
                f"{first.message} (on {names})",
                network=first.network,
                item=first.item,
                fixable=first.fixable,
            )
        )
    return merged


def _and_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def declared_media_limits(channels: Iterable[Any]) -> dict[str, marketfit.MediaLimits]:
    """Per network, the media limits a channel's server declared at connect (a Mastodon
    instance's, kept in the channel's config as ``media_limits``); with several
    channels of one network, the first that declared any."""
    limits: dict[str, marketfit.MediaLimits] = {}
    for channel in channels:
        declared = channel.config.get("media_limits")
        if isinstance(declared, dict):
            limits.setdefault(channel.kind, marketfit.MediaLimits.from_config(declared))
    return limits


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def mastodon_limit_for(market: Market) -> int | None:
    """The smallest character limit among the market's Mastodon channels (read at connect)."""
    return server_limits(market).get("mastodon")


def server_limits(market: Market) -> dict[str, int]:
    """Per network, the smallest character limit the servers of the market's channels
    declared: a kind that reads its server's limit at connect keeps it in the channel's
    config as ``max_characters`` (publishing/kinds/), so this needs no kind's code."""
    return declared_limits(market.channels.all())


def declared_limits(channels: Iterable[Any]) -> dict[str, int]:
    """``server_limits`` of channels already read (the post previews use it)."""
    limits: dict[str, int] = {}
    for channel in channels:
        if channel.config.get("max_characters"):
            declared = int(channel.config["max_characters"])
            limits[channel.kind] = min(declared, limits.get(channel.kind, declared))
    return limits
