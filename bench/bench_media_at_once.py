"""100 photo uploads at once to ``onshore up``: every one answered, none an error.

    .venv/bin/python bench/bench_media_at_once.py [--uploads 100] [--megapixels 12]

Starts ``onshore up`` (migrate, demo, gunicorn with the default 2 workers × 4 threads,
the publishing worker) on a free loopback port in a fresh data directory, gives the
demo's owner an API token, then sends every upload at once (one thread each) to
``POST /api/v1/workspaces/{slug}/media``: distinct JPEGs (a different patch in each,
so none is a duplicate) with GPS EXIF. Prints the answers by status, the wall time,
the median and worst answer time, the assets stored, and the peak resident memory
(VmHWM) of each of onshore's processes.
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def photos(count: int, megapixels: int) -> list[bytes]:
    from PIL import Image

    width = int((megapixels * 1_000_000 * 4 / 3) ** 0.5)
    size = (width, width * 3 // 4)
    base = Image.merge(
        "RGB",
        [
            Image.effect_noise(size, 30),
            Image.linear_gradient("L").resize(size),
            Image.linear_gradient("L").rotate(90).resize(size),
        ],
    )
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 30.0, 26.0)})
    made = []
    for index in range(count):
        # A white square in a new place each time: re-encoding cannot make two equal.
        left = 64 * (index % (size[0] // 64))
        top = 64 * (index // (size[0] // 64))
        base.paste((255, 255, 255), (left, top, left + 64, top + 64))
        out = io.BytesIO()
        base.save(out, format="JPEG", quality=90, exif=exif)
        made.append(out.getvalue())
    return made


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("onshore up exited before it answered")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"onshore up did not answer within {seconds:.0f} s")


def api_token(data_dir: Path) -> tuple[str, str]:
    """A token for the demo's owner, made through Django on the same database."""
    os.environ["ONSHORE_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "onshore.settings"
    import django

    django.setup()
    from onshore.accounts.models import PersonalAccessToken
    from onshore.demo import DEMO_SLUG
    from onshore.workspaces.models import Membership

    owner = Membership.objects.filter(workspace__slug=DEMO_SLUG, role="owner").first()
    assert owner is not None, "the demo has no owner"
    return DEMO_SLUG, PersonalAccessToken.issue(owner.user, "bench")[1]


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def peak_memory(pid: int) -> list[tuple[str, int]]:
    """(command, VmHWM in MiB) of the process and everything it started."""
    peaks = []
    for process in descendants(pid):
        try:
            status = Path(f"/proc/{process}/status").read_text()
            command = Path(f"/proc/{process}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks.append((command.decode()[:60], int(line.split()[1]) // 1024))
    return peaks


def send(url: str, token: str, name: str, data: bytes) -> tuple[int, float]:
    started = time.perf_counter()
    with httpx.Client(timeout=300) as client:
        answer = client.post(
            url,
            headers={"Authorization": f"Bearer {token}"},
            files={"file": (name, data, "image/jpeg")},
            data={"alt_text": f"Bench photo {name}"},
        )
    return answer.status_code, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=100)
    parser.add_argument("--megapixels", type=int, default=12)
    options = parser.parse_args()
    made = photos(options.uploads, options.megapixels)
    with tempfile.TemporaryDirectory(prefix="onshore-bench-upload-") as folder:
        data_dir = Path(folder)
        port = free_port()
        env = {**os.environ, "ONSHORE_DATA_DIR": str(data_dir), "ONSHORE_LOG_LEVEL": "WARNING"}
        server = subprocess.Popen(
            [sys.executable, "-m", "onshore.cli", "up", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            site = f"http://127.0.0.1:{port}"
            wait_until_up(site, server)
            slug, token = api_token(data_dir)
            url = f"{site}/api/v1/workspaces/{slug}/media"
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=len(made)) as pool:
                results = list(
                    pool.map(
                        lambda item: send(url, token, f"IMG_{item[0]:04}.jpg", item[1]),
                        enumerate(made),
                    )
                )
            wall = time.perf_counter() - started
            peaks = peak_memory(server.pid)
            from onshore.media.models import Asset

            stored = Asset.objects.count()
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
    statuses = Counter(status for status, _ in results)
    seconds = [elapsed for _, elapsed in results]
    print(
        f"{len(made)} uploads of {options.megapixels} MP JPEGs "
        f"({min(map(len, made)) / 2**20:.1f}–{max(map(len, made)) / 2**20:.1f} MB) at once, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"answers: {dict(sorted(statuses.items()))}; assets stored: {stored}")
    print(
        f"wall {wall:.1f} s; answer time median {statistics.median(seconds):.1f} s, "
        f"worst {max(seconds):.1f} s"
    )
    for command, mib in sorted(peaks, key=lambda p: -p[1]):
        print(f"  peak {mib:4d} MiB  {command}")
    if set(statuses) != {201}:
        raise SystemExit("some uploads were not stored")


if __name__ == "__main__":
    main()
