"""What a hostile or broken server can send, and what onshore makes of it (issue 12,
point 2 and the Proof): garbage headers are ignored, huge, compressed, dripping and
cut-off answers are bounded, ``javascript:`` links are dropped, and every failure is
a PublishError or UnknownOutcome in our words, never another exception."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from onshore.networks import (
    OutboundPolicy,
    Published,
    PublishError,
    UnknownOutcome,
    mastodon,
    outbound_client,
)
from onshore.networks._http import parse_http_date, retry_after_seconds
from onshore.networks.bluesky._xrpc import failure
from tests.fakes.hostile_server import ANSWERS, SECRET, HostileServer

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
TIMEOUT = 0.5


def answer(status: int, **headers: str) -> httpx.Response:
    """An answer whose header bytes are the UTF-8 of ``headers`` (as a server sends)."""
    request = httpx.Request("POST", "https://example.social/api/v1/statuses")
    raw = [(name.encode(), value.encode()) for name, value in headers.items()]
    return httpx.Response(status, headers=raw, json={}, request=request)


@pytest.mark.parametrize(
    "value",
    ["²", "١٢", "1e999", "9" * 40, "-5", "5.5", " ", "0x10", "inf", "NaN", "Mon, 99 Foo"],
)
def test_garbage_retry_after_is_ignored(value: str) -> None:
    response = answer(503, **{"retry-after": value})
    assert retry_after_seconds(response, NOW) is None


def test_valid_retry_after_values_and_their_cap() -> None:
    assert retry_after_seconds(answer(503, **{"retry-after": "120"}), NOW) == 120.0
    http_date = "Tue, 01 Dec 2026 09:31:00 GMT"
    assert retry_after_seconds(answer(503, **{"retry-after": http_date}), NOW) == 60.0
    # A wait of decades is capped at a day rather than pushing the post into 2100.
    assert retry_after_seconds(answer(503, **{"retry-after": "9999999999"}), NOW) == 86400.0
    far = "Fri, 31 Dec 9999 23:59:59 GMT"
    assert retry_after_seconds(answer(503, **{"retry-after": far}), NOW) == 86400.0
    assert parse_http_date("²" * 10) is None


@pytest.mark.parametrize("reset", ["²", "٣٠", "1e999", "9" * 40, "99999999999"])
def test_garbage_bluesky_rate_limit_reset_is_ignored_or_capped(reset: str) -> None:
    response = answer(429, **{"ratelimit-reset": reset})
    error = failure(response, NOW)
    assert not error.permanent
    assert error.retry_after is None or error.retry_after <= 86400.0


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    server = HostileServer().start()
    yield server
    server.stop()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    policy = OutboundPolicy(allow_loopback=True)
    with outbound_client(policy, timeout=TIMEOUT) as http:
        yield http


@pytest.mark.parametrize("name", list(ANSWERS))
def test_every_hostile_answer_ends_as_a_publish_outcome_in_our_words(
    name: str, client: httpx.Client
) -> None:
    server = HostileServer([name]).start()
    started = time.monotonic()
    try:
        outcome: object = mastodon.publish(
            server.base_url, "token", "key-1", "Hello", language="en", client=client, now=NOW
        )
    except (PublishError, UnknownOutcome) as error:
        outcome = error
    finally:
        server.stop()
    # Total deadline: three timeouts (+ one read), however slowly the server drips.
    assert time.monotonic() - started < TIMEOUT * 5
    if isinstance(outcome, Published):
        # Answers shaped like a status: published, but their links are not kept.
        assert name in ("javascript_url", "secret_account") and outcome.url is None
    else:
        assert isinstance(outcome, PublishError | UnknownOutcome)
        assert SECRET not in outcome.message
        if isinstance(outcome, PublishError) and outcome.retry_after is not None:
            assert 0 <= outcome.retry_after <= 86400


def test_a_huge_answer_is_not_read_into_memory(client: httpx.Client) -> None:
    server = HostileServer(["huge_body"]).start()
    try:
        with pytest.raises(PublishError, match="larger than 2048 KiB") as refused:
            mastodon.instance_limits(server.base_url, client, now=NOW)
    finally:
        server.stop()
    assert not refused.value.permanent


def test_a_compressed_answer_is_refused_not_unpacked(client: httpx.Client) -> None:
    server = HostileServer(["gzip_bomb"]).start()
    try:
        with pytest.raises(PublishError, match="compressed"):
            mastodon.instance_limits(server.base_url, client, now=NOW)
    finally:
        server.stop()


def test_a_secret_in_an_error_body_stays_out_of_the_message(
    client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    server = HostileServer(["secret_error", "secret_json_error", "secret_account"]).start()
    try:
        for _ in range(3):
            with pytest.raises(PublishError) as caught:
                mastodon.verify_credentials(server.base_url, "token", client, now=NOW)
            assert SECRET not in caught.value.message
    finally:
        server.stop()
    assert SECRET in caplog.text  # the operator can still see what the server said
