"""Benchmark the working-hours overlap: 12 months of weekly overlap for two people.

    .venv/bin/python bench/bench_overlap.py [--runs 50]

Times ``weekly_overlap`` for 52 weeks between pairs that exercise the expensive paths
(New York–London, two DST zones changing on different dates; a London evening shift
past midnight against Sydney; Tokyo against Chatham's quarter-hour zone), plus the
describing sentences and a year of transitions for one zone. Prints the median and
worst of the timed runs after one warm-up, and the machine. Target: well under 100 ms
for one pair's 12 months. Django-free: no database, no settings.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime

from onshore.localtime import (
    Schedule,
    describe_overlap_changes,
    parse_weekly_hours,
    upcoming_transitions,
    weekly_overlap,
)

MON_FRI = ("mon", "tue", "wed", "thu", "fri")


def schedule(zone: str, start: str = "09:00", end: str = "17:30") -> Schedule:
    return Schedule(zone, parse_weekly_hours({day: [[start, end]] for day in MON_FRI}))


PAIRS = {
    "New York–London": (schedule("Europe/London"), schedule("America/New_York")),
    "London evenings–Sydney": (
        schedule("Europe/London", "18:00", "02:00"),
        schedule("Australia/Sydney"),
    ),
    "Tokyo–Chatham": (schedule("Asia/Tokyo"), schedule("Pacific/Chatham")),
}
START = date(2026, 11, 30)


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and worst wall time in milliseconds, after one untimed warm-up."""
    action()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), max(times)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    print(f"machine: nproc={os.cpu_count()}, CPU {cpu_model()!r}, Python {sys.version.split()[0]}")
    print(f"{runs} timed runs each, after one warm-up; weeks from {START}")
    for name, (a, b) in PAIRS.items():
        median, worst = timed(lambda a=a, b=b: weekly_overlap(a, b, START, 52), runs)
        print(f"weekly_overlap, 52 weeks, {name}: median {median:.1f} ms, worst {worst:.1f} ms")
    london, new_york = PAIRS["New York–London"]
    median, worst = timed(
        lambda: describe_overlap_changes(london, new_york, START, 52, other_name="Priya"), runs
    )
    print(f"describe_overlap_changes, 52 weeks: median {median:.1f} ms, worst {worst:.1f} ms")
    year = (datetime(2027, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))
    median, worst = timed(lambda: upcoming_transitions("America/New_York", *year), runs)
    print(f"upcoming_transitions, one year: median {median:.1f} ms, worst {worst:.1f} ms")


if __name__ == "__main__":
    main()
