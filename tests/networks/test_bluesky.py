"""Bluesky channel against a real local PDS (@atproto/dev-env, tests/pds): publish with
facets and langs and read the record back, retries that collide instead of posting
twice, unknown outcomes resolved by reading back, and the error mapping."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from onshore.networks import (
    OutboundPolicy,
    Published,
    PublishError,
    UnknownOutcome,
    bluesky,
    outbound_client,
)
from tests.fakes.pds import Account, LocalPds, create_account, posts_on_pds

NOW = datetime(2025, 3, 30, 0, 30, tzinfo=UTC)
CREATED = datetime(2025, 3, 29, 18, 0, tzinfo=UTC)  # when the delivery was created
# Non-ASCII before every facet, so character and byte offsets differ.
TEXT = (
    "Grüße aus Zürich 👋🏽! Unser Frühlingstee ist da: https://tea.example/frühling?x=1. "
    "Danke {mention} — #Teezeit #café 🍵"
)

pytestmark = pytest.mark.pds


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    # The first write to a fresh repository can take a moment; trust_env=False keeps
    # any proxy from the environment away from test traffic.
    with outbound_client(OutboundPolicy(allow_loopback=True), timeout=15.0) as client:
        yield client


@pytest.fixture
def alice(local_pds: LocalPds, http: httpx.Client) -> Account:
    return create_account(local_pds, http, "alice")


@pytest.fixture
def bob(local_pds: LocalPds, http: httpx.Client) -> Account:
    return create_account(local_pds, http, "bob")


def publish(
    pds: LocalPds,
    account: Account,
    http: httpx.Client,
    *,
    text: str = "Hello from onshore",
    key: str | None = None,
    now: datetime = NOW,
    langs: list[str] | None = None,
    sessions: bluesky.Sessions | None = None,
) -> Published:
    return bluesky.publish(
        pds.pds_url,
        account.handle,
        account.app_password,
        key or bluesky.record_key("delivery-1", CREATED),
        text,
        langs=langs if langs is not None else ["en-GB"],
        client=http,
        now=now,
        sessions=sessions,
    )


def facet_texts(record: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """Each facet's covered substring (sliced by UTF-8 bytes) with its feature."""
    encoded = record["text"].encode("utf-8")
    return [
        (
            encoded[facet["index"]["byteStart"] : facet["index"]["byteEnd"]].decode("utf-8"),
            facet["features"][0],
        )
        for facet in record["facets"]
    ]


# -- publishing ----------------------------------------------------------------------


def test_publish_writes_text_facets_langs_and_created_at(
    local_pds: LocalPds, alice: Account, bob: Account, http: httpx.Client
) -> None:
    text = TEXT.format(mention=f"@{bob.handle}")
    key = bluesky.record_key("delivery-facets", CREATED)

    published = publish(local_pds, alice, http, text=text, key=key, langs=["de-CH"])

    assert published.remote_id == f"at://{alice.did}/app.bsky.feed.post/{key}"
    assert published.url == f"https://bsky.app/profile/{alice.did}/post/{key}"
    [record] = posts_on_pds(local_pds, alice, http)
    value = record["value"]
    assert record["uri"] == published.remote_id
    assert value["text"] == text
    assert value["langs"] == ["de-CH"]
    assert value["createdAt"] == "2025-03-30T00:30:00.000Z"
    assert facet_texts(value) == [
        (
            "https://tea.example/frühling?x=1",
            {"$type": "app.bsky.richtext.facet#link", "uri": "https://tea.example/frühling?x=1"},
        ),
        (f"@{bob.handle}", {"$type": "app.bsky.richtext.facet#mention", "did": bob.did}),
        ("#Teezeit", {"$type": "app.bsky.richtext.facet#tag", "tag": "Teezeit"}),
        ("#café", {"$type": "app.bsky.richtext.facet#tag", "tag": "café"}),
    ]


def test_a_mention_of_nobody_stays_plain_text(
    local_pds: LocalPds, alice: Account, http: httpx.Client
) -> None:
    publish(local_pds, alice, http, text="Thanks @nobody-here.test 🙏 #tea")

    [record] = posts_on_pds(local_pds, alice, http)
    assert facet_texts(record["value"]) == [
        ("#tea", {"$type": "app.bsky.richtext.facet#tag", "tag": "tea"})
    ]


def test_a_post_without_facets_or_langs_omits_them(
    local_pds: LocalPds, alice: Account, http: httpx.Client
) -> None:
    publish(local_pds, alice, http, text="Plain text, ñ and 漢字 only.", langs=[])

    [record] = posts_on_pds(local_pds, alice, http)
    assert "facets" not in record["value"]
    assert "langs" not in record["value"]


# -- exactly once ----------------------------------------------------------------------


def test_a_retry_with_the_same_key_makes_no_second_record(
    local_pds: LocalPds, alice: Account, http: httpx.Client
) -> None:
    first = publish(local_pds, alice, http)
    identical = publish(local_pds, alice, http)  # same createdAt: a no-op on the PDS
    later = publish(local_pds, alice, http, now=NOW + timedelta(minutes=7))  # InvalidSwap

    assert first == identical == later
    [record] = posts_on_pds(local_pds, alice, http)
    assert record["uri"] == first.remote_id
    assert record["value"]["createdAt"] == "2025-03-30T00:30:00.000Z"  # the first attempt's


def test_different_deliveries_make_different_records(
    local_pds: LocalPds, alice: Account, http: httpx.Client
) -> None:
    for delivery in ("delivery-a", "delivery-b"):
        publish(local_pds, alice, http, key=bluesky.record_key(delivery, CREATED))

    assert len(posts_on_pds(local_pds, alice, http)) == 2


def test_a_different_post_at_our_key_is_not_reported_as_published(
    local_pds: LocalPds, alice: Account, http: httpx.Client
) -> None:
    publish(local_pds, alice, http, text="The first text")

    with pytest.raises(PublishError) as raised:
        publish(local_pds, alice, http, text="Some other text")

    assert raised.value.permanent
    assert len(posts_on_pds(local_pds, alice, http)) == 1


class AnswerLost(httpx.BaseTransport):
    """Delivers the request to the real PDS, then loses the answer (a timeout after
    the server accepted): the case that must never lead to a second post."""

    def __init__(self, nsid: str) -> None:
        self.inner = httpx.HTTPTransport()
        self.nsid = nsid

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path.endswith(self.nsid):
            response.read()
            response.close()
            raise httpx.ReadTimeout("the answer was lost", request=request)
        return response


def test_an_unknown_outcome_is_resolved_by_find_published(
    local_pds: LocalPds, alice: Account, http: httpx.Client
) -> None:
    key = bluesky.record_key("delivery-lost", CREATED)
    text = "Ünïcödé survives a lost answer 🫖"
    assert (
        bluesky.find_published(local_pds.pds_url, alice.handle, key, text, client=http, now=NOW)
        is None
    )

    lossy = httpx.Client(transport=AnswerLost("com.atproto.repo.putRecord"), timeout=15.0)
    with lossy, pytest.raises(UnknownOutcome):
        publish(local_pds, alice, lossy, text=text, key=key)

    found = bluesky.find_published(local_pds.pds_url, alice.handle, key, text, client=http, now=NOW)
    assert found is not None
    assert found.remote_id == f"at://{alice.did}/app.bsky.feed.post/{key}"
    # And a blind retry would not have hurt either: it collides with the first record.
    assert publish(local_pds, alice, http, text=text, key=key, now=NOW + timedelta(hours=2)) == (
        found
    )
    assert len(posts_on_pds(local_pds, alice, http)) == 1


# -- sessions --------------------------------------------------------------------------


def test_sessions_are_reused_between_publishes(
    local_pds: LocalPds, alice: Account, http: httpx.Client
) -> None:
    sessions = bluesky.Sessions()
    publish(local_pds, alice, http, key=bluesky.record_key("s-1", CREATED), sessions=sessions)
    login = bluesky.Login(local_pds.pds_url, alice.handle, alice.app_password)
    session = sessions.get(login)
    assert session is not None and session.did == alice.did

    publish(local_pds, alice, http, key=bluesky.record_key("s-2", CREATED), sessions=sessions)

    assert sessions.get(login) == session  # no new login
    assert len(posts_on_pds(local_pds, alice, http)) == 2


def expired_access_token(did: str) -> str:
    """An access token exactly like the PDS issues, but expired an hour ago. Signed
    with dev-env's fixed test secret (JWT_SECRET = "jwt-secret" in @atproto/dev-env)."""

    def part(data: dict[str, Any]) -> str:
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    issued = int(datetime.now(UTC).timestamp()) - 7200
    header = part({"typ": "at+jwt", "alg": "HS256"})
    claims = part(
        {
            "scope": "com.atproto.appPass",
            "aud": "did:web:localhost",
            "sub": did,
            "iat": issued,
            "exp": issued + 3600,
        }
    )
    signature = hmac.new(b"jwt-secret", f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


def test_an_expired_access_token_is_refreshed(
    local_pds: LocalPds, alice: Account, http: httpx.Client
) -> None:
    login = bluesky.Login(local_pds.pds_url, alice.handle, alice.app_password)
    real = bluesky.create_session(login, http, NOW)
    stale = bluesky.Session(real.did, real.handle, expired_access_token(real.did), real.refresh_jwt)
    sessions = bluesky.Sessions()
    sessions.put(login, stale)

    published = publish(local_pds, alice, http, sessions=sessions)

    refreshed = sessions.get(login)
    assert refreshed is not None
    assert refreshed.access_jwt != stale.access_jwt
    assert refreshed.refresh_jwt != real.refresh_jwt  # refreshSession rotates it
    assert [r["uri"] for r in posts_on_pds(local_pds, alice, http)] == [published.remote_id]


def test_a_revoked_cached_session_logs_in_again(
    local_pds: LocalPds, alice: Account, http: httpx.Client
) -> None:
    login = bluesky.Login(local_pds.pds_url, alice.handle, alice.app_password)
    sessions = bluesky.Sessions()
    sessions.put(login, bluesky.Session(alice.did, alice.handle, "not-a-jwt", "not-a-jwt"))

    publish(local_pds, alice, http, sessions=sessions)

    assert sessions.get(login) is not None
    assert len(posts_on_pds(local_pds, alice, http)) == 1


# -- errors ----------------------------------------------------------------------------


def test_a_wrong_app_password_needs_reconnecting(
    local_pds: LocalPds, alice: Account, http: httpx.Client
) -> None:
    wrong = Account(alice.handle, alice.did, "aaaa-bbbb-cccc-dddd")

    with pytest.raises(PublishError) as raised:
        publish(local_pds, wrong, http)

    assert raised.value.permanent
    assert raised.value.needs_reconnect
    assert raised.value.status_code == 401
    assert "AuthenticationRequired" in raised.value.message
    assert posts_on_pds(local_pds, alice, http) == []


def test_a_record_the_pds_rejects_fails_permanently_in_our_words(
    local_pds: LocalPds, alice: Account, http: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(PublishError) as raised:
        publish(local_pds, alice, http, langs=["not a language"])

    assert raised.value.permanent
    assert not raised.value.needs_reconnect
    assert raised.value.status_code == 400
    assert "InvalidRequest" in raised.value.message
    # The PDS's own explanation goes to the server log, not into the message (issue 12).
    assert "langs" not in raised.value.message and "langs" in caplog.text
    assert posts_on_pds(local_pds, alice, http) == []


def test_a_post_over_the_limit_is_refused_before_sending(
    local_pds: LocalPds, alice: Account, http: httpx.Client
) -> None:
    with pytest.raises(PublishError) as raised:
        publish(local_pds, alice, http, text="🍵" * 301)

    assert raised.value.permanent
    assert posts_on_pds(local_pds, alice, http) == []
