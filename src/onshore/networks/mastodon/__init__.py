"""Mastodon channel: verify a token, read the instance's limits, upload media, publish
a status exactly once (Idempotency-Key plus read-back). Django-free; follows the API at
docs.joinmastodon.org (methods/accounts, methods/instance, methods/statuses,
methods/media, api/rate-limits).
"""

from onshore.networks.mastodon._account import (
    DEFAULT_CHARACTERS_PER_URL,
    DEFAULT_MAX_CHARACTERS,
    Account,
    InstanceLimits,
    MastodonCredentials,
    instance_limits,
    verify_credentials,
)
from onshore.networks.mastodon._api import instance_base
from onshore.networks.mastodon._media import (
    POLL_DELAYS,
    MediaAttachment,
    upload_media,
    wait_until_processed,
)
from onshore.networks.mastodon._statuses import (
    CLOCK_SKEW,
    VISIBILITIES,
    find_published,
    html_to_text,
    mastodon_language,
    publish,
)

__all__ = [
    "CLOCK_SKEW",
    "DEFAULT_CHARACTERS_PER_URL",
    "DEFAULT_MAX_CHARACTERS",
    "POLL_DELAYS",
    "VISIBILITIES",
    "Account",
    "InstanceLimits",
    "MastodonCredentials",
    "MediaAttachment",
    "find_published",
    "html_to_text",
    "instance_base",
    "instance_limits",
    "mastodon_language",
    "publish",
    "upload_media",
    "verify_credentials",
    "wait_until_processed",
]
