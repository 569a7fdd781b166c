"""Webhook channel: signed deliveries in the style of the Standard Webhooks spec.

Django-free. ``check_destination`` before ``publish``; ``verify`` is for receivers
and tests. Time (``now``) and randomness (``generate_secret``'s source) are passed in.
"""

from onshore.networks.webhook._delivery import (
    WebhookEndpoint,
    encode_payload,
    publish,
    signed_headers,
)
from onshore.networks.webhook._destination import DestinationRefused, check_destination
from onshore.networks.webhook._signing import (
    InvalidSignature,
    generate_secret,
    secret_key,
    sign,
    verify,
)

__all__ = [
    "DestinationRefused",
    "InvalidSignature",
    "WebhookEndpoint",
    "check_destination",
    "encode_payload",
    "generate_secret",
    "publish",
    "secret_key",
    "sign",
    "signed_headers",
    "verify",
]
