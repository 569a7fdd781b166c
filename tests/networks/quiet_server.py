"""The HTTP server the local fakes run on: quiet about clients that vanish mid-request."""

from __future__ import annotations

import sys
from http.server import ThreadingHTTPServer
from typing import Any


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that died or gave up mid-request (a SIGKILLed worker, a timeout) is
        # what these tests are made of, not an error worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)
