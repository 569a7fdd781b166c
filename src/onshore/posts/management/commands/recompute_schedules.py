"""``onshore recompute_schedules``: after a time-zone rules update, move posts to the
instant their stored market wall time now stands for."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from onshore.posts.editing import recompute_schedules


class Command(BaseCommand):
    help = "Recompute scheduled instants from the stored wall times (run after a tzdata update)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        corrections = recompute_schedules(apply=not options["dry_run"])
        for fix in corrections:
            self.stdout.write(
                f"post {fix.post_id}: {fix.old_instant:%Y-%m-%d %H:%M} UTC -> "
                f"{fix.new_instant:%Y-%m-%d %H:%M} UTC {fix.note}".rstrip()
            )
        verb = "would move" if options["dry_run"] else "moved"
        self.stdout.write(f"{verb} {len(corrections)} post(s)")
