"""Images with Pillow: dimensions checked from the header before any pixel is decoded,
decoded in full (a truncated file is refused), turned upright by its EXIF orientation
and written again without metadata (only the ICC colour profile stays). HEIC becomes
JPEG; GIF and WebP keep their animation.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from onshore.media.processing._messages import megapixels, shown_name
from onshore.media.processing._types import (
    MAX_FRAMES,
    THUMBNAIL_SIDE,
    Limits,
    MediaRefused,
    Processed,
)

# Pillow format → (stored format, MIME type, extension). HEIC phones' photos become JPEG.
OUTPUTS = {
    "JPEG": ("JPEG", "image/jpeg", "jpg"),
    "HEIF": ("JPEG", "image/jpeg", "jpg"),
    "PNG": ("PNG", "image/png", "png"),
    "WEBP": ("WEBP", "image/webp", "webp"),
    "GIF": ("GIF", "image/gif", "gif"),
}
# What an animation needs to play as before; everything else in ``info`` is dropped.
ANIMATION_KEYS = ("duration", "loop", "transparency", "background", "disposal")
_heif_registered = False


def process_image(path: Path, name: str, image_format: str, limits: Limits) -> Processed:
    """Check, orient, strip and re-encode the image at ``path``; MediaRefused if unfit."""
    _register_heif()
    with _open_checked(path, name, image_format, limits) as image:
        animated = _frame_count(image, name, limits) > 1
        _decode(image, name)
        if not animated:
            ImageOps.exif_transpose(image, in_place=True)
        stored_format, mime, extension = OUTPUTS[image_format]
        output = path.with_name(f"processed.{extension}")
        _save_without_metadata(image, output, stored_format, animated)
        thumbnail = path.with_name("thumbnail.webp")
        save_thumbnail(image, thumbnail)
        width, height = image.size
    return Processed(
        kind="image",
        mime=mime,
        extension=extension,
        path=output,
        size=output.stat().st_size,
        sha256=file_sha256(output),
        width=width,
        height=height,
        duration=None,
        thumbnail_path=thumbnail,
        metadata_stripped=True,
        animated=animated,
    )


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        from pillow_heif import register_heif_opener

        register_heif_opener()
        _heif_registered = True


def _open_checked(path: Path, name: str, image_format: str, limits: Limits) -> Image.Image:
    """The image with its header read and its size within the limits; nothing decoded."""
    # Pillow's own bomb check (run by open) uses this; ours below names the setting.
    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path, formats=[image_format])
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise MediaRefused(_too_many_pixels(name, limits)) from None
    except (OSError, SyntaxError, ValueError):
        raise MediaRefused(
            f"{shown_name(name)} cannot be read as an image: it starts like one but is "
            "damaged or of a variant onshore cannot open."
        ) from None
    try:
        check_dimensions(image.size, name, limits)
    except MediaRefused:
        image.close()
        raise
    return image


def check_dimensions(size: tuple[int, int], name: str, limits: Limits) -> None:
    """Refuse by the header's size alone, before a pixel is decoded (bombs, strips)."""
    width, height = size
    shown = f"{shown_name(name)} is {width:,} × {height:,} pixels"
    if width < 1 or height < 1:
        raise MediaRefused(f"{shown}: it has no pixels.")
    if max(width, height) > limits.max_side:
        raise MediaRefused(
            f"{shown}; no side may be longer than {limits.max_side:,} pixels "
            "(ONSHORE_MEDIA_MAX_SIDE)."
        )
    if width * height > limits.max_pixels:
        raise MediaRefused(f"{shown} ({megapixels(width * height)}); {_pixel_limit(limits)}")


def _too_many_pixels(name: str, limits: Limits) -> str:
    return f"{shown_name(name)} has too many pixels to open safely; {_pixel_limit(limits)}"


def _pixel_limit(limits: Limits) -> str:
    return f"images may have at most {megapixels(limits.max_pixels)} (ONSHORE_MEDIA_MAX_PIXELS)."


def _frame_count(image: Image.Image, name: str, limits: Limits) -> int:
    """Frames of an animation, bounded in number and in pixels over all frames."""
    if not getattr(image, "is_animated", False):
        return 1
    frames = int(getattr(image, "n_frames", 1))
    width, height = image.size
    if frames > MAX_FRAMES or frames * width * height > limits.max_pixels:
        raise MediaRefused(
            f"{shown_name(name)} is an animation of {frames:,} frames of {width:,} × "
            f"{height:,} pixels; animations may have at most {MAX_FRAMES:,} frames and "
            f"{megapixels(limits.max_pixels)} over all frames (ONSHORE_MEDIA_MAX_PIXELS)."
        )
    image.seek(0)
    return frames


def _decode(image: Image.Image, name: str) -> None:
    """Decode every pixel now: a truncated or damaged file fails here, not later."""
    try:
        image.load()
    except (OSError, SyntaxError, ValueError):
        raise MediaRefused(
            f"{shown_name(name)} is truncated or damaged and cannot be decoded; "
            "export or copy it again and upload the new file."
        ) from None


def _save_without_metadata(
    image: Image.Image, output: Path, stored_format: str, animated: bool
) -> None:
    """Write the pixels again with no EXIF (GPS included), XMP, comments or text chunks.

    Pillow writes only the metadata it is handed (or finds in ``info``), so ``info`` is
    cut down to the colour profile and what an animation needs to play.
    """
    keep = ("icc_profile", *ANIMATION_KEYS) if animated else ("icc_profile",)
    image.info = {key: image.info[key] for key in keep if key in image.info}
    options: dict[str, object] = {}
    if "icc_profile" in image.info:
        options["icc_profile"] = image.info["icc_profile"]
    if stored_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image, profile = _as_rgb(image, image.info.get("icc_profile"))
            image.info = {"icc_profile": profile} if profile else {}
            options.pop("icc_profile", None)
            if profile:
                options["icc_profile"] = profile
        options.update(quality=90)
    elif stored_format == "WEBP":
        options.update(quality=90)
    if animated:
        options.update(save_all=True)
    image.save(output, format=stored_format, **options)


def _as_rgb(image: Image.Image, icc: bytes | None) -> tuple[Image.Image, bytes | None]:
    """RGB pixels and the profile that describes them, for a CMYK (print) or other image.

    A print file's CMYK profile must not ride on RGB pixels: viewers would read every
    colour through the wrong profile. Converted through its own profile into sRGB where
    Little CMS can; otherwise Pillow's plain conversion, keeping the profile only when it
    already describes RGB.
    """
    if icc and image.mode == "CMYK":
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
            converted = ImageCms.profileToProfile(image, source, srgb, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
        else:
            if converted is not None:
                return converted, srgb.tobytes()
    return image.convert("RGB"), icc if icc and _profile_space(icc) == "RGB" else None


def _profile_space(icc: bytes) -> str:
    """The colour space an ICC profile describes ("RGB", "CMYK", "GRAY", "Lab"), or ""."""
    try:
        return str(ImageCms.ImageCmsProfile(io.BytesIO(icc)).profile.xcolor_space).strip()
    except (ImageCms.PyCMSError, OSError, ValueError):
        return ""


def save_thumbnail(image: Image.Image, output: Path) -> None:
    """A WebP whose longest side is at most THUMBNAIL_SIDE (never enlarged)."""
    width, height = image.size
    scale = min(1.0, THUMBNAIL_SIDE / max(width, height))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    frame = image if image.mode in ("RGB", "RGBA") else image.convert("RGBA")
    small = frame.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    small.save(output, format="WEBP", quality=80)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()
