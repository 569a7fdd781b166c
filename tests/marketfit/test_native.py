"""The checker's compiled build (mypyc, see onshore/marketfit/native.py).

`make test` compiles it first, so the rest of the suite checks with the build users
get; these tests hold it to the plain-Python modules it is compiled from: identical
findings on the corpus, every rule example and generated posts, and the plain modules
used whenever the build does not match the sources beside it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from onshore.marketfit import NETWORKS, RULES, Post, check, native, parse_at
from tests.marketfit.fragments import RULE_FRAGMENTS as FRAGMENTS

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "marketfit" / "corpus.jsonl"
MARKETS = ("US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA", "DE", "JP")
PURE_PYTHON = os.environ.get("ONSHORE_PURE_PYTHON", "") not in ("", "0")

needs_build = pytest.mark.skipif(
    PURE_PYTHON, reason="ONSHORE_PURE_PYTHON=1: this run checks with the plain modules"
)


@needs_build
def test_the_suite_checks_with_the_compiled_build() -> None:
    assert native.implementation == "compiled", (
        "the compiled checker is missing or older than its sources: "
        "run `make checker` (make test does)"
    )
    import onshore.marketfit._engine as engine

    assert Path(engine.__file__ or "").parent == native.BUILD_DIR


def posts_to_compare() -> list[dict[str, object]]:
    """The corpus, every rule example, and 1,500 posts built from the trigger fragments
    (fixed seed), with networks and instants so the length and timing rules run."""
    posts: list[dict[str, object]] = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        posts.append({"id": row["id"], "text": row["text"], "market": row["market"]})
    for rule in RULES.values():
        for number, example in enumerate(rule.examples):
            post = {"id": f"{rule.id}#{number}", "text": example.text, "market": example.market}
            if example.at:
                post["at"] = example.at
            if example.network:
                post["network"] = example.network
            posts.append(post)
    rng = random.Random(20261125)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for number in range(1500):
        words = [rng.choice(FRAGMENTS) for _ in range(rng.randrange(1, 16))]
        at = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 365))
        posts.append(
            {
                "id": f"generated-{number}",
                "text": " ".join(words),
                "market": rng.choice(MARKETS),
                "network": rng.choice(NETWORKS),
                "at": at.isoformat(),
            }
        )
    return posts


@needs_build
def test_compiled_and_plain_python_find_the_same(tmp_path: Path) -> None:
    posts = posts_to_compare()
    source = tmp_path / "posts.jsonl"
    source.write_text("".join(json.dumps(post) + "\n" for post in posts), encoding="utf-8")
    plain = subprocess.run(
        [sys.executable, "-m", "onshore.marketfit", "--jsonl", str(source), "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "ONSHORE_PURE_PYTHON": "1"},
        check=False,
    )
    assert plain.returncode in (0, 1), plain.stderr
    by_plain_python = [json.loads(line) for line in plain.stdout.splitlines()]

    compiled = []
    for post in posts:
        at = post.get("at")
        findings = check(
            Post(
                str(post["text"]),
                str(post["market"]),
                network=post.get("network"),  # type: ignore[arg-type]
                at=parse_at(at) if isinstance(at, str) else None,
            )
        )
        compiled.append({"id": post["id"], "findings": [vars_of(f) for f in findings]})
    assert len(by_plain_python) == len(posts)
    assert sum(len(row["findings"]) for row in compiled) > 1000  # the comparison has teeth
    for plain_row, compiled_row in zip(by_plain_python, compiled, strict=True):
        assert compiled_row == plain_row


def vars_of(finding: object) -> dict[str, object]:
    names = ("rule", "category", "severity", "message", "start", "end", "suggestion")
    return {name: getattr(finding, name) for name in names}


def copy_package(root: Path) -> Path:
    """The package with its build, copied to ``root/onshore``."""
    copy = root / "onshore"
    shutil.copytree(
        native.PACKAGE_DIR, copy / "marketfit", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(native.PACKAGE_DIR.parent / "__init__.py", copy / "__init__.py")
    return copy


def implementation_in(package_root: Path, env: dict[str, str] | None = None) -> str:
    """Which build `import onshore.marketfit` picks from a copy at ``package_root``,
    after checking one post with it."""
    script = (
        "from onshore.marketfit import Post, check, native\n"
        "assert check(Post('Our new color range.', 'GB'))[0].rule == 'spelling.variant'\n"
        "print(native.implementation)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(package_root), **(env or {})},
        cwd=package_root,
        check=True,
    )
    return result.stdout.strip()


@needs_build
def test_a_build_older_than_its_sources_is_not_used(tmp_path: Path) -> None:
    """A checker module edited after compiling: the plain modules run (with the edit)
    until the build is made again, never the stale build."""
    copy = copy_package(tmp_path)
    assert implementation_in(tmp_path) == "compiled"  # the copy works from elsewhere

    engine = copy / "marketfit" / "_engine.py"
    engine.write_text(engine.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert implementation_in(tmp_path) == "python"


def test_pure_python_on_request(tmp_path: Path) -> None:
    copy = copy_package(tmp_path)
    assert implementation_in(tmp_path, {"ONSHORE_PURE_PYTHON": "1"}) == "python"
    shutil.rmtree(copy / "marketfit" / "_compiled", ignore_errors=True)
    assert implementation_in(tmp_path) == "python"  # no build: plain Python, still works


@needs_build
def test_a_damaged_build_is_not_used(tmp_path: Path) -> None:
    copy = copy_package(tmp_path)
    for library in (copy / "marketfit" / "_compiled").glob(f"{native.GROUP_NAME}__mypyc*"):
        library.write_bytes(b"not a shared library")
    assert implementation_in(tmp_path) == "python"


@needs_build
def test_a_failed_compile_is_reported_and_keeps_the_build() -> None:
    """`make run` goes on as plain Python when the C compiler fails (--optional) and
    says so; `make test` (without the flag) stops. Neither touches the build."""
    digest = (native.BUILD_DIR / native.DIGEST_FILE).read_text(encoding="ascii")
    command = [sys.executable, str(REPO / "scripts" / "compile_checker.py"), "--force"]
    env = {**os.environ, "CC": "/bin/false"}
    optional = subprocess.run(
        [*command, "--optional"], capture_output=True, text=True, env=env, check=False
    )
    assert optional.returncode == 0
    assert "could not compile the checker" in optional.stderr
    required = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert required.returncode != 0
    assert (native.BUILD_DIR / native.DIGEST_FILE).read_text(encoding="ascii") == digest
    assert native.build_is_current()
