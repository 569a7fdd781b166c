"""``onshore export --workspace SLUG [filters] [-o FILE]``: posts as CSV in onshore's layout.

Exit status: 0 written, 2 usage error (no such workspace, a bad filter).
"""

from __future__ import annotations

import io
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onshore.posts import csvplan
from onshore.posts.models import Post
from onshore.workspaces.models import Workspace


class Command(BaseCommand):
    help = "Export posts as CSV in onshore's layout (import reads it back)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workspace", required=True, help="the workspace's slug")
        parser.add_argument("--market", default="", help="country code or language tag")
        parser.add_argument("--state", default="", help="draft, in_review, scheduled, …")
        parser.add_argument("--network", default="", help="x, bluesky, mastodon, …")
        parser.add_argument("--tag", default="")
        parser.add_argument("--author", default="", help="the author's e-mail address")
        parser.add_argument("--from", dest="date_from", default="", help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", default="", help="YYYY-MM-DD")
        parser.add_argument(
            "-q", "--search", default="", help="words in the text, a tag or the author"
        )
        parser.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        workspace = Workspace.objects.filter(slug=options["workspace"]).first()
        if workspace is None:
            raise CommandError(f"--workspace: no workspace '{options['workspace']}'", returncode=2)
        params = {key: options.get(key, "") for key in ("market", "state", "network", "tag")}
        params |= {
            "author": options["author"],
            "from": options["date_from"],
            "to": options["date_to"],
            "q": options["search"],
        }
        try:
            filters = csvplan.parse_filters(params)
            posts = csvplan.filtered_posts(workspace, filters)
        except csvplan.FilterError as exc:
            raise CommandError(f"--{exc}", returncode=2) from None
        count = self._write(workspace, posts, options["output"])
        self.stderr.write(f"{count} post(s) exported.")

    def _write(self, workspace: Workspace, posts: list[Post], output: str) -> int:
        if output == "-":
            buffer = io.StringIO()
            count = csvplan.write_csv(workspace, posts, buffer)
            self.stdout.write(buffer.getvalue(), ending="")
            return count
        try:
            with open(output, "w", encoding="utf-8", newline="") as out:
                return csvplan.write_csv(workspace, posts, out)
        except OSError as exc:
            raise CommandError(f"-o: cannot write {output}: {exc.strerror}", returncode=2) from None
