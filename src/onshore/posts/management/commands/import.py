"""``onshore import FILE --workspace SLUG [--dry-run] [--as EMAIL]``: import a content plan.

Media items of the plan may name files beside FILE (``photos/shop.jpg``); reading the
plan from standard input, there is no folder and only URLs and library hashes work.

Exit status: 0 imported (or the dry run found nothing wrong), 1 rows refused (nothing was
imported), 2 usage error (no such file, workspace or member).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onshore.posts import csvplan
from onshore.workspaces.models import Membership, Workspace
from onshore.workspaces.roles import Capability, Role


class Command(BaseCommand):
    help = "Import a content plan from CSV (onshore's or Hootsuite's layout): every row or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV file, or - for standard input")
        parser.add_argument("--workspace", required=True, help="the workspace's slug")
        parser.add_argument("--dry-run", action="store_true", help="check every row, save none")
        parser.add_argument(
            "--as",
            dest="as_email",
            default="",
            help="import as this member (e-mail); default: the workspace's first owner",
        )
        parser.add_argument("--market", default="", help="market for rows that name none")
        parser.add_argument(
            "--date-format",
            choices=["auto", "dmy", "mdy"],
            default="auto",
            help="how to read dates like 05/06/2026 (default: from unambiguous dates)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data = _read(options["file"])
        member = _member(options["workspace"], options["as_email"])
        progress = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        report = csvplan.import_plan(
            member,
            data,
            csvplan.ImportOptions(
                dry_run=options["dry_run"],
                market=options["market"],
                date_format=options["date_format"],
                progress=progress,
                media_folder=_folder_of(options["file"]),
            ),
        )
        if progress is not None:
            progress.finish()
        self._print(report)

    def _print(self, report: csvplan.ImportReport) -> None:
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            more = report.error_count - len(report.errors)
            if more:
                self.stderr.write(f"… and {more} more")
            raise CommandError(
                f"{report.error_count} problem(s); nothing was imported.", returncode=1
            )
        for row in report.rows:
            if row.findings or row.note:
                self.stdout.write(f"line {row.line}: {row.summary}. {row.note}".rstrip())
        verb = "would be imported (dry run)" if report.dry_run else "imported"
        self.stdout.write(
            f"{len(report.rows)} post(s) {verb}, {report.finding_count} market-fit finding(s)."
        )


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read(csvplan.MAX_BYTES + 1)
    path = Path(name)
    if not path.is_file():
        raise CommandError(f"{name}: no such file", returncode=2)
    if path.stat().st_size > csvplan.MAX_BYTES:
        raise CommandError(f"{name}: larger than {csvplan.MAX_BYTES // 2**20} MB", returncode=2)
    return path.read_bytes()


def _folder_of(name: str) -> Path | None:
    """Where the plan's media file names are looked up: the CSV's own folder."""
    return None if name == "-" else Path(name).resolve().parent


def _member(slug: str, email: str) -> Membership:
    workspace = Workspace.objects.filter(slug=slug).first()
    if workspace is None:
        raise CommandError(f"--workspace: no workspace '{slug}'", returncode=2)
    members = workspace.memberships.select_related("user", "workspace")
    if email:
        member = members.filter(user__email__iexact=email).first()
        if member is None:
            raise CommandError(f"--as: {email} is not a member of '{slug}'", returncode=2)
    else:
        member = members.filter(role=Role.OWNER).order_by("joined_at", "id").first()
    if member is None or not member.can(Capability.DRAFT_POSTS):
        who = email or "the owner"
        raise CommandError(f"--as: {who} may not draft posts in '{slug}'", returncode=2)
    return member


class _ProgressBar:
    """One self-overwriting line on a terminal; redrawn only when the percentage changes."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent == self.shown:
            return
        self.shown = percent
        filled = percent // 4
        self.out.write(f"\r[{'#' * filled}{'.' * (25 - filled)}] {percent:3d}%")
        self.out.flush()

    def finish(self) -> None:
        if self.shown >= 0:
            self.out.write("\n")
            self.out.flush()
