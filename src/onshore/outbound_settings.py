"""Where onshore may call out, read from the settings: the one ``OutboundPolicy`` that
every outbound call is made with (publishing and connecting channels, and the media
an import fetches), so the two settings mean the same everywhere."""

from __future__ import annotations

from django.conf import settings

from onshore.networks import OutboundPolicy


def outbound_policy() -> OutboundPolicy:
    """From ONSHORE_OUTBOUND_ALLOW_LOOPBACK and ONSHORE_OUTBOUND_ALLOW_PRIVATE."""
    return OutboundPolicy(
        allow_loopback=settings.OUTBOUND_ALLOW_LOOPBACK,
        allow_private=settings.OUTBOUND_ALLOW_PRIVATE,
    )
