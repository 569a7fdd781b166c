"""Mastodon channel against the local fake: connect, publish exactly once, resolve
an unknown outcome by reading back, and the error mapping the outbox relies on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from onshore.networks import Published, PublishError, UnknownOutcome, mastodon
from tests.fakes.fake_mastodon import FakeAccount, FakeMastodon

NOW = datetime(2025, 3, 30, 0, 30, tzinfo=UTC)
TEXT = "Our spring blend is back: https://tea.example/spring-blend-2025 #tea"


@pytest.fixture
def alice(fake_mastodon: FakeMastodon) -> FakeAccount:
    return fake_mastodon.add_account("alice", token="token-alice")


def _publish(
    fake: FakeMastodon, client: httpx.Client, key: str = "delivery-1", text: str = TEXT
) -> Published:
    return mastodon.publish(
        fake.base_url, "token-alice", key, text, language="en-GB", client=client, now=NOW
    )


# -- connecting -----------------------------------------------------------------------


def test_verify_credentials_returns_the_account(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    account = mastodon.verify_credentials(fake_mastodon.base_url, "token-alice", client)
    assert (account.id, account.username, account.acct) == (alice.id, "alice", "alice")
    assert account.url == "https://fake.social/@alice"


def test_rejected_token_needs_reconnecting(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    with pytest.raises(PublishError) as caught:
        mastodon.verify_credentials(fake_mastodon.base_url, "wrong-token", client)
    assert caught.value.permanent and caught.value.needs_reconnect
    assert "401 Unauthorized while checking the Mastodon access token" in caught.value.message
    assert "reconnect the channel" in caught.value.message


def test_instance_limits_from_v2(client: httpx.Client) -> None:
    with FakeMastodon(max_characters=1000, characters_reserved_per_url=30) as fake:
        limits = mastodon.instance_limits(fake.base_url, client)
        assert limits == mastodon.InstanceLimits(1000, 30)
        assert [r.path for r in fake.requests] == ["/api/v2/instance"]


def test_instance_limits_fall_back_to_v1_on_older_servers(client: httpx.Client) -> None:
    with FakeMastodon(max_characters=640, has_v2_instance=False) as fake:
        limits = mastodon.instance_limits(fake.base_url, client)
        assert limits == mastodon.InstanceLimits(640, 23)
        assert [r.path for r in fake.requests] == ["/api/v2/instance", "/api/v1/instance"]


def test_instance_limits_default_when_the_server_says_nothing() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"uri": "old.example", "configuration": {"statuses": "?"}})

    # MockTransport: no traffic at all, just a body shape no real fake would produce.
    with httpx.Client(transport=httpx.MockTransport(handler)) as offline:
        limits = mastodon.instance_limits("old.example", offline)
    assert limits == mastodon.InstanceLimits(500, 23)


def test_instance_limits_do_not_fall_back_on_server_errors(
    fake_mastodon: FakeMastodon, client: httpx.Client
) -> None:
    fake_mastodon.fail_next(1, 502)
    with pytest.raises(PublishError) as caught:
        mastodon.instance_limits(fake_mastodon.base_url, client)
    assert caught.value.permanent is False


def test_instance_url_is_normalised() -> None:
    assert mastodon.instance_base(" fosstodon.org/ ") == "https://fosstodon.org"
    assert mastodon.instance_base("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"


def test_credentials_repr_hides_the_token() -> None:
    credentials = mastodon.MastodonCredentials("https://fake.social", "sekrit-token")
    assert "sekrit-token" not in repr(credentials)


# -- publishing exactly once -------------------------------------------------------------


def test_publish_creates_a_public_status_in_the_market_language(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    published = _publish(fake_mastodon, client)

    [status] = fake_mastodon.statuses_of(alice)
    assert published.remote_id == status.id
    assert published.url == f"https://fake.social/@alice/{status.id}"
    assert (status.text, status.visibility, status.language) == (TEXT, "public", "en")
    [request] = fake_mastodon.requests
    assert request.headers["idempotency-key"] == "delivery-1"
    assert request.headers["authorization"] == "Bearer token-alice"


def test_retry_with_the_same_key_creates_exactly_one_status(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    first = _publish(fake_mastodon, client)
    second = _publish(fake_mastodon, client)
    assert first == second
    assert len(fake_mastodon.statuses_of(alice)) == 1
    _publish(fake_mastodon, client, key="delivery-2")  # another delivery is another post
    assert len(fake_mastodon.statuses_of(alice)) == 2


def test_the_fake_forgets_keys_after_an_hour_like_mastodon(client: httpx.Client) -> None:
    # The reason find_published exists: a retry after an hour would post twice.
    clock = [NOW]
    with FakeMastodon(clock=lambda: clock[0]) as fake:
        fake.add_account("alice", token="token-alice")
        _publish(fake, client)
        clock[0] += timedelta(minutes=59)
        _publish(fake, client)
        assert len(fake.statuses) == 1
        clock[0] += timedelta(minutes=2)
        _publish(fake, client)
        assert len(fake.statuses) == 2


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en-GB", "en"), ("de", "de"), ("pt_BR", "pt"), ("zh-TW", "zh-TW"), ("zh-Hant-TW", "zh")],
)
def test_language_tags_become_mastodon_codes(tag: str, expected: str) -> None:
    assert mastodon.mastodon_language(tag) == expected


# -- unknown outcomes ---------------------------------------------------------------------


def test_timeout_after_creation_is_unknown_and_find_published_resolves_it(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    _publish(fake_mastodon, client, key="older", text="An older post")
    fake_mastodon.hang_next(1, seconds=5)
    with pytest.raises(UnknownOutcome):
        _publish(fake_mastodon, client)
    [_, created] = fake_mastodon.statuses_of(alice)

    found = mastodon.find_published(
        fake_mastodon.base_url, "token-alice", TEXT, not_before=NOW, client=client
    )

    assert found is not None and found.remote_id == created.id
    assert found.url == f"https://fake.social/@alice/{created.id}"
    assert len(fake_mastodon.statuses_of(alice)) == 2


def test_dropped_connection_after_creation_is_unknown(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    fake_mastodon.reset_next(1)
    with pytest.raises(UnknownOutcome):
        _publish(fake_mastodon, client)
    # Within the hour, resending with the same key is also safe: same status back.
    resent = _publish(fake_mastodon, client)
    [status] = fake_mastodon.statuses_of(alice)
    assert resent.remote_id == status.id


def test_find_published_returns_none_when_nothing_was_created(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    _publish(fake_mastodon, client, key="other", text="Something else entirely")
    assert (
        mastodon.find_published(
            fake_mastodon.base_url,
            "token-alice",
            TEXT,
            not_before=NOW,
            client=client,
            account_id=alice.id,
        )
        is None
    )


def test_find_published_ignores_identical_text_posted_before_the_attempt(
    client: httpx.Client,
) -> None:
    clock = [NOW - timedelta(days=7)]
    with FakeMastodon(clock=lambda: clock[0]) as fake:
        fake.add_account("alice", token="token-alice")
        _publish(fake, client, key="last-week")
        clock[0] = NOW
        found = mastodon.find_published(
            fake.base_url, "token-alice", TEXT, not_before=NOW, client=client
        )
        assert found is None


def test_find_published_pages_through_a_busy_account(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    _publish(fake_mastodon, client)
    for n in range(45):  # pushes ours onto the second page of 40
        _publish(fake_mastodon, client, key=f"later-{n}", text=f"Later post {n}")
    found = mastodon.find_published(
        fake_mastodon.base_url,
        "token-alice",
        TEXT,
        not_before=NOW,
        client=client,
        account_id=alice.id,
    )
    assert found is not None
    assert found.remote_id == fake_mastodon.statuses_of(alice)[0].id


def test_find_published_sees_through_mastodons_rendering(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    # Rendered, this shows "@bob" and hides "https://": only the source text matches.
    text = "Thanks @bob@other.social and @alice!\nSee https://tea.example/a?b=1&c=2 #Tea"
    _publish(fake_mastodon, client, key="near-miss", text=text.replace("Thanks", "Thank you"))
    _publish(fake_mastodon, client, text=text)
    [_, ours] = fake_mastodon.statuses_of(alice)
    assert "@<span>bob</span>" in fake_mastodon._status_json(ours)["content"]

    found = mastodon.find_published(
        fake_mastodon.base_url, "token-alice", text, not_before=NOW, client=client
    )
    assert found is not None and found.remote_id == ours.id
    sources = [r.path for r in fake_mastodon.requests if r.path.endswith("/source")]
    assert sources == [f"/api/v1/statuses/{ours.id}/source"]  # the near miss was pre-filtered


def test_find_published_compares_rendered_text_on_servers_without_source(
    client: httpx.Client,
) -> None:
    text = "Line one & <two>\nline three\n\nSecond paragraph"
    with FakeMastodon(has_source_endpoint=False, clock=lambda: NOW) as fake:
        fake.add_account("alice", token="token-alice")
        _publish(fake, client, text=text)
        found = mastodon.find_published(
            fake.base_url, "token-alice", text, not_before=NOW, client=client
        )
        assert found is not None


# -- error mapping ------------------------------------------------------------------------


def test_over_the_limit_is_permanent_and_says_the_limit(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    with pytest.raises(PublishError) as caught:
        _publish(fake_mastodon, client, text="x" * 501)
    assert caught.value.permanent and not caught.value.needs_reconnect
    assert caught.value.status_code == 422
    assert caught.value.message == (
        "Mastodon answered 422 Unprocessable Entity while publishing to Mastodon: "
        "the text is over the instance's limit of 500 characters."
    )
    assert fake_mastodon.statuses_of(alice) == []


def test_urls_count_as_23_characters(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    text = "x" * 476 + " https://tea.example/" + "a" * 200  # 477 + 23 = 500
    _publish(fake_mastodon, client, text=text)
    assert len(fake_mastodon.statuses_of(alice)) == 1


def test_blank_status_is_rejected(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    with pytest.raises(PublishError, match="the text is empty"):
        _publish(fake_mastodon, client, text="  \n ")


def test_revoked_token_needs_reconnecting(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    fake_mastodon.revoke("token-alice")
    with pytest.raises(PublishError) as caught:
        _publish(fake_mastodon, client)
    assert (caught.value.status_code, caught.value.permanent, caught.value.needs_reconnect) == (
        401,
        True,
        True,
    )


def test_token_without_write_scope_needs_reconnecting(
    fake_mastodon: FakeMastodon, client: httpx.Client
) -> None:
    fake_mastodon.add_account("reader", token="token-alice", scopes=frozenset({"read"}))
    with pytest.raises(PublishError) as caught:
        _publish(fake_mastodon, client)
    assert (caught.value.status_code, caught.value.needs_reconnect) == (403, True)


def test_rate_limit_waits_until_the_reset(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    reset = "2025-03-30T00:35:00.000Z"
    fake_mastodon.fail_next(1, 429, headers={"X-RateLimit-Reset": reset})
    with pytest.raises(PublishError) as caught:
        _publish(fake_mastodon, client)
    assert caught.value.permanent is False
    assert caught.value.retry_after == 300.0
    assert "429 Too Many Requests while publishing" in caught.value.message
    assert fake_mastodon.statuses_of(alice) == []


def test_retry_after_wins_over_the_reset(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    fake_mastodon.fail_next(
        1, 429, headers={"Retry-After": "42", "X-RateLimit-Reset": "2025-03-30T01:00:00Z"}
    )
    with pytest.raises(PublishError) as caught:
        _publish(fake_mastodon, client)
    assert caught.value.retry_after == 42.0


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient_and_a_retry_then_works(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client, status: int
) -> None:
    fake_mastodon.fail_next(1, status)
    with pytest.raises(PublishError) as caught:
        _publish(fake_mastodon, client)
    assert caught.value.permanent is False and caught.value.status_code == status
    _publish(fake_mastodon, client)
    assert len(fake_mastodon.statuses_of(alice)) == 1


def test_a_known_422_is_said_in_our_words(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    fake_mastodon.fail_next(1, 422, error="Validation failed: Language is not supported")
    with pytest.raises(PublishError, match="does not support the post's language"):
        _publish(fake_mastodon, client)


def test_html_error_pages_are_not_shown_to_people() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, html="<html><body>nginx</body></html>")

    offline = httpx.Client(transport=httpx.MockTransport(handler))
    expected = "^Mastodon answered 502 Bad Gateway while publishing to Mastodon.$"
    with offline, pytest.raises(PublishError, match=expected):
        mastodon.publish("fake.social", "t", "k", "hi", language=None, client=offline, now=NOW)


def test_a_2xx_without_a_status_is_an_unknown_outcome() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="OK")

    offline = httpx.Client(transport=httpx.MockTransport(handler))
    with offline, pytest.raises(UnknownOutcome):
        mastodon.publish("fake.social", "t", "k", "hi", language=None, client=offline, now=NOW)


def test_a_503_does_not_wait_for_the_rate_limit_window(
    fake_mastodon: FakeMastodon, client: httpx.Client
) -> None:
    # Mastodon sends X-RateLimit-Reset on every answer; only a 429 is about that window.
    fake_mastodon.add_account("window", "tok-window")
    fake_mastodon.fail_next(1, 503, path_prefix="/api/v1/statuses")
    with pytest.raises(PublishError) as caught:
        mastodon.publish(
            fake_mastodon.base_url,
            "tok-window",
            "key-503",
            "Hello",
            language="en",
            client=client,
            now=datetime.now(UTC),
        )
    assert caught.value.permanent is False and caught.value.retry_after is None
