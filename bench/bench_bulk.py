"""Each bulk action on 200 posts (the most one request takes), as one request runs it.

    .venv/bin/python bench/bench_bulk.py [--posts 200] [--runs 3]
    python scripts/with_postgres.py --durable -- .venv/bin/python bench/bench_bulk.py

Builds a throwaway database (SQLite in a temporary data directory, or
ONSHORE_DATABASE_URL) with one workspace, two markets with three posting slots a day and
a webhook channel each, then for each run and action makes fresh posts in the state the
action needs and times ``posts.bulk.run_bulk`` for all of them (one transaction, a
savepoint per post): approve, request changes, schedule into the next free slots (with
their deliveries), move to the other market, add a tag, remove it, delete (cancelling
the scheduled posts' deliveries). Prints the median and worst time per action, the time
per post and the SQL queries of the last run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from typing import Any

EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
ACTIONS = ("approve", "request_changes", "schedule", "move", "add_tag", "remove_tag", "delete")
SLOTS = [{"days": EVERY_DAY, "time": clock} for clock in ("09:00", "12:30", "17:00")]


def setup_django() -> None:
    os.environ.setdefault("ONSHORE_DATA_DIR", tempfile.mkdtemp(prefix="onshore-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onshore.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_workspace() -> tuple[Any, list[Any]]:
    from onshore.accounts.models import User
    from onshore.publishing.models import Channel
    from onshore.workspaces.models import Market, Workspace

    owner = User.objects.create_user("bulk@example.com", "bench-password-123", name="Bulk")
    workspace = Workspace(name="Bulk Roasters", home_country="GB")
    workspace.full_clean()
    workspace.create_with_owner(owner)
    markets = []
    for country, language, zone in (
        ("GB", "en-GB", "Europe/London"),
        ("US", "en-US", "America/New_York"),
    ):
        market = Market.objects.create(
            workspace=workspace,
            country=country,
            language=language,
            timezone=zone,
            posting_slots=SLOTS,
        )
        Channel.objects.create(
            workspace=workspace,
            market=market,
            kind="webhook",
            name=f"CMS {country}",
            config={"url": "https://cms.example.com/hook"},
        )
        markets.append(market)
    return workspace.memberships.get(user=owner), markets


def make_posts(member: Any, market: Any, count: int, state: str, tag: str = "") -> list[int]:
    """Fresh drafts through the app's own bulk create, then put in ``state``."""
    from onshore.posts import editing
    from onshore.posts.models import Post

    items = [
        editing.NewPost(
            editing.PostChanges(
                text=f"Bulk benchmark post {n}: our winter roast is back.",
                market=market,
                tags=[tag] if tag else [],
            )
        )
        for n in range(count)
    ]
    created = editing.create_posts(member, items)
    ids = [result.post.pk for result in created if result.post is not None]
    Post.objects.filter(pk__in=ids).update(state=state)
    return ids


def scheduled_posts(member: Any, market: Any, count: int) -> list[int]:
    """Approved posts scheduled into slots (with deliveries), for the delete run."""
    from onshore.posts import bulk
    from onshore.posts.models import State

    ids = make_posts(member, market, count, State.APPROVED)
    bulk.run_bulk(member, bulk.BulkRequest(action="schedule", ids=ids))
    return ids


def prepare(action: str, member: Any, markets: list[Any], count: int) -> Any:
    from onshore.posts import bulk
    from onshore.posts.models import State

    gb, us = markets
    if action in {"approve", "request_changes"}:
        return bulk.BulkRequest(
            action=action,
            ids=make_posts(member, gb, count, State.IN_REVIEW),
            note="Name the farm, please.",
        )
    if action == "schedule":
        half = count // 2  # both markets: each gets its own slots
        ids = make_posts(member, gb, half, State.APPROVED)
        ids += make_posts(member, us, count - half, State.APPROVED)
        return bulk.BulkRequest(action=action, ids=ids)
    if action == "move":
        ids = make_posts(member, gb, count, State.APPROVED)
        return bulk.BulkRequest(action=action, ids=ids, market_id=us.pk)
    if action in {"add_tag", "remove_tag"}:
        tag = "launch" if action == "remove_tag" else ""
        ids = make_posts(member, gb, count, State.DRAFT, tag=tag)
        return bulk.BulkRequest(action=action, ids=ids, tag="launch")
    return bulk.BulkRequest(action="delete", ids=scheduled_posts(member, gb, count))


def measure(action: str, member: Any, markets: list[Any], count: int) -> tuple[float, int, str]:
    from django.db import connection

    from onshore.posts import bulk

    request = prepare(action, member, markets, count)
    queries = [0]

    def count_query(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries[0] += 1  # a wrapper, not the debug log: that one keeps only 9,000
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count_query):
        started = time.perf_counter()
        result = bulk.run_bulk(member, request)
        elapsed = time.perf_counter() - started
    if result.count(bulk.DONE) != count:
        raise SystemExit(f"{action}: {result.summary()[:500]}")
    return elapsed, queries[0], result.summary()[:60]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    member, markets = make_workspace()
    print(
        f"bench_bulk: {args.posts} posts per action, {args.runs} runs, "
        f"{connection.vendor}, Python {sys.version.split()[0]}, {platform.machine()}"
    )
    print(f"{'action':<16} {'median s':>9} {'worst s':>8} {'ms/post':>8} {'queries':>8}")
    for action in ACTIONS:
        runs = [measure(action, member, markets, args.posts) for _ in range(args.runs)]
        report(action, runs, args.posts)


def report(action: str, runs: list[tuple[float, int, str]], posts: int) -> None:
    times = [elapsed for elapsed, _, _ in runs]
    median = statistics.median(times)
    print(
        f"{action:<16} {median:>9.3f} {max(times):>8.3f} "
        f"{median * 1000 / posts:>8.2f} {runs[-1][1]:>8}"
    )


if __name__ == "__main__":
    main()
