"""Django-free media processing: what an uploaded file is and a version of it safe to
store and publish.

Public API (the media app, CSV import and publishing call only these)::

    receive(chunks, workdir, name, limits) -> Path    # the upload on disk, within limits
    process_file(path, name, limits, tools) -> Processed
    Limits(max_image_bytes, max_video_bytes, max_pixels, max_side)
    Tools(ffprobe, ffmpeg)                           # paths, None when not installed
    Processed(kind, mime, extension, path, size, sha256, width, height, duration,
              thumbnail_path, metadata_stripped, animated)
    MediaRefused                                     # message names the file and limit
    fit_image(data, mime, FitSpec) -> Fitted(data, mime, width, height)
        an image fitted to one network on publish: untouched when it fits, else
        resized and re-encoded, deterministically (same input → same bytes)

The type is decided from the content (the first bytes, then Pillow or ffprobe), never
from the name. Images: refused by header size before decoding (pixels, longest side),
decoded in full, EXIF orientation applied, every metadata block but the ICC profile
dropped, re-encoded (HEIC → JPEG; GIF and WebP keep their animation), WebP thumbnail.
Video (MP4, MOV): probed with ffprobe, refused without a video stream, remuxed without
metadata by ffmpeg (no transcoding), poster frame as thumbnail.
"""

from onshore.media.processing._fit import FitSpec, Fitted, fit_image
from onshore.media.processing._process import process_file, receive
from onshore.media.processing._types import (
    DEFAULT_MAX_IMAGE_BYTES,
    DEFAULT_MAX_PIXELS,
    DEFAULT_MAX_SIDE,
    DEFAULT_MAX_VIDEO_BYTES,
    THUMBNAIL_SIDE,
    Limits,
    MediaRefused,
    Processed,
    Tools,
)

__all__ = [
    "DEFAULT_MAX_IMAGE_BYTES",
    "DEFAULT_MAX_PIXELS",
    "DEFAULT_MAX_SIDE",
    "DEFAULT_MAX_VIDEO_BYTES",
    "THUMBNAIL_SIDE",
    "FitSpec",
    "Fitted",
    "Limits",
    "MediaRefused",
    "Processed",
    "Tools",
    "fit_image",
    "process_file",
    "receive",
]
