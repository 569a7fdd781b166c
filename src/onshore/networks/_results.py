"""What a successful publish returns, and which of a network's links we keep."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from onshore.networks._errors import PublishError

# What the outbox can store (Delivery.remote_id, Delivery.remote_url).
MAX_REMOTE_ID_CHARS = 300
MAX_URL_CHARS = 1000


def http_url_or_none(url: object) -> str | None:
    """``url`` if it is a plain http(s) link to a named host, else None.

    A network's answer is not trusted to be a link: ``javascript:alert(1)`` in a
    status's ``url`` must never become a stored link, let alone an ``href``. No user
    info, no whitespace or control characters, and short enough to store.
    """
    if not isinstance(url, str) or not url or len(url) > MAX_URL_CHARS:
        return None
    if not url.isascii() or not url.isprintable() or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return None
    return url


@dataclass(frozen=True)
class Published:
    """Where the post now lives on the network.

    ``remote_id`` is the network's own id (a Mastodon status id, a webhook message id);
    ``url`` is the public link shown beside the post, None when the network has none
    (a webhook receiver does not publish a page) or gave one that is not an http(s)
    link (it is dropped here, so no caller can store or show it).
    """

    remote_id: str
    url: str | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "url", http_url_or_none(self.url))
        if len(self.remote_id) > MAX_REMOTE_ID_CHARS or not self.remote_id.isprintable():
            raise PublishError(
                f"The network answered with a post id onshore cannot store "
                f"(over {MAX_REMOTE_ID_CHARS} characters or not printable).",
                permanent=True,
            )
