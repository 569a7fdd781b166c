"""Each network's media rules, at their boundaries, against the numbers the documentation
states: exactly at a limit passes, one past it is a finding.

DOCUMENTED below is written from the documentation pages themselves (the quote beside
each number), not copied from the table: a wrong number in
onshore/marketfit/_media_rules.py fails ``test_the_table_holds_the_documented_numbers``
and the boundary test of that limit. A limit added to the table without a boundary
test here fails ``test_every_kind_of_limit_has_a_boundary_test``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from onshore.marketfit import (
    NETWORK_MEDIA_RULES,
    NETWORKS,
    MediaFinding,
    MediaItem,
    MediaRules,
    check_media,
)
from onshore.marketfit._media_rules import READ_ON

DOCUMENTED: dict[str, dict[str, Any]] = {
    "x": {
        "max_items": 4,  # "You may attach up to 4 photos, 1 animated GIF or 1 video"
        "max_images": 4,
        "max_videos": 1,
        "mixing": False,
        "gif_is_video": True,
        "image_types": ("image/jpeg", "image/png", "image/gif", "image/webp"),
        "image_max_bytes": 5_000_000,  # "Image size: <= 5 MB"
        "gif_max_bytes": 15_000_000,  # "Animated GIF size: <= 15 MB"
        "gif_max_width": 1280,  # "Resolution: <= 1280x1080"
        "gif_max_height": 1080,
        "video_max_bytes": 512_000_000,  # "must not exceed 512 mb"
        "video_min_seconds": 0.5,  # "between 0.5 seconds and 140 seconds"
        "video_max_seconds": 140,
        "video_min_width": 32,  # "between 32x32 and 1280x1024"
        "video_min_height": 32,
        "video_aspect": (1 / 3, 3.0),  # "between 1:3 and 3:1"
    },
    "bluesky": {
        "max_items": 4,  # images: "maxLength": 4
        "max_images": 4,
        "max_videos": 1,
        "mixing": False,  # the post's embed is a union
        "gif_animated": False,  # atproto#3090: "nothing was moving when watching the post"
        "image_max_bytes": 2_000_000,  # "maxSize": 2000000
        "video_types": ("video/mp4",),  # "accept": ["video/mp4"]
        "video_max_bytes": 300_000_000,  # "maxSize": 300000000
    },
    "mastodon": {
        "max_items": 4,  # "max_media_attachments": 4
        "max_images": 4,  # "Up to 4 images can be attached"
        "max_videos": 1,  # "Only one video can be attached, per post"
        "mixing": False,
        "gif_is_video": True,  # "converted to soundless MP4s"
        "image_types": (
            "image/jpeg",
            "image/png",
            "image/gif",
            "image/heic",
            "image/heif",
            "image/webp",
            "image/avif",
        ),
        "image_max_bytes": 16_777_216,  # "image_size_limit": 16777216
        "image_max_pixels": 33_177_600,  # "image_matrix_limit": 33177600
        "gif_max_pixels": 921_600,  # "less than 1MP (1280x720)"
        "video_types": ("video/webm", "video/mp4", "video/quicktime", "video/ogg"),
        "video_max_bytes": 103_809_024,  # "video_size_limit": 103809024
        "video_max_pixels": 8_294_400,  # "video_matrix_limit": 8294400
        "alt_max_chars": 1500,  # "description_limit": 1500
    },
    "linkedin": {
        "max_items": 20,  # "minimum of 2 images and maximum of 20 images"
        "max_images": 20,
        "image_types": ("image/jpeg", "image/gif", "image/png"),
        "image_max_pixels": 36_152_319,  # "less than 36,152,320 pixels"
        "alt_max_chars": 4086,
    },
    "instagram": {
        "max_items": 10,  # "Carousels are limited to 10 images, videos, or a mix"
        "min_items": 1,
        "mixing": True,
        "image_types": ("image/jpeg",),  # "Format: JPEG"
        "image_max_bytes": 8_000_000,  # "8 MB maximum"
        "image_aspect": (0.8, 1.91),  # "within a 4:5 to 1.91:1 range"
        "video_types": ("video/quicktime", "video/mp4"),  # "MOV or MP4"
    },
    "threads": {
        "max_items": 20,  # "Carousels are limited to 20 images, videos, or a mix"
        "mixing": True,
        "image_types": ("image/jpeg", "image/png"),
        "image_max_bytes": 8_000_000,
        "image_aspect": (0.1, 10.0),  # "Aspect Ratio Limit: 10:1"
        "video_types": ("video/quicktime", "video/mp4"),
        "video_max_bytes": 1_000_000_000,  # "1 GB maximum"
        "video_max_seconds": 300,  # "300 seconds (5 minutes) maximum"
        "video_aspect": (0.01, 10.0),  # "between 0.01:1 and 10:1"
        "alt_max_chars": 1000,  # "The maximum length of alt_text is 1,000 characters"
    },
    "facebook": {
        "image_types": ("image/jpeg", "image/bmp", "image/png", "image/gif", "image/tiff"),
        "image_max_bytes": 10_000_000,  # "Files can not exceed 10MB."
    },
}

NOT_LIMITS = {"network", "sources", "notes"}
LIMIT_FIELDS = [f.name for f in dataclasses.fields(MediaRules) if f.name not in NOT_LIMITS]


def set_limits(rules: MediaRules) -> dict[str, Any]:
    defaults = MediaRules(rules.network)
    return {
        name: getattr(rules, name)
        for name in LIMIT_FIELDS
        if getattr(rules, name) != getattr(defaults, name)
    }


def rules_of(finding_list: list[MediaFinding]) -> set[str]:
    return {f.rule for f in finding_list}


def image(**facts: Any) -> MediaItem:
    return MediaItem("image", **{"alt": "A described image", **facts})


def video(**facts: Any) -> MediaItem:
    return MediaItem("video", **{"mime": None, **facts})


def gif(**facts: Any) -> MediaItem:
    return image(mime="image/gif", animated=True, **facts)


# The table itself.


def test_every_network_a_post_can_name_has_a_row() -> None:
    assert set(NETWORK_MEDIA_RULES) == set(NETWORKS)


@pytest.mark.parametrize("network", NETWORKS)
def test_the_table_holds_the_documented_numbers(network: str) -> None:
    assert set_limits(NETWORK_MEDIA_RULES[network]) == DOCUMENTED[network]


@pytest.mark.parametrize("network", NETWORKS)
def test_every_number_names_the_documentation_page_it_is_from(network: str) -> None:
    rules = NETWORK_MEDIA_RULES[network]
    assert set(rules.sources) == set(set_limits(rules)), "a limit without a page, or a stray"
    for name, url in rules.sources.items():
        assert url.startswith("https://"), (name, url)
        assert any(host in url for host in OWN_DOCUMENTATION[network]), (name, url)


# The network's own documentation, not a third party's summary of it.
OWN_DOCUMENTATION = {
    "x": ("docs.x.com",),
    "bluesky": ("github.com/bluesky-social/atproto",),
    "mastodon": ("docs.joinmastodon.org",),
    "linkedin": ("learn.microsoft.com/en-us/linkedin",),
    "instagram": ("developers.facebook.com/docs/instagram",),
    "threads": ("developers.facebook.com/docs/threads",),
    "facebook": ("developers.facebook.com/docs/graph-api",),
}


def test_the_reading_date_is_recorded() -> None:
    assert READ_ON == "2026-12-05"


# Boundaries: exactly at the documented limit passes, one past it is a finding.

Make = Callable[[Any], list[MediaItem]]
# Per limit: the items exactly at the limit ``n``, and one step past it.
BOUNDARIES: dict[str, tuple[Make, Make]] = {
    "max_items": (lambda n: [image()] * n, lambda n: [image()] * (n + 1)),
    "max_images": (lambda n: [image()] * n, lambda n: [image()] * (n + 1)),
    "max_videos": (lambda n: [video()] * n, lambda n: [video()] * (n + 1)),
    "min_items": (lambda n: [image()] * n, lambda n: [image()] * (n - 1)),
    "image_max_bytes": (lambda n: [image(bytes=n)], lambda n: [image(bytes=n + 1)]),
    "image_max_pixels": (
        lambda n: [image(width=n, height=1)],
        lambda n: [image(width=n + 1, height=1)],
    ),
    "gif_max_bytes": (lambda n: [gif(bytes=n)], lambda n: [gif(bytes=n + 1)]),
    "gif_max_width": (lambda n: [gif(width=n, height=1)], lambda n: [gif(width=n + 1, height=1)]),
    "gif_max_height": (
        lambda n: [gif(width=1, height=n)],
        lambda n: [gif(width=1, height=n + 1)],
    ),
    "gif_max_pixels": (lambda n: [gif(width=n, height=1)], lambda n: [gif(width=n + 1, height=1)]),
    "video_max_bytes": (lambda n: [video(bytes=n)], lambda n: [video(bytes=n + 1)]),
    "video_max_seconds": (
        lambda n: [video(duration_s=n)],
        lambda n: [video(duration_s=n + 0.01)],
    ),
    "video_min_seconds": (
        lambda n: [video(duration_s=n)],
        lambda n: [video(duration_s=n - 0.01)],
    ),
    "video_min_width": (
        lambda n: [video(width=n, height=n)],
        lambda n: [video(width=n - 1, height=n)],
    ),
    "video_min_height": (
        lambda n: [video(width=n, height=n)],
        lambda n: [video(width=n, height=n - 1)],
    ),
    "video_max_pixels": (
        lambda n: [video(width=n, height=1)],
        lambda n: [video(width=n + 1, height=1)],
    ),
    "alt_max_chars": (lambda n: [image(alt="a" * n)], lambda n: [image(alt="a" * (n + 1))]),
}
# Which rule the step past the limit trips.
TRIPS = {
    "max_items": "media.count",
    "max_images": "media.count",
    "max_videos": "media.count",
    "min_items": "media.required",
    "image_max_bytes": "media.image_bytes",
    "image_max_pixels": "media.image_pixels",
    "gif_max_bytes": "media.gif_bytes",
    "gif_max_width": "media.gif_size",
    "gif_max_height": "media.gif_size",
    "gif_max_pixels": "media.gif_pixels",
    "video_max_bytes": "media.video_bytes",
    "video_max_seconds": "media.video_long",
    "video_min_seconds": "media.video_short",
    "video_min_width": "media.video_size",
    "video_min_height": "media.video_size",
    "video_max_pixels": "media.video_pixels",
    "alt_max_chars": "media.alt_long",
    "image_aspect": "media.image_aspect",
    "video_aspect": "media.video_aspect",
    "image_types": "media.image_type",
    "video_types": "media.video_type",
    "mixing": "media.mixing",
    "gif_is_video": "media.mixing",
}
HEIGHT = 3000  # every documented ratio times 3000 is a whole number of pixels


def _numeric_cases() -> list[tuple[str, str, Any]]:
    return [
        (network, name, value)
        for network, limits in DOCUMENTED.items()
        for name, value in limits.items()
        if name in BOUNDARIES
    ]


@pytest.mark.parametrize(("network", "limit", "value"), _numeric_cases())
def test_at_the_limit_passes_and_one_past_it_is_a_finding(
    network: str, limit: str, value: Any
) -> None:
    at, past = BOUNDARIES[limit]
    assert TRIPS[limit] not in rules_of(check_media(network, at(value)))
    assert TRIPS[limit] in rules_of(check_media(network, past(value)))


def _aspect_cases() -> list[tuple[str, str, tuple[float, float]]]:
    return [
        (network, name, value)
        for network, limits in DOCUMENTED.items()
        for name, value in limits.items()
        if name in ("image_aspect", "video_aspect")
    ]


@pytest.mark.parametrize(("network", "limit", "bounds"), _aspect_cases())
def test_aspect_ratios_at_both_ends(network: str, limit: str, bounds: tuple[float, float]) -> None:
    make = image if limit == "image_aspect" else video
    low, high = (round(b * HEIGHT) for b in bounds)
    for width in (low, high):
        assert TRIPS[limit] not in rules_of(
            check_media(network, [make(width=width, height=HEIGHT)])
        )
    for width in (low - 1, high + 1):
        assert TRIPS[limit] in rules_of(check_media(network, [make(width=width, height=HEIGHT)]))


@pytest.mark.parametrize(
    ("network", "types"),
    [(n, v) for n, limits in DOCUMENTED.items() for k, v in limits.items() if k == "image_types"],
)
def test_an_image_type_the_network_does_not_take_is_converted(
    network: str, types: tuple[str, ...]
) -> None:
    for mime in types:
        assert "media.image_type" not in rules_of(check_media(network, [image(mime=mime)]))
    found = check_media(network, [image(mime="image/x-unheard-of")])
    (finding,) = [f for f in found if f.rule == "media.image_type"]
    assert (finding.severity, finding.fixable) == ("info", True)


@pytest.mark.parametrize(
    ("network", "types"),
    [(n, v) for n, limits in DOCUMENTED.items() for k, v in limits.items() if k == "video_types"],
)
def test_a_video_type_the_network_does_not_take_is_an_error(
    network: str, types: tuple[str, ...]
) -> None:
    for mime in types:
        assert "media.video_type" not in rules_of(check_media(network, [video(mime=mime)]))
    assert "media.video_type" in rules_of(check_media(network, [video(mime="video/x-msvideo")]))


@pytest.mark.parametrize("network", NETWORKS)
def test_mixing_images_and_video_as_documented(network: str) -> None:
    documented = DOCUMENTED[network].get("mixing")
    found = "media.mixing" in rules_of(check_media(network, [image(), video()]))
    assert found == (documented is False)


@pytest.mark.parametrize("network", NETWORKS)
def test_an_animated_gif_counts_as_a_video_where_documented(network: str) -> None:
    counts = bool(DOCUMENTED[network].get("gif_is_video"))
    found = rules_of(check_media(network, [gif(), image()]))
    assert ("media.mixing" in found) == (counts and DOCUMENTED[network].get("mixing") is False)


@pytest.mark.parametrize("network", NETWORKS)
def test_an_animated_gif_publishes_as_a_still_where_documented(network: str) -> None:
    rules = NETWORK_MEDIA_RULES[network]
    still = rules.gif_animated is False or "image/gif" not in (rules.image_types or ["image/gif"])
    found = [f for f in check_media(network, [gif()]) if f.rule == "media.animation_still"]
    assert bool(found) == still
    assert network not in {"bluesky", "instagram", "threads"} or found
    for finding in found:
        assert finding.severity == "warning" and finding.fixable
        assert "publishes as a still image" in finding.message


def test_every_kind_of_limit_has_a_boundary_test() -> None:
    tested = set(BOUNDARIES) | {"image_aspect", "video_aspect", "image_types", "video_types"}
    tested |= {"mixing", "gif_is_video", "gif_animated"}
    assert set(LIMIT_FIELDS) <= tested, set(LIMIT_FIELDS) - tested
