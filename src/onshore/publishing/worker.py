"""The ``onshore worker`` loop: publish due deliveries, a small batch at a time, until
told to stop.

SIGTERM or SIGINT sets a flag; the attempt in progress finishes (its result is
recorded), the rest of the batch is released for other workers, and the loop exits.
A worker killed outright leaves its leases to expire; another worker then takes the
deliveries over and reads back before sending again.

An idle worker sleeps until the next delivery falls due (one indexed query), never
longer than the idle setting, and wakes early when told: on PostgreSQL a ``NOTIFY``
from the transaction that wrote a delivery due sooner (``OutboxBell``), on SQLite by
looking again every ``POLL_SECONDS_WITHOUT_NOTIFY``. Sleeps are jittered so that
workers which fell asleep together do not all wake together.
"""

from __future__ import annotations

import logging
import os
import random
import signal
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime
from types import FrameType
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from onshore.posts.notify_port import notifier
from onshore.publishing import outbox, senders, wakeup
from onshore.publishing.models import WorkerBeat

log = logging.getLogger("onshore.worker")
BEAT_EVERY_SECONDS = 1.0
SETTLE_EVERY_SECONDS = 60.0
# Without NOTIFY (SQLite: one machine, the web server in another process) a delivery
# written for the next few seconds is only seen by looking; the look is one indexed
# query, so an idle worker can afford it twice a second.
POLL_SECONDS_WITHOUT_NOTIFY = 0.5
# Workers woken for the same due time wake a few milliseconds apart (the first takes
# the batch, the others find the next one); sleeps capped by the idle setting are
# spread over its second half, so workers that fell asleep together wake apart.
DUE_JITTER_SECONDS = (0.002, 0.03)
IDLE_SPREAD = (0.5, 1.0)


def seconds_to_sleep(
    now: datetime,
    next_due: datetime | None,
    idle_seconds: float,
    rng: random.Random,
    poll_seconds: float | None = None,
) -> float:
    """How long an idle worker sleeps: until the next due time (plus a little jitter),
    at most the idle setting (spread), and at most ``poll_seconds`` when given."""
    cap = idle_seconds * rng.uniform(*IDLE_SPREAD)
    if poll_seconds is not None:
        cap = min(cap, poll_seconds)
    if next_due is None:
        return cap
    until_due = max((next_due - now).total_seconds(), 0.0)
    return min(until_due + rng.uniform(*DUE_JITTER_SECONDS), cap)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Worker:
    def __init__(
        self,
        name: str | None = None,
        send: outbox.Sender | None = None,
        find: outbox.Finder | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.name = name or worker_name()
        self.send = send or senders.make_sender()
        self.find = find or senders.make_finder()
        self.rng = rng or random.Random()
        self.stopping = threading.Event()
        # Set to end a sleep early: by stop(), or by the bell when a delivery is due soon.
        self.wake = threading.Event()
        self.published_since_beat = 0
        self.last_beat = 0.0
        self.last_settle = 0.0

    def install_signal_handlers(self) -> None:
        def stop(signum: int, frame: FrameType | None) -> None:
            log.info("worker %s: stopping after the current step", self.name)
            self.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()  # a sleeping worker stops at once

    def step(self) -> list[outbox.Step]:
        """Claim a batch of due deliveries and attempt them; [] when nothing was due."""
        close_old_connections()
        self._settle_now_and_then()
        claimed = outbox.claim_due(timezone.now(), self.name, outbox.CLAIM_BATCH)
        steps = outbox.publish_claimed(
            claimed, self.name, self.send, self.find, timezone.now, self.stopping.is_set
        )
        self.published_since_beat += sum(1 for s in steps if s.outcome == "published")
        self._beat_now_and_then()
        for result in steps:
            log.info("worker %s: delivery %s %s", self.name, result.delivery_id, result.outcome)
        return steps

    def run(
        self, idle_seconds: float | None = None, should_stop: Callable[[], bool] | None = None
    ) -> None:
        idle = settings.WORKER_IDLE_SECONDS if idle_seconds is None else idle_seconds
        bell = OutboxBell(self.wake) if OutboxBell.available() else None
        if bell:
            bell.start()
        try:
            while not self.stopping.is_set() and not (should_stop and should_stop()):
                # Cleared before looking: a NOTIFY that arrives from here on is for a
                # delivery the next look may not see, so it must cut the sleep short.
                self.wake.clear()
                if not self.step() and not self.side_work():
                    self.wake.wait(self.idle_sleep(idle, polling=bell is None))
        finally:
            if bell:
                bell.close()

    def side_work(self) -> int:
        """When no delivery is due: e-mail one person their due notifications (the loop
        looks for due deliveries again before the next). How many e-mails went."""
        try:
            sent = notifier().send_due_emails(timezone.now(), self.name)
        except Exception:  # e-mail trouble must not stop publishing; it is logged
            log.exception("worker %s: sending notification e-mails failed", self.name)
            return 0
        if sent:
            log.info("worker %s: %s notification e-mail(s) sent", self.name, sent)
        return sent

    def idle_sleep(self, idle_seconds: float, polling: bool) -> float:
        """Seconds to sleep now that nothing is due (see ``seconds_to_sleep``)."""
        poll = POLL_SECONDS_WITHOUT_NOTIFY if polling else None
        return seconds_to_sleep(
            timezone.now(), wakeup.next_due_at(), idle_seconds, self.rng, poll_seconds=poll
        )

    def _settle_now_and_then(self) -> None:
        # A worker that died between a post's last delivery and the post's own state
        # leaves it "publishing": any worker puts that right at start and every minute.
        if time.monotonic() - self.last_settle < SETTLE_EVERY_SECONDS and self.last_settle:
            return
        outbox.settle_posts()
        self.last_settle = time.monotonic()

    def _beat_now_and_then(self) -> None:
        # The health page needs the last loop to the second, not a write per delivery.
        if time.monotonic() - self.last_beat < BEAT_EVERY_SECONDS:
            return
        self._beat(self.published_since_beat)
        self.published_since_beat, self.last_beat = 0, time.monotonic()

    def _beat(self, published: int) -> None:
        from django.db.models import F

        updated = WorkerBeat.objects.filter(worker=self.name).update(
            last_loop_at=timezone.now(), published=F("published") + published
        )
        if not updated:
            WorkerBeat.objects.get_or_create(
                worker=self.name, defaults={"last_loop_at": timezone.now(), "published": published}
            )


class OutboxBell:
    """LISTENs for the outbox's NOTIFY on a connection of its own (Django's may be
    closed between steps) in a thread, and sets ``wake`` on each notification. When the
    connection drops it reconnects; meanwhile sleeps stay capped by the idle setting,
    and each reconnection rings once, for whatever was missed."""

    RECONNECT_SECONDS = 2.0

    def __init__(self, wake: threading.Event) -> None:
        self.wake = wake
        self.closing = threading.Event()
        self.listening = threading.Event()  # for tests: LISTEN is in force
        self.thread = threading.Thread(target=self._listen, name="outbox-bell", daemon=True)

    @staticmethod
    def available() -> bool:
        return bool(connection.vendor == "postgresql")

    def start(self) -> None:
        self.thread.start()

    def close(self) -> None:
        self.closing.set()
        self.thread.join(timeout=5)

    def _listen(self) -> None:
        import psycopg

        while not self.closing.is_set():
            try:
                with psycopg.connect(**_listen_params(), autocommit=True) as listener:
                    listener.execute(f"LISTEN {wakeup.WAKE_CHANNEL}")
                    self.listening.set()
                    self.wake.set()
                    while not self.closing.is_set():
                        for _ in listener.notifies(timeout=1.0):
                            self.wake.set()
            except psycopg.Error as exc:
                self.listening.clear()
                log.warning("outbox bell: %s; listening again in a moment", exc)
                self.closing.wait(self.RECONNECT_SECONDS)


def _listen_params() -> dict[str, Any]:
    """Django's connection parameters for the same database, without its adapters."""
    params: dict[str, Any] = dict(connection.get_connection_params())
    for django_only in ("cursor_factory", "context", "prepare_threshold"):
        params.pop(django_only, None)
    return params
