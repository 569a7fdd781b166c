"""Keep the publishing worker running beside the web server (``onshore up``).

    python -m onshore.supervisor -- COMMAND [ARGS…]

gunicorn's arbiter reaps every child of the process it runs in, so ``onshore up`` does
not watch the worker itself: it starts this small process, which starts the worker
and restarts it whenever it exits — a crash, SIGKILL, the kernel's out-of-memory
killer — with a log line and a pause that doubles while it keeps dying quickly (1 s
up to 30 s; a run of 30 s or more starts again from 1 s), so a crash loop does not
spin. SIGTERM or SIGINT is passed on to the worker (which finishes the delivery in
hand) and ends the supervisor; so does the death of the process that started it.
Django-free: it only runs a command.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from types import FrameType

log = logging.getLogger("onshore.supervisor")

FIRST_PAUSE_SECONDS = 1.0
LONGEST_PAUSE_SECONDS = 30.0
# A worker that ran this long was not crash-looping: the next restart is quick again.
STABLE_AFTER_SECONDS = 30.0
# How long a stopping worker gets to finish the delivery in hand before SIGKILL.
STOP_GRACE_SECONDS = 30.0
# How often the supervisor looks up from waiting (to stop, or notice it was orphaned).
WATCH_SECONDS = 0.5


def next_pause(previous: float, ran_for: float) -> float:
    """Seconds to wait before restarting a worker that ran ``ran_for`` seconds."""
    if ran_for >= STABLE_AFTER_SECONDS or previous <= 0:
        return FIRST_PAUSE_SECONDS
    return min(previous * 2, LONGEST_PAUSE_SECONDS)


def describe_exit(returncode: int) -> str:
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"was killed by {name}"
    return f"exited with status {returncode}"


class Supervisor:
    """Runs ``command`` until ``stopping`` is set, restarting it whenever it exits."""

    def __init__(
        self,
        command: Sequence[str],
        stopping: threading.Event | None = None,
        parent_alive: Callable[[], bool] = lambda: True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.command = list(command)
        self.stopping = stopping or threading.Event()
        self.parent_alive = parent_alive
        self.clock = clock
        self.child: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def run(self) -> None:
        pause = 0.0
        while not self.stopping.is_set():
            started = self.clock()
            child = self._start()
            returncode = self._wait(child)
            if returncode is None:
                return  # told to stop: the worker was stopped with it
            ran_for = self.clock() - started
            pause = next_pause(pause, ran_for)
            log.warning(
                "the publishing worker (pid %d) %s after %.1f s; restarting it in %.0f s",
                child.pid,
                describe_exit(returncode),
                ran_for,
                pause,
            )
            if self.stopping.wait(pause):
                return

    def _start(self) -> subprocess.Popen[bytes]:
        self.child = subprocess.Popen(self.command)
        self.starts += 1
        log.info("started the publishing worker (pid %d)", self.child.pid)
        return self.child

    def _wait(self, child: subprocess.Popen[bytes]) -> int | None:
        """The worker's exit status; None if the supervisor was told to stop first."""
        while True:
            try:
                return child.wait(timeout=WATCH_SECONDS)
            except subprocess.TimeoutExpired:
                pass
            if not self.parent_alive():
                log.warning("onshore up is gone: stopping the publishing worker")
                self.stopping.set()
            if self.stopping.is_set():
                stop_child(child)
                return None


def stop_child(child: subprocess.Popen[bytes]) -> None:
    # SIGTERM lets it finish the delivery in hand; it records the result and exits.
    child.terminate()
    try:
        child.wait(timeout=STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--" not in args or args.index("--") == len(args) - 1:
        sys.stderr.write("usage: python -m onshore.supervisor -- COMMAND [ARGS…]\n")
        return 2
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.INFO,
        format="[%(asctime)s] [%(process)d] [%(levelname)s] onshore supervisor: %(message)s",
    )
    parent = os.getppid()
    supervisor = Supervisor(
        args[args.index("--") + 1 :], parent_alive=lambda: os.getppid() == parent
    )

    def stop(signum: int, frame: FrameType | None) -> None:
        supervisor.stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    supervisor.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
