"""Webhook deliveries: Standard Webhooks signatures, a real local receiver, the
status mapping the outbox relies on, and the destination guard."""

from __future__ import annotations

import base64
import socket
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from onshore.networks import PublishError, UnknownOutcome, webhook
from tests.fakes.webhook_receiver import WebhookReceiver

NOW = datetime(2025, 3, 30, 0, 30, tzinfo=UTC)
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
PAYLOAD: dict[str, Any] = {"type": "post.published", "data": {"text": "Tea at 9am BST ☕"}}


def test_signature_matches_the_spec_test_vector() -> None:
    # From the Standard Webhooks reference library's tests (libraries/python,
    # test_sign_function): the signature any compliant receiver will compute.
    signature = webhook.sign(
        "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, b'{"test": 2432232314}', SECRET
    )
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_secret_works_with_or_without_prefix() -> None:
    bare = SECRET.removeprefix("whsec_")
    assert webhook.sign("msg_1", 1, b"{}", bare) == webhook.sign("msg_1", 1, b"{}", SECRET)


def test_generated_secret_is_32_random_bytes_with_prefix() -> None:
    secret = webhook.generate_secret(lambda n: bytes(range(n)))
    assert secret.startswith("whsec_")
    assert webhook.secret_key(secret) == bytes(range(32))
    assert webhook.generate_secret() != webhook.generate_secret()


@pytest.mark.parametrize("bad_id", ["msg.1", "msg 1", "", "msg\n1"])
def test_message_ids_that_would_break_the_signed_content_are_refused(bad_id: str) -> None:
    with pytest.raises(ValueError, match="message id"):
        webhook.sign(bad_id, 1, b"{}", SECRET)


def test_receiver_gets_the_signed_payload_and_verifies_it(
    receiver: WebhookReceiver, client: httpx.Client
) -> None:
    result = webhook.publish(receiver.url, SECRET, "delivery_42", PAYLOAD, client=client, now=NOW)

    assert result.remote_id == "delivery_42" and result.url is None
    [delivery] = receiver.deliveries
    assert delivery.headers["webhook-id"] == "delivery_42"
    assert delivery.headers["webhook-timestamp"] == str(int(NOW.timestamp()))
    assert delivery.headers["content-type"] == "application/json"
    assert webhook.verify(SECRET, delivery.headers, delivery.body, now=NOW) == "delivery_42"
    assert delivery.body == webhook.encode_payload(PAYLOAD)
    assert "☕".encode() in delivery.body  # UTF-8, not \\u escapes


def test_verify_rejects_tampering_wrong_secret_and_replays(
    receiver: WebhookReceiver, client: httpx.Client
) -> None:
    webhook.publish(receiver.url, SECRET, "delivery_1", PAYLOAD, client=client, now=NOW)
    [delivery] = receiver.deliveries
    other_secret = webhook.generate_secret()
    with pytest.raises(webhook.InvalidSignature, match="No webhook-signature"):
        webhook.verify(SECRET, delivery.headers, delivery.body + b" ", now=NOW)
    with pytest.raises(webhook.InvalidSignature, match="No webhook-signature"):
        webhook.verify(other_secret, delivery.headers, delivery.body, now=NOW)
    with pytest.raises(webhook.InvalidSignature, match="tolerance"):
        webhook.verify(SECRET, delivery.headers, delivery.body, now=NOW + timedelta(minutes=6))
    missing = {k: v for k, v in delivery.headers.items() if k != "webhook-id"}
    with pytest.raises(webhook.InvalidSignature, match="webhook-id header is missing"):
        webhook.verify(SECRET, missing, delivery.body, now=NOW)


def test_verify_accepts_any_matching_signature_in_the_list() -> None:
    body = b'{"a":1}'
    good = webhook.sign("msg_1", int(NOW.timestamp()), body, SECRET)
    headers = {
        "Webhook-Id": "msg_1",
        "Webhook-Timestamp": str(int(NOW.timestamp())),
        "Webhook-Signature": f"v1,bm90IGl0 {good}",
    }
    assert webhook.verify(SECRET, headers, body, now=NOW) == "msg_1"


def test_retry_sends_the_same_webhook_id_with_a_fresh_timestamp(
    receiver: WebhookReceiver, client: httpx.Client
) -> None:
    receiver.respond_next(503)
    with pytest.raises(PublishError) as first:
        webhook.publish(receiver.url, SECRET, "delivery_7", PAYLOAD, client=client, now=NOW)
    assert first.value.permanent is False

    later = NOW + timedelta(seconds=30)
    webhook.publish(receiver.url, SECRET, "delivery_7", PAYLOAD, client=client, now=later)

    first_try, second_try = receiver.deliveries
    assert first_try.headers["webhook-id"] == second_try.headers["webhook-id"] == "delivery_7"
    assert second_try.headers["webhook-timestamp"] == str(int(later.timestamp()))
    assert webhook.verify(SECRET, second_try.headers, second_try.body, now=later)


# -- status mapping ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "headers", "permanent", "retry_after"),
    [
        (429, {"Retry-After": "120"}, False, 120.0),
        (503, {"Retry-After": "Sun, 30 Mar 2025 00:31:00 GMT"}, False, 60.0),
        (503, {"Retry-After": "Sun, 30 Mar 2025 00:00:00 GMT"}, False, 0.0),  # in the past
        (500, {}, False, None),
        (502, {"Retry-After": "soon"}, False, None),  # unparsable: ignored, not trusted
        (400, {}, True, None),
        (404, {"Retry-After": "120"}, True, None),  # permanent: no retry to schedule
        (410, {}, True, None),
        (301, {"Location": "https://elsewhere.example/hook"}, True, None),
    ],
)
def test_status_mapping(
    receiver: WebhookReceiver,
    client: httpx.Client,
    status: int,
    headers: dict[str, str],
    permanent: bool,
    retry_after: float | None,
) -> None:
    receiver.respond_next(status, headers=headers, body="nope")
    with pytest.raises(PublishError) as caught:
        webhook.publish(receiver.url, SECRET, "delivery_1", PAYLOAD, client=client, now=NOW)
    assert caught.value.status_code == status
    assert caught.value.permanent is permanent
    assert caught.value.retry_after == retry_after
    assert str(status) in caught.value.message


def test_redirect_is_not_followed_nor_echoed(
    receiver: WebhookReceiver, client: httpx.Client
) -> None:
    receiver.respond_next(308, headers={"Location": "http://169.254.169.254/latest"})
    with pytest.raises(PublishError, match="308 Permanent Redirect.*update the URL") as caught:
        webhook.publish(receiver.url, SECRET, "delivery_1", PAYLOAD, client=client, now=NOW)
    assert len(receiver.deliveries) == 1
    assert "169.254" not in caught.value.message  # the receiver's words stay in the log


def test_receiver_words_go_to_the_log_not_the_message(
    receiver: WebhookReceiver, client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    receiver.respond_next(422, body="unknown event type post.published")
    with pytest.raises(PublishError, match="422 Unprocessable") as caught:
        webhook.publish(receiver.url, SECRET, "delivery_1", PAYLOAD, client=client, now=NOW)
    assert "unknown event type" not in caught.value.message
    assert "unknown event type" in caplog.text


def test_timeout_after_sending_is_an_unknown_outcome(
    receiver: WebhookReceiver, client: httpx.Client
) -> None:
    receiver.hang_next(5)
    with pytest.raises(UnknownOutcome):
        webhook.publish(receiver.url, SECRET, "delivery_9", PAYLOAD, client=client, now=NOW)
    assert len(receiver.deliveries) == 1  # it did arrive: that is the point


def test_connection_refused_is_transient(client: httpx.Client) -> None:
    closed_port = _unused_loopback_port()
    with pytest.raises(PublishError) as caught:
        webhook.publish(
            f"http://127.0.0.1:{closed_port}/hook", SECRET, "d_1", PAYLOAD, client=client, now=NOW
        )
    assert caught.value.permanent is False


@pytest.mark.parametrize("url", ["http://[::1/hook", "gopher://127.0.0.1/hook"])
def test_unusable_url_is_permanent(client: httpx.Client, url: str) -> None:
    with pytest.raises(PublishError) as caught:
        webhook.publish(url, SECRET, "d_1", PAYLOAD, client=client, now=NOW)
    assert caught.value.permanent is True


def _unused_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- destination guard ----------------------------------------------------------------


def _resolving_to(*addresses: str) -> Any:
    def resolver(host: str, port: int, **_: Any) -> list[tuple[Any, ...]]:
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in addresses
        ]

    return resolver


def _no_dns(host: str, port: int, **_: Any) -> list[tuple[Any, ...]]:
    raise AssertionError("IP literals must not be resolved")


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://10.1.2.3/hook", "private"),
        ("https://172.16.0.1/hook", "private"),
        ("https://172.31.255.255/hook", "private"),
        ("https://192.168.1.10/hook", "private"),
        ("https://100.64.0.1/hook", "private"),  # carrier-grade NAT
        ("https://169.254.169.254/latest/meta-data", "link-local"),
        ("https://127.0.0.1/hook", "loopback"),
        ("https://[::1]/hook", "loopback"),
        ("https://[fc00::1]/hook", "private"),
        ("https://[fd12:3456::1]/hook", "private"),
        ("https://[fe80::1]/hook", "link-local"),
        ("https://[::ffff:10.0.0.1]/hook", "private"),
        ("https://[::ffff:127.0.0.1]/hook", "loopback"),
        ("https://[::ffff:169.254.169.254]/hook", "link-local"),
        ("https://[2002:a00:1::]/hook", "private"),  # 6to4 wrapping 10.0.0.1
        ("https://0.0.0.0/hook", "unspecified"),
        ("https://[::]/hook", "unspecified"),
        ("https://224.0.0.1/hook", "multicast"),
        ("https://[ff02::1]/hook", "multicast"),
    ],
)
def test_guard_refuses_non_public_addresses(url: str, kind: str) -> None:
    with pytest.raises(webhook.DestinationRefused, match=kind) as caught:
        webhook.check_destination(url, allow_loopback=False, allow_private=False, resolver=_no_dns)
    assert caught.value.permanent is True
    assert "public" in caught.value.message  # says what to do


def test_guard_judges_hostnames_by_what_they_resolve_to() -> None:
    with pytest.raises(
        webhook.DestinationRefused, match=r"intranet\.example resolves to 10\.0\.0\.5"
    ):
        webhook.check_destination(
            "https://intranet.example/hook",
            allow_loopback=False,
            allow_private=False,
            resolver=_resolving_to("10.0.0.5"),
        )


def test_guard_refuses_when_any_resolved_address_is_private() -> None:
    with pytest.raises(webhook.DestinationRefused, match="192.168.0.1"):
        webhook.check_destination(
            "https://mixed.example/hook",
            allow_loopback=False,
            allow_private=False,
            resolver=_resolving_to("93.184.215.14", "192.168.0.1"),
        )


def test_guard_accepts_public_addresses_and_returns_them() -> None:
    resolver = _resolving_to("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    addresses = webhook.check_destination(
        "https://hooks.example.com/onshore",
        allow_loopback=False,
        allow_private=False,
        resolver=resolver,
    )
    assert addresses == ("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")


def test_guard_switches() -> None:
    check = webhook.check_destination
    assert check(
        "http://127.0.0.1:8080/h", allow_loopback=True, allow_private=False, resolver=_no_dns
    )
    assert check("https://10.0.0.1/h", allow_loopback=False, allow_private=True, resolver=_no_dns)
    # Private allowed does not open loopback, and nothing opens link-local.
    with pytest.raises(webhook.DestinationRefused, match="loopback"):
        check("https://127.0.0.1/h", allow_loopback=False, allow_private=True, resolver=_no_dns)
    with pytest.raises(webhook.DestinationRefused, match="link-local"):
        check(
            "https://169.254.169.254/h", allow_loopback=True, allow_private=True, resolver=_no_dns
        )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://hooks.example.com/h", "https://"),
        ("ftp://hooks.example.com/h", "https://"),
        ("https:///h", "no host"),
        ("https://user:pw@hooks.example.com/h", "user name or password"),
        ("https://hooks.example.com:99999/h", "invalid port"),
        ("https://[::1/h", "not a valid URL"),
    ],
)
def test_guard_refuses_malformed_urls(url: str, message: str) -> None:
    resolver = _resolving_to("93.184.215.14")
    with pytest.raises(webhook.DestinationRefused, match=message):
        webhook.check_destination(url, allow_loopback=False, allow_private=False, resolver=resolver)


def test_guard_dns_failure_is_transient() -> None:
    def failing(host: str, port: int, **_: Any) -> list[tuple[Any, ...]]:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    with pytest.raises(webhook.DestinationRefused, match="could not be resolved") as caught:
        webhook.check_destination(
            "https://hooks.example.com/h",
            allow_loopback=False,
            allow_private=False,
            resolver=failing,
        )
    assert caught.value.permanent is False


def test_guard_passes_the_real_receiver_only_when_loopback_is_allowed(
    receiver: WebhookReceiver,
) -> None:
    assert webhook.check_destination(receiver.url, allow_loopback=True, allow_private=False)
    with pytest.raises(webhook.DestinationRefused):
        webhook.check_destination(receiver.url, allow_loopback=False, allow_private=False)


def test_endpoint_repr_hides_the_secret() -> None:
    endpoint = webhook.WebhookEndpoint("https://hooks.example.com/h", SECRET)
    assert SECRET not in repr(endpoint)
    assert base64.b64decode(SECRET.removeprefix("whsec_")) == webhook.secret_key(endpoint.secret)
