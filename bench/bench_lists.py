"""Posts, Review and the month calendar with 20,000 posts in one workspace.

    .venv/bin/python bench/bench_lists.py [--posts 20000] [--runs 15]
    python scripts/with_postgres.py --durable -- .venv/bin/python bench/bench_lists.py

Builds a throwaway database (SQLite in a temporary data directory, or
ONSHORE_DATABASE_URL), fills one workspace with posts over two markets in every state a
team sees (a third scheduled in December 2026, a quarter waiting for review, the rest
drafts, approved and published; a webhook per market, the US one parked, and a delivery
per scheduled or published post, for the "waiting" badges), then renders each page
through Django's test client as the owner and prints the server time per render (median
and worst of the timed runs, after one warm-up) and the SQL queries. It renders at a tenth of the size first, so the
query counts can be compared: they must not grow with the number of posts.
Target (issue 14): each page under 300 ms at 20,000 posts, constant queries.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

PAGES = {
    "Posts, first page": "/w/{slug}/posts/",
    "Posts, page 50": "/w/{slug}/posts/?page=50",
    "Posts, search 'roast 1999'": "/w/{slug}/posts/?q=roast+1999",
    "Review": "/w/{slug}/review/",
    "Calendar, month": "/w/{slug}/calendar/?date=2026-12-01",
    "Calendar, week": "/w/{slug}/calendar/?date=2026-12-07&view=week",
    "Calendar, month, search 'roast 1999'": "/w/{slug}/calendar/?date=2026-12-01&q=roast+1999",
}


def setup_django() -> None:
    os.environ.setdefault("ONSHORE_DATA_DIR", tempfile.mkdtemp(prefix="onshore-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onshore.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_workspace(name: str) -> tuple[object, list[object], object]:
    from onshore.accounts.models import User
    from onshore.workspaces.models import Market, Workspace

    owner = User.objects.create_user(f"{name.lower()}@example.com", "bench-password-123", name=name)
    workspace = Workspace(name=f"{name} Roasters", home_country="GB")
    workspace.full_clean()
    workspace.create_with_owner(owner)
    markets = [
        Market.objects.create(
            workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
        ),
        Market.objects.create(
            workspace=workspace, country="US", language="en-US", timezone="America/New_York"
        ),
    ]
    return workspace, markets, owner


def fill(count: int, name: str) -> tuple[str, object]:
    from onshore.posts.models import Post, State

    workspace, markets, owner = make_workspace(name)
    rng = random.Random(14)
    start = datetime(2026, 12, 1, tzinfo=UTC)
    states = [State.SCHEDULED] * 4 + [State.IN_REVIEW] * 3 + [State.DRAFT] * 2
    states += [State.APPROVED, State.PUBLISHED, State.CHANGES_REQUESTED]
    posts = []
    for n in range(count):
        market = markets[n % 2]
        state = states[n % len(states)]
        post = Post(
            workspace=workspace,
            market=market,
            author=owner,
            state=state,
            text=f"Winter roast {n}: warm up with us this week, tasting at the shop",
            tags=["winter", f"batch-{n % 40}"],
            networks=["x", "bluesky"],
        )
        if state in (State.SCHEDULED, State.PUBLISHED):
            at = start + timedelta(days=rng.randrange(31), minutes=15 * rng.randrange(96))
            local = at.astimezone(ZoneInfo(market.timezone))
            post.scheduled_date = local.date()
            post.scheduled_time = local.time().replace(tzinfo=None)
            post.scheduled_zone = market.timezone
            post.scheduled_at = at
        posts.append(post)
    Post.objects.bulk_create(posts, batch_size=1000)
    add_deliveries(workspace, markets)
    return workspace.slug, owner


def add_deliveries(workspace: object, markets: list[object]) -> None:
    """A webhook per market, the US one parked (its posts show "waiting: channel needs
    reconnecting"), and a delivery per scheduled or published post, as the outbox
    writes them: the calendar and Posts badge from these."""
    from onshore.posts.models import Post, State
    from onshore.publishing.models import Channel, Delivery, DeliveryState

    channels = {}
    for market in markets:
        parked = market.country == "US"
        channels[market.pk] = Channel.objects.create(
            workspace=workspace,
            market=market,
            kind="webhook",
            name=f"{market.country} site",
            config={"url": f"https://{market.country.lower()}.example/hooks"},
            status=Channel.Status.NEEDS_RECONNECT if parked else Channel.Status.ACTIVE,
            status_message="The receiver answered 410 Gone" if parked else "",
        )
    timed = Post.objects.filter(workspace=workspace, scheduled_at__isnull=False)
    deliveries = [
        Delivery(
            post_id=pk,
            channel=channels[market_id],
            state=DeliveryState.PUBLISHED if state == State.PUBLISHED else DeliveryState.PENDING,
            due_at=at,
        )
        for pk, market_id, state, at in timed.values_list(
            "pk", "market_id", "state", "scheduled_at"
        )
    ]
    Delivery.objects.bulk_create(deliveries, batch_size=1000)


def measure(slug: str, owner: object, runs: int) -> dict[str, tuple[float, float, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(owner)  # type: ignore[arg-type]
    results = {}
    for label, pattern in PAGES.items():
        url = pattern.format(slug=slug)
        assert client.get(url).status_code == 200, url  # warm-up: caches, templates
        timings = []
        for _ in range(runs):
            began = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, url
        results[label] = (statistics.median(timings), max(timings), len(queries))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    small = measure(*fill(args.posts // 10, "Small"), runs=3)
    large = measure(*fill(args.posts, "Large"), runs=args.runs)
    print(f"## Posts, Review and calendar, {args.posts:,} posts ({connection.vendor})")
    print(
        f"- machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
        f"Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"| Page | median ms | worst ms | queries at {args.posts:,} | at {args.posts // 10:,} |")
    print("|---|---|---|---|---|")
    for label, (median, worst, queries) in large.items():
        print(f"| {label} | {median:.0f} | {worst:.0f} | {queries} | {small[label][2]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
