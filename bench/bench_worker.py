"""Benchmark the publishing worker: deliveries per second and lateness.

    python scripts/with_postgres.py -- .venv/bin/python bench/bench_worker.py [--posts 1000]

Against a local webhook receiver on 127.0.0.1: N deliveries fall due within the same
minute (all due by the time the workers start), then 1 and 4 `onshore worker` processes
drain them from PostgreSQL. Prints deliveries per second and the lateness (publish time
minus due time) p50/p99 for each run. Targets: >= 100/s per worker, near-linear to 4;
p99 lateness <= 2 s with 4 workers.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def setup() -> None:
    if not os.environ.get("ONSHORE_DATABASE_URL", "").startswith("postgres"):
        sys.exit("run under scripts/with_postgres.py: the workers share PostgreSQL")
    os.environ.setdefault("ONSHORE_DATA_DIR", tempfile.mkdtemp(prefix="onshore-bench-"))
    os.environ["ONSHORE_WEBHOOK_ALLOW_LOOPBACK"] = "true"
    os.environ["DJANGO_SETTINGS_MODULE"] = "onshore.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def fill(count: int, url: str) -> None:
    from django.utils import timezone

    from onshore.accounts.models import User
    from onshore.posts.models import Post, State
    from onshore.publishing import crypto
    from onshore.publishing.models import Channel, Delivery
    from onshore.workspaces.models import Market, Workspace

    Workspace.objects.all().delete()
    owner = User.objects.filter(email="bench@example.com").first() or User.objects.create_user(
        "bench@example.com", "bench-password-123", name="Bench"
    )
    workspace = Workspace(name="Bench", home_country="GB")
    workspace.full_clean()
    workspace.create_with_owner(owner)
    market = Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
    )
    channel = Channel.objects.create(
        workspace=workspace,
        market=market,
        kind="webhook",
        name="bench",
        config={"url": url},
        secret_encrypted=crypto.encrypt({"secret": "whsec_" + "QUJD" * 8}),
    )
    start = timezone.now() - timedelta(minutes=1)
    posts = Post.objects.bulk_create(
        [
            Post(
                workspace=workspace,
                market=market,
                author=owner,
                state=State.SCHEDULED,
                text=f"Post {n}",
                scheduled_at=start + timedelta(seconds=60 * n / count),
            )
            for n in range(count)
        ]
    )
    Delivery.objects.bulk_create(
        [Delivery(post=post, channel=channel, due_at=post.scheduled_at) for post in posts]
    )


def drain(workers: int, count: int) -> tuple[float, list[float]]:
    from onshore.publishing.models import Delivery

    env = {**os.environ}
    began = time.perf_counter()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "onshore.cli", "worker", "--idle", "0.05"],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        while Delivery.objects.filter(state="published").count() < count:
            time.sleep(0.05)
        elapsed = time.perf_counter() - began
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait()
    lateness = [
        (published - due).total_seconds()
        for published, due in Delivery.objects.values_list("published_at", "due_at")
    ]
    return elapsed, lateness


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    args = parser.parse_args()
    setup()
    from tests.networks.webhook_receiver import WebhookReceiver

    receiver = WebhookReceiver().start()
    print(f"## Worker, {args.posts} webhook deliveries due within one minute (PostgreSQL)")
    print(
        f"- machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {sys.version.split()[0]}"
    )
    for workers in (1, 2, 4):
        receiver.deliveries.clear()
        fill(args.posts, receiver.url)
        elapsed, lateness = drain(workers, args.posts)
        ids = {d.headers["webhook-id"] for d in receiver.deliveries}
        print(
            f"- {workers} worker(s): {args.posts / elapsed:.0f} deliveries/s "
            f"({args.posts / elapsed / workers:.0f}/s per worker, "
            f"{elapsed:.1f} s incl. start-up); "
            f"lateness p50 {statistics.median(lateness):.2f} s, "
            f"p99 {percentile(lateness, 0.99):.2f} s; "
            f"received {len(receiver.deliveries)} requests, {len(ids)} distinct ids"
        )
    receiver.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
