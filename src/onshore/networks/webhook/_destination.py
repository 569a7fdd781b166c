"""Refuse webhook URLs that would make onshore call into a private network (SSRF).

Anyone who can add a webhook channel chooses a URL that the server then POSTs to.
Without this guard that is a way to reach the cloud metadata service
(169.254.169.254), the database, or an admin port on localhost. The check runs on
the *resolved* addresses, because a public-looking hostname can resolve to 10.0.0.5,
and every resolved address must pass, because DNS can return several.

Limits, on purpose: the check resolves the name, and httpx resolves it again when
connecting, so a hostile DNS server could answer differently the second time
(DNS rebinding). Callers re-check right before each delivery, redirects are never
followed (see ``_http.send``), and a deployment that needs more should route
webhooks through an egress proxy, as the Standard Webhooks spec recommends.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import SplitResult, urlsplit

from onshore.networks._errors import PublishError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[..., Sequence[tuple[Any, ...]]]


class DestinationRefused(PublishError):
    """The webhook URL may not be used. ``permanent`` is False only when the name
    could not be resolved right now (DNS hiccups pass; a private address does not)."""


def check_destination(
    url: str,
    *,
    allow_loopback: bool,
    allow_private: bool,
    resolver: Resolver = socket.getaddrinfo,
) -> tuple[str, ...]:
    """Return the addresses ``url`` resolves to, or raise ``DestinationRefused``.

    Link-local (cloud metadata), multicast and unspecified addresses are refused
    always; loopback only passes with ``allow_loopback`` (tests, single-machine
    setups) and other non-public ranges only with ``allow_private``. Plain http is
    refused unless ``allow_loopback``, since the payload and its signature would
    travel readable by anyone on the path.
    """
    parts = _split(url)
    _check_scheme(parts.scheme, allow_loopback=allow_loopback)
    host = parts.hostname
    if not host:
        raise _refused(
            "The webhook URL has no host name. Enter a full URL such as https://example.com/hook."
        )
    if parts.username is not None or parts.password is not None:
        raise _refused(
            "The webhook URL contains a user name or password; remove them "
            "(the signing secret is what authenticates deliveries)."
        )
    addresses = _resolve(host, _port_of(parts), resolver)
    for address in addresses:
        _check_address(host, address, allow_loopback=allow_loopback, allow_private=allow_private)
    return tuple(str(address) for address in addresses)


def _split(url: str) -> SplitResult:
    try:
        return urlsplit(url.strip())
    except ValueError as error:  # e.g. an unclosed "[" around an IPv6 address
        raise _refused(f"The webhook URL is not a valid URL ({error}).") from error


def _check_scheme(scheme: str, *, allow_loopback: bool) -> None:
    if scheme == "https" or (scheme == "http" and allow_loopback):
        return
    if scheme == "http":
        raise _refused("The webhook URL must start with https:// so deliveries are encrypted.")
    raise _refused("The webhook URL must start with https://.")


def _port_of(parts: SplitResult) -> int:
    try:
        port = parts.port
    except ValueError as error:  # urlsplit only checks the port when asked
        raise _refused(f"The webhook URL has an invalid port ({error}).") from error
    if port is not None:
        return port
    return 443 if parts.scheme == "https" else 80


def _resolve(host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    literal = _as_ip(host)
    if literal is not None:
        return [literal]
    try:
        results = resolver(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise DestinationRefused(
            f"The webhook host {host} could not be resolved ({error}). Check the spelling.",
            permanent=False,
        ) from error
    addresses = [_sockaddr_ip(result) for result in results]
    if not addresses:
        raise DestinationRefused(f"The webhook host {host} has no addresses.", permanent=False)
    return addresses


def _as_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None


def _sockaddr_ip(result: tuple[Any, ...]) -> IPAddress:
    # getaddrinfo gives (family, type, proto, canonname, sockaddr); sockaddr[0] is the
    # address, with a "%scope" suffix for scoped IPv6 (fe80::1%eth0).
    return ipaddress.ip_address(str(result[4][0]).split("%", 1)[0])


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address hidden in an IPv6 one (::ffff:10.0.0.1, 6to4, Teredo), if any.

    The kernel connects to ::ffff:10.0.0.1 as 10.0.0.1, so it must be judged as that.
    """
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def _check_address(
    host: str, address: IPAddress, *, allow_loopback: bool, allow_private: bool
) -> None:
    judged = _embedded_ipv4(address) or address
    kind = _forbidden_kind(judged, allow_loopback=allow_loopback, allow_private=allow_private)
    if kind is None:
        return
    shown = host if host == str(address) else f"{host} resolves to {address}, which"
    raise _refused(
        f"The webhook URL is not allowed: {shown} is {kind}. onshore only delivers "
        "webhooks to public internet addresses; use a public URL, or ask the operator "
        "to allow private destinations in the settings."
    )


def _forbidden_kind(address: IPAddress, *, allow_loopback: bool, allow_private: bool) -> str | None:
    # Order matters: the specific kinds first, so the message says what the address
    # is; "not global" last catches the rest (RFC 1918, fc00::/7, CGNAT, reserved).
    if address.is_unspecified:
        return "an unspecified address (it reaches this server itself)"
    if address.is_link_local:
        return "a link-local address (used by cloud metadata services)"
    if address.is_multicast:
        return "a multicast address"
    if address.is_loopback:
        return None if allow_loopback else "a loopback address (this server itself)"
    if not address.is_global:
        return None if allow_private else "a private or reserved address"
    return None


def _refused(message: str) -> DestinationRefused:
    return DestinationRefused(message, permanent=True)
