"""A file for the library fetched from an https URL (CSV import), through the one
destination policy every outbound call goes through (``networks.outbound_client``).

- Every request, the first and each redirect, is made by that client: https only,
  every address the host resolves to checked, the connection made to the checked
  address. Redirects are followed here, by hand, at most ``MAX_REDIRECTS`` of them,
  so the policy sees (and may refuse) each hop before it is called.
- Bounded: a ``Content-Length`` over the upload limit is refused before reading; the
  body is read in chunks into ``library.add_upload``, which refuses it past the same
  limit; the import's byte budget (``FetchBudget``) is charged as the bytes arrive;
  the whole fetch, redirects included, must end within ``total_seconds()``.
- The type comes from the processing layer reading the bytes, never from the URL's
  name or the server's ``Content-Type``.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import httpx
from django.conf import settings

from onshore.media import library
from onshore.media.models import Asset
from onshore.media.processing import MediaRefused
from onshore.networks import PublishError, check_url, outbound_client
from onshore.outbound_settings import outbound_policy
from onshore.workspaces.models import Membership

MAX_REDIRECTS = 3
MAX_URL = 2_000
# The answer may run this far past the upload limit before the transport stops reading,
# so the upload's own check (whose message names the limit and its setting) comes first.
READ_SLACK_BYTES = 1024 * 1024
REDIRECTS = (301, 302, 303, 307, 308)
WHAT = "The media URL"


@dataclass
class FetchBudget:
    """Bytes one import may still read (URLs and files beside the CSV together)."""

    bytes_left: int
    limit: int

    def charge(self, size: int) -> None:
        self.bytes_left -= size
        if self.bytes_left < 0:
            raise MediaRefused(
                f"the import reads more than {_gibibytes(self.limit)} of media in all, "
                "the most one import may read; split the file into several imports"
            )


def _gibibytes(size: int) -> str:
    return f"{size / 2**30:g} GiB" if size >= 2**30 else _size(size)


def trust() -> ssl.SSLContext | bool:
    """Certificates trusted for media URLs: the default store (tests replace this with
    their local certificate authority; nothing else does)."""
    return True


def total_seconds() -> float:
    """How long one file may take, redirects included."""
    return 3.0 * settings.NETWORK_TIMEOUT_SECONDS


def check_media_url(url: str) -> None:
    """The checks that need no network: https, a host, no user name, no fragment."""
    if len(url) > MAX_URL:
        raise MediaRefused(f"{WHAT} is longer than {MAX_URL:,} characters.")
    if not url.lower().startswith("https://"):
        raise MediaRefused(f"{WHAT} must start with https://.")
    try:
        check_url(url, outbound_policy(), what=WHAT)
    except PublishError as error:
        raise MediaRefused(error.message) from None


def add_from_url(membership: Membership, url: str, budget: FetchBudget) -> tuple[Asset, bool]:
    """Fetch ``url`` and add it to the workspace's library (same content: the existing
    asset); (the asset, whether it is new). MediaRefused says why a file was refused."""
    check_media_url(url)
    deadline = time.monotonic() + total_seconds()
    max_bytes = library.limits().max_upload_bytes
    client = outbound_client(
        outbound_policy(),
        timeout=float(settings.NETWORK_TIMEOUT_SECONDS),
        verify=trust(),
        max_response_bytes=max_bytes + READ_SLACK_BYTES,
    )
    try:
        with client, _final_answer(client, url, deadline) as answer:
            _refuse_declared_size(answer, max_bytes)
            chunks = _body(answer, budget, deadline)
            return library.add_upload(membership, chunks, _name_of(str(answer.url)))
    except httpx.TimeoutException:
        raise MediaRefused(
            f"{url} took longer than {total_seconds():g} seconds to download; "
            "use a faster server or a smaller file"
        ) from None
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise MediaRefused(f"{url} could not be fetched ({_reason(error)})") from None
    except PublishError as error:  # refused by the destination policy, or too large
        raise MediaRefused(f"{url}: {error.message}") from None


@contextmanager
def _final_answer(client: httpx.Client, url: str, deadline: float) -> Iterator[httpx.Response]:
    """The answer after following at most MAX_REDIRECTS redirects, each one checked by
    the destination policy when it is called; refused unless it is a 200."""
    current = url
    for hop in range(MAX_REDIRECTS + 1):
        _check_time(url, deadline)
        answer = client.send(client.build_request("GET", current), stream=True)
        location = answer.headers.get("location", "")
        if answer.status_code not in REDIRECTS or not location:
            break
        answer.close()
        if hop == MAX_REDIRECTS:
            raise MediaRefused(
                f"{url} redirects more than {MAX_REDIRECTS} times; give the file's own address"
            )
        current = _next_hop(url, current, location)
    try:
        if answer.status_code != 200:
            raise MediaRefused(
                f"{url} answered {answer.status_code} {answer.reason_phrase}; "
                "check the address (it must be reachable without logging in)"
            )
        yield answer
    finally:
        answer.close()


def _next_hop(url: str, current: str, location: str) -> str:
    target = urljoin(current, location.strip())
    try:
        check_media_url(target)
    except MediaRefused as refused:
        raise MediaRefused(f"{url} redirects to an address onshore refuses: {refused}") from None
    return target


def _check_time(url: str, deadline: float) -> None:
    if time.monotonic() > deadline:
        raise httpx.ReadTimeout(f"{url}: the whole download took too long")


def _refuse_declared_size(answer: httpx.Response, max_bytes: int) -> None:
    declared = answer.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise MediaRefused(
            f"{_name_of(str(answer.url))} is {_size(int(declared))}; onshore accepts at most "
            f"{_size(max_bytes)} (ONSHORE_MEDIA_MAX_VIDEO_BYTES, ONSHORE_MEDIA_MAX_IMAGE_BYTES)"
        )


def _size(size: int) -> str:
    return f"{size / 2**20:,.1f} MB" if size >= 2**20 else f"{size / 2**10:,.0f} KB"


def _body(answer: httpx.Response, budget: FetchBudget, deadline: float) -> Iterator[bytes]:
    for chunk in answer.iter_bytes():
        budget.charge(len(chunk))
        _check_time(str(answer.url), deadline)
        yield chunk


def _name_of(url: str) -> str:
    """The URL's last path segment, for messages and the library's original name."""
    return PurePosixPath(unquote(urlsplit(url).path)).name or urlsplit(url).hostname or url


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "CERTIFICATE" in text.upper():
        return "its TLS certificate is not valid for this address"
    return text[:200]
