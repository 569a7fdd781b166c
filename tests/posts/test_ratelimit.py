"""The review pages' rate limit counts every request exactly once, also when web
workers count the same key at the same moment (PostgreSQL: the window row is locked)."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime

import pytest
from django.db import connection

from onshore.posts.models import RequestWindow
from onshore.posts.ratelimit import count_request

pytestmark = [pytest.mark.postgres]

AT = datetime(2026, 12, 6, 9, 30, 15, tzinfo=UTC)


@pytest.mark.django_db
def test_the_request_over_the_limit_is_refused_until_the_next_minute() -> None:
    outcomes = [count_request("review-link:1", 3, AT) for _ in range(5)]
    assert outcomes[:3] == [None, None, None]
    assert [o.retry_after if o else None for o in outcomes[3:]] == [46, 46]
    assert count_request("review-link:1", 3, AT.replace(minute=31)) is None
    window = RequestWindow.objects.get(key="review-link:1", window_start=AT.replace(second=0))
    assert window.count == 5


@pytest.mark.skipif(
    not os.environ.get("ONSHORE_DATABASE_URL", "").startswith("postgres"),
    reason="in-memory SQLite is one connection; the race runs on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_workers_counting_at_once_let_exactly_the_limit_through() -> None:
    racers, limit = 12, 5
    outcomes: list[bool] = []
    barrier = threading.Barrier(racers)

    def request() -> None:
        barrier.wait()
        try:
            outcomes.append(count_request("review-address:abc", limit, AT) is None)
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False] * (racers - limit) + [True] * limit
    assert RequestWindow.objects.get(key="review-address:abc").count == racers
