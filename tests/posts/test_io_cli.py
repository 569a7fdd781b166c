"""``onshore import`` and ``onshore export`` (Django management commands)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from onshore.posts.models import Post

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

PLAN = (
    "market,networks,tags,text,local_date,local_time\n"
    "GB,x,autumn,Our color range,2026-12-01,09:30\n"
    "GB,bluesky,,Fresh beans,,\n"
)


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_then_export_round_trip(team: Any, tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN)
    out, _ = run(
        "import", str(plan), "--workspace", team.workspace.slug, "--as", "contributor@example.com"
    )
    assert "2 post(s) imported" in out and "line 2:" in out  # "color" is a finding in GB
    assert set(Post.objects.values_list("author__email", flat=True)) == {"contributor@example.com"}

    target = tmp_path / "out.csv"
    _, err = run("export", "--workspace", team.workspace.slug, "--tag", "autumn", "-o", str(target))
    assert "1 post(s) exported" in err
    exported = target.read_text()
    assert "Our color range" in exported and "Fresh beans" not in exported
    stdout, _ = run(
        "export", "--workspace", team.workspace.slug, "--market", "GB", "--from", "2026-11-01"
    )
    assert stdout.startswith("market,networks,state,tags,text,link,local_date,local_time")
    assert "2026-12-01,09:30" in stdout


def test_dry_run_saves_nothing_and_defaults_to_the_owner(team: Any, tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN)
    out, _ = run("import", str(plan), "--workspace", team.workspace.slug, "--dry-run")
    assert "would be imported (dry run)" in out and Post.objects.count() == 0


def test_refused_rows_exit_1_and_usage_errors_exit_2(team: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("text,state\nHi,published\n")
    slug = team.workspace.slug
    with pytest.raises(CommandError) as refused:
        run("import", str(bad), "--workspace", slug)
    assert refused.value.returncode == 1 and Post.objects.count() == 0
    for args in (
        ("import", str(tmp_path / "missing.csv"), "--workspace", slug),
        ("import", str(bad), "--workspace", "nope"),
        ("import", str(bad), "--workspace", slug, "--as", "viewer@example.com"),
        ("import", str(bad), "--workspace", slug, "--as", "outsider@example.com"),
        ("export", "--workspace", slug, "--state", "done"),
        ("export", "--workspace", slug, "--from", "yesterday"),
        ("export", "--workspace", "nope"),
    ):
        with pytest.raises(CommandError) as usage:
            run(*args)
        assert usage.value.returncode == 2, args


def test_refused_rows_are_listed_on_stderr(team: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("text,state\nHi,published\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", str(bad), "--workspace", team.workspace.slug, stderr=err)
    assert "line 2, column state:" in err.getvalue()


def test_the_onshore_command_reaches_import_and_reports_usage_with_exit_2() -> None:
    env = {**os.environ, "ONSHORE_DATA_DIR": os.environ.get("ONSHORE_DATA_DIR", "var/test")}
    onshore = Path(sys.executable).with_name("onshore")
    result = subprocess.run(
        [str(onshore), "import"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 2 and "--workspace" in result.stderr
    assert result.stdout == ""
