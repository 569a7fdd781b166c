"""Several workers e-mailing at once on PostgreSQL: each person gets one e-mail holding
all their due notifications, and no notification goes twice."""

from __future__ import annotations

import os
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import connection

from onshore.notifications import mail as notification_mail
from onshore.notifications.models import EmailState, Notification
from onshore.workspaces.models import Membership
from tests.factories import make_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("ONSHORE_DATABASE_URL", "").startswith("postgres"),
        reason="workers racing on row locks need a server database (PostgreSQL)",
    ),
]

PEOPLE, EACH, WORKERS = 40, 3, 4
NOW = datetime(2026, 3, 9, 13, 0, tzinfo=UTC)


def people_with_due_notifications(team: Any) -> None:
    rows = []
    for number in range(PEOPLE):
        user = make_user(f"person{number}@example.com", f"Person {number}")
        Membership.objects.create(
            workspace=team.workspace, user=user, role="reviewer", relation="freelancer"
        )
        rows += [
            Notification(
                recipient=user,
                workspace=team.workspace,
                kind="submitted",
                summary=f"Post {post} for person {number}",
                email_state=EmailState.WAITING,
                email_due_at=NOW - timedelta(minutes=post),
            )
            for post in range(EACH)
        ]
    Notification.objects.bulk_create(rows)


def test_racing_workers_send_each_person_one_email_and_nothing_twice(team: Any) -> None:
    people_with_due_notifications(team)
    start = threading.Barrier(WORKERS)
    sent: list[int] = []

    def work(name: str) -> None:
        try:
            start.wait()
            while count := notification_mail.send_due_emails(NOW, name):
                sent.append(count)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    per_person = Counter(message.to[0] for message in mail.outbox)
    assert len(per_person) == PEOPLE and set(per_person.values()) == {1}
    assert sum(sent) == PEOPLE
    assert all(message.body.count("\n* ") == EACH for message in mail.outbox)
    assert not Notification.objects.exclude(email_state=EmailState.SENT).exists()


def test_a_person_being_claimed_is_skipped_not_waited_for(team: Any) -> None:
    """While one worker's claim holds a person's row, another claims someone else."""
    people_with_due_notifications(team)
    from django.db import transaction

    from onshore.accounts.models import User

    first = User.objects.get(email="person0@example.com")
    claimed = threading.Event()
    done = threading.Event()
    result: dict[str, Any] = {}

    def hold_person0() -> None:
        try:
            with transaction.atomic():
                User.objects.select_for_update(no_key=True).get(pk=first.pk)
                claimed.set()
                done.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_person0)
    holder.start()
    claimed.wait(timeout=30)
    try:
        token = notification_mail.claim_next_batch(NOW, "worker-2")
        result["recipients"] = set(
            Notification.objects.filter(email_claim=token).values_list("recipient_id", flat=True)
        )
    finally:
        done.set()
        holder.join(timeout=30)
    assert len(result["recipients"]) == 1 and first.pk not in result["recipients"]
