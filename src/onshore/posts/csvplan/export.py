"""Writing posts as CSV in onshore's layout, which the import reads back unchanged; the
posts chosen by the filters every view shares (``onshore.posts.filters``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, TextIO

from django.db.models import F

from onshore.posts.csvplan.reading import EXPORT_COLUMNS
from onshore.posts.csvplan.rows import escape_formula
from onshore.posts.filters import PostFilters, narrow
from onshore.posts.models import Post
from onshore.posts.names import market_name


def filtered_posts(workspace: Any, filters: PostFilters) -> list[Post]:
    """The workspace's posts matching the filters, scheduled ones first in time order."""
    posts = workspace.posts.select_related("market", "author").order_by(
        F("scheduled_at").asc(nulls_last=True), "id"
    )
    # Tags and networks are JSON lists; matching in Python keeps SQLite and PostgreSQL alike.
    return [
        post
        for post in narrow(workspace, posts, filters)
        if filters.keeps(post.tags, post.networks)
    ]


def write_csv(workspace: Any, posts: Iterable[Post], out: TextIO) -> int:
    """Write posts in onshore's layout; returns how many rows were written."""
    countries = list(workspace.markets.values_list("country", flat=True))
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for post in posts:
        writer.writerow(_export_row(post, countries))
        count += 1
    return count


def _export_row(post: Post, countries: list[str]) -> list[str]:
    """The post's cells, each escaped: tags and links are typed by people as much as text."""
    scheduled = post.scheduled_date is not None and post.scheduled_time is not None
    cells = [
        market_name(post.market, countries),
        ", ".join(post.networks),
        post.state,
        ", ".join(post.tags),
        post.text,
        post.link,
        post.scheduled_date.isoformat() if scheduled else "",
        post.scheduled_time.strftime("%H:%M") if scheduled else "",
    ]
    return [escape_formula(cell) for cell in cells]


def export_text(workspace: Any, filters: PostFilters) -> str:
    out = io.StringIO()
    write_csv(workspace, filtered_posts(workspace, filters), out)
    return out.getvalue()
