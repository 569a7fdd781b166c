"""Notifications for one event in a workspace of 1,000 members: who hears of it and when
their e-mail goes (recipients + delivery time), then writing them, then e-mailing them.

    .venv/bin/python bench/bench_notifications.py [--members 1000] [--runs 9]
    python scripts/with_postgres.py --durable -- .venv/bin/python bench/bench_notifications.py

Builds a throwaway database (SQLite in a temporary data directory, or
ONSHORE_DATABASE_URL) with one workspace of ``--members`` reviewers spread over 24 IANA
zones, each with their own working hours (start times 07:00–08:59 by the minute, so
about 120 different weeks; a tenth chose "immediately", a tenth keep submissions to the
app). Then, for a submission (which every reviewer hears of), it times:

* **compute**: the members with their choices (one query) and, for each, whether they
  hear of it and when their e-mail goes (``audience.notifications_for``);
* **submit**: the whole event as the workflow calls it (``events.post_submitted``:
  compute plus one INSERT of the rows), rolled back after each run;
* **e-mail**: the worker e-mailing every one of them (one e-mail each; Django's
  in-memory mail backend, so SMTP is not timed), once.

Median and worst of ``--runs`` runs after one warm-up, and the SQL queries.
Target (issue 14): notifications for 1,000 members computed in under a second.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

ZONES = [
    "Europe/London", "Europe/Berlin", "Europe/Helsinki", "Europe/Lisbon", "Asia/Kolkata",
    "Asia/Kathmandu", "Asia/Tokyo", "Asia/Singapore", "Australia/Sydney", "Australia/Adelaide",
    "Pacific/Auckland", "Pacific/Chatham", "America/New_York", "America/Chicago",
    "America/Denver", "America/Los_Angeles", "America/St_Johns", "America/Sao_Paulo",
    "America/Mexico_City", "Africa/Johannesburg", "Africa/Lagos", "Asia/Dubai",
    "Asia/Tehran", "America/Anchorage",
]  # fmt: skip
# Friday 6 March 2026, 23:00 UTC: most reviewers are off, many until after a DST change.
EVENT_AT = datetime(2026, 3, 6, 23, 0, tzinfo=UTC)


def setup_django() -> None:
    os.environ.setdefault("ONSHORE_DATA_DIR", tempfile.mkdtemp(prefix="onshore-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "onshore.settings"
    os.environ.setdefault("ONSHORE_EMAIL_URL", "memory:")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def build(members: int) -> tuple[Any, Any]:
    """A workspace of ``members`` reviewers and one submitted-ready post; (post, author)."""
    from onshore.accounts.models import User
    from onshore.notifications.models import NotificationPreference
    from onshore.posts.editing import PostChanges, create_post
    from onshore.workspaces.models import Market, Membership, Workspace

    owner = User.objects.create_user("owner@example.com", "bench-password-123", name="Olive")
    workspace = Workspace(name="Bench Tea", home_country="GB")
    workspace.full_clean()
    author = workspace.create_with_owner(owner)
    market = Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
    )
    users = User.objects.bulk_create(
        [User(email=f"r{n}@example.com", name=f"Reviewer {n}") for n in range(members)]
    )
    memberships = Membership.objects.bulk_create(
        [
            Membership(
                workspace=workspace, user=user, role="reviewer", relation="freelancer",
                timezone=ZONES[n % len(ZONES)], home_country="",
                working_hours=_hours(n),
            )
            for n, user in enumerate(users)
        ]
    )  # fmt: skip
    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(
                membership=member,
                immediately=n % 10 == 0,
                channels={"submitted": "app"} if n % 10 == 1 else {},
            )
            for n, member in enumerate(memberships)
            if n % 10 in (0, 1)
        ]
    )
    post = create_post(author, PostChanges(text="Spring tea is here", market=market))
    return post, author


def _hours(n: int) -> dict[str, list[list[str]]]:
    start = 7 * 60 + n % 120
    begin = f"{start // 60:02d}:{start % 60:02d}"
    end = f"{start // 60 + 8:02d}:{start % 60:02d}"
    return {day: [[begin, end]] for day in ("mon", "tue", "wed", "thu", "fri")}


def timed(runs: int, once: Callable[[], object]) -> tuple[float, float, int]:
    """Median and worst milliseconds of ``runs`` runs after a warm-up, and queries per run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    once()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        once()
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        once()
    return statistics.median(times), max(times), len(queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    setup_django()
    import time_machine
    from django.core import mail
    from django.db import connection, transaction

    from onshore.notifications import audience, events
    from onshore.notifications import mail as notification_mail
    from onshore.notifications.models import Notification
    from onshore.posts.notify_port import Doer

    post, author = build(args.members)
    by = Doer(user_id=author.user_id, name="Olive")
    event = audience.Event(
        workspace_id=post.workspace_id,
        post_id=post.pk,
        kind="submitted",
        summary="Olive submitted “Spring tea is here” for review",
        detail="",
        by_user_id=by.user_id,
        at=EVENT_AT,
    )

    def compute() -> object:
        return audience.notifications_for(event, audience.reviewers(post.workspace_id))

    def submit() -> object:
        with transaction.atomic():
            told = events.post_submitted(post, by)
            transaction.set_rollback(True)
        return told

    rows: list[tuple[str, tuple[float, float, int]]] = []
    with time_machine.travel(EVENT_AT, tick=False):
        rows.append(("compute (recipients + e-mail times)", timed(args.runs, compute)))
        rows.append(("submit (compute + write)", timed(args.runs, submit)))
        told = events.post_submitted(post, by)
    emailed = sum(1 for n in told if n.email_due_at is not None)
    latest = max(n.email_due_at for n in told if n.email_due_at is not None)
    start = time.perf_counter()
    sent = 0
    while batch := notification_mail.send_due_emails(latest + timedelta(minutes=1), "bench"):
        sent += batch
    email_ms = (time.perf_counter() - start) * 1000
    assert sent == len(mail.outbox) == emailed, (sent, len(mail.outbox), emailed)
    assert Notification.objects.filter(email_state="sent").count() == emailed

    print(f"## Notifications for one event, {args.members:,} members ({connection.vendor})")
    print(
        f"- machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
        f"Python {sys.version.split()[0]}; {args.runs} runs after a warm-up"
    )
    print(f"- told: {len(told):,} (in the app); by e-mail: {emailed:,}")
    print("| Step | median ms | worst ms | queries |")
    print("|---|---|---|---|")
    for label, (median, worst, queries) in rows:
        print(f"| {label} | {median:.0f} | {worst:.0f} | {queries} |")
    print(f"| e-mail all {sent:,} (one each, in-memory backend), once | {email_ms:.0f} | — | — |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
