"""The post page and a review link's page: server time and SQL queries per render.

    .venv/bin/python bench/bench_post_page.py [--runs 15] [--clock wall|cpu]

Builds a throwaway database (SQLite in a temporary data directory, or
ONSHORE_DATABASE_URL) with one workspace, a GB market with a Mastodon and a Bluesky
channel, and one post in review going to all seven networks (a long text with a link, a
mention, hashtags, emoji and line breaks, LinkedIn with its own text, two media). Renders
through Django's test client: the editor as the owner, the read-only page as a reviewer,
and the review link's page as its holder (its rate limit allows about 21 runs, so
``--runs`` stays at or under 21); prints the median and worst of the timed runs
(after one warm-up) and the queries of a render. Issue 15: the previews must not add
queries, nor more than 20 % of the time.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time

TEXT = (
    "Winter roast is back ☕🇬🇧 with @dana and the café crew.\n\n"
    "Tasting on Friday at the shop: https://shop.example.com/winter-roast-2026/tasting?src=social "
    "— bring a friend, first cup on us. Price £4.50 a bag, grind to order.\n"
    "#coffee #winterroast #leith " + "A note on sourcing from our farmers. " * 6
)


def setup_django() -> None:
    os.environ.setdefault("ONSHORE_DATA_DIR", tempfile.mkdtemp(prefix="onshore-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onshore.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_post() -> tuple[object, object, object, str]:
    """(owner, reviewer, post, review link token)."""
    from onshore.accounts.models import User
    from onshore.posts.models import Media, Post, PostVariant, ReviewLink, State
    from onshore.publishing.models import Channel
    from onshore.workspaces.models import Market, Membership, Workspace

    owner = User.objects.create_user("owner@example.com", "bench-password-123", name="Olive")
    reviewer = User.objects.create_user("rev@example.com", "bench-password-123", name="Rae")
    workspace = Workspace(name="Leith Roasters", home_country="GB")
    workspace.full_clean()
    workspace.create_with_owner(owner)
    Membership.objects.create(
        workspace=workspace, user=reviewer, role="reviewer", relation="in_house"
    )
    market = Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
    )
    for kind, config in (
        ("mastodon", {"instance_url": "https://social.example", "acct": "leith"}),
        ("bluesky", {"handle": "leith.example", "pds_url": "https://pds.example"}),
    ):
        Channel.objects.create(
            workspace=workspace, market=market, kind=kind, name="Leith Roasters", config=config
        )
    post = Post.objects.create(
        workspace=workspace,
        market=market,
        author=owner,
        state=State.IN_REVIEW,
        text=TEXT,
        tags=["winter"],
        networks=["x", "bluesky", "mastodon", "linkedin", "instagram", "threads", "facebook"],
    )
    PostVariant.objects.create(post=post, network="linkedin", text=TEXT + "\n\nSee you there.")
    for n in range(2):
        Media.objects.create(post=post, kind="image", description=f"Bag {n}", alt_text="A bag")
    _, token = ReviewLink.issue(workspace, owner, name="Dana Client", posts=[post])
    return owner, reviewer, post, token


def timed(client: object, url: str, runs: int, clock: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200, url  # type: ignore[attr-defined]  # warm-up
    # Wall time is what a user waits; on a shared machine (other jobs running) the CPU
    # time of this process is the steadier figure for comparing two versions.
    now = time.process_time if clock == "cpu" else time.perf_counter
    timings = []
    for _ in range(runs):
        began = now()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)  # type: ignore[attr-defined]
        timings.append((now() - began) * 1000)
        assert response.status_code == 200, url
    return statistics.median(timings), max(timings), len(queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="wall: elapsed time (default); cpu: this process's CPU time, for busy machines",
    )
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client

    owner, reviewer, post, token = make_post()
    slug = post.workspace.slug  # type: ignore[attr-defined]
    page = f"/w/{slug}/posts/{post.pk}/"  # type: ignore[attr-defined]
    results = {}
    for label, user, url in (
        ("Post page, owner (editor)", owner, page),
        ("Post page, reviewer (read-only)", reviewer, page),
        ("Review link page", None, f"/r/{token}/"),
    ):
        client = Client(HTTP_HOST="127.0.0.1")
        if user is not None:
            client.force_login(user)  # type: ignore[arg-type]
        results[label] = timed(client, url, args.runs, args.clock)
    print(f"## Post page, seven networks ({connection.vendor}, {args.clock} clock)")
    print(
        f"- machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
        f"Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f}"
    )
    print("| Page | median ms | worst ms | queries |")
    print("|---|---|---|---|")
    for label, (median, worst, queries) in results.items():
        print(f"| {label} | {median:.1f} | {worst:.0f} | {queries} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
