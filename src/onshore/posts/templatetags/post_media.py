"""Thumbnails of a post's files wherever a post is shown: the network previews (a grid
of up to four, as the networks lay them out; Instagram a carousel, "1/N"), the Posts
list and the review queue (the first file and how many), calendar cards (an icon and a
count, so entries stay compact). A video shows its poster, a play mark and its length.

Members' pages link the member-only file route; a page without a member (a client's
review link) gets short-lived signed links, as webhooks do. Lists must prefetch
``media__asset`` so a page of posts costs the same queries whatever it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.template import Engine
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from onshore.media import storage
from onshore.media.picker_views import clock_length

register = template.Library()

GRID_MAX = 4  # the networks show up to four images in a post's grid
CAROUSEL = {"instagram"}  # one file at a time, "1/N"


@dataclass(frozen=True)
class Thumb:
    url: str
    alt: str
    kind: str
    length: str  # a video's m:ss, else ""

    @property
    def is_video(self) -> bool:
        return self.kind == "video"


def _thumb(context: template.Context, item: Any) -> Thumb | None:
    """A post's media row as a thumbnail; None for a placeholder (no file yet)."""
    asset = getattr(item, "asset", None)
    if asset is None:
        return None
    url = ""
    if asset.thumbnail_name:
        membership = context.get("membership")
        if membership is not None:
            url = reverse("media_file", args=[membership.workspace.slug, asset.pk, "thumbnail"])
        else:
            url = storage.signed_url(asset, "thumbnail")
    alt = getattr(item, "alt_text", "") or asset.alt_text
    return Thumb(url, alt, asset.kind, clock_length(asset.duration))


@register.filter
def clock(seconds: Any) -> str:
    """A video's length as players show it (0:07, 1:05)."""
    return clock_length(float(seconds)) if seconds not in (None, "") else ""


@register.inclusion_tag("posts/_thumb.html", takes_context=True)
def media_thumb(context: template.Context, item: Any, size: str = "small") -> dict[str, Any]:
    return {"thumb": _thumb(context, item), "size": size}


@register.simple_tag(takes_context=True)
def preview_media(context: template.Context, media: Any, network: str = "") -> SafeString:
    """The files as ``network`` lays them out, and the placeholders still to come.

    Every network but a carousel lays the same files out the same way, so a page's
    seven previews of one post make each layout once (per template render): the
    thumbnails' links (signed ones on a review link) are not made seven times."""
    layout = "carousel" if network in CAROUSEL else "grid"
    # django-stubs types the render context for Django's own entries only.
    made: dict[tuple[int, str], SafeString] = context.render_context.setdefault(  # type: ignore[assignment]
        "preview_media",
        {},  # type: ignore[arg-type]
    )
    key = (id(media), layout)
    if key not in made:
        engine = context.template.engine if context.template else Engine.get_default()
        made[key] = mark_safe(  # noqa: S308  (a template's output, escaped as it was made)
            engine.get_template("posts/_preview_media.html").render(
                template.Context(
                    _media_layout(context, media, network), autoescape=context.autoescape
                )
            )
        )
    return made[key]


def _media_layout(context: template.Context, media: Any, network: str) -> dict[str, Any]:
    items = list(media or [])
    thumbs = [t for t in (_thumb(context, m) for m in items) if t is not None]
    placeholders = [m for m in items if getattr(m, "asset", None) is None]
    carousel = network in CAROUSEL
    shown = thumbs[:1] if carousel else thumbs[:GRID_MAX]
    return {
        "shown": shown,
        "total": len(thumbs),
        "more": len(thumbs) - len(shown) if not carousel else 0,
        "carousel": carousel and len(thumbs) > 1,
        "grid": len(shown),
        "placeholders": placeholders,
    }


@register.inclusion_tag("posts/_post_thumbs.html", takes_context=True)
def post_thumbs(context: template.Context, post: Any, compact: bool = False) -> dict[str, Any]:
    """A list row's first file and the count, or (``compact``, calendar cards) an icon
    and the count. Reads ``post.media.all()``: prefetch ``media__asset``."""
    items = list(post.media.all())
    first = next((t for t in (_thumb(context, m) for m in items) if t is not None), None)
    has_video = any(m.kind == "video" for m in items)
    return {"first": first, "count": len(items), "compact": compact, "has_video": has_video}
