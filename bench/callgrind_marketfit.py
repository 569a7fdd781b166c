"""Instructions per post of the market-fit checker, counted by callgrind.

    .venv/bin/python bench/callgrind_marketfit.py

Checks posts 1 to 3,000 of the benchmark set (warm-up), then posts 3,001-4,000 (first
pass), then the same 1,000 again (second pass: what the benchmark's best pass runs),
each in a fresh process under ``valgrind --tool=callgrind`` with PYTHONHASHSEED=0. A
run that stops after the warm-up, one that stops after the first pass and one that
makes both are subtracted from each other, so start-up and the warm-up cancel out.
Counts do not vary from run to run, unlike wall time on a shared machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

WARM_UP, MEASURED = 3_000, 1_000
BENCH = Path(__file__).resolve().parent


def run_posts(passes: int) -> None:
    sys.path.insert(0, str(BENCH))
    from bench_marketfit import make_posts

    from onshore.marketfit import Post, check

    posts = [Post(text, market, network=network, at=at) for text, market, network, at in
             make_posts(WARM_UP + MEASURED)]  # fmt: skip
    for post in posts[:WARM_UP]:
        check(post)
    for _ in range(passes):
        for post in posts[WARM_UP:]:
            check(post)


def instructions(passes: int) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
             sys.executable, __file__, str(passes)],
            check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "0"},
        )  # fmt: skip
        totals = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.M)
        assert totals is not None
        return int(totals.group(1))


def main() -> None:
    if len(sys.argv) > 1:
        run_posts(int(sys.argv[1]))
        return
    from onshore.marketfit import native

    counts = [instructions(passes) for passes in (0, 1, 2)]
    print(f"- Checker: {native.implementation}")
    print(f"- First pass: {(counts[1] - counts[0]) / MEASURED:,.0f} instructions per post")
    print(f"- Second pass: {(counts[2] - counts[1]) / MEASURED:,.0f} instructions per post")


if __name__ == "__main__":
    main()
