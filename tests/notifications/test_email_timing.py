"""E-mails reach people in their working hours, on their own clock, batched: what the
recipient notices in their inbox (django.core.mail.outbox) with the clock held still."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from onshore.notifications import mail as notification_mail
from onshore.notifications.models import EmailState, Kind, Notification, NotificationPreference
from onshore.posts import editing, workflow
from onshore.posts.models import Post
from onshore.publishing.worker import Worker

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

NEW_YORK = ZoneInfo("America/New_York")
# Friday 6 March 2026, 22:00 in New York (EST); the clocks go forward on Sunday 8 March.
FRIDAY_NIGHT = datetime(2026, 3, 6, 22, 0, tzinfo=NEW_YORK)
# Monday 9 March, 09:00 EDT: 13:00 UTC, an hour earlier in UTC than the Friday offset says.
MONDAY_NINE = datetime(2026, 3, 9, 13, 0, tzinfo=UTC)


@pytest.fixture
def reviewer_in_new_york(team: Any) -> Any:
    """Only the reviewer reviews: Monday to Friday, 09:00–17:00 in New York."""
    reviewer = team.members["reviewer"]
    reviewer.home_country, reviewer.timezone = "US", "America/New_York"
    reviewer.working_hours = {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
    reviewer.save()
    for persona in ("owner", "manager"):
        NotificationPreference.objects.create(
            membership=team.members[persona], channels={Kind.SUBMITTED: "off"}
        )
    return reviewer


def submit(team: Any, text: str, at: datetime) -> Post:
    with time_machine.travel(at, tick=False):
        post = editing.create_post(
            team.members["contributor"], editing.PostChanges(text=text, market=team.gb)
        )
        return workflow.perform(post, team.members["contributor"], "submit")


def send_at(at: datetime) -> int:
    return notification_mail.send_due_emails(at, "worker-1")


def inbox_of(email: str) -> list[Any]:
    return [message for message in mail.outbox if message.to == [email]]


def test_a_night_submission_waits_for_monday_nine_on_the_reviewers_clock(
    team: Any, reviewer_in_new_york: Any
) -> None:
    submit(team, "Spring tea is here", FRIDAY_NIGHT)
    notification = Notification.objects.get(recipient=team.users["reviewer"])
    assert notification.email_due_at == MONDAY_NINE  # 09:00 EDT, after the clocks changed
    send_at(MONDAY_NINE - timedelta(seconds=1))
    assert inbox_of("reviewer@example.com") == []
    send_at(MONDAY_NINE)
    (message,) = inbox_of("reviewer@example.com")
    assert message.subject == "Contributor Person submitted “Spring tea is here” for review"
    assert "Fri 06 Mar 2026, 22:00 your time (America/New_York)" in message.body
    assert f"/w/{team.workspace.slug}/posts/{notification.post_id}/" in message.body
    send_at(MONDAY_NINE + timedelta(hours=1))
    assert len(inbox_of("reviewer@example.com")) == 1  # sent once
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT and notification.emailed_at == MONDAY_NINE


def test_the_nights_events_reach_the_reviewer_as_one_email(
    team: Any, reviewer_in_new_york: Any
) -> None:
    first = submit(team, "Spring tea is here", FRIDAY_NIGHT)
    submit(team, "Scones on Sunday", FRIDAY_NIGHT + timedelta(hours=3))
    with time_machine.travel(FRIDAY_NIGHT + timedelta(hours=5), tick=False):
        editing.add_comment(first, team.members["contributor"], "@reviewer the price is new")
    send_at(MONDAY_NINE)
    (message,) = inbox_of("reviewer@example.com")
    assert message.subject == "3 notifications from onshore (Acme Tea)"
    assert message.body.count("\n* ") == 3
    assert "submitted “Spring tea is here”" in message.body
    assert "submitted “Scones on Sunday”" in message.body
    assert "mentioned you on “Spring tea is here”" in message.body
    assert "  @reviewer the price is new" in message.body


def test_at_work_a_burst_of_events_is_gathered_for_two_minutes(
    team: Any, reviewer_in_new_york: Any
) -> None:
    tuesday_ten = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)  # 10:00 EDT
    submit(team, "Spring tea is here", tuesday_ten)
    submit(team, "Scones on Sunday", tuesday_ten + timedelta(seconds=40))
    send_at(tuesday_ten + timedelta(minutes=1))
    assert inbox_of("reviewer@example.com") == []
    send_at(tuesday_ten + timedelta(minutes=3))
    (message,) = inbox_of("reviewer@example.com")
    assert message.subject == "2 notifications from onshore (Acme Tea)"


def test_immediately_does_not_wait_for_the_working_day(
    team: Any, reviewer_in_new_york: Any
) -> None:
    NotificationPreference.objects.create(membership=reviewer_in_new_york, immediately=True)
    submit(team, "Spring tea is here", FRIDAY_NIGHT)
    send_at(FRIDAY_NIGHT + timedelta(minutes=2))
    assert len(inbox_of("reviewer@example.com")) == 1


def test_a_kind_kept_to_the_app_is_shown_but_never_emailed(
    team: Any, reviewer_in_new_york: Any
) -> None:
    NotificationPreference.objects.create(
        membership=reviewer_in_new_york, channels={Kind.SUBMITTED: "app"}
    )
    submit(team, "Spring tea is here", FRIDAY_NIGHT)
    notification = Notification.objects.get(recipient=team.users["reviewer"])
    assert notification.email_state == EmailState.APP_ONLY
    send_at(MONDAY_NINE + timedelta(days=7))
    assert mail.outbox == []


def test_a_kind_turned_off_is_not_even_shown(team: Any, reviewer_in_new_york: Any) -> None:
    NotificationPreference.objects.create(
        membership=reviewer_in_new_york, channels={Kind.SUBMITTED: "off"}
    )
    submit(team, "Spring tea is here", FRIDAY_NIGHT)
    assert not Notification.objects.exists()


def test_read_in_the_app_before_monday_it_is_not_emailed(
    team: Any, reviewer_in_new_york: Any
) -> None:
    submit(team, "Spring tea is here", FRIDAY_NIGHT)
    reader = team.client("reviewer")
    notification = Notification.objects.get()
    assert reader.post(f"/notifications/{notification.pk}/read/").status_code == 302
    send_at(MONDAY_NINE)
    assert mail.outbox == []


def test_someone_without_working_hours_is_emailed_after_the_gathering_minutes(
    team: Any, reviewer_in_new_york: Any
) -> None:
    reviewer_in_new_york.working_hours = {}
    reviewer_in_new_york.save()
    submit(team, "Spring tea is here", FRIDAY_NIGHT)
    send_at(FRIDAY_NIGHT + timedelta(minutes=2))
    assert len(inbox_of("reviewer@example.com")) == 1


def test_the_worker_sends_them_when_no_delivery_is_due(
    team: Any, reviewer_in_new_york: Any
) -> None:
    submit(team, "Spring tea is here", FRIDAY_NIGHT)
    with time_machine.travel(MONDAY_NINE, tick=False):
        worker = Worker(name="worker-1")
        assert worker.side_work() == 1
        assert worker.side_work() == 0
    assert len(inbox_of("reviewer@example.com")) == 1


def test_a_second_worker_finds_nothing_to_claim_while_the_first_holds_the_batch(
    team: Any, reviewer_in_new_york: Any
) -> None:
    submit(team, "Spring tea is here", FRIDAY_NIGHT)
    submit(team, "Scones on Sunday", FRIDAY_NIGHT)
    first = notification_mail.claim_next_batch(MONDAY_NINE, "worker-1")
    assert first is not None
    assert notification_mail.claim_next_batch(MONDAY_NINE, "worker-2") is None
    assert notification_mail.send_claimed(first, MONDAY_NINE) == 1
    assert len(mail.outbox) == 1


def test_a_batch_abandoned_by_a_dead_worker_is_sent_when_its_lease_runs_out(
    team: Any, reviewer_in_new_york: Any
) -> None:
    submit(team, "Spring tea is here", FRIDAY_NIGHT)
    assert notification_mail.claim_next_batch(MONDAY_NINE, "worker-that-dies") is not None
    assert send_at(MONDAY_NINE + timedelta(minutes=5)) == 0  # still under its lease
    assert send_at(MONDAY_NINE + notification_mail.LEASE + timedelta(seconds=1)) == 1


@pytest.fixture
def mail_server_down(settings: Any) -> Iterator[None]:
    """SMTP to a loopback port nobody listens on: the connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    yield


def test_a_refused_email_is_tried_again_later(
    team: Any, reviewer_in_new_york: Any, mail_server_down: None, settings: Any
) -> None:
    submit(team, "Spring tea is here", FRIDAY_NIGHT)
    assert send_at(MONDAY_NINE) == 0
    notification = Notification.objects.get()
    assert notification.email_state == EmailState.WAITING
    assert notification.email_due_at == MONDAY_NINE + notification_mail.RETRY_AFTER
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_at(MONDAY_NINE + notification_mail.RETRY_AFTER) == 1


def test_after_leaving_the_workspace_nothing_more_is_emailed(
    team: Any, reviewer_in_new_york: Any
) -> None:
    submit(team, "Spring tea is here", FRIDAY_NIGHT)
    reviewer_in_new_york.delete()
    assert send_at(MONDAY_NINE) == 0
    assert mail.outbox == []
    assert Notification.objects.get().email_state == EmailState.APP_ONLY


def test_a_long_batch_lists_the_first_25_and_counts_the_rest(
    team: Any, reviewer_in_new_york: Any
) -> None:
    for number in range(30):
        submit(team, f"Tea number {number}", FRIDAY_NIGHT + timedelta(minutes=number))
    send_at(MONDAY_NINE)
    (message,) = inbox_of("reviewer@example.com")
    assert message.subject == "30 notifications from onshore (Acme Tea)"
    assert message.body.count("\n* ") == 25
    assert "… and 5 more in the app." in message.body


@pytest.mark.django_db(transaction=True)
def test_the_running_worker_emails_due_notifications_between_deliveries(team: Any) -> None:
    """`onshore worker`'s loop, not one step: with nothing to publish, it e-mails."""
    reviewer = team.users["reviewer"]
    Notification.objects.create(
        recipient=reviewer,
        workspace=team.workspace,
        kind=Kind.SUBMITTED,
        summary="Contributor Person submitted “Spring tea is here” for review",
        email_state=EmailState.WAITING,
        email_due_at=datetime(2026, 1, 1, tzinfo=UTC),  # long due
    )
    loops = iter(range(3))
    Worker(name="worker-1").run(idle_seconds=0.05, should_stop=lambda: next(loops, None) is None)
    assert [m.to for m in mail.outbox] == [["reviewer@example.com"]]


def test_a_line_break_in_a_name_does_not_break_the_email(
    team: Any, reviewer_in_new_york: Any
) -> None:
    contributor = team.users["contributor"]
    contributor.name = "Contributor\nBcc: someone@example.net"
    contributor.save()
    submit(team, "Spring tea is here", FRIDAY_NIGHT)
    assert send_at(MONDAY_NINE) == 1
    (message,) = mail.outbox
    assert "\n" not in message.subject and message.to == ["reviewer@example.com"]


def test_without_a_zone_of_their_own_the_workspaces_zone_is_their_clock(
    team: Any, reviewer_in_new_york: Any
) -> None:
    reviewer_in_new_york.home_country, reviewer_in_new_york.timezone = "", ""
    reviewer_in_new_york.save()  # the workspace is in London
    submit(team, "Spring tea is here", FRIDAY_NIGHT)  # Saturday 03:00 in London
    notification = Notification.objects.get(recipient=team.users["reviewer"])
    assert notification.email_due_at == datetime(2026, 3, 9, 9, 0, tzinfo=UTC)  # 09:00 GMT
