"""What a network receives for a library file (media.outgoing.file_for_network): fitted
to the network's row of the media table, a channel's own limits winning, the same bytes
on every attempt; an animated GIF as its first frame where only a still is shown."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from onshore.marketfit import MediaLimits
from onshore.media import library
from onshore.media.models import Asset
from onshore.media.outgoing import file_for_network
from onshore.networks import PublishError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def upload(team: Any, image: Image.Image, fmt: str, name: str, **options: Any) -> Asset:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return library.add_upload(team.members["owner"], [out.getvalue()], name, "Our stall")[0]


def noisy_photo(width: int = 3000, height: int = 2000) -> Image.Image:
    ramp = Image.linear_gradient("L").resize((width, height))
    return Image.merge("RGB", (ramp, Image.effect_noise((width, height), 64), ramp))


def test_a_photo_over_blueskys_limit_is_fitted_and_mastodon_gets_it_as_stored(
    team: Any, media_dir: Path
) -> None:
    asset = upload(team, noisy_photo(), "JPEG", "stall.jpg", quality=95)
    assert asset.size > 2_000_000
    bluesky = file_for_network(asset, "bluesky")
    assert bluesky.fitted and len(bluesky.data) <= 2_000_000
    assert bluesky.sha256 == hashlib.sha256(bluesky.data).hexdigest() != asset.sha256
    assert (bluesky.mime, bluesky.name, bluesky.alt_text) == (
        "image/jpeg",
        "image.jpg",
        "Our stall",
    )
    assert Image.open(io.BytesIO(bluesky.data)).size == (bluesky.width, bluesky.height)
    assert file_for_network(asset, "bluesky").data == bluesky.data  # a retry: same bytes
    mastodon = file_for_network(asset, "mastodon")
    assert not mastodon.fitted and mastodon.sha256 == asset.sha256
    assert (mastodon.width, mastodon.height) == (asset.width, asset.height)


def test_a_channels_declared_limits_win_over_the_table(team: Any, media_dir: Path) -> None:
    asset = upload(team, noisy_photo(1600, 1200), "JPEG", "stall.jpg", quality=90)
    small_server = MediaLimits(image_max_bytes=300_000, image_max_pixels=1_000_000)
    fitted = file_for_network(asset, "mastodon", small_server)
    assert len(fitted.data) <= 300_000 and fitted.width * fitted.height <= 1_000_000


def test_a_png_goes_to_instagram_as_jpeg(team: Any, media_dir: Path) -> None:
    asset = upload(team, noisy_photo(300, 300), "PNG", "logo.png")
    sent = file_for_network(asset, "instagram")
    assert (sent.mime, sent.name) == ("image/jpeg", "image.jpg")
    assert Image.open(io.BytesIO(sent.data)).format == "JPEG"


def test_an_animated_gif_goes_to_bluesky_as_its_first_frame(team: Any, media_dir: Path) -> None:
    frames = [Image.new("RGB", (90, 60), colour) for colour in ("red", "lime", "blue")]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=80)
    asset = library.add_upload(team.members["owner"], [out.getvalue()], "wave.gif", "Wave")[0]
    assert asset.animated
    still = file_for_network(asset, "bluesky")
    image = Image.open(io.BytesIO(still.data))
    assert (still.mime, still.name) == ("image/png", "image.png")
    assert not getattr(image, "is_animated", False)
    assert image.convert("RGB").getpixel((3, 3)) == (255, 0, 0)
    kept = file_for_network(asset, "mastodon")  # Mastodon plays GIFs (as a "gifv")
    assert kept.mime == "image/gif" and kept.sha256 == asset.sha256


def test_a_file_that_cannot_fit_fails_publishing_for_good_naming_the_limit(
    team: Any, media_dir: Path
) -> None:
    asset = upload(team, noisy_photo(400, 300), "JPEG", "stall.jpg", quality=90)
    tiny_server = MediaLimits(image_max_bytes=200)
    with pytest.raises(PublishError) as failed:
        file_for_network(asset, "mastodon", tiny_server)
    assert failed.value.permanent
    assert str(failed.value).startswith("stall.jpg: Mastodon takes images of at most 200 bytes")
