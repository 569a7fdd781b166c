"""The ``onshore worker`` loop: publish due deliveries, one step at a time, until told to stop.

SIGTERM or SIGINT sets a flag; the step in progress finishes (its result is recorded)
and the loop exits. A worker killed outright leaves its lease to expire; another worker
then takes the delivery over and reads back before sending again.
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

    def install_signal_handlers(self) -> None:
        def stop(signum: int, frame: FrameType | None) -> None:
            log.info("worker %s: stopping after the current step", self.name)
            self.stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

    def step(self) -> outbox.Step | None:
        close_old_connections()
        result = outbox.publish_one_due(timezone.now(), self.name, self.send, self.find)
        if result is not None and result.outcome == "published":
            self.published_since_beat += 1
        self._beat_now_and_then()
        if result is not None:
            log.info("worker %s: delivery %s %s", self.name, result.delivery_id, result.outcome)
        return result

    def run(
        self, idle_seconds: float | None = None, should_stop: Callable[[], bool] | None = None
    ) -> None:
        idle = settings.WORKER_IDLE_SECONDS if idle_seconds is None else idle_seconds
        while not self.stopping.is_set() and not (should_stop and should_stop()):
            if self.step() is None:
                self.stopping.wait(idle)  # wakes at once on SIGTERM

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
