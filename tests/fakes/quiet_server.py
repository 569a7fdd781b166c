"""The HTTP server the local fakes run on: quiet about clients that vanish mid-request.

Python's ``http.server.ThreadingHTTPServer`` (docs.python.org/3/library/http.server),
bound to 127.0.0.1 on a free port; the fakes built on it name the pages they follow."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that died or gave up mid-request (a SIGKILLed worker, a timeout) is
        # what these tests are made of, not an error worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve_on_loopback(handler: type[BaseHTTPRequestHandler]) -> QuietServer:
    """Start ``handler`` on a free 127.0.0.1 port in a daemon thread."""
    server = QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def server_url(server: ThreadingHTTPServer | None, what: str) -> str:
    assert server is not None, f"start() the {what} first"
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


def shut_down(server: ThreadingHTTPServer | None) -> None:
    if server is not None:
        server.shutdown()
        server.server_close()
