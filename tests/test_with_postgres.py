"""scripts/with_postgres.py: the tests' cluster trades durability for speed; with
``--durable`` it runs as PostgreSQL ships, which is what the benchmarks measure."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "with_postgres.py"
# Prints the server's durability settings, read over ONSHORE_DATABASE_URL.
SHOW = (
    "import os, psycopg; "
    "c = psycopg.connect(os.environ['ONSHORE_DATABASE_URL']); "
    "print(*(c.execute('SHOW ' + s).fetchone()[0] for s in "
    "('fsync', 'synchronous_commit', 'full_page_writes')))"
)

needs_postgres = pytest.mark.skipif(
    not (shutil.which("initdb") or list(Path("/usr/lib/postgresql").glob("*/bin/initdb"))),
    reason="PostgreSQL is not installed (make test installs it)",
)


def durability(*options: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "ONSHORE_DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *options, "--", sys.executable, "-c", SHOW],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.splitlines()[-1].split()


@needs_postgres
def test_the_tests_cluster_is_fast_and_the_benchmarks_cluster_durable() -> None:
    assert durability() == ["off", "off", "off"]
    assert durability("--durable") == ["on", "on", "on"]


def test_an_unknown_option_is_refused_by_name() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--fast", "--", "true"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode != 0 and "--fast" in result.stderr
