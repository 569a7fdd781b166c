"""Fitting an image to a network on publish (media.processing.fit_image): untouched when
it fits, else resized and re-encoded under the limit, the same bytes every time, no
metadata ever written back; hostile inputs refused with the limit named."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from onshore.media.processing import FitSpec, Limits, MediaRefused, fit_image, process_file

BLUESKY_FORMER_LIMIT = 1_000_000  # app.bsky.embed.images: "formerly limited to 1 MB"
BLUESKY = FitSpec(max_bytes=BLUESKY_FORMER_LIMIT, network="Bluesky")
JPEG_ONLY = FitSpec(max_bytes=8_000_000, types=("image/jpeg",), network="Instagram")
GPS = 0x8825  # the EXIF GPS IFD


def photo(width: int = 4000, height: int = 3000, mode: str = "RGB") -> Image.Image:
    """Photo-like pixels that do not compress away: gradients with sensor-like noise."""
    ramp = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 48)
    rgb = Image.merge("RGB", (ramp, noise, ramp.transpose(Image.Transpose.ROTATE_180)))
    return rgb.convert(mode) if mode != "RGB" else rgb


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def reopened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def with_gps(image: Image.Image) -> Image.Image.Exif:
    exif = image.getexif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(GPS).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    return exif


def test_an_image_that_fits_is_sent_untouched() -> None:
    data = encoded(photo(200, 100), "JPEG", quality=90)
    fitted = fit_image(data, "image/jpeg", BLUESKY)
    assert fitted.data is data and (fitted.mime, fitted.width, fitted.height) == (
        "image/jpeg",
        200,
        100,
    )


def test_a_12_megapixel_photo_fits_under_bluesky_and_the_same_input_gives_the_same_bytes() -> None:
    data = encoded(photo(), "JPEG", quality=95)
    assert len(data) > 3 * BLUESKY_FORMER_LIMIT
    first = fit_image(data, "image/jpeg", BLUESKY)
    again = fit_image(data, "image/jpeg", BLUESKY)
    assert len(first.data) <= BLUESKY_FORMER_LIMIT
    assert first.data == again.data  # a retried upload sends exactly the same file
    image = reopened(first.data)
    assert (image.format, image.size) == ("JPEG", (first.width, first.height))
    assert abs(first.width / first.height - 4 / 3) < 0.01  # shrunk, never cropped
    assert first.width > 1000  # as many pixels as the limit allows, not a thumbnail


def test_too_many_pixels_are_resized_to_the_limit() -> None:
    data = encoded(photo(3000, 2000), "JPEG", quality=80)
    fitted = fit_image(data, "image/jpeg", FitSpec(max_pixels=1_500_000, network="X"))
    assert fitted.width * fitted.height <= 1_500_000
    assert (fitted.width, fitted.height) == (1500, 1000)


def test_a_huge_png_photo_becomes_a_jpeg_under_the_limit() -> None:
    data = encoded(photo(3000, 2000), "PNG")
    assert len(data) > 5 * BLUESKY_FORMER_LIMIT
    fitted = fit_image(data, "image/png", BLUESKY)
    assert fitted.mime == "image/jpeg" and len(fitted.data) <= BLUESKY_FORMER_LIMIT
    assert reopened(fitted.data).format == "JPEG"


def transparent_logo(width: int, height: int) -> Image.Image:
    logo = photo(width, height).convert("RGBA")
    logo.putalpha(Image.linear_gradient("L").resize((width, height)))  # top rows see-through
    return logo


def test_a_png_with_transparency_stays_a_png_with_transparency() -> None:
    data = encoded(transparent_logo(1200, 900), "PNG")
    assert len(data) > BLUESKY_FORMER_LIMIT
    fitted = fit_image(data, "image/png", BLUESKY)
    image = reopened(fitted.data)
    assert fitted.mime == "image/png" and len(fitted.data) <= BLUESKY_FORMER_LIMIT
    assert image.mode == "RGBA" and image.getpixel((image.width // 2, 0))[3] == 0


def test_transparency_becomes_white_where_the_network_takes_only_jpeg() -> None:
    data = encoded(transparent_logo(400, 300), "PNG")
    fitted = fit_image(data, "image/png", JPEG_ONLY)
    image = reopened(fitted.data)
    assert fitted.mime == "image/jpeg" and image.mode == "RGB"
    assert min(image.getpixel((200, 0))) > 240  # the see-through top is white, not black


def test_a_cmyk_jpeg_is_re_encoded_as_rgb_with_its_colours() -> None:
    cmyk = Image.new("CMYK", (3000, 2000), (0, 255, 255, 0))  # pure red in ink
    noise = photo(3000, 2000).convert("CMYK")
    cmyk.paste(noise.crop((0, 0, 3000, 1000)), (0, 1000))
    data = encoded(cmyk, "JPEG", quality=95)
    fitted = fit_image(data, "image/jpeg", FitSpec(max_bytes=500_000, max_pixels=2_000_000))
    image = reopened(fitted.data)
    assert image.mode == "RGB" and len(fitted.data) <= 500_000
    red, green, blue = image.getpixel((10, 10))
    assert red > 200 and green < 60 and blue < 60


def test_a_one_pixel_high_strip_100000_wide_is_resized_not_crashed() -> None:
    data = encoded(Image.new("RGB", (100_000, 1), (10, 20, 30)), "PNG")
    assert fit_image(data, "image/png", BLUESKY).data is data  # Bluesky has no pixel limit
    fitted = fit_image(data, "image/png", FitSpec(max_side=4096, network="X"))
    assert (fitted.width, fitted.height) == (4096, 1)
    assert reopened(fitted.data).size == (4096, 1)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height``: a decompression bomb's header."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def test_a_bomb_is_refused_from_its_header_naming_the_setting() -> None:
    with pytest.raises(MediaRefused, match="ONSHORE_MEDIA_MAX_PIXELS") as refused:
        fit_image(png_header_only(8_000, 8_000), "image/png", BLUESKY)
    assert "8,000 × 8,000 pixels; onshore decodes images of at most 50.0 megapixels" in str(
        refused.value
    )
    with pytest.raises(MediaRefused, match="too many pixels to open.*MAX_PIXELS"):
        fit_image(png_header_only(40_000, 40_000), "image/png", BLUESKY)


def test_damaged_bytes_are_refused_not_a_crash() -> None:
    with pytest.raises(MediaRefused, match="cannot be read"):
        fit_image(b"\xff\xd8\xff\xe0 not really a jpeg", "image/jpeg", BLUESKY)


def test_what_cannot_fit_is_refused_naming_the_network_and_its_limit() -> None:
    data = encoded(photo(800, 600), "JPEG", quality=90)
    tiny = FitSpec(max_bytes=200, network="Bluesky")
    with pytest.raises(MediaRefused, match="Bluesky takes images of at most 200 bytes"):
        fit_image(data, "image/jpeg", tiny)


def animated_gif() -> bytes:
    frames = [Image.new("P", (120, 80), colour) for colour in (1, 2, 3)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255] + [0] * 756)
    return encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)


def test_an_animated_gif_becomes_its_first_frame_where_only_a_still_is_shown() -> None:
    data = animated_gif()
    still = fit_image(data, "image/gif", FitSpec(still_only=True, network="Bluesky"))
    image = reopened(still.data)
    assert still.mime == "image/png" and not getattr(image, "is_animated", False)
    assert image.convert("RGB").getpixel((5, 5)) == (255, 0, 0)  # the first frame's red
    jpeg = fit_image(data, "image/gif", JPEG_ONLY)
    assert jpeg.mime == "image/jpeg" and reopened(jpeg.data).format == "JPEG"


def test_an_animated_gif_that_fits_keeps_its_animation_and_one_that_does_not_is_refused() -> None:
    data = animated_gif()
    takes_gifs = FitSpec(max_bytes=15_000_000, types=("image/jpeg", "image/gif"))
    assert fit_image(data, "image/gif", takes_gifs).data is data
    small = FitSpec(max_pixels=1000, types=("image/gif",), network="Mastodon")
    with pytest.raises(MediaRefused, match="does not shrink animations"):
        fit_image(data, "image/gif", small)


def no_metadata(data: bytes) -> None:
    image = reopened(data)
    assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
    assert b"PhoneMaker" not in data and b"Exif" not in data


def test_exif_and_gps_never_reappear_when_an_image_is_fitted() -> None:
    source = photo(1600, 1200)
    data = encoded(source, "JPEG", quality=95, exif=with_gps(source), comment=b"PhoneMaker")
    assert b"PhoneMaker" in data
    smaller = FitSpec(max_bytes=300_000)
    for spec in (smaller, FitSpec(max_pixels=1_000_000), JPEG_ONLY):
        fitted = fit_image(data, "image/jpeg", spec)
        if fitted.data is not data:
            no_metadata(fitted.data)
    png = encoded(source, "PNG", exif=with_gps(source))
    no_metadata(fit_image(png, "image/png", smaller).data)


def test_a_stored_upload_fitted_for_a_network_still_has_no_gps(tmp_path: Path) -> None:
    source = photo(3000, 2000)
    upload = tmp_path / "upload"
    upload.write_bytes(encoded(source, "JPEG", quality=95, exif=with_gps(source)))
    stored = process_file(upload, "phone.jpg", Limits(), tools=None)  # type: ignore[arg-type]
    fitted = fit_image(stored.path.read_bytes(), stored.mime, BLUESKY)
    assert len(fitted.data) <= BLUESKY_FORMER_LIMIT
    no_metadata(fitted.data)
