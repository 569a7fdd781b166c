"""The registry of network kinds: the one place that branches on a channel's kind.

Each kind is one module here (``mastodon.py``, ``bluesky.py``, ``webhook.py``) declaring a
``Kind`` (see ``_base.py``); its Django-free client lives in ``onshore.networks.<kind>``.
The Channels page, the API's schemas, connecting, the sender and the outbox loop over
``KINDS`` and never name a kind, so adding one is a module and a line below
(CONTRIBUTING.md has the checklist: a fake server in the tests, the docs it follows).
"""

from __future__ import annotations

from collections.abc import Collection

from django.core.exceptions import ValidationError

from onshore.publishing.kinds import bluesky, mastodon, webhook
from onshore.publishing.kinds._base import (
    ConnectField,
    Connection,
    Destination,
    Kind,
    Reconnection,
    SigningSecret,
    renew_credential,
)

# In the order the Channels page offers them.
KINDS: dict[str, Kind] = {kind.name: kind for kind in (mastodon.KIND, bluesky.KIND, webhook.KIND)}

# Configuration keys the API may show, of every kind: never a token, password or secret.
PUBLIC_CONFIG = frozenset(key for kind in KINDS.values() for key in kind.public_config)

__all__ = [
    "KINDS",
    "PUBLIC_CONFIG",
    "ConnectField",
    "Connection",
    "Destination",
    "Kind",
    "Reconnection",
    "SigningSecret",
    "choices",
    "chosen",
    "receives_post",
    "renew_credential",
]


def choices() -> list[tuple[str, str]]:
    """Channel.kind's choices; a callable, so that adding a kind needs no migration."""
    return [(kind.name, kind.label) for kind in KINDS.values()]


def chosen(name: str) -> Kind:
    """The kind a person chose, or a ValidationError listing the kinds there are."""
    if name not in KINDS:
        names = [kind.named for kind in KINDS.values()]
        listed = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
        raise ValidationError({"kind": f"choose {listed}"})
    return KINDS[name]


def receives_post(kind: str, networks: Collection[str]) -> bool:
    """Whether a post for ``networks`` goes to a channel of ``kind`` (an unknown kind is
    treated like any network: only when chosen, or when nothing is)."""
    known = KINDS.get(kind)
    if known is not None:
        return known.receives(networks)
    return not networks or kind in networks
