"""A local HTTPS server for tests, with its own certificate and a trust store for it.

The outbound policy calls https only; tests reach this server on 127.0.0.1 (allowed by
the policy's loopback setting) and trust its self-signed certificate through the
``ssl.SSLContext`` in ``TlsServer.trust``, never by turning verification off.
``routes_handler`` serves fixed answers by path (media files, redirects, errors).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.fakes.quiet_server import QuietServer, serve_on_loopback, shut_down


def self_signed(names: Sequence[str]) -> tuple[bytes, bytes]:
    """(certificate, key) in PEM for ``names``: host names and IP literals."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    alternatives = [_general_name(name) for name in names]
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        # Fixed, wide validity: tests travel in time (time-machine moves Python's clock,
        # not OpenSSL's), so "now" in Python says nothing about the clock that checks.
        .not_valid_before(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2100, 1, 1, tzinfo=dt.UTC))
        .add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def _general_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


@dataclass
class TlsServer:
    server: QuietServer
    trust: ssl.SSLContext  # trusts this server's certificate only
    sni_names: list[str | None] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"https://{host}:{self.port}{path}"

    def stop(self) -> None:
        shut_down(self.server)


def serve_tls(
    handler: type[BaseHTTPRequestHandler],
    folder: Path,
    names: Sequence[str] = ("localhost", "127.0.0.1"),
) -> TlsServer:
    """Start ``handler`` over TLS on a free 127.0.0.1 port; its certificate (for
    ``names``) and key are written to ``folder``."""
    cert, key = self_signed(names)
    (folder / "cert.pem").write_bytes(cert)
    (folder / "key.pem").write_bytes(key)
    server_side = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_side.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    sni_names: list[str | None] = []
    server_side.sni_callback = lambda sock, name, ctx: sni_names.append(name)  # type: ignore[assignment,return-value]
    server = serve_on_loopback(handler)
    server.socket = server_side.wrap_socket(server.socket, server_side=True)
    trust = ssl.create_default_context(cafile=str(folder / "cert.pem"))
    return TlsServer(server, trust, sni_names)


# A route's answer: status, headers and body.
Answer = tuple[int, dict[str, str], bytes]


def routes_handler(routes: dict[str, Answer], requests: list[str]) -> type[BaseHTTPRequestHandler]:
    """A handler answering GET ``path`` from ``routes`` (404 otherwise), recording each
    requested path in ``requests``. A ``content-length`` header of ``"none"`` leaves
    the length out, so the client reads until the connection closes."""

    class Routes(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            status, headers, body = routes.get(self.path, (404, {}, b"not here"))
            self.send_response(status)
            declared = headers.get("content-length", str(len(body)))
            for name, value in headers.items():
                if name != "content-length":
                    self.send_header(name, value)
            if declared != "none":
                self.send_header("content-length", declared)
            self.end_headers()
            # The client may stop reading early: that is what a size limit does (over
            # TLS the hang-up may surface as an SSLError, an OSError too).
            with contextlib.suppress(OSError):
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Routes
