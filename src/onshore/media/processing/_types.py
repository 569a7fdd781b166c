"""What processing takes (limits, the tools found on the machine) and what it gives back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Defaults of the media limit settings (settings.py reads them; tests pass their own).
DEFAULT_MAX_IMAGE_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_VIDEO_BYTES = 512 * 1024 * 1024
DEFAULT_MAX_PIXELS = 50_000_000  # 50 megapixels: above every phone camera's output
DEFAULT_MAX_SIDE = 16_384  # longest side in pixels: a 1×100,000 strip is no photo
MAX_FRAMES = 1_000  # frames of an animated GIF or WebP
THUMBNAIL_SIDE = 320


@dataclass(frozen=True)
class Limits:
    """What an upload may be at most; each refusal names the limit it broke."""

    max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES
    max_video_bytes: int = DEFAULT_MAX_VIDEO_BYTES
    max_pixels: int = DEFAULT_MAX_PIXELS
    max_side: int = DEFAULT_MAX_SIDE

    @property
    def max_upload_bytes(self) -> int:
        return max(self.max_image_bytes, self.max_video_bytes)


@dataclass(frozen=True)
class Tools:
    """The programs video needs: Debian's ``ffprobe`` and ``ffmpeg`` (package ffmpeg).

    None when absent: without ffprobe video is refused with a message saying so; without
    ffmpeg a video is stored as uploaded (metadata not stripped) and has no poster frame.
    """

    ffprobe: str | None = None
    ffmpeg: str | None = None
    timeout_seconds: float = 60.0


class MediaRefused(ValueError):
    """An upload onshore will not store; the message names the file and the reason."""


@dataclass(frozen=True)
class Processed:
    """A file ready to store: metadata stripped, re-encoded (images) or remuxed (video).

    ``path`` and ``thumbnail_path`` are files in the work directory the caller gave;
    the caller stores them and removes the directory.
    """

    kind: str  # "image" or "video"
    mime: str  # decided from the content, never from the name
    extension: str  # of the stored file: "jpg", "png", "webp", "gif", "mp4", "mov"
    path: Path
    size: int
    sha256: str  # of the stored (processed) file: the same upload gives the same hash
    width: int
    height: int
    duration: float | None  # seconds, video only
    thumbnail_path: Path | None  # WebP, longest side THUMBNAIL_SIDE; None: no poster frame
    metadata_stripped: bool  # False only for video stored without ffmpeg
    animated: bool = False
