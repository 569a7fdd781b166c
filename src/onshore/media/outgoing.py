"""The bytes a network receives for one asset: what publishing uploads.

``file_for_network(asset, network, limits)`` is the one place publishing gets a file
from: every sender (Mastodon, Bluesky) uploads ``OutgoingFile.data`` and describes it
with the other fields, so fitting an image to a network's limits on publish (issue 16,
"where onshore can fix it, it does it on publish") happens here and nowhere else.

Today it hands back the stored file unchanged (already metadata-stripped on upload).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from onshore.marketfit import MediaLimits
from onshore.media import storage
from onshore.media.models import Asset


@dataclass(frozen=True)
class OutgoingFile:
    data: bytes
    mime: str
    width: int
    height: int
    name: str  # a file name for the multipart upload: "image.jpg"
    alt_text: str
    sha256: str  # of ``data``


def file_for_network(asset: Asset, network: str, limits: MediaLimits | None = None) -> OutgoingFile:
    """The file to upload for ``asset`` on ``network`` (a marketfit network name: "bluesky",
    "mastodon", …), within ``limits`` where the channel declared its own."""
    del network, limits  # fitting to the network comes with re-encode on publish
    with storage.open_file(asset) as handle:
        data = handle.read()
    return OutgoingFile(
        data=data,
        mime=asset.mime,
        width=asset.width,
        height=asset.height,
        name=f"{asset.kind}.{asset.extension}",
        alt_text=asset.alt_text,
        sha256=hashlib.sha256(data).hexdigest(),
    )
