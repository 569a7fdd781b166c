"""A 12-megapixel photo fitted to Bluesky's former 1 MB image limit, as publishing does
through ``media.outgoing.file_for_network`` (``processing.fit_image``).

    .venv/bin/python bench/bench_fit.py [--runs 5] [--limit 1000000]

The parent makes the photo (4000 × 3000 JPEG, quality 92: gradients under noise, as
bench_media.py makes them, about 4.5–5 MB; what an upload stores) and runs one child
process that fits it ``--runs`` times. The child prints each run's wall time, the
output's size and dimensions, whether every run gave the same bytes, and its peak
resident memory (``ru_maxrss``; Pillow's pixel buffers are C memory that tracemalloc
would not see) before the first fit and at the end.
"""

from __future__ import annotations

import argparse
import hashlib
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


def make_photo() -> bytes:
    from PIL import Image

    noise = Image.effect_noise(SIZE, 24)
    ramp = Image.linear_gradient("L").resize(SIZE)
    across = Image.linear_gradient("L").rotate(90).resize(SIZE)
    out = io.BytesIO()
    Image.merge("RGB", [noise, ramp, across]).save(out, format="JPEG", quality=92)
    return out.getvalue()


def child(path: Path, runs: int, limit: int) -> None:
    from onshore.media.processing import FitSpec, fit_image

    data = path.read_bytes()
    spec = FitSpec(max_bytes=limit, network="Bluesky")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times, digests, fitted = [], set(), None
    for _ in range(runs):
        started = time.perf_counter()
        fitted = fit_image(data, "image/jpeg", spec)
        times.append(time.perf_counter() - started)
        digests.add(hashlib.sha256(fitted.data).hexdigest())
    assert fitted is not None
    print(
        json.dumps(
            {
                "times": times,
                "input_bytes": len(data),
                "output_bytes": len(fitted.data),
                "output_size": [fitted.width, fitted.height],
                "mime": fitted.mime,
                "same_bytes_every_run": len(digests) == 1,
                "maxrss_before_mib": before / 1024,
                "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=int, default=1_000_000)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.runs, args.limit)
        return
    with tempfile.TemporaryDirectory() as folder:
        photo = Path(folder) / "photo.jpg"
        photo.write_bytes(make_photo())
        command = [sys.executable, __file__, "--child", str(photo), "--runs", str(args.runs)]
        answer = subprocess.run(
            [*command, "--limit", str(args.limit)], capture_output=True, text=True, check=True
        )
    result = json.loads(answer.stdout)
    times = result["times"]
    print(f"machine: {platform.processor() or platform.machine()}, nproc {os.cpu_count()}")
    print(f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        f"input: {SIZE[0]}×{SIZE[1]} JPEG, {result['input_bytes']:,} bytes; "
        f"limit {args.limit:,} bytes"
    )
    print(
        f"output: {result['mime']} {result['output_size'][0]}×{result['output_size'][1]}, "
        f"{result['output_bytes']:,} bytes; same bytes every run: "
        f"{result['same_bytes_every_run']}"
    )
    print(
        f"fit time over {len(times)} runs: median {statistics.median(times):.3f} s, "
        f"best {min(times):.3f} s, worst {max(times):.3f} s"
    )
    print(
        f"peak RSS: {result['maxrss_mib']:.0f} MiB "
        f"({result['maxrss_before_mib']:.0f} MiB before the first fit)"
    )


if __name__ == "__main__":
    main()
