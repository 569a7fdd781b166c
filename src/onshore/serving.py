"""How onshore serves the web app: gunicorn's settings, and an access log that names
routes without the secrets some of them carry.

- gunicorn (25.1+) opens a control socket, by default one per user
  (``$XDG_RUNTIME_DIR/gunicorn.ctl`` or ``~/.gunicorn/gunicorn.ctl``): two onshore
  instances on one host would share it, and stopping one deletes the other's. Each
  instance keeps its own in its data dir, or none when that path is too long for a
  UNIX socket.
- Some URLs are bearer secrets (onshore.url_secrets): the access log writes them as
  ``…`` wherever they appear in a line (request line, path, query, referrer, headers).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from onshore.config import env_int
from onshore.url_secrets import redact, secrets_in_request

CONTROL_SOCKET_NAME = "gunicorn.ctl"
# sockaddr_un holds 108 bytes with the terminating NUL (Linux).
UNIX_SOCKET_PATH_MAX = 107
# Atoms that are facts of the connection, not text the client sent: never rewritten
# (a crafted "token" must not blur the address, time or status of its own line).
CONNECTION_ATOMS = frozenset({"h", "t", "s", "m", "H", "b", "B", "T", "D", "M", "L", "p"})


def control_socket_settings(data_dir: Path) -> dict[str, Any]:
    """gunicorn's control socket in the data dir; off when the path cannot be bound."""
    path = str(data_dir / CONTROL_SOCKET_NAME)
    if len(path.encode()) > UNIX_SOCKET_PATH_MAX:
        return {"control_socket_disable": True}
    return {"control_socket": path, "control_socket_disable": False}


def gunicorn_settings(host: str, port: int, data_dir: Path) -> dict[str, Any]:
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": env_int("ONSHORE_WEB_WORKERS", 2, minimum=1),
        "threads": env_int("ONSHORE_WEB_THREADS", 4, minimum=1),
        "accesslog": "-",
        "logger_class": SecretSafeLogger,
        "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
        **control_socket_settings(data_dir),
    }


def serve(host: str, port: int) -> None:
    """Run gunicorn in this process (Django is set up) until it is stopped."""
    from onshore.wsgi import application

    class OnshoreServer(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for name, value in gunicorn_settings(host, port, settings.DATA_DIR).items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            return application

    OnshoreServer().run()


# --- the access log ------------------------------------------------------------------


class SecretSafeLogger(Logger):  # type: ignore[misc]
    """gunicorn's logger, with the secrets of secret-bearing routes left out of the
    access log (every atom the client wrote: request line, path, query, referrer,
    headers, environ)."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> Any:
        atoms = super().atoms(resp, req, environ, request_time)
        secrets = secrets_in_request(environ)
        if not secrets:
            return atoms
        return {
            key: redact(value, secrets)
            if isinstance(value, str) and key not in CONNECTION_ATOMS
            else value
            for key, value in atoms.items()
        }
