"""An unreliable network between onshore and a real server, on 127.0.0.1.

``ChaosProxy(upstream, failure_rate=…, seed=…)`` relays HTTP requests to ``upstream``
(the fake Mastodon, the local PDS, the webhook receiver) and spoils a share of them,
chosen by a seeded random generator, in the ways a real network does:

- ``unavailable``: a 503 from "the load balancer"; the server never saw the request;
- ``reset_before``: the connection is reset before the request is relayed;
- ``timeout_after``: the server handled the request, the answer is held past the
  client's timeout (the outcome the client cannot know);
- ``reset_after``: the server handled the request, then the connection is reset.

``faults`` counts what was injected, so a test can show each kind happened.

Follows: RFC 9110 for what a relay may do (a 503 from an intermediary means the
origin never saw the request; hop-by-hop headers are not relayed, section 7.6.1).
"""

from __future__ import annotations

import random
import socket
import struct
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from tests.fakes.quiet_server import serve_on_loopback, server_url, shut_down

FAULTS = ("unavailable", "reset_before", "timeout_after", "reset_after")
# Hop-by-hop or recomputed here; never relayed as they were.
_DROPPED_REQUEST = {"host", "content-length", "connection", "accept-encoding", "keep-alive"}
_DROPPED_RESPONSE = {"content-length", "connection", "transfer-encoding", "content-encoding"}


class ChaosProxy:
    def __init__(
        self,
        upstream: str,
        *,
        failure_rate: float,
        seed: int,
        hang_seconds: float = 3.0,
        faults: tuple[str, ...] = FAULTS,
    ) -> None:
        self.upstream = upstream.rstrip("/")
        self.failure_rate = failure_rate
        self.hang_seconds = hang_seconds
        self.fault_kinds = faults
        self.faults: Counter[str] = Counter()
        self.relayed = 0
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._clients = threading.local()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return server_url(self._server, "proxy")

    def start(self) -> ChaosProxy:
        handler = type("Handler", (_Handler,), {"proxy": self})
        self._server = serve_on_loopback(handler)
        return self

    def stop(self) -> None:
        self._release.set()
        shut_down(self._server)

    def choose_fault(self) -> str | None:
        with self._lock:
            if self._rng.random() >= self.failure_rate:
                return None
            fault = self._rng.choice(self.fault_kinds)
            self.faults[fault] += 1
            return fault

    def relay(self, method: str, path: str, headers: dict[str, str], body: bytes) -> httpx.Response:
        client = getattr(self._clients, "client", None)
        if client is None:  # one per server thread: no pool shared across threads
            client = self._clients.client = httpx.Client(timeout=30, trust_env=False)
        forwarded = {k: v for k, v in headers.items() if k.lower() not in _DROPPED_REQUEST}
        response = client.request(method, self.upstream + path, headers=forwarded, content=body)
        with self._lock:
            self.relayed += 1
        return response

    def hang(self) -> None:
        self._release.wait(self.hang_seconds)


class _Handler(BaseHTTPRequestHandler):
    proxy: ChaosProxy
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def _serve(self, method: str) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        fault = self.proxy.choose_fault()
        if fault == "reset_before":
            self._reset()
            return
        if fault == "unavailable":
            self._write(503, {"content-type": "text/plain"}, b"503 Service Unavailable")
            return
        response = self.proxy.relay(method, self.path, dict(self.headers.items()), body)
        if fault == "reset_after":
            self._reset()
            return
        if fault == "timeout_after":
            self.proxy.hang()
        headers = {k: v for k, v in response.headers.items() if k.lower() not in _DROPPED_RESPONSE}
        self._write(response.status_code, headers, response.content)

    def _write(self, status: int, headers: dict[str, str], body: bytes) -> None:
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting, as intended

    def _reset(self) -> None:
        # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: tests read ``proxy.faults``."""
