"""check_media(): what onshore fixes on publish versus what only a person can, a Mastodon
instance's own limits, what an image must become, and alt text checked like post text."""

from __future__ import annotations

from onshore.marketfit import (
    ALT_TEXT_NEEDED,
    MediaItem,
    MediaLimits,
    Options,
    check_alt_text,
    check_media,
    image_target,
)


def photo(**facts: object) -> MediaItem:
    return MediaItem("image", **{"mime": "image/jpeg", "alt": "Our stall at the market", **facts})  # type: ignore[arg-type]


def test_an_image_over_blueskys_size_is_fixed_on_publish() -> None:
    (finding,) = check_media("bluesky", [photo(bytes=3_400_000, name="stall.jpg")])
    assert (finding.rule, finding.severity, finding.fixable) == ("media.image_bytes", "info", True)
    assert finding.network == "bluesky" and finding.item == 1 and finding.category == "media"
    assert finding.message == (
        "Image 1 (stall.jpg) is 3.4 MB, over Bluesky's 2.0 MB: onshore will resize/re-encode "
        "it for Bluesky when it publishes"
    )


def test_what_onshore_cannot_fix_is_an_error_with_the_reason() -> None:
    tall = photo(width=1080, height=1920)  # 9:16, a phone screenshot
    (aspect,) = check_media("instagram", [tall])
    assert (aspect.rule, aspect.severity, aspect.fixable) == ("media.image_aspect", "error", False)
    assert "0.80:1 to 1.91:1" in aspect.message and "crop it" in aspect.message

    long_video = MediaItem("video", "video/mp4", duration_s=200)
    (too_long,) = check_media("x", [long_video])
    assert too_long.severity == "error" and "at most 2 min 20 s" in too_long.message

    (too_many,) = check_media("x", [photo()] * 5)
    assert (too_many.rule, too_many.item) == ("media.count", None)
    assert "at most 4 files" in too_many.message


def test_instagram_needs_media_and_takes_jpeg_only() -> None:
    (none,) = check_media("instagram", [])
    assert none.severity == "error" and "needs an image or a video" in none.message
    (png,) = check_media("instagram", [photo(mime="image/png")])
    assert png.fixable and "convert image 1 to JPEG" in png.message
    (animated,) = check_media("instagram", [photo(mime="image/gif", animated=True)])
    assert (animated.rule, animated.severity) == ("media.animation_still", "warning")
    assert "Instagram takes no GIFs" in animated.message


def test_bluesky_takes_a_gif_but_shows_it_as_a_still() -> None:
    (animated,) = check_media("bluesky", [photo(mime="image/gif", animated=True)])
    assert (animated.rule, animated.severity, animated.fixable) == (
        "media.animation_still",
        "warning",
        True,
    )
    assert animated.message.startswith("Animated GIF 1 publishes as a still image on Bluesky")
    assert "shows only the first frame of a GIF" in animated.message
    assert check_media("bluesky", [photo(mime="image/gif", animated=False)]) == []


def test_video_on_bluesky_is_not_published_yet() -> None:
    (finding,) = check_media("bluesky", [MediaItem("video", "video/mp4", bytes=1000)])
    assert finding.rule == "media.video_unsupported" and finding.severity == "error"
    assert "not supported on Bluesky yet" in finding.message


def test_unknown_facts_are_not_checked() -> None:
    """A media placeholder has no bytes or dimensions yet: only what is known is checked."""
    assert check_media("bluesky", [MediaItem("image", alt="A cat")]) == []


def test_an_image_without_alt_text_is_a_warning_in_the_placeholders_words() -> None:
    (finding,) = check_media("mastodon", [photo(alt=" ")])
    assert finding.severity == "warning"
    assert finding.message.endswith(ALT_TEXT_NEEDED)
    # posts/models.py says the same when it refuses to save an image without alt text.
    assert ALT_TEXT_NEEDED == "describe the image for people who cannot see it"


def test_a_mastodon_instance_s_own_limits_win() -> None:
    instance = {
        "configuration": {
            "statuses": {"max_media_attachments": 6, "max_characters": 5000},
            "media_attachments": {
                "supported_mime_types": ["image/jpeg", "image/png", "video/mp4"],
                "image_size_limit": 2_000_000,
                "image_matrix_limit": 4_000_000,
                "video_size_limit": 50_000_000,
                "video_matrix_limit": 2_073_600,
                "description_limit": 500,
            },
        }
    }
    limits = MediaLimits.from_instance(instance)
    assert limits.max_items == 6 and limits.image_types == ("image/jpeg", "image/png")
    assert MediaLimits.from_config(limits.to_config()) == limits

    five = [photo()] * 5
    assert [f.rule for f in check_media("mastodon", five)] == ["media.count"]
    assert check_media("mastodon", five, limits) == []
    big = photo(bytes=3_000_000, alt="a" * 501)
    assert check_media("mastodon", [big]) == []  # the stock server's 16 MB and 1,500
    found = {f.rule: f for f in check_media("mastodon", [big], limits)}
    assert set(found) == {"media.image_bytes", "media.alt_long"}
    assert "takes at most 500" in found["media.alt_long"].message
    assert "video/webm" not in (limits.video_types or ())


def test_a_garbled_instance_keeps_the_defaults() -> None:
    limits = MediaLimits.from_instance(
        {"configuration": {"statuses": {"max_media_attachments": True}}}
    )
    assert limits == MediaLimits()
    assert MediaLimits.from_instance({"configuration": "nonsense"}) == MediaLimits()


def test_image_target_says_how_to_make_an_image_fit() -> None:
    target = image_target("bluesky")
    assert target.max_bytes == 2_000_000
    assert target.fits(photo(bytes=2_000_000)) and not target.fits(photo(bytes=2_000_001))
    linkedin = image_target("linkedin")
    huge = photo(width=8000, height=6000)
    scale = linkedin.scale(huge)
    assert int(8000 * scale) * int(6000 * scale) <= 36_152_319 < 8000 * 6000
    assert image_target("instagram").mime_for(photo(mime="image/png")) == "image/jpeg"
    assert image_target("threads").mime_for(photo(mime="image/png")) == "image/png"


def test_options_disable_and_override_media_rules() -> None:
    items = [photo(bytes=3_000_000, alt="")]
    assert check_media("bluesky", items, options=Options(disabled=frozenset({"media"}))) == []
    only = check_media("bluesky", items, options=Options(disabled=frozenset({"media.alt_missing"})))
    assert [f.rule for f in only] == ["media.image_bytes"]
    louder = check_media("bluesky", items, options=Options(severity_overrides={"media": "error"}))
    assert {f.severity for f in louder} == {"error"}


def test_alt_text_is_checked_against_the_market_like_post_text() -> None:
    alt = "Our team at the color run, 5 miles in"
    found = {f.category: f for f in check_alt_text(alt, "GB")}
    assert alt[found["spelling"].start : found["spelling"].end] == "color"
    assert found["spelling"].suggestion == "colour"
    assert check_alt_text("Our team at the colour run", "GB") == []
