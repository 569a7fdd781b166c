"""check_media(): a post's images and videos against one network's rules (_media_rules.py).

Each finding says what is wrong, for which network and which file, and whether onshore
fixes it when it publishes: an image over a size or pixel limit, or of a type the
network does not take, is re-encoded (severity "info", ``fixable``); what onshore
cannot change (an aspect ratio, a video's length, too many files, images mixed with
video) is an "error" when the network would refuse the post and a "warning" when it
would take it but show less (``media.animation_still``: an animated GIF that publishes
as a still image, where the network takes no GIF or shows GIFs without animation).

A fact about a file that is unknown (None: a media placeholder has no bytes yet) is
not checked. ``image_target()`` tells the publisher what an image must be re-encoded
to for a network.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from onshore.marketfit._media_rules import (
    BLUESKY_VIDEO_PUBLISHED,
    GIF,
    JPEG,
    NETWORK_MEDIA_RULES,
    PNG,
    MediaRules,
)
from onshore.marketfit._types import NETWORK_RULES, Finding, Options, Post, Severity

MediaKind = Literal["image", "video"]

# Why an image needs alt text, in the words the media placeholder's rule uses when it
# refuses to save one without (posts/models.py): one rule, said one way.
ALT_TEXT_NEEDED = "describe the image for people who cannot see it"


@dataclass(frozen=True)
class MediaItem:
    """One file of a post as the checker sees it. None: not known (yet)."""

    kind: MediaKind
    mime: str | None = None
    bytes: int | None = None
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    alt: str = ""
    animated: bool | None = None  # a GIF with more than one frame
    name: str = ""  # the file's name, for messages

    @property
    def is_animated_gif(self) -> bool:
        return self.mime == GIF and bool(self.animated)

    @property
    def pixels(self) -> int | None:
        return self.width * self.height if self.width and self.height else None

    @property
    def aspect(self) -> float | None:
        return self.width / self.height if self.width and self.height else None


@dataclass(frozen=True)
class MediaLimits:
    """One channel's own limits, which win over the network's row: a Mastodon instance's
    from ``GET /api/v2/instance`` (``from_instance``). None keeps the row's value."""

    max_items: int | None = None
    image_types: tuple[str, ...] | None = None
    image_max_bytes: int | None = None
    image_max_pixels: int | None = None
    video_types: tuple[str, ...] | None = None
    video_max_bytes: int | None = None
    video_max_pixels: int | None = None
    alt_max_chars: int | None = None

    @classmethod
    def from_instance(cls, instance: Mapping[str, Any]) -> MediaLimits:
        """From a Mastodon ``/api/v2/instance`` body (or its ``configuration``); fields
        a server leaves out or garbles keep the defaults."""
        configuration = instance.get("configuration", instance)
        if not isinstance(configuration, Mapping):
            return cls()
        statuses = _mapping(configuration.get("statuses"))
        media = _mapping(configuration.get("media_attachments"))
        listed = media.get("supported_mime_types")
        types = [t for t in listed if isinstance(t, str)] if isinstance(listed, list) else []
        return cls(
            max_items=_positive(statuses.get("max_media_attachments")),
            image_types=tuple(t for t in types if t.startswith("image/")) if types else None,
            image_max_bytes=_positive(media.get("image_size_limit")),
            image_max_pixels=_positive(media.get("image_matrix_limit")),
            video_types=tuple(t for t in types if t.startswith("video/")) if types else None,
            video_max_bytes=_positive(media.get("video_size_limit")),
            video_max_pixels=_positive(media.get("video_matrix_limit")),
            alt_max_chars=_positive(media.get("description_limit")),
        )

    def to_config(self) -> dict[str, Any]:
        """A JSON-ready dict for a channel's config (``from_config`` reads it back)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> MediaLimits:
        known = {name: config.get(name) for name in cls.__dataclass_fields__}
        for name in ("image_types", "video_types"):
            value = known[name]
            known[name] = tuple(value) if isinstance(value, list) else None
        return cls(**known)

    def applied_to(self, rules: MediaRules) -> MediaRules:
        own = {name: value for name, value in self.__dict__.items() if value is not None}
        if "max_items" in own:  # a Mastodon server's one number for images and all
            own["max_images"] = own["max_items"]
        return replace(rules, **own)


class MediaFinding(Finding):
    """A Finding about a post's media: also the network, the file (``item``, counted
    from 1; None for the post as a whole) and whether onshore fixes it on publish."""

    network: str
    item: int | None
    fixable: bool

    def __init__(
        self,
        rule: str,
        severity: Severity,
        message: str,
        *,
        network: str,
        item: int | None,
        fixable: bool = False,
    ) -> None:
        super().__init__(rule, "media", severity, message, 0, 0, None)
        self.__dict__.update(network=network, item=item, fixable=fixable)

    def to_dict(self) -> dict[str, Any]:
        return {
            **super().to_dict(),
            "network": self.network,
            "item": self.item,
            "fixable": self.fixable,
        }


def rules_for(network: str, limits: MediaLimits | None = None) -> MediaRules:
    rules = NETWORK_MEDIA_RULES[network]
    return limits.applied_to(rules) if limits else rules


def check_media(
    network: str,
    items: Iterable[MediaItem],
    limits: MediaLimits | None = None,
    options: Options | None = None,
) -> list[MediaFinding]:
    """Every media finding for posting ``items`` on ``network``: the post as a whole
    first, then each file in order."""
    rules = rules_for(network, limits)
    files = list(items)
    found = list(_post_findings(rules, files))
    for number, item in enumerate(files, start=1):
        found += _item_findings(rules, item, number)
    return _after_options(found, options)


# The post as a whole.


def _post_findings(rules: MediaRules, files: list[MediaItem]) -> Iterator[MediaFinding]:
    network = _label(rules.network)
    if len(files) < rules.min_items:
        yield _post(rules, "media.required", f"{network} needs an image or a video in every post")
        return
    videos = [f for f in files if _takes_video_slot(rules, f)]
    images = [f for f in files if f not in videos]
    if rules.mixing is False and videos and images:
        what = "an animated GIF" if all(v.is_animated_gif for v in videos) else "a video"
        yield _post(rules, "media.mixing", f"{network} does not take images and {what} in one post")
    elif rules.max_videos is not None and len(videos) > rules.max_videos:
        yield _post(
            rules,
            "media.count",
            f"{network} takes {_count(rules.max_videos, 'video')} per post "
            f"(an animated GIF counts as one); this post has {len(videos)}",
        )
    if rules.max_items is not None and len(files) > rules.max_items:
        yield _post(
            rules,
            "media.count",
            f"{network} takes at most {_count(rules.max_items, 'file')} per post; "
            f"this post has {len(files)}",
        )


def _takes_video_slot(rules: MediaRules, item: MediaItem) -> bool:
    return item.kind == "video" or (bool(rules.gif_is_video) and item.is_animated_gif)


# Each file.


def _item_findings(rules: MediaRules, item: MediaItem, number: int) -> list[MediaFinding]:
    if item.kind == "video":
        found = list(_video_findings(rules, item, number))
    elif item.is_animated_gif:
        found = list(_gif_findings(rules, item, number))
    else:
        found = list(_image_findings(rules, item, number))
    return found + list(_alt_findings(rules, item, number))


def _image_findings(rules: MediaRules, item: MediaItem, number: int) -> Iterator[MediaFinding]:
    network, what = _label(rules.network), _what(item, number)
    if rules.image_types and item.mime and item.mime not in rules.image_types:
        target = _still_type(rules.image_types)
        yield _fix(
            rules,
            number,
            "media.image_type",
            f"{network} does not take {_type(item.mime)} images: onshore will convert "
            f"{what} to {_type(target)} for {network} when it publishes",
        )
    if _over(item.bytes, rules.image_max_bytes):
        yield _fix(
            rules,
            number,
            "media.image_bytes",
            f"{_cap(what)} is {_mb(item.bytes)}, over {network}'s {_mb(rules.image_max_bytes)}: "
            f"onshore will resize/re-encode it for {network} when it publishes",
        )
    if _over(item.pixels, rules.image_max_pixels):
        yield _fix(
            rules,
            number,
            "media.image_pixels",
            f"{_cap(what)} is {item.width}×{item.height} pixels, over {network}'s "
            f"{_mp(rules.image_max_pixels)}: onshore will resize it for {network} when it "
            "publishes",
        )
    yield from _aspect(rules, rules.image_aspect, item, number, "media.image_aspect")


def _gif_findings(rules: MediaRules, item: MediaItem, number: int) -> Iterator[MediaFinding]:
    network, what = _label(rules.network), _what(item, number)
    if shows_still(rules):
        shown = rules.gif_animated is False
        why = "shows only the first frame of a GIF" if shown else "takes no GIFs"
        yield _item(
            rules,
            number,
            "media.animation_still",
            "warning",
            f"{_cap(what)} publishes as a still image on {network}, without the animation "
            f"({network} {why}): onshore will send its first frame when it publishes",
            fixable=True,
        )
        return
    limit = rules.gif_max_bytes or rules.image_max_bytes
    if _over(item.bytes, limit):
        yield _item(
            rules,
            number,
            "media.gif_bytes",
            "error",
            f"{_cap(what)} is {_mb(item.bytes)}, over {network}'s {_mb(limit)} for an "
            "animated GIF; onshore cannot shrink an animation: make it shorter or smaller",
        )
    if _over(item.pixels, rules.gif_max_pixels):
        yield _item(
            rules,
            number,
            "media.gif_pixels",
            "error",
            f"{_cap(what)} is {item.width}×{item.height}; {network} takes animated GIFs "
            f"of at most {_mp(rules.gif_max_pixels)}",
        )
    if _over(item.width, rules.gif_max_width) or _over(item.height, rules.gif_max_height):
        yield _item(
            rules,
            number,
            "media.gif_size",
            "warning",
            f"{_cap(what)} is {item.width}×{item.height}; {network} may refuse animated GIFs "
            f"over {rules.gif_max_width}×{rules.gif_max_height}",
        )


def shows_still(rules: MediaRules) -> bool:
    """Whether an animated GIF reaches this network as a still image of its first frame:
    the network takes no GIF (it is converted), or shows one without the animation."""
    return rules.gif_animated is False or bool(rules.image_types and GIF not in rules.image_types)


def _video_findings(rules: MediaRules, item: MediaItem, number: int) -> Iterator[MediaFinding]:
    network, what = _label(rules.network), _what(item, number)
    if rules.network == "bluesky" and not BLUESKY_VIDEO_PUBLISHED:
        yield _item(
            rules,
            number,
            "media.video_unsupported",
            "error",
            f"Video is not supported on Bluesky yet: onshore cannot publish {what} there",
        )
    if rules.video_types and item.mime and item.mime not in rules.video_types:
        yield _item(
            rules,
            number,
            "media.video_type",
            "error",
            f"{network} does not take {_type(item.mime)} video ({what}); it takes "
            f"{', '.join(_type(t) for t in rules.video_types)}",
        )
    if _over(item.bytes, rules.video_max_bytes):
        yield _item(
            rules,
            number,
            "media.video_bytes",
            "error",
            f"{_cap(what)} is {_mb(item.bytes)}, over {network}'s {_mb(rules.video_max_bytes)}; "
            "onshore does not re-encode video",
        )
    yield from _duration(rules, item, number)
    if _under(item.width, rules.video_min_width) or _under(item.height, rules.video_min_height):
        yield _item(
            rules,
            number,
            "media.video_size",
            "error",
            f"{_cap(what)} is {item.width}×{item.height}; {network} takes video of at least "
            f"{rules.video_min_width}×{rules.video_min_height}",
        )
    if _over(item.pixels, rules.video_max_pixels):
        yield _item(
            rules,
            number,
            "media.video_pixels",
            "error",
            f"{_cap(what)} is {item.width}×{item.height}, over {network}'s "
            f"{_mp(rules.video_max_pixels)} for video",
        )
    yield from _aspect(rules, rules.video_aspect, item, number, "media.video_aspect")


def _duration(rules: MediaRules, item: MediaItem, number: int) -> Iterator[MediaFinding]:
    network, what, length = _label(rules.network), _what(item, number), item.duration_s
    if _over(length, rules.video_max_seconds):
        yield _item(
            rules,
            number,
            "media.video_long",
            "error",
            f"{_cap(what)} runs {_seconds(length)}; {network} takes video of at most "
            f"{_seconds(rules.video_max_seconds)}: shorten it",
        )
    if _under(length, rules.video_min_seconds):
        yield _item(
            rules,
            number,
            "media.video_short",
            "error",
            f"{_cap(what)} runs {_seconds(length)}; {network} takes video of at least "
            f"{_seconds(rules.video_min_seconds)}",
        )


def _aspect(
    rules: MediaRules,
    allowed: tuple[float, float] | None,
    item: MediaItem,
    number: int,
    rule: str,
) -> Iterator[MediaFinding]:
    ratio = item.aspect
    if allowed is None or ratio is None:
        return
    low, high = allowed
    # Exactly at a bound passes (1080×1350 is 4:5); the epsilon absorbs float division.
    if ratio < low - 1e-9 or ratio > high + 1e-9:
        yield _item(
            rules,
            number,
            rule,
            "error",
            f"{_cap(_what(item, number))} is {item.width}×{item.height} (aspect ratio "
            f"{_ratio(ratio)}); {_label(rules.network)} takes {_ratio(low)} to {_ratio(high)}: "
            "crop it (onshore does not crop, a crop needs a person's eye)",
        )


def _alt_findings(rules: MediaRules, item: MediaItem, number: int) -> Iterator[MediaFinding]:
    what = _what(item, number)
    if item.kind == "image" and not item.alt.strip():
        yield _item(
            rules,
            number,
            "media.alt_missing",
            "warning",
            f"{_cap(what)} has no alt text: {ALT_TEXT_NEEDED}",
        )
    if _over(len(item.alt), rules.alt_max_chars):
        yield _item(
            rules,
            number,
            "media.alt_long",
            "error",
            f"The alt text of {what} is {len(item.alt):,} characters; "
            f"{_label(rules.network)} takes at most {rules.alt_max_chars:,}",
        )


# What an image must become.


@dataclass(frozen=True)
class ImageTarget:
    """What an image must be re-encoded to for one network: None, no limit known."""

    max_bytes: int | None
    max_pixels: int | None
    types: tuple[str, ...] | None
    # For an animated GIF: sent as its first frame (True), else its own limits.
    animation_still: bool = False
    gif_max_bytes: int | None = None
    gif_max_pixels: int | None = None

    def fits(self, item: MediaItem) -> bool:
        return not (
            _over(item.bytes, self.max_bytes)
            or _over(item.pixels, self.max_pixels)
            or (self.types and item.mime and item.mime not in self.types)
        )

    def scale(self, item: MediaItem) -> float:
        """The factor (at most 1) to multiply width and height by to meet max_pixels."""
        if not item.pixels or not self.max_pixels or item.pixels <= self.max_pixels:
            return 1.0
        return math.sqrt(self.max_pixels / item.pixels)

    def mime_for(self, item: MediaItem) -> str:
        """The type to encode to: the item's own when taken, else JPEG (else PNG)."""
        if not self.types or (item.mime and item.mime in self.types):
            return item.mime or JPEG
        return _still_type(self.types)


def image_target(network: str, limits: MediaLimits | None = None) -> ImageTarget:
    """How to make an image fit ``network``: ``target.fits(item)``, else re-encode it to
    ``target.mime_for(item)``, scaled by ``target.scale(item)``, under ``max_bytes``."""
    rules = rules_for(network, limits)
    return ImageTarget(
        rules.image_max_bytes,
        rules.image_max_pixels,
        rules.image_types,
        animation_still=shows_still(rules),
        gif_max_bytes=rules.gif_max_bytes or rules.image_max_bytes,
        gif_max_pixels=rules.gif_max_pixels or rules.image_max_pixels,
    )


def check_alt_text(
    text: str, market: str, locale: str | None = None, options: Options | None = None
) -> list[Finding]:
    """The checker's text rules (spelling, vocabulary, units, …) over one alt text: no
    network (its length is a media rule) and no time (it is not scheduled)."""
    from onshore.marketfit._engine import check

    return check(Post(text, market, locale=locale), options)


# Small helpers.


def _post(rules: MediaRules, rule: str, message: str) -> MediaFinding:
    return MediaFinding(rule, "error", message, network=rules.network, item=None)


def _item(
    rules: MediaRules,
    number: int,
    rule: str,
    severity: Severity,
    message: str,
    fixable: bool = False,
) -> MediaFinding:
    return MediaFinding(
        rule, severity, message, network=rules.network, item=number, fixable=fixable
    )


def _fix(rules: MediaRules, number: int, rule: str, message: str) -> MediaFinding:
    return _item(rules, number, rule, "info", message, fixable=True)


def _after_options(found: list[MediaFinding], options: Options | None) -> list[MediaFinding]:
    if options is None:
        return found
    kept = []
    for finding in found:
        if finding.rule in options.disabled or "media" in options.disabled:
            continue
        overrides = options.severity_overrides
        severity = overrides.get(finding.rule, overrides.get("media", finding.severity))
        if severity != finding.severity:
            finding.__dict__["severity"] = severity
        kept.append(finding)
    return kept


def _label(network: str) -> str:
    rules = NETWORK_RULES.get(network)
    return rules.label if rules else network


def _what(item: MediaItem, number: int) -> str:
    word = "animated GIF" if item.is_animated_gif else item.kind
    return f"{word} {number}" + (f" ({item.name})" if item.name else "")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _over(value: float | None, limit: float | None) -> bool:
    return value is not None and limit is not None and value > limit


def _under(value: float | None, limit: float | None) -> bool:
    return value is not None and limit is not None and value < limit


def _still_type(types: tuple[str, ...]) -> str:
    return JPEG if JPEG in types else PNG if PNG in types else types[0]


def _type(mime: str) -> str:
    return {"image/jpeg": "JPEG", "video/quicktime": "MOV"}.get(mime, mime.split("/")[-1].upper())


def _mb(size: int | None) -> str:
    return f"{(size or 0) / 1_000_000:,.1f} MB"


def _mp(pixels: int | None) -> str:
    return f"{(pixels or 0) / 1_000_000:,.1f} megapixels"


def _seconds(value: float | None) -> str:
    seconds = value or 0
    if seconds >= 60:
        return f"{int(seconds // 60)} min {seconds % 60:.0f} s"
    return f"{seconds:g} s"


def _ratio(value: float) -> str:
    return f"{value:.2f}:1"


def _count(number: int, noun: str) -> str:
    return f"{'one' if number == 1 else number} {noun}{'' if number == 1 else 's'}"


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _positive(value: object) -> int | None:
    # bool is an int in Python; a "true" limit is garbage, not 1.
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None
