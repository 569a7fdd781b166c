"""``onshore media prune --older-than DAYS`` as a user runs it."""

from __future__ import annotations

from pathlib import Path

from tests.processes import run


def test_prune_runs_from_the_onshore_command_and_checks_its_days(tmp_path: Path) -> None:
    assert run(["migrate", "--verbosity", "0"], tmp_path).returncode == 0
    done = run(["media", "prune", "--older-than", "30"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "0 unused files removed, 0 bytes freed" in done.stdout
    bad = run(["media", "prune", "--older-than", "soon"], tmp_path)
    assert bad.returncode != 0
    assert "expected a whole number of days" in bad.stderr
