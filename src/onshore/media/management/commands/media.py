"""``onshore media prune --older-than DAYS``: remove unused media files.

An asset no post uses (not even a draft) that was uploaded more than DAYS days ago is
deleted with its file and thumbnail; each is printed with the bytes it freed.
"""

from __future__ import annotations

from argparse import ArgumentParser, ArgumentTypeError
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.timezone import now

from onshore.media.library import prune_unused

MAX_DAYS = 36_500


def days(value: str) -> int:
    if not value.isascii() or not value.isdigit() or not 0 <= int(value) <= MAX_DAYS:
        raise ArgumentTypeError(f"expected a whole number of days from 0 to {MAX_DAYS}")
    return int(value)


class Command(BaseCommand):
    help = "Manage the media library: `prune --older-than DAYS` removes unused files."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        prune = actions.add_parser("prune", help="remove unused assets older than DAYS days")
        prune.add_argument("--older-than", type=days, required=True, metavar="DAYS")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] != "prune":
            raise CommandError("expected: media prune --older-than DAYS")
        pruned = prune_unused(timedelta(days=options["older_than"]), now())
        for item in pruned:
            self.stdout.write(f"removed {item.workspace}: {item.name} ({item.bytes_freed:,} bytes)")
        freed = sum(item.bytes_freed for item in pruned)
        self.stdout.write(
            f"{len(pruned)} unused file{'s' if len(pruned) != 1 else ''} removed, "
            f"{freed:,} bytes freed ({filesizeformat(freed)})."
        )
