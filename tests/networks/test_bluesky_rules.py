"""Bluesky's pure rules, no server needed: facet detection with UTF-8 byte offsets,
deterministic record keys, and the mapping of XRPC errors onto PublishError."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from onshore.networks import PublishError, bluesky
from onshore.networks.bluesky._xrpc import failure

NOW = datetime(2025, 3, 30, 0, 30, tzinfo=UTC)
DIDS = {"bob.test": "did:plc:bob", "alice.bsky.social": "did:plc:alice"}


def covered(text: str) -> list[tuple[str, str]]:
    """(substring sliced by UTF-8 bytes, feature type) for each detected facet."""
    encoded = text.encode("utf-8")
    facets: list[dict[str, Any]] = bluesky.detect_facets(text, DIDS.get)
    return [
        (
            encoded[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode("utf-8"),
            f["features"][0]["$type"].rsplit("#", 1)[1],
        )
        for f in facets
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Emoji with skin tone and a ZWJ family before the facets: 4-byte code points.
        (
            "👋🏽👨‍👩‍👧 see https://a.example/x #tea",
            [("https://a.example/x", "link"), ("#tea", "tag")],
        ),
        # Combining accent (e + U+0301) and CJK before a mention.
        ("Cafe\u0301 漢字 @bob.test!", [("@bob.test", "mention")]),
        # Trailing punctuation is not part of a link; a wrapping ")" is not either.
        ("(see https://a.example/p), ok.", [("https://a.example/p", "link")]),
        (
            "https://en.example/wiki/Tea_(drink) yes",
            [("https://en.example/wiki/Tea_(drink)", "link")],
        ),
        # A sentence-ending dot after a mention; an e-mail address is no mention.
        ("Ask @bob.test. Or mail bob@bob.test", [("@bob.test", "mention")]),
        ("Hi @alice.bsky.social and @unknown.test", [("@alice.bsky.social", "mention")]),
        # Hashtags: non-ASCII, trailing punctuation, full-width sign; not "#1" or a keycap.
        ("#café! #1 #️⃣ ＃お茶 #2025年", [("#café", "tag"), ("＃お茶", "tag"), ("#2025年", "tag")]),
        # A "#" inside a link is part of the link, not a tag.
        ("https://a.example/#top #top", [("https://a.example/#top", "link"), ("#top", "tag")]),
        ("nothing here, not even a.example", []),
    ],
)
def test_facets_cover_the_right_bytes(text: str, expected: list[tuple[str, str]]) -> None:
    assert covered(text) == expected


def test_facet_features_carry_the_link_did_and_tag() -> None:
    facets = bluesky.detect_facets("Ä @bob.test #Tee https://a.example", DIDS.get)

    assert [f["features"][0] for f in facets] == [
        {"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:bob"},
        {"$type": "app.bsky.richtext.facet#tag", "tag": "Tee"},
        {"$type": "app.bsky.richtext.facet#link", "uri": "https://a.example"},
    ]
    assert facets[0]["index"] == {"byteStart": 3, "byteEnd": 12}  # "Ä " is 3 bytes


def test_byte_range_counts_utf8_bytes() -> None:
    assert bluesky.byte_range("é🍵x", 2, 3) == (6, 7)


def test_post_length_counts_graphemes() -> None:
    assert bluesky.post_length("👋🏽👨‍👩‍👧e\u0301") == 3


def test_langs_come_from_the_market_language_tag() -> None:
    assert bluesky.bluesky_langs("en_GB") == ["en-GB"]
    assert bluesky.bluesky_langs(" ") == []


# -- record keys -----------------------------------------------------------------------


def test_record_key_is_a_valid_tid_and_the_same_on_every_attempt() -> None:
    created = datetime(2025, 3, 29, 18, 0, 0, 123456, tzinfo=UTC)
    key = bluesky.record_key("delivery-42", created)

    assert bluesky.is_valid_tid(key)
    assert key == bluesky.record_key("delivery-42", created)
    assert key != bluesky.record_key("delivery-43", created)


def test_record_key_tells_the_delivery_second() -> None:
    created = datetime(2025, 3, 29, 18, 0, 7, tzinfo=UTC)
    key = bluesky.record_key("delivery-42", created)

    number = 0
    for char in key:
        number = number * 32 + "234567abcdefghijklmnopqrstuvwxyz".index(char)
    assert number >> 63 == 0
    assert (number >> 10) // 1_000_000 == int(created.timestamp())


def test_record_keys_do_not_collide_within_one_second() -> None:
    created = datetime(2025, 3, 29, 18, 0, tzinfo=UTC)
    keys = {bluesky.record_key(f"delivery-{n}", created) for n in range(20_000)}
    assert len(keys) == 20_000


def test_record_key_needs_an_aware_datetime() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        bluesky.record_key("delivery-1", datetime(2025, 3, 29, 18, 0))


def test_publish_refuses_a_key_that_is_not_a_tid() -> None:
    with httpx.Client() as client, pytest.raises(ValueError, match="TID"):
        bluesky.publish(
            "http://127.0.0.1:9",
            "a.test",
            "pw",
            "delivery-1",
            "hi",
            langs=[],
            client=client,
            now=NOW,
        )


# -- error mapping ---------------------------------------------------------------------


def answer(status: int, body: dict[str, str] | None = None, **headers: str) -> httpx.Response:
    request = httpx.Request("POST", "http://127.0.0.1/xrpc/com.atproto.repo.putRecord")
    return httpx.Response(status, json=body, headers=headers, request=request)


def test_a_rate_limit_waits_until_the_reset() -> None:
    reset = str(int((NOW + timedelta(seconds=90)).timestamp()))
    response = answer(
        429,
        {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
        **{"ratelimit-reset": reset},
    )

    error = failure(response, NOW)

    assert (error.permanent, error.retry_after, error.needs_reconnect) == (False, 90.0, False)
    assert error.message == (
        "The Bluesky server answered 429 Too Many Requests while calling the Bluesky server "
        "(RateLimitExceeded)."
    )


def test_retry_after_wins_over_the_rate_limit_reset() -> None:
    response = answer(
        429, {"error": "RateLimitExceeded"}, **{"retry-after": "5", "ratelimit-reset": "0"}
    )
    assert failure(response, NOW).retry_after == 5.0


def test_server_errors_are_transient() -> None:
    error = failure(answer(503, None), NOW)
    assert (error.permanent, error.retry_after) == (False, None)
    assert "503" in error.message


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (401, "AuthenticationRequired"),
        (400, "InvalidToken"),
        (400, "ExpiredToken"),
        (401, "AccountTakedown"),
        (403, "AccountNotFound"),
    ],
)
def test_rejected_credentials_need_reconnecting(status: int, name: str) -> None:
    error = failure(answer(status, {"error": name, "message": "no"}), NOW)
    assert (error.permanent, error.needs_reconnect) == (True, True)


def test_an_invalid_record_is_permanent_in_our_words() -> None:
    body = {"error": "InvalidRequest", "message": "Invalid app.bsky.feed.post record: bad"}
    error = failure(answer(400, body), NOW)
    assert (error.permanent, error.needs_reconnect) == (True, False)
    # The spec's error name is ours to repeat; the server's free text is not (issue 12).
    assert error.message == (
        "The Bluesky server answered 400 Bad Request while calling the Bluesky server "
        "(InvalidRequest)."
    )


def test_a_failed_read_back_is_transient_not_unknown() -> None:
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    key = bluesky.record_key("d", NOW)
    transport = httpx.MockTransport(timeout)
    with httpx.Client(transport=transport) as client, pytest.raises(PublishError) as raised:
        bluesky.find_published("http://127.0.0.1:9", "a.test", key, "hi", client=client, now=NOW)

    assert not raised.value.permanent
