"""The ``onshore`` command, run as a user runs it: in a subprocess, on a fresh data dir."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx

from tests.processes import free_port, run, start_onshore_up, wait_for


def test_demo_loads_once_and_prints_how_to_log_in(tmp_path: Path) -> None:
    first = run(["demo"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "emma@harbourpine.example" in first.stdout
    assert "priya@brightwave.example" in first.stdout and "password for all of them" in first.stdout
    again = run(["demo"], tmp_path)
    assert "already loaded" in again.stdout


def test_createuser_validates_and_creates(tmp_path: Path) -> None:
    run(["migrate", "--no-input", "-v", "0"], tmp_path)
    weak = run(
        ["createuser", "ana@example.com", "--name", "Ana"],
        tmp_path,
        ONSHORE_NEW_USER_PASSWORD="123",
    )
    assert weak.returncode != 0 and "password:" in weak.stderr
    bad = run(
        ["createuser", "not-an-address", "--name", "Ana"],
        tmp_path,
        ONSHORE_NEW_USER_PASSWORD="plum-orchard-lantern-42",
    )
    assert bad.returncode != 0 and "email:" in bad.stderr
    ok = run(
        ["createuser", "Ana@Example.com", "--name", "Ana"],
        tmp_path,
        ONSHORE_NEW_USER_PASSWORD="plum-orchard-lantern-42",
    )
    assert ok.returncode == 0 and "Created ana@example.com" in ok.stdout


def test_django_management_commands_are_reachable(tmp_path: Path) -> None:
    result = run(["manage", "check"], tmp_path)
    assert result.returncode == 0 and "no issues" in result.stdout
    assert run(["showmigrations", "workspaces"], tmp_path).returncode == 0


def test_bad_configuration_is_one_clear_line(tmp_path: Path) -> None:
    result = run(["demo"], tmp_path, ONSHORE_DEBUG="perhaps")
    assert result.returncode == 2
    assert "ONSHORE_DEBUG: expected true or false" in result.stderr
    assert "Traceback" not in result.stderr


def test_up_migrates_loads_the_demo_and_serves_with_static_files(tmp_path: Path) -> None:
    port = free_port()
    server = start_onshore_up(tmp_path, port)
    try:
        base = f"http://127.0.0.1:{port}"
        login_page = wait_for(f"{base}/login/")
        assert login_page.status_code == 200
        assert "gunicorn" in login_page.headers.get("server", "")
        css = httpx.get(f"{base}/static/onshore/onshore.css")
        assert css.status_code == 200 and "text/css" in css.headers["content-type"]
        assert httpx.get(f"{base}/api/v1/openapi.json").json()["info"]["title"] == "onshore API"
        # The publishing worker runs beside the web server: its health turns "ok".
        deadline = time.monotonic() + 60
        while httpx.get(f"{base}/healthz/worker").status_code != 200:
            assert time.monotonic() < deadline, "no worker started by onshore up"
            time.sleep(0.5)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert "emma@harbourpine.example" in output  # first run: demo loaded and logins printed
    assert (tmp_path / "onshore.sqlite3").exists()


def test_check_is_reachable_as_onshore_check(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text("Our new color range.\n", encoding="utf-8")
    result = run(["check", "--market", "GB", str(post)], tmp_path)
    assert result.returncode == 0, result.stderr  # a warning is not an error
    assert f"{post}:1:9: warning [spelling.variant]" in result.stdout
    assert "colour" in result.stdout
    unknown = run(["check", "--market", "XX", str(post)], tmp_path)
    assert unknown.returncode == 2 and "XX" in unknown.stderr


def test_whatif_is_reachable_as_onshore_whatif(tmp_path: Path) -> None:
    result = run(["whatif", "--help"], tmp_path)
    assert result.returncode == 0 and "onshore whatif" in result.stdout
    bad = run(["whatif", "--pricing", "per_post", "--amount", "twenty"], tmp_path)
    assert bad.returncode == 2
