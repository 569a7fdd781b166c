"""The one destination policy every outbound call goes through (issue 12, point 1):
refused addresses, the checked address being the one connected to (DNS rebinding),
TLS on the host name while connecting to the pinned address, and that nothing in
onshore makes an HTTP client any other way."""

from __future__ import annotations

import re
import socket
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx
import pytest

from onshore.networks import (
    DestinationRefused,
    OutboundPolicy,
    PublishError,
    check_destination,
    outbound_client,
)
from onshore.networks._http import send
from tests.fakes.tls import serve_tls
from tests.fakes.webhook_receiver import WebhookReceiver

SRC = Path(__file__).resolve().parents[2] / "src" / "onshore"
PUBLIC = "93.184.215.14"


def resolving(*answers: list[str]) -> Any:
    """A resolver that gives the next answer on each call (the last one repeats)."""
    calls: list[str] = []

    def resolver(host: str, port: int, **_: Any) -> list[tuple[Any, ...]]:
        answer = answers[min(len(calls), len(answers) - 1)]
        calls.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in answer]

    resolver.calls = calls  # type: ignore[attr-defined]
    return resolver


def no_dns(host: str, port: int, **_: Any) -> list[tuple[Any, ...]]:
    raise AssertionError("nothing should be resolved")


STRICT = OutboundPolicy(resolver=no_dns)
LOOPBACK_ALLOWED = OutboundPolicy(allow_loopback=True, resolver=no_dns)


@pytest.mark.parametrize(
    ("url", "policy", "says"),
    [
        ("http://127.0.0.1:8080/", STRICT, "https://"),
        ("http://93.184.215.14/", LOOPBACK_ALLOWED, "only allowed to loopback"),
        ("ftp://example.com/", STRICT, "https://"),
        ("https://127.0.0.1/", STRICT, "loopback"),
        ("https://[::1]/", STRICT, "loopback"),
        ("https://10.0.0.1", STRICT, "private"),
        ("https://172.16.0.1/", STRICT, "private"),
        ("https://192.168.1.1/", STRICT, "private"),
        ("https://100.64.0.1/", STRICT, "private"),  # CGNAT
        ("https://240.0.0.1/", STRICT, "reserved"),
        ("https://169.254.169.254/latest/meta-data", LOOPBACK_ALLOWED, "link-local"),
        ("https://[fe80::1]/", STRICT, "link-local"),
        ("https://224.0.0.1/", STRICT, "multicast"),
        ("https://0.0.0.0/", STRICT, "unspecified"),
        ("https://[::]/", STRICT, "unspecified"),
        ("https://[fd00::1]/", STRICT, "private"),
        ("https://[64:ff9b::a00:1]/", STRICT, "private"),  # NAT64 of 10.0.0.1
        ("https://[64:ff9b::5db8:d70e]/", STRICT, "NAT64"),  # NAT64 of a public address
        ("https://[::a00:1]/", STRICT, "private"),  # IPv4-compatible 10.0.0.1
        ("https://[::5db8:d70e]/", STRICT, "IPv4-compatible"),
        ("https://[::ffff:127.0.0.1]/", STRICT, "loopback"),
        ("https://[::ffff:5db8:d70e]/", STRICT, "IPv4-mapped"),
        ("https://[2002:a00:1::]/", STRICT, "private"),  # 6to4 of 10.0.0.1
        ("https://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/", STRICT, "private"),  # Teredo
        ("https://user:pw@example.com/", STRICT, "user name or password"),
        ("https://example.com@10.0.0.1/", STRICT, "user name or password"),
        ("https://x.example#", STRICT, "'#'"),
        ("https://internal.example/admin#/api/v1/statuses", STRICT, "'#'"),
        ("https://exa mple.com/", STRICT, "spaces"),
        ("https:///nohost", STRICT, "no host"),
    ],
)
def test_refused_destinations(url: str, policy: OutboundPolicy, says: str) -> None:
    with pytest.raises(DestinationRefused, match=re.escape(says)) as refused:
        check_destination(url, policy, what="The Mastodon instance address")
    assert refused.value.permanent
    assert refused.value.message.startswith("The Mastodon instance address")


def test_private_and_loopback_pass_only_when_allowed() -> None:
    both = OutboundPolicy(allow_loopback=True, allow_private=True, resolver=no_dns)
    assert check_destination("https://10.0.0.1/", both) == ("10.0.0.1",)
    assert check_destination("http://127.0.0.1:9/", both) == ("127.0.0.1",)
    public = OutboundPolicy(resolver=resolving([PUBLIC]))
    assert check_destination("https://hooks.example.com/", public) == (PUBLIC,)


def test_dns_rebinding_never_reaches_the_loopback_server(receiver: WebhookReceiver) -> None:
    # Public when checked, 127.0.0.1 when connecting: the classic rebinding trick.
    port = int(receiver.url.split(":")[2].split("/")[0])
    resolver = resolving([PUBLIC], ["127.0.0.1"])
    policy = OutboundPolicy(resolver=resolver)
    url = f"https://rebind.example:{port}/hooks/onshore"
    assert check_destination(url, policy) == (PUBLIC,)

    with outbound_client(policy, timeout=1.0) as client:
        request = client.build_request("POST", url, content=b"{}")
        with pytest.raises(DestinationRefused, match="rebind.example resolves to 127.0.0.1"):
            send(client, request, what="delivering the webhook")

    assert len(resolver.calls) == 2  # checked again when connecting, on what it connects to
    assert receiver.deliveries == []


def test_a_name_answering_one_public_and_one_loopback_address_is_refused(
    receiver: WebhookReceiver,
) -> None:
    port = int(receiver.url.split(":")[2].split("/")[0])
    policy = OutboundPolicy(resolver=resolving(["127.0.0.1", PUBLIC]))
    with outbound_client(policy, timeout=1.0) as client, pytest.raises(DestinationRefused):
        client.post(f"https://mixed.example:{port}/hooks/onshore", content=b"{}")
    assert receiver.deliveries == []


def test_the_connection_goes_to_the_address_that_was_checked(receiver: WebhookReceiver) -> None:
    # "pinned.test" exists in no DNS: the request can only arrive if the transport
    # connected to the address our resolver gave, keeping the name in the Host header.
    port = int(receiver.url.split(":")[2].split("/")[0])
    policy = OutboundPolicy(allow_loopback=True, resolver=resolving(["127.0.0.1"]))
    with outbound_client(policy, timeout=1.0) as client:
        response = client.post(f"http://pinned.test:{port}/hooks/onshore", content=b"{}")
    assert response.status_code == 204
    (delivery,) = receiver.deliveries
    assert delivery.headers["host"] == f"pinned.test:{port}"


def test_every_request_is_checked_not_only_the_first(receiver: WebhookReceiver) -> None:
    port = int(receiver.url.split(":")[2].split("/")[0])
    policy = OutboundPolicy(allow_loopback=True, resolver=resolving(["127.0.0.1"]))
    with outbound_client(policy, timeout=1.0) as client:
        assert client.post(f"http://pinned.test:{port}/hooks/onshore").status_code == 204
        with pytest.raises(DestinationRefused, match="'#'"):
            client.send(client.build_request("POST", f"http://pinned.test:{port}/x#frag"))
        with pytest.raises(DestinationRefused, match="user name"):
            client.post(f"http://u:p@pinned.test:{port}/hooks/onshore")
    assert len(receiver.deliveries) == 1


# -- TLS: the certificate is checked for the host name, on the pinned address ---------


class _Hello(BaseHTTPRequestHandler):
    server_names: list[str | None] = []

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[int, ssl.SSLContext, list[str | None]]]:
    server = serve_tls(type("Handler", (_Hello,), {}), tmp_path, names=["secure.test"])
    yield server.port, server.trust, server.sni_names
    server.stop()


def test_tls_uses_the_host_name_while_connecting_to_the_pinned_address(
    tls_server: tuple[int, ssl.SSLContext, list[str | None]],
) -> None:
    port, trust, names = tls_server
    policy = OutboundPolicy(allow_loopback=True, resolver=resolving(["127.0.0.1"]))
    with outbound_client(policy, timeout=2.0, verify=trust) as client:
        assert client.get(f"https://secure.test:{port}/").text == "ok"
        # Same address, another name: the certificate does not match, so no answer.
        with pytest.raises(httpx.ConnectError, match="certificate"):
            client.get(f"https://other.test:{port}/")
    assert names[0] == "secure.test"


def test_nothing_in_onshore_makes_an_http_client_but_the_outbound_factory() -> None:
    """The policy holds only if every call goes through ``outbound_client``."""
    direct = re.compile(r"httpx\.(Client|AsyncClient|HTTPTransport|get|post|put|request|stream)\(")
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if direct.search(path.read_text()) and path.name != "_outbound.py"
    ]
    assert offenders == []


def test_thread_safety_of_one_client_shared_by_threads(receiver: WebhookReceiver) -> None:
    port = int(receiver.url.split(":")[2].split("/")[0])
    policy = OutboundPolicy(allow_loopback=True, resolver=resolving(["127.0.0.1"]))
    errors: list[BaseException] = []
    with outbound_client(policy, timeout=2.0) as client:

        def post() -> None:
            try:
                client.post(f"http://pinned.test:{port}/hooks/onshore", content=b"{}")
            except BaseException as error:  # noqa: BLE001 - collected for the assert
                errors.append(error)

        threads = [threading.Thread(target=post) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == [] and len(receiver.deliveries) == 8


def test_a_refusal_is_a_permanent_publish_error() -> None:
    policy = OutboundPolicy(resolver=resolving(["10.0.0.7"]))
    with outbound_client(policy, timeout=1.0) as client:
        request = client.build_request("GET", "https://intranet.example/")
        with pytest.raises(PublishError) as refused:
            send(client, request, what="reading the Mastodon instance settings")
    assert refused.value.permanent
