"""`onshore up` keeps its publishing worker running: a worker that dies (any exit,
SIGKILL) is restarted with a log line, after a pause that grows while it keeps dying.

Before, `onshore up` started the worker once; when it died, nothing published again
until someone restarted the whole server."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from onshore import supervisor
from onshore.supervisor import Supervisor, next_pause
from tests.processes import free_port, start_onshore_up, wait_for

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} within {seconds} s"
        time.sleep(0.05)


@pytest.fixture
def running() -> Iterator[Callable[[list[str]], Supervisor]]:
    started: list[tuple[Supervisor, threading.Thread]] = []

    def start(command: list[str]) -> Supervisor:
        watcher = Supervisor(command)
        thread = threading.Thread(target=watcher.run, daemon=True)
        thread.start()
        started.append((watcher, thread))
        return watcher

    yield start
    for watcher, thread in started:
        watcher.stopping.set()
        thread.join(timeout=40)
        assert not thread.is_alive(), "the supervisor did not stop"
        assert watcher.child is None or watcher.child.poll() is not None, "worker left running"


def test_a_worker_killed_with_sigkill_is_restarted_with_a_log_line(
    running: Callable[[list[str]], Supervisor], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="onshore.supervisor")
    watcher = running(SLEEPER)
    wait_until(lambda: watcher.child is not None, 10, "the worker started")
    assert watcher.child is not None
    first = watcher.child.pid
    os.kill(first, signal.SIGKILL)
    wait_until(lambda: watcher.child is not None and watcher.child.pid != first, 10, "restarted")
    assert watcher.starts == 2
    assert f"the publishing worker (pid {first}) was killed by SIGKILL" in caplog.text
    assert "restarting it in 1 s" in caplog.text


def test_a_crash_loop_is_restarted_with_growing_pauses_not_spun(
    running: Callable[[list[str]], Supervisor], caplog: pytest.LogCaptureFixture
) -> None:
    watcher = running([sys.executable, "-c", "raise SystemExit(3)"])
    time.sleep(4)
    # 1 s, then 2 s: three starts in four seconds (a spinning loop would make hundreds).
    assert 2 <= watcher.starts <= 3
    assert "exited with status 3" in caplog.text and "restarting it in 2 s" in caplog.text


def test_the_pause_doubles_while_it_keeps_dying_and_resets_after_a_good_run() -> None:
    pauses, pause = [], 0.0
    for _ in range(7):
        pause = next_pause(pause, ran_for=0.4)
        pauses.append(pause)
    assert pauses == [1, 2, 4, 8, 16, 30, 30]
    assert next_pause(30, ran_for=supervisor.STABLE_AFTER_SECONDS) == 1


def test_the_supervisor_stops_the_worker_when_onshore_up_is_gone() -> None:
    alive = threading.Event()
    alive.set()
    watcher = Supervisor(SLEEPER, parent_alive=alive.is_set)
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    wait_until(lambda: watcher.child is not None, 10, "the worker started")
    alive.clear()
    thread.join(timeout=10)
    assert not thread.is_alive() and watcher.child is not None
    assert watcher.child.returncode == -signal.SIGTERM and watcher.starts == 1


def descendants(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    found = [int(n) for n in path.read_text().split()] if path.exists() else []
    return found + [grandchild for child in found for grandchild in descendants(child)]


def workers_of(pid: int) -> list[int]:
    """The `onshore worker` processes below ``pid`` (not a supervisor that runs one)."""
    return [
        p
        for p in descendants(pid)
        if cmdline(p).endswith("-m onshore.cli worker") and "onshore.supervisor" not in cmdline(p)
    ]


def test_onshore_up_restarts_its_worker_after_sigkill(tmp_path: Path) -> None:
    port = free_port()
    server = start_onshore_up(tmp_path, port)
    try:
        wait_for(f"http://127.0.0.1:{port}/login/", seconds=120)
        wait_until(lambda: len(workers_of(server.pid)) == 1, 30, "the worker started")
        first = workers_of(server.pid)[0]
        os.kill(first, signal.SIGKILL)
        wait_until(lambda: workers_of(server.pid) not in ([], [first]), 30, "restarted")
        assert len(workers_of(server.pid)) == 1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=60)
    assert f"the publishing worker (pid {first}) was killed by SIGKILL" in output
    assert "restarting it in 1 s" in output


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ").strip()
    except OSError:
        return ""
