"""Import a generated 10,000-row content plan (checks included) into a fresh SQLite DB.

Run: .venv/bin/python bench/bench_import.py [ROWS]
Target (issue 4): 10,000 rows in <= 20 s. Prints the seconds; results go to BENCHMARKS.md.
"""

from __future__ import annotations

import csv
import io
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from typing import Any

SEED = 4
NETWORKS = ["x", "bluesky", "mastodon", "linkedin", "x, bluesky", "mastodon, linkedin"]
SENTENCES = [
    "Our autumn blend is back in the shops this week.",
    "Try the new colour of our mugs, in stores from Monday.",
    "Fresh beans roasted this morning, delivered by Friday.",
    "Join us at 9am for a free tasting, tickets £5 at the door.",
    "Big news: a flat white that stays hot for 45 minutes.",
    "We source from farms that pay fair prices, every season.",
    "Meet the roasters behind your favourite espresso.",
]


def generate_plan(rows: int) -> bytes:
    rng = random.Random(SEED)
    start = date(2027, 1, 4)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["market", "networks", "state", "tags", "text", "link", "local_date", "local_time"]
    )
    for i in range(rows):
        writer.writerow(
            [
                "GB" if i % 3 else "US",
                rng.choice(NETWORKS),
                "draft",
                f"plan, week-{i // 140}",
                " ".join(rng.sample(SENTENCES, rng.randint(1, 3))),
                f"https://example.com/p/{i}" if i % 4 == 0 else "",
                (start + timedelta(days=i // 20)).isoformat(),
                f"{8 + i % 10:02d}:{(i * 7) % 60:02d}",
            ]
        )
    return out.getvalue().encode()


def setup_django(data_dir: str) -> None:
    os.environ["ONSHORE_DATA_DIR"] = data_dir
    os.environ.pop("ONSHORE_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onshore.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", "--verbosity", "0")


def make_workspace() -> Any:
    from onshore.accounts.models import User
    from onshore.workspaces.models import Market, Workspace

    owner = User.objects.create_user("bench@example.com", "bench-password-1234", name="Bench")
    workspace = Workspace(name="Bench Roasters", home_country="GB", home_timezone="Europe/London")
    workspace.full_clean()
    member = workspace.create_with_owner(owner)
    Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
    )
    Market.objects.create(
        workspace=workspace, country="US", language="en-US", timezone="America/New_York"
    )
    return member


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory(prefix="onshore-bench-") as data_dir:
        setup_django(data_dir)
        from onshore.posts import csvplan
        from onshore.posts.models import Post, Revision

        member = make_workspace()
        data = generate_plan(rows)
        started = time.perf_counter()
        report = csvplan.import_plan(member, data)
        seconds = time.perf_counter() - started
        assert report.ok, report.errors[:5]
        assert Post.objects.count() == rows and Revision.objects.count() == rows
        print(
            f"imported {rows:,} rows ({len(data) / 2**20:.1f} MiB) in {seconds:.1f} s "
            f"({rows / seconds:,.0f} rows/s), {report.finding_count:,} market-fit findings"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
