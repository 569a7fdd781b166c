"""Bluesky channel: log in with an app password, publish a post exactly once
(a deterministic record key plus read-back), with rich-text facets, ``langs`` and
images (uploaded blobs in an images embed).
Django-free; follows the AT Protocol specs (atproto.com/specs: xrpc, record-key,
tid) and the app.bsky lexicons.
"""

from onshore.networks.bluesky._blobs import (
    IMAGES_EMBED,
    MAX_IMAGES,
    EmbedImage,
    blob_cid,
    images_embed,
    upload_blob,
)
from onshore.networks.bluesky._facets import byte_range, detect_facets
from onshore.networks.bluesky._posts import (
    COLLECTION,
    MAX_GRAPHEMES,
    bluesky_langs,
    find_published,
    post_length,
    post_url,
    publish,
)
from onshore.networks.bluesky._rkey import is_valid_tid, record_key
from onshore.networks.bluesky._session import (
    Login,
    Session,
    Sessions,
    create_session,
    refresh_session,
)
from onshore.networks.bluesky._xrpc import DEFAULT_PDS_URL, service_base

__all__ = [
    "COLLECTION",
    "DEFAULT_PDS_URL",
    "IMAGES_EMBED",
    "MAX_IMAGES",
    "MAX_GRAPHEMES",
    "EmbedImage",
    "Login",
    "Session",
    "Sessions",
    "blob_cid",
    "bluesky_langs",
    "byte_range",
    "create_session",
    "detect_facets",
    "find_published",
    "images_embed",
    "is_valid_tid",
    "post_length",
    "post_url",
    "publish",
    "record_key",
    "refresh_session",
    "service_base",
    "upload_blob",
]
