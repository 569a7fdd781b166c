"""The one destination policy for every outbound call onshore makes (SSRF guard).

Anyone who can connect a channel chooses an address the server then calls: a webhook
URL, a Mastodon instance, a Bluesky PDS. Unguarded, that is a way to reach the cloud
metadata service (169.254.169.254), the database, or an admin port on localhost, and
to read the answer back. So every call goes through ``outbound_client``, whose
transport:

- refuses any URL that is not ``https://`` (``http://`` only to loopback, and only
  when loopback is allowed: local tests and single-machine setups), or that carries
  a user name, a password or a fragment (a trailing ``#`` would let a user cut off
  the path onshore appends and choose the whole path);
- resolves the host itself, once per connection, refuses the connection unless
  *every* address is public (loopback and private ranges only when allowed), and
  connects to the address it checked, keeping the host name for the ``Host`` header,
  TLS SNI and the certificate check; so DNS rebinding (public at check time, private
  at connect time) cannot swap the address;
- bounds what is read: at most ``max_response_bytes`` of answer, within a total
  deadline (a server dripping one byte a second cannot hold a worker), and never a
  compressed answer (we ask for none; a gzip bomb is refused, not unpacked).

Redirects are never followed (``_http.send``), so a checked URL cannot bounce the
request somewhere refused. ``check_destination`` runs the same checks ahead of time,
so a person connecting a channel gets a message naming the field.
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import SplitResult, urlsplit

import httpcore
import httpx

from onshore.networks._errors import PublishError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# socket.getaddrinfo's shape: (host, port, type=...) -> [(family, type, proto, name, sockaddr)]
Resolver = Callable[..., Sequence[tuple[Any, ...]]]

# A status, an account or a page of 40 statuses is tens of kilobytes; 2 MiB leaves room
# and keeps a hostile answer from filling the worker's memory.
MAX_RESPONSE_BYTES = 2 * 1024 * 1024
# Connecting, sending and reading each get the client's timeout; the whole exchange
# gets this many timeouts at most, however slowly the server drips its answer.
TOTAL_TIMEOUTS = 3

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_LIMITS = httpx.Limits(max_connections=20, max_keepalive_connections=10)


class DestinationRefused(PublishError):
    """The address may not be called. ``permanent`` is False only when the name could
    not be resolved right now (DNS hiccups pass; a private address does not)."""


@dataclass(frozen=True)
class OutboundPolicy:
    """Where onshore may call. ``resolver`` is replaceable so tests can play DNS."""

    allow_loopback: bool = False
    allow_private: bool = False
    resolver: Resolver = socket.getaddrinfo
    # Set for plain-http connections: only this machine may be reached in clear text.
    loopback_only: bool = False


def check_destination(
    url: str, policy: OutboundPolicy, *, what: str = "The URL"
) -> tuple[str, ...]:
    """Return the addresses ``url`` resolves to, or raise ``DestinationRefused``.

    ``what`` names the field in messages ("The Mastodon instance address"). The same
    checks the transport makes when it connects, made ahead of time for a clear
    message; the transport checks again, on the address it actually connects to.
    """
    parts = check_url(url, policy, what=what)
    port = _port_of(parts, what)
    host = parts.hostname or ""
    if parts.scheme == "http":
        policy = replace(policy, loopback_only=True)
    return tuple(str(address) for address in checked_addresses(host, port, policy, what=what))


def check_url(url: str, policy: OutboundPolicy, *, what: str = "The URL") -> SplitResult:
    """The checks that need no DNS: scheme, host, no user info, no fragment."""
    parts = _split(url, what)
    if parts.scheme == "https" or (parts.scheme == "http" and policy.allow_loopback):
        pass
    elif parts.scheme == "http":
        raise _refused(f"{what} must start with https:// so that what is sent stays encrypted.")
    else:
        raise _refused(f"{what} must start with https://.")
    if not parts.hostname:
        raise _refused(
            f"{what} has no host name. Enter a full address such as https://example.com."
        )
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise _refused(f"{what} contains a user name or password; remove them.")
    if "#" in url:
        raise _refused(f"{what} contains a '#'; remove it and everything after it.")
    _port_of(parts, what)
    return parts


def checked_addresses(
    host: str, port: int, policy: OutboundPolicy, *, what: str = "The URL"
) -> list[IPAddress]:
    """Every address ``host`` resolves to, each one allowed by ``policy``."""
    addresses = _resolve(host, port, policy.resolver, what)
    for address in addresses:
        _check_address(host, address, policy, what)
    return addresses


def _split(url: str, what: str) -> SplitResult:
    if not url.isprintable() or any(c.isspace() for c in url.strip()):
        raise _refused(f"{what} contains spaces or control characters; enter a plain address.")
    try:
        return urlsplit(url.strip())
    except ValueError as error:  # e.g. an unclosed "[" around an IPv6 address
        raise _refused(f"{what} is not a valid URL ({error}).") from error


def _port_of(parts: SplitResult, what: str) -> int:
    try:
        port = parts.port
    except ValueError as error:  # urlsplit only checks the port when asked
        raise _refused(f"{what} has an invalid port ({error}).") from error
    if port is not None:
        return port
    return 443 if parts.scheme == "https" else 80


def _resolve(host: str, port: int, resolver: Resolver, what: str) -> list[IPAddress]:
    literal = _as_ip(host)
    if literal is not None:
        return [literal]
    try:
        results = resolver(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise DestinationRefused(
            f"{what}: the host {host} could not be resolved ({type(error).__name__}). "
            "Check the spelling.",
            permanent=False,
        ) from error
    addresses = [_sockaddr_ip(result) for result in results]
    if not addresses:
        raise DestinationRefused(f"{what}: the host {host} has no addresses.", permanent=False)
    return addresses


def _as_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def _sockaddr_ip(result: tuple[Any, ...]) -> IPAddress:
    # getaddrinfo gives (family, type, proto, canonname, sockaddr); sockaddr[0] is the
    # address, with a "%scope" suffix for scoped IPv6 (fe80::1%eth0).
    return ipaddress.ip_address(str(result[4][0]).split("%", 1)[0])


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address hidden in an IPv6 one (mapped, compatible, NAT64, 6to4, Teredo).

    The kernel connects to ::ffff:10.0.0.1 as 10.0.0.1, and a NAT64 gateway turns
    64:ff9b::a00:1 into 10.0.0.1, so each must be judged as the address inside.
    """
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if _is_translated(address):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def _is_translated(address: ipaddress.IPv6Address) -> bool:
    """NAT64 or IPv4-compatible (::a.b.c.d, but not :: and ::1 themselves)."""
    if address in _NAT64 or address in _NAT64_LOCAL:
        return True
    return address in _IPV4_COMPATIBLE and int(address) > 1


def _check_address(host: str, address: IPAddress, policy: OutboundPolicy, what: str) -> None:
    embedded = _embedded_ipv4(address)
    kind = _forbidden_kind(embedded or address, policy)
    if kind is None and isinstance(address, ipaddress.IPv6Address):
        kind = _forbidden_wrapping(address)
    if kind is None:
        return
    shown = host if _as_ip(host) == address else f"{host} resolves to {address}, which"
    raise _refused(f"{what} is not allowed: {shown} is {kind}. {_how_to_allow(kind)}")


# The settings that open the policy up, named where a refusal could be lifted by them.
# They are environment variables of the onshore server (README, Configuration).
LOOPBACK_SETTING = "ONSHORE_OUTBOUND_ALLOW_LOOPBACK"
PRIVATE_SETTING = "ONSHORE_OUTBOUND_ALLOW_PRIVATE"


def _how_to_allow(kind: str) -> str:
    """What a person can do about a refused address: a public address, or the server
    setting that allows this kind of address (when one does)."""
    public = "onshore only calls public internet addresses; use a public address"
    if kind.startswith("a loopback"):
        setting = LOOPBACK_SETTING
    elif kind.startswith("a private"):
        setting = PRIVATE_SETTING
    else:  # link-local, multicast, unspecified, wrapped IPv4, http to elsewhere: never
        return f"{public}."
    return (
        f"{public}, or ask the operator to set {setting}=true in the onshore server's "
        "environment (and restart it) to allow such destinations."
    )


def _forbidden_kind(address: IPAddress, policy: OutboundPolicy) -> str | None:
    # Order matters: the specific kinds first, so the message says what the address
    # is; "not global" last catches the rest (RFC 1918, fc00::/7, CGNAT, reserved).
    if address.is_unspecified:
        return "an unspecified address (it reaches this server itself)"
    if address.is_link_local:
        return "a link-local address (used by cloud metadata services)"
    if address.is_multicast:
        return "a multicast address"
    if address.is_loopback:
        return None if policy.allow_loopback else "a loopback address (this server itself)"
    if policy.loopback_only:
        return "not this machine (plain http:// is only allowed to loopback; use https://)"
    if not address.is_global or address.is_reserved:
        return None if policy.allow_private else "a private or reserved address"
    return None


def _forbidden_wrapping(address: ipaddress.IPv6Address) -> str | None:
    # A public IPv4 address wrapped in IPv6 by a translation mechanism: a real server
    # has its own IPv6 address, and a gateway in between may reach what we cannot see.
    if address.ipv4_mapped is not None:
        return "an IPv4-mapped IPv6 address; use the IPv4 address itself"
    if _is_translated(address):
        return "a NAT64 or IPv4-compatible IPv6 address; use the IPv4 address itself"
    return None


def _refused(message: str) -> DestinationRefused:
    return DestinationRefused(message, permanent=True)


# --- the transport: the checked address is the address connected to ------------------

# When the current request must be done by (time.monotonic()); set per request by the
# transport, read by every socket read and write on the connection serving it.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "onshore_outbound_deadline", default=None
)


def _remaining(timeout: float | None) -> float | None:
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the server took longer than the whole request may take")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write ends by the request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # server_hostname is the URL's host name (httpcore passes the origin's host),
        # so SNI and the certificate check are on the name, not the pinned address.
        tls = self._inner.start_tls(ssl_context, server_hostname, _remaining(timeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _PinnedBackend(httpcore.NetworkBackend):
    """Resolves and checks the host itself, then connects to a checked address."""

    def __init__(self, policy: OutboundPolicy) -> None:
        self._policy = policy
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = checked_addresses(host, port, self._policy, what="The address")
        failure: Exception | None = None
        for address in addresses:
            try:
                stream = self._sockets.connect_tcp(
                    str(address), port, _remaining(timeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
                continue
            return _DeadlineStream(stream)
        assert failure is not None  # checked_addresses never returns an empty list
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise DestinationRefused("onshore does not call Unix sockets.", permanent=True)

    def sleep(self, seconds: float) -> None:
        self._sockets.sleep(seconds)


class _BoundedBody(httpx.SyncByteStream):
    """The answer's bytes, refused past ``limit`` or past the request's deadline.

    Each read is bounded by the read timeout, so a dripping server is cut off at most
    one read timeout after the deadline.
    """

    def __init__(self, inner: httpx.SyncByteStream, limit: int, deadline: float) -> None:
        self._inner, self._limit, self._deadline = inner, limit, deadline

    def __iter__(self) -> Iterator[bytes]:
        received = 0
        for chunk in self._inner:
            received += len(chunk)
            if received > self._limit:
                raise PublishError(
                    f"The server's answer was larger than {self._limit // 1024} KiB; "
                    "onshore stopped reading it.",
                    permanent=False,
                )
            if time.monotonic() > self._deadline:
                raise httpx.ReadTimeout("the server took longer than the whole request may take")
            yield chunk

    def close(self) -> None:
        self._inner.close()


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport, on a connection pool whose connections go through
    ``_PinnedBackend``: resolved and checked by us, connected to the checked address."""

    def __init__(
        self, policy: OutboundPolicy, ssl_context: ssl.SSLContext, limits: httpx.Limits
    ) -> None:
        super().__init__(verify=ssl_context, trust_env=False, limits=limits)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_PinnedBackend(policy),
        )


class OutboundTransport(httpx.BaseTransport):
    """Applies ``OutboundPolicy`` to every request and every connection (see the
    module docstring). Plain http has its own pool, whose connections may only reach
    loopback."""

    def __init__(
        self,
        policy: OutboundPolicy,
        *,
        total_seconds: float,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        verify: ssl.SSLContext | bool = True,
        limits: httpx.Limits = _LIMITS,
    ) -> None:
        self.policy = policy
        self._total_seconds = total_seconds
        self._max_response_bytes = max_response_bytes
        ssl_context = httpx.create_ssl_context(verify=verify, trust_env=False)
        self._https = _PinnedTransport(policy, ssl_context, limits)
        self._plain = _PinnedTransport(replace(policy, loopback_only=True), ssl_context, limits)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        # Checked on every request, not only when a channel is connected: a stored URL
        # may predate a policy change, and nothing may bypass the check.
        check_url(str(request.url), self.policy, what="The address")
        transport = self._plain if request.url.scheme == "http" else self._https
        deadline = time.monotonic() + self._total_seconds
        token = _DEADLINE.set(deadline)
        try:
            response = transport.handle_request(request)
        finally:
            _DEADLINE.reset(token)
        _refuse_compressed(response)
        response.stream = _BoundedBody(
            response.stream,  # type: ignore[arg-type]
            self._max_response_bytes,
            deadline,
        )
        return response

    def close(self) -> None:
        self._https.close()
        self._plain.close()


def _refuse_compressed(response: httpx.Response) -> None:
    # We send "Accept-Encoding: identity"; a server that compresses anyway could
    # send a few kilobytes that unpack to gigabytes.
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        response.close()
        raise PublishError(
            "The server sent a compressed answer although onshore asked for none.",
            permanent=False,
        )


def outbound_client(
    policy: OutboundPolicy,
    *,
    timeout: float,
    verify: ssl.SSLContext | bool = True,
    max_response_bytes: int = MAX_RESPONSE_BYTES,
) -> httpx.Client:
    """The only way onshore makes an HTTP client: every request through the policy.

    ``trust_env=False``: an environment proxy must never see credentials (and would
    connect on our behalf to addresses we never checked). Redirects are not followed.
    """
    transport = OutboundTransport(
        policy,
        total_seconds=timeout * TOTAL_TIMEOUTS,
        max_response_bytes=max_response_bytes,
        verify=verify,
    )
    return httpx.Client(
        transport=transport,
        timeout=timeout,
        trust_env=False,
        follow_redirects=False,
        headers={"accept-encoding": "identity", "user-agent": "onshore"},
    )
