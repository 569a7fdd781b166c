"""What a file is, from its first bytes: the name and the client's Content-Type are
never asked (a PNG named .jpg is a PNG)."""

from __future__ import annotations

# ISO base media files (MP4, MOV, HEIC) start with a box whose type is "ftyp"; the
# major brand after it says which. HEIF brands are images; anything else is video.
HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})
# Old QuickTime files may start with another top-level atom instead of "ftyp".
QUICKTIME_ATOMS = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"})

IMAGE_SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)


def sniff(head: bytes) -> tuple[str, str] | None:
    """("image", Pillow format) or ("video", "mp4"/"mov") from the first 32 bytes, or
    None for anything onshore does not accept."""
    for signature, image_format in IMAGE_SIGNATURES:
        if head.startswith(signature):
            return "image", image_format
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image", "WEBP"
    box_type, brand = head[4:8], head[8:12]
    if box_type == b"ftyp":
        if brand in HEIF_BRANDS:
            return "image", "HEIF"
        return "video", "mov" if brand == b"qt  " else "mp4"
    if box_type in QUICKTIME_ATOMS:
        return "video", "mov"
    return None
