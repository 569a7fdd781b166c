"""A hostile "network" on 127.0.0.1: every answer is something a broken or malicious
server could send, so tests can prove onshore survives it and says so in its own words.

Each request is answered with the next of ``answers`` (cycling), one of ``ANSWERS``:
garbage ``Retry-After`` values (``²``, a 40-digit number, ``1e999``), a huge body,
a gzip bomb, non-JSON with a 200, a status whose links are ``javascript:``, a body
dripped one byte at a time, a connection closed mid-answer, and an error whose body
looks like an internal secret. It speaks just enough Mastodon for onshore to call it
a Mastodon instance (the paths do not matter: every request gets the next answer).

Follows: nothing, on purpose; what it breaks is named against RFC 9110 (HTTP
semantics: ``Retry-After`` as seconds or an HTTP-date, status codes) and RFC 9112
(message framing), which a well-behaved server keeps and this one does not.
"""

from __future__ import annotations

import functools
import gzip
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes.quiet_server import serve_on_loopback, server_url, shut_down

# Looks like something from an internal service: must never reach a page or a row.
SECRET = "AKIA-INTERNAL-SECRET-7f3c9e"
JAVASCRIPT_URL = "javascript:alert(document.cookie)"
HUGE_BYTES = 8 * 1024 * 1024
DRIP_SECONDS = 0.2


def _status(url: str) -> dict[str, Any]:
    return {
        "id": "109",
        "url": url,
        "uri": url,
        "content": "<p>hostile</p>",
        "created_at": "2026-12-01T09:30:00.000Z",
    }


Answer = Callable[[BaseHTTPRequestHandler], None]


def _send(
    handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]
) -> None:
    handler.send_response(status)
    for name, value in {"content-length": str(len(body)), **headers}.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def _json(status: int, body: Any, **headers: str) -> Answer:
    data = json.dumps(body).encode()
    return lambda h: _send(h, status, data, {"content-type": "application/json", **headers})


def _raw_header(status: int, name: str, value: str) -> Answer:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        body = json.dumps({"error": SECRET}).encode()
        handler.send_response(status)
        # Added as UTF-8 bytes: send_header encodes latin-1 and would refuse "٢".
        handler._headers_buffer.append(f"{name}: {value}\r\n".encode())  # type: ignore[attr-defined]
        handler.send_header("content-type", "application/json")
        handler.send_header("content-length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def _huge(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("content-type", "application/json")
    handler.send_header("content-length", str(HUGE_BYTES))
    handler.end_headers()
    chunk = b" " * 65536
    try:
        for _ in range(HUGE_BYTES // len(chunk)):
            handler.wfile.write(chunk)
    except OSError:
        pass  # the client stopped reading, as it should


@functools.cache
def _bomb() -> bytes:
    return gzip.compress(b"{" + b" " * (64 * 1024 * 1024) + b"}", compresslevel=9)


def _gzip_bomb(handler: BaseHTTPRequestHandler) -> None:
    body = _bomb()
    _send(handler, 200, body, {"content-type": "application/json", "content-encoding": "gzip"})


def _drip(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("content-type", "application/json")
    handler.send_header("content-length", "100000")
    handler.end_headers()
    try:
        for _ in range(100000):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(DRIP_SECONDS)
    except OSError:
        pass


def _cut(handler: BaseHTTPRequestHandler) -> None:
    handler.wfile.write(b'HTTP/1.1 200 OK\r\ncontent-length: 500\r\n\r\n{"id": ')
    handler.close_connection = True


ANSWERS: dict[str, Answer] = {
    "retry_after_superscript": _raw_header(503, "Retry-After", "²"),
    "retry_after_huge": _raw_header(429, "Retry-After", "9" * 40),
    "retry_after_float": _raw_header(503, "Retry-After", "1e999"),
    "ratelimit_reset_garbage": _raw_header(429, "X-RateLimit-Reset", "٢٠٢٦-١٢-٠١"),
    "huge_body": _huge,
    "gzip_bomb": _gzip_bomb,
    "not_json": lambda h: _send(h, 200, b"<html>" + SECRET.encode(), {"content-type": "text/html"}),
    "javascript_url": _json(200, _status(JAVASCRIPT_URL)),
    "slow_drip": _drip,
    "cut_off": _cut,
    "secret_error": lambda h: _send(h, 500, SECRET.encode(), {"content-type": "text/plain"}),
    "secret_json_error": _json(422, {"error": SECRET, "error_description": SECRET}),
    "secret_account": _json(200, {"id": "1", "acct": f"<{SECRET}>", "url": JAVASCRIPT_URL}),
}


class HostileServer:
    """``start()`` it, point a channel at ``base_url``, ``stop()`` it."""

    def __init__(self, answers: Iterable[str] = tuple(ANSWERS)) -> None:
        self.names = list(answers)
        self._cycle = itertools.cycle(self.names)
        self._lock = threading.Lock()
        self.requests: list[str] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        return server_url(self._server, "hostile server")

    def next_answer(self, path: str) -> Answer:
        with self._lock:
            self.requests.append(path)
            return ANSWERS[next(self._cycle)]

    def start(self) -> HostileServer:
        self._server = serve_on_loopback(type("Handler", (_Handler,), {"hostile": self}))
        return self

    def stop(self) -> None:
        shut_down(self._server)


class _Handler(BaseHTTPRequestHandler):
    hostile: HostileServer
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        self.hostile.next_answer(self.path)(self)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass
