"""The ``onshore worker`` loop: publish due deliveries, a small batch at a time, until
told to stop.

SIGTERM or SIGINT sets a flag; the attempt in progress finishes (its result is
recorded), the rest of the batch is released for other workers, and the loop exits.
A worker killed outright leaves its leases to expire; another worker then takes the
deliveries over and reads back before sending again.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from types import FrameType

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from onshore.publishing import outbox, senders
from onshore.publishing.models import WorkerBeat

log = logging.getLogger("onshore.worker")
BEAT_EVERY_SECONDS = 1.0
SETTLE_EVERY_SECONDS = 60.0


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Worker:
    def __init__(
        self,
        name: str | None = None,
        send: outbox.Sender | None = None,
        find: outbox.Finder | None = None,
    ) -> None:
        self.name = name or worker_name()
        self.send = send or senders.make_sender()
        self.find = find or senders.make_finder()
        self.stopping = threading.Event()
        self.published_since_beat = 0
        self.last_beat = 0.0
        self.last_settle = 0.0

    def install_signal_handlers(self) -> None:
        def stop(signum: int, frame: FrameType | None) -> None:
            log.info("worker %s: stopping after the current step", self.name)
            self.stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

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
        while not self.stopping.is_set() and not (should_stop and should_stop()):
            if not self.step():
                self.stopping.wait(idle)  # wakes at once on SIGTERM

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
