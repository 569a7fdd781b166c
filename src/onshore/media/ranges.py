"""One byte range of a stored file (``Range: bytes=a-b``), so a browser can seek in a
video and a network fetching by signed link can resume. Several ranges in one request
are answered with the whole file, as RFC 9110 allows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.core.files import File
from django.http import HttpResponse, StreamingHttpResponse

SINGLE_RANGE = re.compile(r"bytes=(\d{0,19})-(\d{0,19})")
CHUNK = 64 * 1024


def requested_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte asked for, inclusive; None for no range or one we ignore.

    Raises ValueError when the range cannot be satisfied (answer 416)."""
    match = SINGLE_RANGE.fullmatch(header.strip())
    if match is None:
        return None
    first, last = match.group(1), match.group(2)
    if not first and not last:
        return None
    if not first:  # "bytes=-500": the last 500 bytes
        length = int(last)
        if length == 0:
            raise ValueError("empty suffix range")
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        raise ValueError("range outside the file")
    return start, end


def partial_response(
    handle: File[bytes], first: int, last: int, size: int, mime: str
) -> StreamingHttpResponse:
    """206 with the bytes first..last, read in chunks (a video is never read whole)."""
    handle.seek(first)
    response = StreamingHttpResponse(
        _chunks(handle, last - first + 1), status=206, content_type=mime
    )
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = str(last - first + 1)
    return response


def not_satisfiable(size: int) -> HttpResponse:
    response = HttpResponse(status=416)
    response["Content-Range"] = f"bytes */{size}"
    return response


def _chunks(handle: File[bytes], remaining: int) -> Iterator[bytes]:
    try:
        while remaining > 0:
            block = handle.read(min(CHUNK, remaining))
            if not block:
                return
            remaining -= len(block)
            yield block
    finally:
        handle.close()
