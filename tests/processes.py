"""The ``onshore`` command run as a user runs it: in a subprocess, on a fresh data dir
(always SQLite: the test run's ONSHORE_DATABASE_URL is not passed on), on a free
loopback port. Used by tests/test_cli.py, test_serving.py and test_supervisor.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ONSHORE = str(Path(sys.executable).parent / "onshore")


def run(args: list[str], data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    inherited = {k: v for k, v in os.environ.items() if k != "ONSHORE_DATABASE_URL"}
    return subprocess.run(
        [ONSHORE, *args],
        env={**inherited, "ONSHORE_DATA_DIR": str(data_dir), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_onshore_up(
    data_dir: Path, port: int, command: str = "up", **env: str
) -> subprocess.Popen[str]:
    """`onshore up` (or ``command``, e.g. "serve") as a user starts it, on SQLite in
    ``data_dir``, in its own process group (stop it with ``os.killpg``); its output
    (stdout and stderr) is read from ``stdout``."""
    inherited = {k: v for k, v in os.environ.items() if k != "ONSHORE_DATABASE_URL"}
    return subprocess.Popen(
        [ONSHORE, command, "--host", "127.0.0.1", "--port", str(port)],
        env={
            **inherited,
            "ONSHORE_DATA_DIR": str(data_dir),
            "ONSHORE_WEB_WORKERS": "1",
            **env,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def wait_for(url: str, seconds: float = 60) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                pytest.fail(f"{url} did not answer within {seconds} s")
            time.sleep(0.3)
