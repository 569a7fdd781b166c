"""The data directory and the SQLite files in it are private to the account running onshore.

The database holds password hashes, session keys and (encrypted) channel credentials,
and the data directory the key that decrypts them: nobody else on the machine may read
them. A new data directory is created 0700; each SQLite file (the database, its WAL,
shared-memory and rollback journal) is made 0600 when the first connection opens it.
SQLite creates a later ``-wal`` or ``-shm`` with the database file's own mode, so they
stay 0600 too. An existing directory open to others is left as it is (its owner may
have reasons) but named at start-up, with the command that closes it.
"""

from __future__ import annotations

import contextlib
import stat
from pathlib import Path
from typing import Any

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SQLITE_FILES = ("", "-wal", "-shm", "-journal")  # suffixes of a database's files

_made_private: set[str] = set()


def create_private_dir(path: Path) -> str | None:
    """Create ``path`` (0700) if missing; a warning for the user if it exists and is open."""
    try:
        path.mkdir(parents=True, mode=PRIVATE_DIR)
    except FileExistsError:
        return open_dir_warning(path)
    path.chmod(PRIVATE_DIR)  # mkdir's mode passes through the umask
    return None


def open_dir_warning(path: Path) -> str | None:
    """What to tell the user when others may enter or read the data directory."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if not mode & 0o077:
        return None
    return (
        f"onshore: warning: the data directory {path} is open to other users (mode "
        f"{mode:04o}); it holds the database with password hashes and sessions, and the "
        f"key to the stored credentials. Close it with: chmod 700 {path}"
    )


def make_private(path: Path) -> None:
    """chmod 0600 when the file exists."""
    with contextlib.suppress(FileNotFoundError):
        path.chmod(PRIVATE_FILE)


def make_sqlite_files_private(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: the database's files are 0600, once per process."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict["NAME"])
    if name in _made_private or name == ":memory:" or "mode=memory" in name:
        return
    for suffix in SQLITE_FILES:
        make_private(Path(name + suffix))
    _made_private.add(name)
