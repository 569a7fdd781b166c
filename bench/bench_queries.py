"""Count the SQL queries of a CSV import and of the API post list at two sizes each.

Run: .venv/bin/python bench/bench_queries.py
(a throwaway SQLite database in a temporary data directory, or ONSHORE_DATABASE_URL).

Import: 1,000 and 10,000 rows of bench_import.py's plan (two markets, each with a
Mastodon channel, so the checker reads the channel limit), as a dry run. API list: 50
and 500 posts, each with a variant and a media item, read through GET
/api/v1/workspaces/{slug}/posts with a personal access token. The counts should not
depend on the size; results go to BENCHMARKS.md.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import generate_plan, make_workspace  # noqa: E402


def setup_django(data_dir: str) -> None:
    os.environ["ONSHORE_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onshore.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", "--verbosity", "0")


def counted(action: Any) -> tuple[int, float]:
    """(queries, seconds) of one call. An execute wrapper counts every statement;
    CaptureQueriesContext keeps only the last 9,000."""
    from django.db import connection

    count = 0

    def count_one(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count_one):
        started = time.perf_counter()
        action()
        seconds = time.perf_counter() - started
    return count, seconds


def add_mastodon_channels(member: Any) -> None:
    from onshore.publishing.models import Channel

    for market in member.workspace.markets.all():
        Channel.objects.create(
            workspace=member.workspace,
            market=market,
            kind="mastodon",
            name=f"Mastodon {market.country}",
            config={"max_characters": 500},
        )


def import_queries(member: Any, rows: int) -> tuple[int, float]:
    from onshore.posts import csvplan

    data = generate_plan(rows)
    options = csvplan.ImportOptions(dry_run=True)

    def run() -> None:
        report = csvplan.import_plan(member, data, options)
        assert report.ok and len(report.rows) == rows, report.errors[:5]

    return counted(run)


def add_posts(member: Any, count: int) -> None:
    from onshore.posts.models import Media, Post, PostVariant

    market = member.workspace.markets.first()
    posts = Post.objects.bulk_create(
        Post(
            workspace=member.workspace,
            author=member.user,
            market=market,
            text=f"Post {n} for the list",
            networks=["x", "mastodon"],
        )
        for n in range(count)
    )
    PostVariant.objects.bulk_create(PostVariant(post=p, network="x", text="Short") for p in posts)
    Media.objects.bulk_create(
        Media(post=p, description="Beans", alt_text="A bag of beans") for p in posts
    )


def api_list_queries(member: Any, expected: int) -> tuple[int, float]:
    from django.test import Client

    from onshore.accounts.models import PersonalAccessToken

    _, raw = PersonalAccessToken.issue(member.user, "bench")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_HOST="127.0.0.1")
    url = f"/api/v1/workspaces/{member.workspace.slug}/posts"

    def run() -> None:
        response = client.get(url)
        assert response.status_code == 200 and len(response.json()) == expected

    client.get(url)  # warm-up: the first request loads URL patterns and templates
    return counted(run)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="onshore-bench-") as data_dir:
        setup_django(data_dir)
        from django.db import connection

        print(f"database: {connection.vendor}")
        member = make_workspace()
        add_mastodon_channels(member)
        for rows in (1_000, 10_000):
            queries, seconds = import_queries(member, rows)
            print(f"CSV import, {rows:>6,} rows (dry run): {queries:>4} queries, {seconds:.1f} s")
        total = 0
        for posts in (50, 500):
            add_posts(member, posts - total)
            total = posts
            queries, seconds = api_list_queries(member, posts)
            print(f"API post list, {posts:>4} posts:         {queries:>4} queries, {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
