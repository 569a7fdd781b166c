"""The bytes a network receives for one asset: what publishing uploads.

``file_for_network(asset, network, limits)`` is the one place publishing gets a file
from: every sender (Mastodon, Bluesky) uploads ``OutgoingFile.data`` and describes it
with the other fields, so fitting an image to a network's limits on publish (issue 16,
"where onshore can fix it, it does it on publish") happens here and nowhere else.

Images are fitted by ``processing.fit_image`` to the network's row of the checker's
media table (``image_target`` below, from ``marketfit.image_target``; a channel's
declared ``MediaLimits`` win): untouched when they fit, else resized and re-encoded.
The result is deterministic, so a retried upload sends the same bytes (same
``sha256``). What the checker promised is what happens here: its "onshore will
resize/re-encode it" findings are the images fitted, ``media.animation_still`` the
animated GIFs sent as their first frame. What cannot be fitted raises
``networks.PublishError(permanent=True)`` with fit_image's message (which names the
network's limit): retrying the same file cannot succeed, so the delivery fails at once
and says why. Video is sent as stored: onshore does not transcode.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings

from onshore import marketfit
from onshore.marketfit import NETWORK_RULES, MediaLimits
from onshore.media import storage
from onshore.media.models import Asset
from onshore.media.processing import FitSpec, MediaRefused, fit_image
from onshore.networks import PublishError

EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}


@dataclass(frozen=True)
class OutgoingFile:
    data: bytes
    mime: str
    width: int
    height: int
    name: str  # a file name for the multipart upload: "image.jpg"
    alt_text: str
    sha256: str  # of ``data``
    fitted: bool = False  # resized or re-encoded for the network (not the stored file)


def file_for_network(asset: Asset, network: str, limits: MediaLimits | None = None) -> OutgoingFile:
    """The file to upload for ``asset`` on ``network`` (a marketfit network name: "bluesky",
    "mastodon", …), within ``limits`` where the channel declared its own."""
    with storage.open_file(asset) as handle:
        data = handle.read()
    stored = data
    mime, width, height = asset.mime, asset.width, asset.height
    if asset.kind == Asset.Kind.IMAGE:
        spec = image_target(network, limits, animated=asset.animated)
        try:
            data, mime, width, height = fit_image(data, mime, spec)
        except MediaRefused as refused:
            shown = asset.original_name or f"{asset.kind} {asset.pk}"
            raise PublishError(f"{shown}: {refused}", permanent=True) from refused
    return OutgoingFile(
        data=data,
        mime=mime,
        width=width,
        height=height,
        name=f"{asset.kind}.{EXTENSIONS.get(mime, asset.extension)}",
        alt_text=asset.alt_text,
        sha256=hashlib.sha256(data).hexdigest(),
        fitted=data is not stored,
    )


def image_target(
    network: str, limits: MediaLimits | None = None, animated: bool = False
) -> FitSpec:
    """What an image must be for ``network``, from its row in the media table with the
    channel's own ``limits`` applied; an animated GIF's own limits where it stays one."""
    target = marketfit.image_target(network, limits)
    keeps_animation = animated and not target.animation_still
    rules = NETWORK_RULES.get(network)
    return FitSpec(
        max_bytes=target.gif_max_bytes if keeps_animation else target.max_bytes,
        max_pixels=target.gif_max_pixels if keeps_animation else target.max_pixels,
        types=target.types,
        still_only=target.animation_still,
        network=rules.label if rules else network,
        max_decode_pixels=settings.MEDIA_MAX_PIXELS,
    )
