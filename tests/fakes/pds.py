"""A real Bluesky PDS on 127.0.0.1 for the tests that publish to Bluesky.

``local_pds`` (session-scoped) installs ``@atproto/dev-env`` on first use
(scripts/install_pds.sh, a no-op once installed), starts tests/pds/start-pds.mjs,
waits for the one JSON line it prints when ready, and kills the whole process group
when the session ends. tests/conftest.py imports the fixture for every test.

Follows: not a fake but Bluesky's own PDS and PLC directory from ``@atproto/dev-env``
(github.com/bluesky-social/atproto, packages/dev-env); the XRPC methods onshore calls
are documented at docs.bsky.app (com.atproto.server.createSession,
com.atproto.repo.createRecord and getRecord).
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "scripts" / "install_pds.sh"
START_SCRIPT = ROOT / "tests" / "pds" / "start-pds.mjs"
INSTALL_TIMEOUT = 900.0  # a cold npm cache plus compiling better-sqlite3
START_TIMEOUT = 60.0  # usually about 3 seconds
STOP_TIMEOUT = 10.0


@dataclass(frozen=True)
class LocalPds:
    pds_url: str  # http://127.0.0.1:PORT, the XRPC service the client publishes to
    plc_url: str  # the PLC directory the PDS registers its accounts' DIDs with


@dataclass(frozen=True)
class Account:
    """An account on the local PDS, with the app password onshore would be given."""

    handle: str
    did: str
    app_password: str


def create_account(pds: LocalPds, http: httpx.Client, name: str) -> Account:
    """com.atproto.server.createAccount (dev-env has invite codes off), then an app
    password, which is what a person pastes into onshore."""
    handle = f"{name}{uuid.uuid4().hex[:8]}.test"
    account = _xrpc(
        http,
        pds,
        "com.atproto.server.createAccount",
        {"handle": handle, "email": f"{handle}@example.com", "password": "main-password-1"},
    )
    app_password = _xrpc(
        http, pds, "com.atproto.server.createAppPassword", {"name": "onshore"}, account["accessJwt"]
    )
    return Account(handle=handle, did=account["did"], app_password=app_password["password"])


def _xrpc(
    http: httpx.Client, pds: LocalPds, nsid: str, body: dict[str, Any], token: str | None = None
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = http.post(f"{pds.pds_url}/xrpc/{nsid}", json=body, headers=headers)
    assert response.is_success, response.text
    result: dict[str, Any] = response.json()
    return result


def posts_on_pds(pds: LocalPds, account: Account, http: httpx.Client) -> list[dict[str, Any]]:
    """Every app.bsky.feed.post record in the account's repository (all pages)."""
    records: list[dict[str, Any]] = []
    params = {"repo": account.did, "collection": "app.bsky.feed.post", "limit": "100"}
    while True:
        response = http.get(f"{pds.pds_url}/xrpc/com.atproto.repo.listRecords", params=params)
        assert response.is_success, response.text
        page = response.json()
        records.extend(page["records"])
        if not page["records"] or not page.get("cursor"):
            return records
        params["cursor"] = page["cursor"]


def install_pds() -> None:
    """Run the idempotent installer; its output only shows when it fails."""
    result = subprocess.run(
        ["bash", str(INSTALLER)],
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"scripts/install_pds.sh failed (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}",
            pytrace=False,
        )


def start_pds(log: IO[str], port: int | None = None) -> tuple[subprocess.Popen[str], LocalPds]:
    """Start the PDS in its own process group; return it once it printed its URLs."""
    command = ["node", str(START_SCRIPT)] + (["--port", str(port)] if port else [])
    process = subprocess.Popen(
        command,
        cwd=START_SCRIPT.parent,
        stdin=subprocess.PIPE,  # kept open: the script exits when it closes
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        start_new_session=True,
    )
    try:
        ready = _ready_line(process, START_TIMEOUT)
    except BaseException:
        stop_pds(process)
        raise
    return process, LocalPds(pds_url=ready["pds"], plc_url=ready["plc"])


def _ready_line(process: subprocess.Popen[str], timeout: float) -> dict[str, str]:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while (left := deadline - time.monotonic()) > 0:
            if not selector.select(left):
                break
            line = process.stdout.readline()
            if not line:
                raise RuntimeError(f"start-pds.mjs exited ({process.wait()}) before it was ready")
            if line.startswith("{"):
                ready: dict[str, str] = json.loads(line)
                return ready
    raise TimeoutError(f"start-pds.mjs printed no ready line within {timeout:.0f}s")


def stop_pds(process: subprocess.Popen[str]) -> None:
    """SIGTERM the process group (the script closes both servers), SIGKILL if it hangs."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=STOP_TIMEOUT)
            break
        except subprocess.TimeoutExpired:
            continue
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()


@pytest.fixture(scope="session")
def local_pds() -> Iterator[LocalPds]:
    install_pds()
    with tempfile.TemporaryFile("w+") as log:
        try:
            process, pds = start_pds(log)
        except (RuntimeError, TimeoutError) as error:
            log.seek(0)
            pytest.fail(f"The local PDS did not start: {error}\n{log.read()}", pytrace=False)
        try:
            yield pds
        finally:
            stop_pds(process)
