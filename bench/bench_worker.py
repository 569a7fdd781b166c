"""Benchmark the publishing worker: deliveries per second and lateness.

    python scripts/with_postgres.py --durable -- .venv/bin/python bench/bench_worker.py
        [--posts 1000] [--latency-ms 50] [--workers 1,2,4] [--no-lateness]

Against a local webhook receiver on 127.0.0.1 and PostgreSQL:
- throughput: 1, 2 and 4 `onshore worker` processes are started and wait idle; then N
  deliveries fall due at once and are drained (deliveries per second from the moment
  they are due to the last one published; the workers' start-up is reported apart);
- lateness: N deliveries falling due during the coming minute, with 4 workers already
  running: publish time minus due time, p50 and p99.
Targets: >= 100/s per worker and near-linear to 4; p99 lateness <= 2 s with 4 workers.

--latency-ms makes the receiver wait that long before answering each delivery (a sleep
in its handler thread; the receiver is threaded, so concurrent requests overlap), as a
real network would: then the workers mostly wait, not compute. A 1-worker drain with
no latency comes first to measure the per-delivery overhead, and each row shows the
speed-up over 1 worker and the ideal N / (latency + overhead).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def setup() -> None:
    if not os.environ.get("ONSHORE_DATABASE_URL", "").startswith("postgres"):
        sys.exit("run under scripts/with_postgres.py: the workers share PostgreSQL")
    os.environ.setdefault("ONSHORE_DATA_DIR", tempfile.mkdtemp(prefix="onshore-bench-"))
    os.environ["ONSHORE_OUTBOUND_ALLOW_LOOPBACK"] = "true"
    os.environ["DJANGO_SETTINGS_MODULE"] = "onshore.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def slow_receiver() -> Any:
    """The tests' webhook receiver, answering each delivery ``latency`` seconds late
    (slept in the handler thread, after recording it); it also counts the requests in
    hand at once, to tell whether the receiver ever serialises them."""
    from tests.fakes.webhook_receiver import WebhookReceiver

    class SlowReceiver(WebhookReceiver):
        latency = 0.0
        in_hand = 0
        most_in_hand = 0
        count_lock = threading.Lock()

        def record(self, delivery: Any) -> Any:
            with self.count_lock:
                self.in_hand += 1
                self.most_in_hand = max(self.most_in_hand, self.in_hand)
            try:
                answer = super().record(delivery)
                if self.latency:
                    time.sleep(self.latency)
                return answer
            finally:
                with self.count_lock:
                    self.in_hand -= 1

    return SlowReceiver()


def fill(count: int, url: str, due_from_seconds: float = -60) -> None:
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
    start = timezone.now() + timedelta(seconds=due_from_seconds)
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


def start_workers(workers: int) -> list[subprocess.Popen[bytes]]:
    return [
        subprocess.Popen(
            [sys.executable, "-m", "onshore.cli", "worker", "--idle", "0.05"],
            env={**os.environ},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]


def start_idle_workers(workers: int) -> tuple[list[subprocess.Popen[bytes]], float]:
    """Start workers and wait until each has looped once (its first beat): the seconds
    that took are the start-up, kept out of the throughput."""
    from onshore.publishing.models import WorkerBeat

    WorkerBeat.objects.all().delete()
    began = time.perf_counter()
    processes = start_workers(workers)
    while WorkerBeat.objects.count() < workers:
        time.sleep(0.02)
    return processes, time.perf_counter() - began


def drain(processes: list[Any], count: int, began: float) -> tuple[float, list[float]]:
    from onshore.publishing.models import Delivery

    try:
        while Delivery.objects.filter(state="published").count() < count:
            time.sleep(0.02)
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


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine so far, from /proc/stat (Linux)."""
    try:
        fields = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def busy_share(before: tuple[int, int], after: tuple[int, int]) -> str:
    total = after[1] - before[1]
    return f"{100 * (after[0] - before[0]) / total:.0f} %" if total else "n/a"


def server_facts() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = next(
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = platform.processor() or "unknown"
    return f'CPU "{model}", PostgreSQL {version}'


def run_drain(receiver: Any, workers: int, posts: int) -> tuple[float, float, str, int, int]:
    """Drain ``posts`` deliveries, all due at once, with ``workers`` idle workers:
    (seconds, start-up seconds, CPU busy share, requests received, distinct ids)."""
    receiver.deliveries.clear()
    receiver.most_in_hand = 0
    fill(0, receiver.url)
    processes, start_up = start_idle_workers(workers)
    fill(posts, receiver.url)  # all due: the deliveries are inserted in one statement
    cpu_before = cpu_times()
    elapsed, _ = drain(processes, posts, time.perf_counter())
    cpu = busy_share(cpu_before, cpu_times())
    ids = {d.headers["webhook-id"] for d in receiver.deliveries}
    return elapsed, start_up, cpu, len(receiver.deliveries), len(ids)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=0.0,
        help="the receiver waits this long before answering each delivery (default 0)",
    )
    parser.add_argument(
        "--workers",
        default="1,2,4",
        help="worker counts, comma-separated (default 1,2,4); speed-up is against the first",
    )
    parser.add_argument(
        "--no-lateness", action="store_true", help="skip the one-minute lateness measure"
    )
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    latency = args.latency_ms / 1000
    setup()
    receiver = slow_receiver().start()
    print(f"## Worker, {args.posts} webhook deliveries due within one minute (PostgreSQL)")
    print(
        f"- machine: {os.cpu_count()} CPUs, {platform.machine()}, {server_facts()}, "
        f"Python {sys.version.split()[0]}, load average before {os.getloadavg()[0]:.1f}"
    )
    overhead = None
    if latency:
        receiver.latency = 0.0
        elapsed, _, cpu, requests, distinct = run_drain(receiver, 1, args.posts)
        overhead = elapsed / args.posts
        print(
            f"- overhead, 1 worker, no latency: {args.posts / elapsed:.0f} deliveries/s, "
            f"{1000 * overhead:.1f} ms per delivery (all CPUs {cpu} busy); {requests} "
            f"requests, {distinct} distinct ids"
        )
        print(
            f"- receiver latency {args.latency_ms:g} ms: ideal per worker "
            f"1 / ({args.latency_ms:g} + {1000 * overhead:.1f} ms) = "
            f"{1 / (latency + overhead):.1f} deliveries/s"
        )
    receiver.latency = latency
    per_worker_first = None
    for workers in counts:
        elapsed, start_up, cpu, requests, distinct = run_drain(receiver, workers, args.posts)
        rate = args.posts / elapsed
        per_worker_first = per_worker_first or rate / workers  # the first row's
        ideal = f", ideal {workers / (latency + overhead):.0f}/s" if overhead else ""
        print(
            f"- throughput, {workers} worker(s): {rate:.0f} deliveries/s "
            f"({rate / workers:.0f}/s per worker, {elapsed:.1f} s; speed-up "
            f"{rate / per_worker_first:.2f}x over 1 worker{ideal}; start-up {start_up:.1f} s "
            f"apart; all CPUs {cpu} busy; at most {receiver.most_in_hand} requests in "
            f"hand at the receiver); {requests} requests, {distinct} distinct ids"
        )
    if not args.no_lateness:
        receiver.deliveries.clear()
        fill(0, receiver.url)
        processes, _ = start_idle_workers(4)
        fill(args.posts, receiver.url, due_from_seconds=5)
        _, lateness = drain(processes, args.posts, time.perf_counter())
        print(
            f"- lateness, {args.posts} due within one minute, 4 workers: "
            f"p50 {statistics.median(lateness):.2f} s, p99 {percentile(lateness, 0.99):.2f} s"
        )
    receiver.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
