"""Video with Debian's ffprobe and ffmpeg: the container, codecs, duration and size read
by ffprobe (a file with no video stream is refused), stored as uploaded (no
transcoding) but remuxed with ``-map_metadata -1`` so a phone's GPS position and
device tags go, and a poster frame for the thumbnail.
"""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path
from typing import Any

from PIL import Image

from onshore.media.processing._images import check_dimensions, file_sha256, save_thumbnail
from onshore.media.processing._messages import shown_name
from onshore.media.processing._types import Limits, MediaRefused, Processed, Tools

CONTAINERS = {"mp4": ("video/mp4", "mp4"), "mov": ("video/quicktime", "mov")}
MAX_POSTER_BYTES = 32 * 1024 * 1024


def process_video(path: Path, name: str, container: str, limits: Limits, tools: Tools) -> Processed:
    """Probe, check, strip and poster the video at ``path``; MediaRefused if unfit."""
    if tools.ffprobe is None:
        raise MediaRefused(
            f"{shown_name(name)} is a video, and video uploads need ffprobe on the server "
            "(Debian package ffmpeg), which is not installed; images can still be uploaded."
        )
    stream, duration = _video_stream(probe(path, name, tools), name)
    width, height = _display_size(stream)
    check_dimensions((width, height), name, limits)
    mime, extension = CONTAINERS[container]
    output, stripped = _strip_metadata(path, extension, container, tools)
    thumbnail = _poster_frame(output, duration, tools)
    return Processed(
        kind="video",
        mime=mime,
        extension=extension,
        path=output,
        size=output.stat().st_size,
        sha256=file_sha256(output),
        width=width,
        height=height,
        duration=duration,
        thumbnail_path=thumbnail,
        metadata_stripped=stripped,
    )


def probe(path: Path, name: str, tools: Tools) -> dict[str, Any]:
    """ffprobe's JSON description of the file's container and streams."""
    assert tools.ffprobe is not None
    command = [tools.ffprobe, "-v", "error", "-print_format", "json"]
    command += ["-show_format", "-show_streams", str(path)]
    result = _run(command, tools, name)
    try:
        found: dict[str, Any] = json.loads(result.stdout)
    except ValueError:
        raise MediaRefused(f"{shown_name(name)} cannot be read as a video.") from None
    formats = str(found.get("format", {}).get("format_name", "")).split(",")
    if not {"mov", "mp4"} & set(formats):
        raise MediaRefused(f"{shown_name(name)} is not an MP4 or MOV video.")
    return found


def _video_stream(found: dict[str, Any], name: str) -> tuple[dict[str, Any], float]:
    """The first real video stream (not cover art) and the duration in seconds."""
    for stream in found.get("streams", []):
        cover_art = stream.get("disposition", {}).get("attached_pic") == 1
        if stream.get("codec_type") == "video" and not cover_art:
            duration = _seconds(found.get("format", {}).get("duration"))
            duration = duration or _seconds(stream.get("duration"))
            if duration is None:
                raise MediaRefused(f"{shown_name(name)} does not say how long it is.")
            return stream, duration
    raise MediaRefused(f"{shown_name(name)} has no video stream (sound only or empty).")


def _seconds(value: object) -> float | None:
    try:
        seconds = float(str(value))
    except ValueError:
        return None
    return seconds if seconds > 0 else None


def _display_size(stream: dict[str, Any]) -> tuple[int, int]:
    """Width and height as shown: a phone's portrait video is stored sideways with a
    rotation of 90 or 270 degrees in its display matrix."""
    width, height = int(stream.get("width") or 0), int(stream.get("height") or 0)
    rotation = 0
    for side_data in stream.get("side_data_list", []):
        rotation = int(side_data.get("rotation", rotation) or 0)
    rotation = rotation or int(stream.get("tags", {}).get("rotate", 0) or 0)
    return (height, width) if abs(rotation) % 180 == 90 else (width, height)


def _strip_metadata(path: Path, extension: str, container: str, tools: Tools) -> tuple[Path, bool]:
    """The video and audio streams copied (not re-encoded) into a new file without
    metadata or chapters; the file as uploaded when ffmpeg is missing (README says so)."""
    if tools.ffmpeg is None:
        return path, False
    output = path.with_name(f"processed.{extension}")
    command = [tools.ffmpeg, "-nostdin", "-v", "error", "-i", str(path)]
    command += ["-map", "0:v", "-map", "0:a?", "-map_metadata", "-1", "-map_chapters", "-1"]
    command += ["-map_metadata:s:v", "-1", "-map_metadata:s:a", "-1"]
    # bitexact: no encoder tag or creation time, so the same upload gives the same bytes.
    command += ["-c", "copy", "-fflags", "+bitexact", "-movflags", "+faststart"]
    command += ["-f", "mov" if container == "mov" else "mp4", "-y", str(output)]
    _run(command, tools, path.name)
    return output, True


def _poster_frame(path: Path, duration: float, tools: Tools) -> Path | None:
    """A frame a second in (or halfway through a shorter video) as the thumbnail."""
    if tools.ffmpeg is None:
        return None
    command = [tools.ffmpeg, "-nostdin", "-v", "error", "-ss", f"{min(1.0, duration / 2):.3f}"]
    command += ["-i", str(path), "-frames:v", "1"]
    command += ["-vf", "scale=w=640:h=640:force_original_aspect_ratio=decrease"]
    command += ["-f", "image2pipe", "-c:v", "png", "-"]
    try:
        result = _run(command, tools, path.name)
    except MediaRefused:
        return None  # a video whose frame cannot be drawn still plays; no poster
    if not result.stdout or len(result.stdout) > MAX_POSTER_BYTES:
        return None
    thumbnail = path.with_name("thumbnail.webp")
    with Image.open(io.BytesIO(result.stdout), formats=["PNG"]) as frame:
        save_thumbnail(frame, thumbnail)
    return thumbnail


def _run(command: list[str], tools: Tools, name: str) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(
            command, capture_output=True, timeout=tools.timeout_seconds, check=False
        )
    except subprocess.TimeoutExpired:
        raise MediaRefused(
            f"{shown_name(name)} took longer than {tools.timeout_seconds:.0f} s to read."
        ) from None
    if result.returncode != 0:
        raise MediaRefused(f"{shown_name(name)} cannot be read as a video.")
    return result
