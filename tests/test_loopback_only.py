"""The suite's own guard: no test connection leaves this machine (tests/conftest.py)."""

from __future__ import annotations

import socket

import pytest

from tests.loopback import OffLoopbackConnect


@pytest.mark.parametrize(
    "address", ["10.0.0.1", "169.254.169.254", "93.184.215.14", "::ffff:10.0.0.1"]
)
def test_a_connection_off_this_machine_fails_before_it_is_made(address: str) -> None:
    with pytest.raises(OffLoopbackConnect):
        socket.create_connection((address, 443), timeout=0.01)


def test_loopback_connections_are_let_through() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
