"""What a successful publish returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Published:
    """Where the post now lives on the network.

    ``remote_id`` is the network's own id (a Mastodon status id, a webhook message id);
    ``url`` is the public link shown beside the post, None when the network has none
    (a webhook receiver does not publish a page).
    """

    remote_id: str
    url: str | None
