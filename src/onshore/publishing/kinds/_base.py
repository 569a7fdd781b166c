"""The shape every network kind fills in, and what kinds share (the destination check).

A ``Kind`` is all onshore knows about one sort of channel: what a person gives to connect
it, how that is verified and stored, how a delivery is sent and read back, how the
Channels page shows it and how a parked channel is reconnected. The pages, the API, the
sender and the outbox read these declarations and never name a kind themselves.

Kinds do not import the models (the models read the registry for their choices); the
delivery they send is typed only for the checker.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
from django.core.exceptions import ValidationError

from onshore.networks import Published, PublishError, check_destination
from onshore.outbound_settings import outbound_policy
from onshore.publishing.outbound import ClientFactory

if TYPE_CHECKING:
    from onshore.publishing.models import Delivery

Config = dict[str, Any]  # stored in clear on the channel (shown by the API: see public_config)
Secrets = dict[str, Any]  # stored encrypted, never shown again
Connect = Callable[[Mapping[str, str], ClientFactory], "Connection"]
Send = Callable[["Delivery", Config, Secrets, httpx.Client, datetime], Published]
Find = Callable[["Delivery", Config, Secrets, httpx.Client, datetime], "Published | None"]


@dataclass(frozen=True)
class ConnectField:
    """One value a person gives to connect a channel: an input on the Channels page and a
    field of the API's ChannelIn. Unless ``secret``, the kind keeps it in the channel's
    config under the same name, so that a reconnect can give it again."""

    name: str
    label: str  # the page's label
    html_id: str  # the input's id after the kind's prefix: "instance" is "m-instance"
    max_length: int  # the API's bound
    page_max_length: int  # the page input's maxlength (shorter than the API's for addresses)
    api_help: str = ""  # the API's description, after "<kind>: "
    placeholder: str = ""
    help: str = ""  # the page's hint under the input
    required: bool = False  # the page marks the input required
    secret: bool = False  # a password input; stored encrypted
    blank: str = ""  # the API's answer when it comes blank ("": the kind's connect decides)
    checkbox: bool = False  # a tick box on the page, a boolean in the API


@dataclass(frozen=True)
class Destination:
    """Where a kind's channel calls: the config field holding the address, how messages
    name it, and the full URL it means ("mastodon.social" is https://mastodon.social)."""

    field: str
    what: str
    full_url: Callable[[str], str]
    # A server's address, shown in "must be the server's address only, such as
    # https://<example>"; a kind without one keeps the whole URL (a webhook's path).
    example: str = ""

    def url(self, config: Mapping[str, Any]) -> str:
        return self.full_url(str(config.get(self.field) or ""))

    def check_stored(self, config: Mapping[str, Any]) -> None:
        """Refuse a stored address the policy does not allow, before anything is sent
        (the client's transport checks again, on the address it connects to)."""
        check_destination(self.url(config), outbound_policy(), what=self.what)

    def allowed(self, typed: str) -> str:
        """The address a person typed, if the outbound policy allows it; else a
        ValidationError on the field.

        Unless the kind keeps whole URLs, only a server's address is taken (no path, no
        query): onshore appends the API paths itself, and "https://host/anything?" would
        let a person choose the path (the policy refuses the other trick, a trailing "#").
        """
        url = self.full_url(typed)
        try:
            check_destination(url, outbound_policy(), what=self.what)
        except PublishError as exc:
            raise ValidationError({self.field: str(exc)}) from None
        if not self.example:
            return url
        parts = urlsplit(url)
        if parts.query or parts.path.strip("/"):
            raise ValidationError(
                {
                    self.field: f"{self.what} must be the server's address only, such as "
                    f"https://{self.example}."
                }
            )
        return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class Connection:
    """What a verified connection stores, and what the person sees once."""

    config: Config
    secrets: Secrets
    default_name: str = ""  # the channel's name when none is given ("": one is required)
    shown_once: str | None = None  # a secret onshore made (a webhook's), shown only now


# Verify a reconnect: the stored config, the stored secrets (None when they cannot be
# read: the credentials key changed) and what the person gave on the reconnect form.
Verify = Callable[[Config, "Secrets | None", Mapping[str, str], ClientFactory], Connection]


@dataclass(frozen=True)
class Reconnection:
    """How a channel of a kind is reconnected after it was parked (or at any time): what
    the Channels page's reconnect form and the API's ReconnectIn ask for, and how that
    is verified into the channel's new config and secrets, like a first connection."""

    fields: tuple[ConnectField, ...]
    verify: Verify
    hint: str  # the sentence above the form: what reconnecting does for this kind


def renew_credential(
    field: ConnectField,
    label: str,
    hint: str,
    kind_fields: tuple[ConnectField, ...],
    connect: Connect,
) -> Reconnection:
    """A kind reconnected by a new credential (an access token, an app password): the
    stored non-secret connect values and the new one, verified by the kind's connect."""
    asked = replace(field, label=label, help="")

    def verify(
        config: Config, secrets: Secrets | None, given: Mapping[str, str], factory: ClientFactory
    ) -> Connection:
        kept = {f.name: str(config.get(f.name) or "") for f in kind_fields if not f.secret}
        return connect({**kept, field.name: given.get(field.name, "")}, factory)

    return Reconnection((asked,), verify, hint)


@dataclass(frozen=True)
class SigningSecret:
    """A secret onshore made that the receiving end needs to verify what it gets (a
    webhook's signing secret). The Channels page shows it masked ("••••3f9a"), reveals
    it on a manager's click, and rotates it through the reconnect field ``rotate_field``.
    A credential a person gave onshore (a token, a password) is never one of these."""

    key: str  # its name in the channel's decrypted secrets
    label: str  # "Signing secret"
    rotate_field: str  # the reconnect form's tick box that makes a new one


@dataclass(frozen=True)
class Kind:
    """One network kind, declared by its module in ``publishing/kinds/``."""

    name: str  # Channel.kind (at most 10 characters) and the network name posts choose
    label: str  # the channel's kind as displayed: "Mastodon: Roastery"
    named: str  # in running text: "choose Mastodon, Bluesky or webhook"
    connect_title: str  # the heading of the page's connect form
    id_prefix: str  # the connect form's input ids: "m" gives "m-market", "m-instance"
    fields: tuple[ConnectField, ...]  # in the page's order; the API takes them all
    destination: Destination
    public_config: tuple[str, ...]  # config keys the API may show: never a credential
    connect: Connect  # verify what the person gave; raise ValidationError naming a field
    send: Send
    # Read back after an unknown outcome: the published post, or None (not there, sending
    # is safe). None for a kind that cannot read back: it resends with the same key.
    find: Find | None
    where: Callable[[Mapping[str, Any]], str]  # the Channels page's "Where" column
    # How a parked channel is brought back: every kind says (CONTRIBUTING, adding a kind).
    reconnect: Reconnection
    name_field: ConnectField | None = None  # how the page asks for a name, if it does
    every_network: bool = False  # receives every post, whichever networks it chose
    # The Channels page: the heroicon of the kind's tile and cards (network logos are
    # trademarks no open icon set has), a line under the tile's name, and a secret the
    # page may reveal to managers.
    icon: str = "link"
    blurb: str = ""
    signing_secret: SigningSecret | None = None

    @property
    def page_fields(self) -> tuple[ConnectField, ...]:
        return self.fields + ((self.name_field,) if self.name_field else ())

    def receives(self, networks: Collection[str]) -> bool:
        """Whether a post for ``networks`` goes to this kind's channels: those of a chosen
        network (every network when none is chosen), and an every-network kind always."""
        return self.every_network or not networks or self.name in networks
