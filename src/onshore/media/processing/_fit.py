"""Fit a stored image to one network's limits on publish (issue 16, point 4).

``fit_image(data, mime, spec)`` gives back the bytes untouched when they already fit;
otherwise it resizes (Lanczos) to the pixel and side limits and re-encodes until the
bytes fit: JPEG and WebP through quality steps, then smaller; a PNG without
transparency may become JPEG (photos saved as PNG shrink tenfold), a PNG with
transparency stays PNG where the network takes PNG and only gets smaller. An animated
GIF for a network that shows only a still (or takes no GIF) is sent as its first frame;
one that must stay animated but does not fit is refused: onshore does not re-time
animations.

The output is deterministic: the same input and spec give the same bytes, so a retried
delivery uploads exactly what the first attempt did. Nothing but the pixels and the ICC
colour profile is written: no EXIF (GPS positions), XMP or comments, whatever the input
carried.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from typing import NamedTuple

from PIL import Image

from onshore.media.processing._messages import megapixels
from onshore.media.processing._types import DEFAULT_MAX_PIXELS, MediaRefused

JPEG, PNG, GIF, WEBP = "image/jpeg", "image/png", "image/gif", "image/webp"
# Pillow's names for the types onshore reads and writes here.
FORMATS = {JPEG: "JPEG", PNG: "PNG", GIF: "GIF", WEBP: "WEBP"}
# Lossy quality steps tried at the first size; smaller sizes use the last one, since
# below it a photo looks worse than the same photo with fewer pixels.
QUALITIES = (85, 75)
# How many times the pixels may shrink for bytes before onshore gives up.
MAX_SHRINKS = 8
SHRINK_MARGIN = 0.92  # aim a little under the byte limit: sizes are not linear in pixels
SMALLEST_SIDE = 16
GOOD_ENOUGH = 0.8  # a fitted file this close to the byte limit is not grown again


@dataclass(frozen=True)
class FitSpec:
    """What one network takes. None: no limit known (nothing is changed for it)."""

    max_bytes: int | None = None
    max_pixels: int | None = None  # width × height
    max_side: int | None = None  # longest side
    types: tuple[str, ...] | None = None  # accepted MIME types; None: any image
    still_only: bool = False  # an animated GIF is shown as a still (Bluesky)
    network: str = "the network"  # its name, for messages
    # The most pixels decoded at all: the media limit uploads were held to.
    max_decode_pixels: int = DEFAULT_MAX_PIXELS

    def takes(self, mime: str) -> bool:
        return self.types is None or mime in self.types


class Fitted(NamedTuple):
    data: bytes
    mime: str
    width: int
    height: int


def fit_image(data: bytes, mime: str, spec: FitSpec) -> Fitted:
    """``data`` (of type ``mime``) as ``spec``'s network takes it; MediaRefused if it
    cannot be made to fit, with a message naming the network's limit."""
    image = _open(data, mime, spec)
    with image:
        width, height = image.size
        animated = bool(getattr(image, "is_animated", False))
        as_still = animated and (spec.still_only or not spec.takes(mime))
        if _fits(len(data), mime, width, height, spec) and not as_still:
            return Fitted(data, mime, width, height)
        if animated and not as_still:
            raise MediaRefused(
                f"{spec.network} takes animated GIFs of at most {_limits(spec)}; this one "
                f"is {_bytes(len(data))}, {width:,} × {height:,} pixels, and "
                "onshore does not shrink animations: make it shorter or smaller."
            )
        image.seek(0)
        frame = _pixels_only(image)
    return _shrink_until_it_fits(frame, mime, len(data), spec)


def _open(data: bytes, mime: str, spec: FitSpec) -> Image.Image:
    """The image with its header read (nothing decoded) and within the decode limit."""
    if mime not in FORMATS:
        raise MediaRefused(f"onshore cannot re-encode {mime} images for {spec.network}.")
    try:
        with warnings.catch_warnings():  # the check below is ours, with the setting named
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[FORMATS[mime]])
    except Image.DecompressionBombError:  # Pillow's own check, far over ours
        raise MediaRefused(
            f"the image has too many pixels to open; {_decode_limit(spec)}"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise MediaRefused(f"the stored image cannot be read as {mime}.") from None
    width, height = image.size
    if width * height > spec.max_decode_pixels:
        image.close()
        raise MediaRefused(f"the image is {width:,} × {height:,} pixels; {_decode_limit(spec)}")
    return image


def _decode_limit(spec: FitSpec) -> str:
    return (
        f"onshore decodes images of at most {megapixels(spec.max_decode_pixels)} "
        "(ONSHORE_MEDIA_MAX_PIXELS)."
    )


def _fits(size: int, mime: str, width: int, height: int, spec: FitSpec) -> bool:
    return (
        spec.takes(mime)
        and (spec.max_bytes is None or size <= spec.max_bytes)
        and _scale_for_pixels(width, height, spec) == 1.0
    )


def _scale_for_pixels(width: int, height: int, spec: FitSpec) -> float:
    """The factor (at most 1) for width and height to meet the pixel and side limits."""
    scale = 1.0
    if spec.max_pixels is not None and width * height > spec.max_pixels:
        scale = min(scale, math.sqrt(spec.max_pixels / (width * height)))
    if spec.max_side is not None and max(width, height) > spec.max_side:
        scale = min(scale, spec.max_side / max(width, height))
    return scale


def _pixels_only(image: Image.Image) -> Image.Image:
    """The first frame decoded in a mode the encoders take, with only its ICC profile:
    EXIF, XMP and comments in ``info`` would otherwise be written again by Pillow."""
    icc = image.info.get("icc_profile")
    if image.mode == "CMYK":
        frame = image.convert("RGB")
        icc = None  # a CMYK profile on RGB pixels would be wrong; plain RGB is sRGB
    elif image.mode in ("RGB", "RGBA", "L", "LA"):
        frame = image.copy()
    elif image.mode == "P" and "transparency" in image.info or image.mode == "PA":
        frame = image.convert("RGBA")
    else:
        frame = image.convert("RGB")
    frame.info = {"icc_profile": icc} if icc else {}
    if frame.mode in ("RGBA", "LA") and _opaque(frame):
        frame = frame.convert("RGB" if frame.mode == "RGBA" else "L")
        frame.info = {"icc_profile": icc} if icc else {}
    return frame


def _opaque(frame: Image.Image) -> bool:
    low, _high = frame.getchannel("A").getextrema()
    return bool(low == 255)


def _formats(mime: str, alpha: bool, spec: FitSpec) -> list[str]:
    """The types to try, best first. The last is the one used when shrinking further."""
    own = PNG if mime == GIF else mime  # a still of a GIF is written as PNG
    wanted = [own, PNG] if alpha else [own, JPEG]
    taken = [m for m in dict.fromkeys(wanted) if spec.takes(m)]
    if not taken:  # the network takes neither: JPEG (flattened) or PNG, as it takes them
        taken = [m for m in (JPEG, PNG) if spec.takes(m)][:1]
    if not taken:
        raise MediaRefused(f"{spec.network} takes none of the image types onshore can write.")
    return taken


def _shrink_until_it_fits(frame: Image.Image, mime: str, size: int, spec: FitSpec) -> Fitted:
    """Encode at the pixel limit, then smaller, until the bytes fit; ``size`` is the
    stored file's, over the limit when the type is kept at full size."""
    formats = _formats(mime, frame.mode in ("RGBA", "LA"), spec)
    scale = _scale_for_pixels(*frame.size, spec)
    smallest, over = size, (scale, size)
    for attempt in range(MAX_SHRINKS + 1):
        sized = _resized(frame, scale)
        tries = [(m, q) for m in formats for q in _qualities(m)] if attempt == 0 else []
        for target, quality in tries or [(formats[-1], _qualities(formats[-1])[-1])]:
            if scale == 1.0 and target == mime == PNG:
                continue  # lossless at the same size: the stored file, known to be over
            data = _encode(sized, target, quality)
            if spec.max_bytes is None or len(data) <= spec.max_bytes:
                fitted = Fitted(data, target, *sized.size)
                return fitted if attempt == 0 else _grown(frame, fitted, over, quality, spec)
            smallest = min(smallest, len(data)) if attempt == 0 else len(data)
        if spec.max_bytes is None or min(sized.size) <= SMALLEST_SIDE:
            break
        over = (scale, smallest)
        scale *= min(0.9, math.sqrt(spec.max_bytes / smallest) * SHRINK_MARGIN)
    raise MediaRefused(
        f"{spec.network} takes images of at most {_limits(spec)}; onshore could not "
        f"make this one fit (it stayed {_bytes(smallest)})."
    )


def _grown(
    frame: Image.Image, fitted: Fitted, over: tuple[float, int], quality: int, spec: FitSpec
) -> Fitted:
    """One try at more pixels when shrinking undershot: fewer pixels also compress
    better, so bytes fall faster than pixels. The rate seen between the last size that
    was over and the one that fits aims the try; the fitted file stays if it is over."""
    assert spec.max_bytes is not None
    over_scale, over_bytes = over
    scale = fitted.width / frame.width
    if len(fitted.data) > GOOD_ENOUGH * spec.max_bytes or over_bytes <= len(fitted.data):
        return fitted
    rate = math.log(over_bytes / len(fitted.data)) / math.log(over_scale / scale)
    aim = scale * (SHRINK_MARGIN * spec.max_bytes / len(fitted.data)) ** (1 / max(rate, 1.0))
    if aim <= scale * 1.05:
        return fitted
    sized = _resized(frame, min(aim, (scale + over_scale) / 2))
    data = _encode(sized, fitted.mime, quality)
    return Fitted(data, fitted.mime, *sized.size) if len(data) <= spec.max_bytes else fitted


def _qualities(mime: str) -> tuple[int, ...]:
    return QUALITIES if mime in (JPEG, WEBP) else (0,)


def _resized(frame: Image.Image, scale: float) -> Image.Image:
    if scale >= 1.0:
        return frame
    width, height = frame.size
    size = (max(1, math.floor(width * scale)), max(1, math.floor(height * scale)))
    smaller = frame.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    smaller.info = dict(frame.info)  # the ICC profile only (see _pixels_only)
    return smaller


def _encode(frame: Image.Image, mime: str, quality: int) -> bytes:
    options: dict[str, object] = {}
    if "icc_profile" in frame.info:
        options["icc_profile"] = frame.info["icc_profile"]
    if mime == JPEG:
        frame = _flattened(frame)
        options.update(quality=quality, optimize=True)
    elif mime == WEBP:
        options.update(quality=quality, method=4)
    else:
        options.update(compress_level=6)
    out = io.BytesIO()
    frame.save(out, format=FORMATS[mime], **options)
    return out.getvalue()


def _flattened(frame: Image.Image) -> Image.Image:
    """JPEG has no transparency: see-through pixels become white, as on most feeds."""
    if frame.mode not in ("RGBA", "LA"):
        return frame
    base = Image.new("RGB", frame.size, (255, 255, 255))
    base.paste(frame.convert("RGBA"), mask=frame.getchannel("A"))
    return base


def _limits(spec: FitSpec) -> str:
    parts = []
    if spec.max_bytes is not None:
        parts.append(_bytes(spec.max_bytes))
    if spec.max_pixels is not None:
        parts.append(megapixels(spec.max_pixels))
    if spec.max_side is not None:
        parts.append(f"{spec.max_side:,} pixels a side")
    return ", ".join(parts) or "what it takes"


def _bytes(size: int) -> str:
    """Sizes as the networks' pages give them: decimal megabytes (1 MB = 1,000,000)."""
    return f"{size / 1_000_000:,.1f} MB" if size >= 100_000 else f"{size:,} bytes"
