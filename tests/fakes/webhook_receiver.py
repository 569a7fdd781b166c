"""A real webhook receiver on 127.0.0.1 that records what it gets.

Answers 204 by default; ``respond_next`` queues other answers (status, headers,
body) and ``hang_next`` holds an answer past the sender's timeout after recording
the delivery, which is how a sender ends up not knowing whether it arrived.

Follows: Standard Webhooks v1.0.0 (https://www.standardwebhooks.com): a receiver
answers 2xx to accept, and any other status or no answer asks the sender to retry;
it records ``webhook-id``, ``webhook-timestamp`` and ``webhook-signature`` as sent,
for tests to verify (tests/networks/test_webhook.py).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes.quiet_server import serve_on_loopback, server_url, shut_down


@dataclass
class Delivery:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class _Answer:
    status: int = 204
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    hang_seconds: float = 0.0


class WebhookReceiver:
    def __init__(self) -> None:
        self.deliveries: list[Delivery] = []
        self._answers: list[_Answer] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return server_url(self._server, "receiver") + "/hooks/onshore"

    def respond_next(
        self, status: int, *, headers: dict[str, str] | None = None, body: str = ""
    ) -> None:
        with self._lock:
            self._answers.append(_Answer(status, dict(headers or {}), body.encode()))

    def hang_next(self, seconds: float) -> None:
        with self._lock:
            self._answers.append(_Answer(hang_seconds=seconds))

    def start(self) -> WebhookReceiver:
        handler = type("Handler", (_Handler,), {"receiver": self})
        self._server = serve_on_loopback(handler)
        return self

    def stop(self) -> None:
        self._release.set()
        shut_down(self._server)

    def record(self, delivery: Delivery) -> _Answer:
        with self._lock:
            self.deliveries.append(delivery)
            return self._answers.pop(0) if self._answers else _Answer()

    def wait_or_release(self, seconds: float) -> None:
        self._release.wait(seconds)


class _Handler(BaseHTTPRequestHandler):
    receiver: WebhookReceiver
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without this, Nagle plus delayed
    # ACKs add ~40 ms to every request on loopback.
    disable_nagle_algorithm = True

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        headers = {name.lower(): value for name, value in self.headers.items()}
        answer = self.receiver.record(Delivery(self.path, headers, body))
        if answer.hang_seconds:
            self.receiver.wait_or_release(answer.hang_seconds)
        try:
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: tests read ``receiver.deliveries``."""
