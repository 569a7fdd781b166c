"""One upload from bytes to a file ready to store: received within the size limit,
its type decided from its first bytes, then handed to the image or the video path."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from onshore.media.processing._images import process_image
from onshore.media.processing._messages import ACCEPTED, megabytes, shown_name
from onshore.media.processing._sniff import sniff
from onshore.media.processing._types import Limits, MediaRefused, Processed, Tools
from onshore.media.processing._video import process_video

SNIFF_BYTES = 32


def receive(chunks: Iterable[bytes], workdir: Path, name: str, limits: Limits) -> Path:
    """Write the upload to ``workdir``/upload, refusing it as soon as it passes the
    larger of the two byte limits (a client's Content-Length is not trusted)."""
    target = workdir / "upload"
    written = 0
    with target.open("wb") as handle:
        for chunk in chunks:
            written += len(chunk)
            if written > limits.max_upload_bytes:
                raise MediaRefused(
                    f"{shown_name(name)} is larger than {megabytes(limits.max_upload_bytes)}, "
                    "the most onshore accepts (ONSHORE_MEDIA_MAX_VIDEO_BYTES, "
                    "ONSHORE_MEDIA_MAX_IMAGE_BYTES)."
                )
            handle.write(chunk)
    return target


def process_file(path: Path, name: str, limits: Limits, tools: Tools) -> Processed:
    """Check and prepare the upload at ``path`` (its folder is the work directory).

    ``name`` is the client's file name, used in messages only: the type comes from the
    content. Raises MediaRefused with a message naming the file and the limit broken.
    """
    size = path.stat().st_size
    if size == 0:
        raise MediaRefused(f"{shown_name(name)} is empty (0 bytes).")
    with path.open("rb") as handle:
        found = sniff(handle.read(SNIFF_BYTES))
    if found is None:
        raise MediaRefused(
            f"{shown_name(name)} is not a file onshore accepts: {ACCEPTED} "
            "(decided from the file's content, not its name)."
        )
    kind, file_format = found
    _check_bytes(size, kind, name, limits)
    if kind == "video":
        return process_video(path, name, file_format, limits, tools)
    return process_image(path, name, file_format, limits)


def _check_bytes(size: int, kind: str, name: str, limits: Limits) -> None:
    limit, setting = (
        (limits.max_video_bytes, "ONSHORE_MEDIA_MAX_VIDEO_BYTES")
        if kind == "video"
        else (limits.max_image_bytes, "ONSHORE_MEDIA_MAX_IMAGE_BYTES")
    )
    if size > limit:
        raise MediaRefused(
            f"{shown_name(name)} is {megabytes(size)}; {kind}s may be at most "
            f"{megabytes(limit)} ({setting})."
        )
