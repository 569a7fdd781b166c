"""Benchmark publishing lateness with the settings users run.

    python bench/bench_lateness.py [--posts 1000] [--workers 4] [--phase ahead,just-in-time]

Starts a throwaway PostgreSQL cluster as shipped (scripts/with_postgres.py --durable)
unless ONSHORE_DATABASE_URL already names one, a webhook receiver on 127.0.0.1
(tests/fakes/webhook_receiver.py) and N `onshore worker` processes, the command a
user runs, with DEFAULT settings: no idle, lease or backoff flags. Only loopback
delivery is allowed, by setting (ONSHORE_OUTBOUND_ALLOW_LOOPBACK).

Phases (each ends by itself: at the latest 30 s after the last post was due):
- ahead: once the workers are idle, 1,000 posts are scheduled in one go (the outbox's
  create_deliveries, as scheduling calls it), due evenly over the minute that starts
  10 s later;
- just-in-time: during one minute, a post is scheduled every 60 ms, each due 1 s after
  it was written (what wakes a sleeping worker).

Lateness = the moment the receiver got the webhook − the delivery's due time; printed
as p50, p95, p99 and max. Target: p99 <= 1 s for the ahead phase.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
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
ONSHORE = str(Path(sys.executable).parent / "onshore")
WINDOW_SECONDS = 60.0
GRACE_SECONDS = 30.0
# Writing 1,000 posts and their deliveries takes a few seconds on a busy machine: the
# first one falls due after that, so lateness is the workers', not the writer's.
LEAD_SECONDS = 10.0


def under_postgres() -> None:
    """Re-run this script under a throwaway cluster unless one is configured: durable,
    as PostgreSQL ships, since lateness includes the commits' waits for the disk."""
    if os.environ.get("ONSHORE_DATABASE_URL", "").startswith("postgres"):
        return
    script = str(REPO / "scripts" / "with_postgres.py")
    command = [sys.executable, script, "--durable", "--", sys.executable, *sys.argv]
    raise SystemExit(subprocess.run(command).returncode)


def setup(data_dir: str) -> None:
    os.environ["ONSHORE_DATA_DIR"] = data_dir
    os.environ["ONSHORE_OUTBOUND_ALLOW_LOOPBACK"] = "true"
    os.environ["DJANGO_SETTINGS_MODULE"] = "onshore.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def timed_receiver() -> Any:
    """The tests' webhook receiver, noting when each delivery arrived (by webhook-id)."""
    from tests.fakes.webhook_receiver import WebhookReceiver

    class TimedReceiver(WebhookReceiver):
        def __init__(self) -> None:
            super().__init__()
            self.arrived: dict[str, float] = {}

        def record(self, delivery: Any) -> Any:
            self.arrived.setdefault(delivery.headers["webhook-id"], time.time())
            return super().record(delivery)

    return TimedReceiver().start()


def make_channel(url: str) -> Any:
    from onshore.accounts.models import User
    from onshore.publishing import crypto
    from onshore.publishing.models import Channel
    from onshore.workspaces.models import Market, Workspace

    owner = User.objects.create_user("bench@example.com", "bench-password-123", name="Bench")
    workspace = Workspace(name="Bench", home_country="GB")
    workspace.full_clean()
    workspace.create_with_owner(owner)
    market = Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
    )
    return Channel.objects.create(
        workspace=workspace,
        market=market,
        kind="webhook",
        name="bench",
        config={"url": url},
        secret_encrypted=crypto.encrypt({"secret": "whsec_" + "QUJD" * 8}),
    )


def schedule(channel: Any, due: list[Any]) -> None:
    """Scheduled posts whose deliveries the outbox writes, in one transaction."""
    from django.db import transaction

    from onshore.posts.models import Post, State
    from onshore.publishing import outbox

    with transaction.atomic():
        posts = Post.objects.bulk_create(
            [
                Post(
                    workspace_id=channel.workspace_id,
                    market_id=channel.market_id,
                    author=channel.workspace.memberships.get().user,
                    state=State.SCHEDULED,
                    text=f"Bench post {n}",
                    scheduled_at=at,
                )
                for n, at in enumerate(due)
            ]
        )
        for post in posts:
            outbox.create_deliveries(post)


def start_workers(count: int, log_dir: Path) -> list[subprocess.Popen[bytes]]:
    """`onshore worker`, as a user starts it: no flags."""
    processes = []
    for n in range(count):
        with open(log_dir / f"worker-{n}.log", "wb") as log:
            processes.append(
                subprocess.Popen([ONSHORE, "worker"], stdout=log, stderr=subprocess.STDOUT)
            )
    return processes


def wait_until_idle(count: int, deadline: float) -> None:
    """Each worker beats after its first loop; then all of them are asleep."""
    from onshore.publishing.models import WorkerBeat

    while WorkerBeat.objects.count() < count:
        if time.monotonic() > deadline:
            raise SystemExit("bench: the workers did not start within 120 s")
        time.sleep(0.1)
    time.sleep(6)  # past one whole idle sleep: they fell asleep as users' workers do


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def phase_ahead(channel: Any, posts: int) -> float:
    from django.utils import timezone

    start = timezone.now() + timedelta(seconds=LEAD_SECONDS)
    due = [start + timedelta(seconds=WINDOW_SECONDS * n / posts) for n in range(posts)]
    schedule(channel, due)
    return due[-1].timestamp()


def phase_just_in_time(channel: Any, posts: int) -> float:
    from django.db import connection
    from django.utils import timezone

    def write() -> None:
        try:
            began = time.monotonic()
            for n in range(posts):
                time.sleep(max(0.0, began + WINDOW_SECONDS * n / posts - time.monotonic()))
                schedule(channel, [timezone.now() + timedelta(seconds=1)])
        finally:
            connection.close()

    threading.Thread(target=write, daemon=True).start()
    return time.time() + WINDOW_SECONDS + 1


def lateness(receiver: Any, last_due: float, posts: int) -> list[float]:
    """Wait (bounded) until every delivery arrived; lateness of each that did."""
    from onshore.publishing.models import Delivery

    deadline = last_due + GRACE_SECONDS
    while len(receiver.arrived) < posts and time.time() < deadline:
        time.sleep(0.2)
    due = {d.webhook_id: d.due_at.timestamp() for d in Delivery.objects.only("key", "due_at")}
    return sorted(arrived - due[key] for key, arrived in receiver.arrived.items() if key in due)


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(name: str, values: list[float], posts: int) -> None:
    if not values:
        print(f"- {name}: nothing arrived")
        return
    figures = ", ".join(
        f"{label} {percentile(values, share):.3f} s"
        for label, share in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99))
    )
    missing = posts - len(values)
    print(
        f"- {name}: {figures}, max {values[-1]:.3f} s"
        + (f"; {missing} did not arrive in time" if missing else f"; all {posts} arrived")
    )


def clear(receiver: Any) -> None:
    from onshore.posts.models import Post

    Post.objects.all().delete()
    receiver.arrived.clear()
    receiver.deliveries.clear()


def machine() -> str:
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = platform.processor() or "unknown"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return (
        f"{os.cpu_count()} CPUs ({model}), PostgreSQL {version}, Python "
        f"{sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f}"
    )


PHASES = {"ahead": phase_ahead, "just-in-time": phase_just_in_time}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--phase", default="ahead,just-in-time", help="ahead, just-in-time")
    args = parser.parse_args()
    phases = [name.strip() for name in args.phase.split(",")]
    unknown = [name for name in phases if name not in PHASES]
    if unknown:
        parser.error(f"--phase: unknown {', '.join(unknown)}; choose from {', '.join(PHASES)}")
    under_postgres()
    data_dir = tempfile.mkdtemp(prefix="onshore-lateness-")
    setup(data_dir)
    receiver = timed_receiver()
    channel = make_channel(receiver.url)
    import onshore

    print(f"## Lateness, {args.posts} posts due within one minute, {args.workers} workers")
    print(f"- onshore from {Path(onshore.__file__).parent}; {machine()}")
    processes = start_workers(args.workers, Path(data_dir))
    try:
        wait_until_idle(args.workers, time.monotonic() + 120)
        for name in phases:
            clear(receiver)
            last_due = PHASES[name](channel, args.posts)
            report(name, lateness(receiver, last_due, args.posts), args.posts)
    finally:
        stop(processes)
        receiver.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
