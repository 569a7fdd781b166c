"""Benchmark the month calendar: 5,000 scheduled posts in one workspace, one month.

    .venv/bin/python bench/bench_calendar.py [--posts 5000] [--runs 20]

Builds a throwaway SQLite database in a temporary data directory (or uses
ONSHORE_DATABASE_URL), fills one month with posts across two markets at slot-like
times, then renders the month view through Django's test client and prints the server
time per render (median and worst of the timed runs, after one warm-up) and the number
of SQL queries. Target: ≤ 300 ms with a constant number of queries.
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


def setup_django() -> None:
    os.environ.setdefault("ONSHORE_DATA_DIR", tempfile.mkdtemp(prefix="onshore-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onshore.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def fill(count: int) -> tuple[str, object]:
    from onshore.accounts.models import User
    from onshore.posts.models import Post, State
    from onshore.workspaces.models import Market, Workspace

    owner = User.objects.create_user("bench@example.com", "bench-password-123", name="Bench")
    workspace = Workspace(name="Bench Roasters", home_country="GB")
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
    rng = random.Random(5)
    start = datetime(2026, 12, 1, tzinfo=UTC)
    posts = []
    for n in range(count):
        # Slot-like times: whole quarter hours across the month.
        at = start + timedelta(days=rng.randrange(31), minutes=15 * rng.randrange(96))
        market = markets[n % 2]
        local = at.astimezone(ZoneInfo(market.timezone))
        posts.append(
            Post(
                workspace=workspace,
                market=market,
                author=owner,
                state=State.SCHEDULED,
                text=f"Winter roast number {n}: warm up with us this week",
                tags=["winter"],
                networks=["x", "bluesky"],
                scheduled_date=local.date(),
                scheduled_time=local.time().replace(tzinfo=None),
                scheduled_zone=market.timezone,
                scheduled_at=at,
            )
        )
    Post.objects.bulk_create(posts, batch_size=1000)
    return workspace.slug, owner


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    slug, owner = fill(args.posts)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(owner)
    url = f"/w/{slug}/calendar/?date=2026-12-01"
    client.get(url)  # warm-up: caches, template compilation
    timings = []
    for _ in range(args.runs):
        began = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    print(f"## Month calendar, {args.posts} posts ({connection.vendor})")
    print(
        f"- machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
        f"Python {sys.version.split()[0]}"
    )
    print(
        f"- render: median {statistics.median(timings):.0f} ms, worst {max(timings):.0f} ms "
        f"over {args.runs} runs"
    )
    print(f"- SQL queries per render: {len(queries)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
