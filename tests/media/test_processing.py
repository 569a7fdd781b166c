"""Processing you can trust: hostile files are refused with a message naming the file
and the limit, and what is stored carries no metadata (GPS above all) and stands upright.

Every file is made here, in the test; none is committed.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from PIL import Image

from onshore.media.processing import Limits, MediaRefused, Processed, Tools, process_file

FFMPEG = shutil.which("ffmpeg")
FFPROBE = shutil.which("ffprobe")
TOOLS = Tools(ffprobe=FFPROBE, ffmpeg=FFMPEG)
needs_ffmpeg = pytest.mark.skipif(
    not (FFMPEG and FFPROBE), reason="ffmpeg/ffprobe not installed (make media-tools)"
)
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def upload(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "upload"
    path.write_bytes(data)
    return path


def process(tmp_path: Path, data: bytes, name: str, limits: Limits | None = None) -> Processed:
    return process_file(upload(tmp_path, data), name, limits or Limits(), TOOLS)


def jpeg(size: tuple[int, int] = (64, 32), **save: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, format="JPEG", **save)
    return out.getvalue()


def png(size: tuple[int, int] = (40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bomb_png(side: int = 30_000) -> bytes:
    """A 1-bit PNG of side × side pixels (900 megapixels) in about 100 KB of zeros."""
    row = b"\x00" * (1 + side // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


def test_a_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    data = bomb_png()
    assert len(data) < 200_000
    with pytest.raises(MediaRefused) as refused:
        process(tmp_path, data, "holiday.png")
    message = str(refused.value)
    assert "holiday.png" in message and "ONSHORE_MEDIA_MAX_PIXELS" in message
    assert "30,000 × 30,000" in message or "too many pixels" in message


def test_a_png_named_jpg_is_stored_as_the_png_it_is(tmp_path: Path) -> None:
    result = process(tmp_path, png(), "photo.jpg")
    assert (result.kind, result.mime, result.extension) == ("image", "image/png", "png")
    assert Image.open(result.path).format == "PNG"


def test_a_truncated_jpeg_is_refused(tmp_path: Path) -> None:
    whole = jpeg((400, 300), quality=95)
    with pytest.raises(MediaRefused, match=r"cut\.jpg is truncated or damaged"):
        process(tmp_path, whole[: len(whole) // 2], "cut.jpg")


def test_a_strip_one_pixel_high_and_100000_wide_is_refused(tmp_path: Path) -> None:
    header = struct.pack(">IIBBBBB", 100_000, 1, 1, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * (1 + 100_000 // 8))
    strip = (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )
    with pytest.raises(MediaRefused) as refused:
        process(tmp_path, strip, "banner.png")
    assert "banner.png is 100,000 × 1 pixels" in str(refused.value)
    assert "ONSHORE_MEDIA_MAX_SIDE" in str(refused.value)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MediaRefused, match=r"empty\.jpg is empty \(0 bytes\)"):
        process(tmp_path, b"", "empty.jpg")


def test_text_named_like_an_image_is_refused_by_its_content(tmp_path: Path) -> None:
    with pytest.raises(MediaRefused, match="not a file onshore accepts"):
        process(tmp_path, b"<?php echo 'hi'; ?>", "avatar.png")


def test_a_file_over_the_byte_limit_names_the_limit(tmp_path: Path) -> None:
    with pytest.raises(MediaRefused) as refused:
        process(tmp_path, jpeg((300, 300)), "big.jpg", Limits(max_image_bytes=1000))
    assert "big.jpg" in str(refused.value)
    assert "ONSHORE_MEDIA_MAX_IMAGE_BYTES" in str(refused.value)


def test_a_picture_over_the_pixel_limit_names_the_limit(tmp_path: Path) -> None:
    with pytest.raises(MediaRefused, match="ONSHORE_MEDIA_MAX_PIXELS"):
        process(tmp_path, jpeg((200, 200)), "wide.jpg", Limits(max_pixels=10_000))


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 26.0)  # latitude of a freelancer's kitchen table
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 39.0)
    return exif


def test_gps_and_every_exif_field_are_gone_from_the_stored_jpeg(tmp_path: Path) -> None:
    source = jpeg((80, 60), exif=gps_exif())
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(GPS_IFD)  # the input has GPS
    result = process(tmp_path, source, "kitchen.jpg")
    stored = Image.open(result.path)
    assert dict(stored.getexif()) == {}
    assert stored.getexif().get_ifd(GPS_IFD) == {}
    assert b"Exif" not in result.path.read_bytes()[:4096]
    assert b"PhoneMaker" not in result.path.read_bytes()


def test_exif_orientation_is_applied_so_the_sides_swap(tmp_path: Path) -> None:
    source = jpeg((120, 40), exif=gps_exif(orientation=6))  # "rotate 90° to view"
    result = process(tmp_path, source, "portrait.jpg")
    assert (result.width, result.height) == (40, 120)
    assert Image.open(result.path).size == (40, 120)
    assert ORIENTATION not in Image.open(result.path).getexif()


def test_png_text_and_exif_chunks_are_dropped(tmp_path: Path) -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at 12 Harbour Lane")
    out = io.BytesIO()
    Image.new("RGB", (30, 30)).save(out, format="PNG", pnginfo=info, exif=gps_exif())
    result = process(tmp_path, out.getvalue(), "shot.png")
    stored = result.path.read_bytes()
    assert b"Harbour Lane" not in stored and b"eXIf" not in stored


def test_an_animated_gif_keeps_its_frames(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (20, 20), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=100)
    result = process(tmp_path, out.getvalue(), "spin.gif")
    assert result.animated and result.mime == "image/gif"
    assert Image.open(result.path).n_frames == 3


def test_heic_from_a_phone_becomes_jpeg(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (0, 200, 0)).save(out, format="HEIF")
    result = process(tmp_path, out.getvalue(), "IMG_0001.HEIC")
    assert (result.mime, result.extension) == ("image/jpeg", "jpg")
    assert Image.open(result.path).format == "JPEG"


def test_thumbnail_is_a_small_webp_and_the_hash_is_stable(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    first = process(tmp_path / "a", jpeg((1000, 500)), "a.jpg")
    assert first.thumbnail_path is not None
    with Image.open(first.thumbnail_path) as thumb:
        assert thumb.format == "WEBP" and thumb.size == (320, 160)
    (tmp_path / "b").mkdir()
    second = process(tmp_path / "b", jpeg((1000, 500)), "again.jpg")
    assert second.sha256 == first.sha256


def make_video(tmp_path: Path, *args: str, name: str = "clip.mp4") -> bytes:
    target = tmp_path / name
    assert FFMPEG is not None
    subprocess.run(
        [FFMPEG, "-nostdin", "-v", "error", *args, "-y", str(target)], check=True, timeout=60
    )
    return target.read_bytes()


@needs_ffmpeg
def test_a_video_with_no_video_stream_is_refused(tmp_path: Path) -> None:
    sound = make_video(
        tmp_path, "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac"
    )
    with pytest.raises(MediaRefused, match=r"clip\.mp4 has no video stream"):
        process(tmp_path, sound, "clip.mp4")


@needs_ffmpeg
def test_a_phone_video_keeps_its_frames_and_loses_its_location(tmp_path: Path) -> None:
    source = make_video(
        tmp_path,
        *("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=2"),
        *("-metadata", "location=+51.5074-000.1278/", "-metadata", "title=Home"),
        *("-c:v", "mpeg4"),
        name="IMG_0002.MOV",
    )
    assert b"+51.5074" in source
    result = process(tmp_path, source, "IMG_0002.MOV")
    assert (result.kind, result.mime, result.extension) == ("video", "video/quicktime", "mov")
    assert (result.width, result.height) == (160, 120)
    assert result.duration == pytest.approx(2.0, abs=0.2)
    assert result.metadata_stripped
    assert b"+51.5074" not in result.path.read_bytes()
    assert result.thumbnail_path is not None and result.thumbnail_path.stat().st_size > 0


@needs_ffmpeg
def test_without_ffprobe_video_is_refused_and_images_still_work(tmp_path: Path) -> None:
    source = make_video(
        tmp_path, "-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=1", "-c:v", "mpeg4"
    )
    without = Tools(ffprobe=None, ffmpeg=None)
    with pytest.raises(MediaRefused, match="need ffprobe on the server"):
        process_file(upload(tmp_path, source), "clip.mp4", Limits(), without)
    (tmp_path / "img").mkdir()
    assert process_file(upload(tmp_path / "img", png()), "a.png", Limits(), without).kind == "image"


XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description exif:GPSLatitude="51,30.4N"/></rdf:RDF></x:xmpmeta>'
)


@pytest.mark.parametrize("image_format", ["JPEG", "WEBP"])
def test_xmp_comments_and_exif_are_gone_from_jpeg_and_webp(
    tmp_path: Path, image_format: str
) -> None:
    out = io.BytesIO()
    extra: dict[str, object] = {"exif": gps_exif(), "xmp": XMP}
    if image_format == "JPEG":
        extra["comment"] = b"shot at 12 Harbour Lane"
    Image.new("RGB", (50, 40), (1, 2, 3)).save(out, format=image_format, **extra)
    source = out.getvalue()
    assert b"GPSLatitude" in source
    result = process(tmp_path, source, f"photo.{image_format.lower()}")
    stored = result.path.read_bytes()
    for trace in (b"GPSLatitude", b"Harbour Lane", b"PhoneMaker", b"Exif\x00\x00"):
        assert trace not in stored, trace
    assert Image.open(result.path).format == image_format


def test_the_colour_profile_stays(tmp_path: Path) -> None:
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("RGB", (50, 40), (1, 2, 3)).save(
        out, format="JPEG", icc_profile=profile, exif=gps_exif()
    )
    result = process(tmp_path, out.getvalue(), "calibrated.jpg")
    assert Image.open(result.path).info.get("icc_profile") == profile


def cmyk_jpeg(icc_profile: bytes | None = None) -> bytes:
    out = io.BytesIO()
    extra: dict[str, object] = {"icc_profile": icc_profile} if icc_profile else {}
    # Cyan 0, magenta 255, yellow 255, black 0: a print file's pure red.
    Image.new("CMYK", (50, 40), (0, 255, 255, 0)).save(out, format="JPEG", **extra)
    return out.getvalue()


def test_a_print_files_cmyk_becomes_rgb_in_the_right_colours(tmp_path: Path) -> None:
    result = process(tmp_path, cmyk_jpeg(), "print.jpg")
    stored = Image.open(result.path)
    assert stored.mode == "RGB"
    red, green, blue = stored.getpixel((25, 20))  # type: ignore[misc]
    assert red > 200 and green < 60 and blue < 60


def test_a_profile_that_does_not_describe_the_stored_pixels_is_dropped(tmp_path: Path) -> None:
    """A CMYK file's profile must not ride on the RGB pixels stored: viewers would read
    every colour through it. (No CMYK profile ships with Pillow; a Lab one stands in.)"""
    from PIL import ImageCms

    lab = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    result = process(tmp_path, cmyk_jpeg(icc_profile=lab), "print.jpg")
    stored = Image.open(result.path)
    assert stored.mode == "RGB"
    profile = stored.info.get("icc_profile")
    if profile:
        space = ImageCms.ImageCmsProfile(io.BytesIO(profile)).profile.xcolor_space
        assert space.strip() == "RGB"
