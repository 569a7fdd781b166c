"""How a refusal reads: the file's name as the user knows it, and the limit in words."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

MAX_SHOWN_NAME = 80
ACCEPTED = "JPEG, PNG, WebP, GIF, HEIC, MP4 or MOV"


def shown_name(name: str) -> str:
    """The last part of a client's file name (browsers on Windows send C:\\…), bounded."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name.strip() or "the file"
    if len(base) > MAX_SHOWN_NAME:
        base = base[: MAX_SHOWN_NAME - 1] + "…"
    return base


def megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:,.1f} MB" if value < 100 else f"{value:,.0f} MB"


def megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:,.1f} megapixels"
