"""The data directory (0700) and the SQLite files in it (0600) are private to onshore's user.

They hold password hashes, session keys and the key to the stored credentials.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from onshore.config import data_dir

# Migrate a fresh data dir under a umask that lets everyone read, then report the modes
# while a connection holds the database open in WAL mode (so -wal and -shm exist).
MIGRATE_AND_REPORT = """
import json, os, stat, sys
os.umask(0o022)
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("DELETE FROM django_session")
directory = os.environ["ONSHORE_DATA_DIR"]
print(json.dumps({
    name: stat.S_IMODE(os.stat(os.path.join(directory, name)).st_mode)
    for name in [".", *os.listdir(directory)]
}))
"""


def test_start_up_and_migrate_make_the_dir_0700_and_database_files_0600(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "ONSHORE_DATABASE_URL"}
    env.update(ONSHORE_DATA_DIR=str(directory), DJANGO_SETTINGS_MODULE="onshore.settings")
    done = subprocess.run(
        [sys.executable, "-c", MIGRATE_AND_REPORT], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    modes = json.loads(done.stdout.strip().splitlines()[-1])
    assert modes["."] == 0o700
    database = ("onshore.sqlite3", "onshore.sqlite3-wal", "onshore.sqlite3-shm")
    assert {name: modes.get(name) for name in database} == dict.fromkeys(database, 0o600)
    assert modes["secret_key"] == 0o600
    assert "warning" not in done.stderr


def test_a_new_data_dir_is_0700_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ONSHORE_DATA_DIR", str(tmp_path / "new" / "data"))
    old = os.umask(0o022)
    try:
        path = data_dir()
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o700
    assert capsys.readouterr().err == ""


def test_an_existing_dir_open_to_others_is_named_at_start_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    open_dir = tmp_path / "shared"
    open_dir.mkdir()
    open_dir.chmod(0o755)
    monkeypatch.setenv("ONSHORE_DATA_DIR", str(open_dir))
    data_dir()
    err = capsys.readouterr().err
    assert f"data directory {open_dir} is open to other users (mode 0755)" in err
    assert f"chmod 700 {open_dir}" in err
    assert stat.S_IMODE(open_dir.stat().st_mode) == 0o755  # told, not changed
