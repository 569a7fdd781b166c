"""A 12-megapixel phone photo through the whole upload path: received, checked (type,
limits, full decode), turned upright, stripped of metadata, re-encoded, thumbnailed,
stored and recorded, as ``media.library.add_upload`` does for the page and the API.

    .venv/bin/python bench/bench_media.py [--runs 5]

The parent makes the photos (4000 × 3000 JPEG, quality 92, with GPS EXIF and
orientation 6, so the rotation is paid too; each one different, so none is a
duplicate) and runs one child process with a fresh data directory (SQLite, media on
disk) that uploads each in turn. The child reports the wall time of each upload and
its peak resident memory (``ru_maxrss``: Pillow's pixel buffers are C memory that
tracemalloc would not see), before the first upload and at the end. Targets (issue
16): at most 1 s and 250 MB.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZE = (4000, 3000)


def make_photo(seed: int) -> bytes:
    """A photo-like 12-megapixel JPEG: gradients under noise, GPS and orientation."""
    from PIL import Image

    noise = Image.effect_noise(SIZE, 24 + seed)
    ramp = Image.linear_gradient("L").resize(SIZE)
    across = Image.linear_gradient("L").rotate(90).resize(SIZE)
    photo = Image.merge("RGB", [noise, ramp, across])
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° to view, as phones write portrait photos
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (51.0, 30.0, float(seed)), 3: "W", 4: (0.0, 7.0, 39.0)})
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=92, exif=exif)
    return out.getvalue()


def child(folder: Path) -> None:
    os.environ["ONSHORE_DATA_DIR"] = str(folder / "data")
    os.environ["DJANGO_SETTINGS_MODULE"] = "onshore.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from onshore.accounts.models import User
    from onshore.media import library
    from onshore.workspaces.models import Workspace

    owner = User.objects.create_user(email="bench@example.com", password=None, name="Bench")
    workspace = Workspace(name="Bench", home_country="GB", home_timezone="Europe/London")
    workspace.create_with_owner(owner)
    member = workspace.memberships.get(user=owner)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times = []
    for photo in sorted(folder.glob("photo-*.jpg")):
        started = time.perf_counter()
        with photo.open("rb") as handle:
            asset, created = library.add_upload(
                member, iter(lambda h=handle: h.read(64 * 1024), b""), photo.name, "Bench"
            )
        times.append(time.perf_counter() - started)
        assert created and (asset.width, asset.height) == (3000, 4000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"times": times, "rss_before_kib": before, "rss_peak_kib": peak}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child)
        return
    with tempfile.TemporaryDirectory(prefix="onshore-bench-media-") as name:
        folder = Path(name)
        sizes = []
        for seed in range(options.runs):
            data = make_photo(seed)
            (folder / f"photo-{seed:02}.jpg").write_bytes(data)
            sizes.append(len(data))
        result = subprocess.run(
            [sys.executable, __file__, "--child", str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    times = figures["times"]
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"photos: {options.runs} × {SIZE[0]}×{SIZE[1]} JPEG, "
        f"{min(sizes) / 2**20:.1f}–{max(sizes) / 2**20:.1f} MB each"
    )
    print(
        f"upload → stored asset: median {statistics.median(times):.3f} s, "
        f"best {min(times):.3f} s, worst {max(times):.3f} s (target ≤ 1 s)"
    )
    print(
        f"peak memory (max RSS): {figures['rss_peak_kib'] / 1024:.0f} MiB "
        f"(Django set up, before the first upload: {figures['rss_before_kib'] / 1024:.0f} MiB; "
        "target ≤ 250 MB)"
    )


if __name__ == "__main__":
    main()
