"""Only loopback may receive test traffic: how the session-wide guard in
tests/conftest.py tells a loopback address from any other."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any


class OffLoopbackConnect(AssertionError):
    """A test tried to open a connection to an address that is not this machine."""


def is_loopback(address: Any) -> bool:
    if not isinstance(address, tuple):  # a UNIX socket path
        return True
    try:
        return ipaddress.ip_address(str(address[0]).split("%", 1)[0]).is_loopback
    except ValueError:  # a name: socket.connect resolves it, so judge what it names
        return all(
            ipaddress.ip_address(info[4][0]).is_loopback
            for info in socket.getaddrinfo(address[0], address[1], type=socket.SOCK_STREAM)
        )
