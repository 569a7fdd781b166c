"""Every finding of the market-fit checker on the benchmark's posts, one JSON line per post.

    .venv/bin/python bench/dump_marketfit_findings.py OUT.jsonl [--posts 100000]

A refactor of the checker must leave this file byte for byte the same: run it on the
code before and after (the same posts each time: bench_marketfit.make_posts, fixed
seed) and compare with ``cmp``. It prints the number of findings and the file's SHA-256.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_marketfit import make_posts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--posts", type=int, default=100_000)
    args = parser.parse_args()
    from onshore.marketfit import Post, check, native

    total = 0
    digest = hashlib.sha256()
    with args.out.open("w", encoding="utf-8") as out:
        for number, (text, market, network, at) in enumerate(make_posts(args.posts)):
            findings = check(Post(text, market, network=network, at=at))
            total += len(findings)
            row = [number, [finding.to_dict() for finding in findings]]
            line = json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"
            digest.update(line.encode("utf-8"))
            out.write(line)
    print(f"{native.implementation}: {total:,} findings, sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
