"""How `onshore serve` runs gunicorn: each instance keeps its control socket in its own
data dir (two on one host no longer share, and delete, one socket), and the access log
names secret-bearing routes without their secrets (calendar feed, invitation)."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from onshore.serving import UNIX_SOCKET_PATH_MAX, gunicorn_settings
from tests.processes import ONSHORE, free_port, run, wait_for


def test_the_control_socket_is_in_the_data_dir_or_off(tmp_path: Path) -> None:
    built = gunicorn_settings("127.0.0.1", 8000, tmp_path)
    assert built["control_socket"] == str(tmp_path / "gunicorn.ctl")
    assert built["control_socket_disable"] is False
    deep = tmp_path / ("d" * (UNIX_SOCKET_PATH_MAX - len(str(tmp_path))))
    assert gunicorn_settings("127.0.0.1", 8000, deep)["control_socket_disable"] is True


class Served:
    def __init__(self, data_dir: Path, home: Path) -> None:
        self.data_dir, self.port = data_dir, free_port()
        # No XDG_RUNTIME_DIR and a HOME of the test's own: gunicorn's default socket
        # would be the same file for both instances, as it is for one user's instances.
        env = {k: v for k, v in os.environ.items() if k not in {"ONSHORE_DATABASE_URL"}}
        env.pop("XDG_RUNTIME_DIR", None)
        self.process = subprocess.Popen(
            [ONSHORE, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env={**env, "HOME": str(home), "ONSHORE_DATA_DIR": str(data_dir)}
            | {"ONSHORE_WEB_WORKERS": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self) -> str:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        output, _ = self.process.communicate(timeout=60)
        return output


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def servers() -> Iterator[list[Served]]:
    started: list[Served] = []
    yield started
    for served in started:
        served.stop()


def answers_on(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
        return True


def test_stopping_one_onshore_serve_leaves_the_others_control_socket(
    tmp_path: Path, home: Path, servers: list[Served]
) -> None:
    first, second = Served(tmp_path / "a", home), Served(tmp_path / "b", home)
    servers += [first, second]
    for served in servers:
        wait_for(f"{served.base}/healthz", seconds=120)
    first.stop()
    assert httpx.get(f"{second.base}/healthz").status_code == 200
    assert answers_on(second.data_dir / "gunicorn.ctl"), "the running server lost its socket"
    assert not (home / ".gunicorn").exists(), "nothing shared in the user's home"


def test_the_access_log_names_the_secret_routes_without_their_tokens(
    tmp_path: Path, home: Path, servers: list[Served]
) -> None:
    assert run(["migrate", "--no-input", "-v", "0"], tmp_path).returncode == 0
    served = Served(tmp_path, home)
    servers.append(served)
    wait_for(f"{served.base}/healthz", seconds=120)
    feed, invitation = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    review = secrets.token_urlsafe(32)
    httpx.get(f"{served.base}/r/{review}/")
    httpx.get(f"{served.base}/feed/{feed}.ics")
    httpx.get(f"{served.base}/login/", params={"next": f"/invite/{invitation}/"})
    httpx.get(f"{served.base}/invite/{invitation}/", headers={"referer": f"/feed/{feed}.ics"})
    output = served.stop()
    assert feed not in output and invitation not in output and review not in output
    assert '"GET /r/…/ HTTP/1.1" 404' in output and "Not Found: /r/…/" in output
    assert '"GET /feed/….ics HTTP/1.1" 404' in output and "Not Found: /feed/….ics" in output
    assert "GET /login/?next=%2Finvite%2F…%2F HTTP/1.1" in output
    assert '"GET /invite/…/ HTTP/1.1"' in output and '"/feed/….ics"' in output
