#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL cluster, then remove the cluster.

    python scripts/with_postgres.py [--durable] -- pytest -m postgres

initdb into a temporary directory, start on a free loopback port, export
ONSHORE_DATABASE_URL for the command, and stop and delete everything afterwards,
whatever the command's outcome. PostgreSQL refuses to run as root, so as root the
server runs as the ``postgres`` system user.

For tests the cluster trades durability for speed (``fsync``, ``synchronous_commit``
and ``full_page_writes`` off: a throwaway cluster has nothing to lose). ``--durable``
keeps PostgreSQL's shipped defaults instead, so that benchmarks measure what users run;
BENCHMARKS.md says which figures came from which.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile


def find_pg_binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if not candidates:
        sys.exit(
            f"with_postgres: {name} not found; install PostgreSQL 15 (apt-get install postgresql)"
        )
    return candidates[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


# Off for tests only: every commit would otherwise wait for the disk.
FAST_BUT_NOT_DURABLE = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def server_options(port: int, socket_dir: str, durable: bool) -> str:
    options = f"-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1 -c max_connections=200"
    return options if durable else f"{options} {FAST_BUT_NOT_DURABLE}"


def main(argv: list[str]) -> int:
    if "--" not in argv:
        sys.exit("usage: with_postgres.py [--durable] -- COMMAND [ARGS…]")
    own, command = argv[1 : argv.index("--")], argv[argv.index("--") + 1 :]
    if set(own) - {"--durable"}:
        sys.exit(f"with_postgres: unknown option {sorted(set(own) - {'--durable'})[0]}")
    durable = "--durable" in own
    workdir = tempfile.mkdtemp(prefix="onshore-pg-")
    data, port = os.path.join(workdir, "data"), free_port()
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres", "postgres")
    quiet = {"stdout": subprocess.DEVNULL}
    try:
        subprocess.run(
            as_server_user(
                [
                    find_pg_binary("initdb"),
                    "-D",
                    data,
                    "-U",
                    "onshore",
                    "-A",
                    "trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--locale",
                    "C.UTF-8",
                ]
            ),
            check=True,
            **quiet,
        )
        options = server_options(port, workdir, durable)
        subprocess.run(
            as_server_user(
                [
                    find_pg_binary("pg_ctl"),
                    "-D",
                    data,
                    "-o",
                    options,
                    "-l",
                    os.path.join(workdir, "log"),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            **quiet,
        )
        subprocess.run(
            [
                find_pg_binary("createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "onshore",
                "onshore",
            ],
            check=True,
        )
        env = dict(os.environ, ONSHORE_DATABASE_URL=f"postgres://onshore@127.0.0.1:{port}/onshore")
        durability = "as shipped (fsync on)" if durable else "fsync and synchronous_commit off"
        print(f"with_postgres: PostgreSQL on 127.0.0.1:{port}, {durability}", flush=True)
        return subprocess.run(command, env=env).returncode
    finally:
        subprocess.run(
            as_server_user([find_pg_binary("pg_ctl"), "-D", data, "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
