"""Writing posts as CSV in onshore's layout, which the import reads back unchanged; the
posts chosen by the filters every view shares (``onshore.posts.filters``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TextIO

from django.db.models import F, prefetch_related_objects

from onshore.posts.csvplan.media import join_cell
from onshore.posts.csvplan.reading import EXPORT_COLUMNS, VARIANT_COLUMNS
from onshore.posts.csvplan.rows import escape_formula
from onshore.posts.filters import PostFilters, narrow
from onshore.posts.models import Post
from onshore.posts.names import market_name
from onshore.workspaces.models import Workspace


def filtered_posts(workspace: Workspace, filters: PostFilters) -> list[Post]:
    """The workspace's posts matching the filters, scheduled ones first in time order."""
    posts = workspace.posts.select_related("market", "author").order_by(
        F("scheduled_at").asc(nulls_last=True), "id"
    )
    # Tags and networks are JSON lists; matching in Python keeps SQLite and PostgreSQL alike.
    kept = [
        post
        for post in narrow(workspace, posts, filters)
        if filters.keeps(post.tags, post.networks)
    ]
    for start in range(0, len(kept), 500):  # bounded IN lists for SQLite, as the import's
        prefetch_related_objects(kept[start : start + 500], "variants", "media__asset")
    return kept


def write_csv(workspace: Workspace, posts: Iterable[Post], out: TextIO) -> int:
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
    """The post's cells, each escaped: tags and links are typed by people as much as text.

    Everything the import needs to make the same post again: the second occurrence of a
    repeated wall time (01:30 the night clocks go back) is ``fold`` 1, and each network's
    own text is its ``text_<network>`` column (blank: the network publishes ``text``).
    Files are ``sha256:<hash>`` items of the library, their alt texts in the same order
    (a placeholder without a file has no item to name and is left out).
    """
    day, clock = post.scheduled_date, post.scheduled_time
    when = ["", "", ""]  # local_date, local_time, fold
    if day is not None and clock is not None:
        when = [day.isoformat(), clock.strftime("%H:%M"), "1" if post.scheduled_fold else ""]
    variants = {variant.network: variant.text for variant in post.variants.all()}
    cells = [
        market_name(post.market, countries),
        ", ".join(post.networks),
        post.state,
        ", ".join(post.tags),
        post.text,
        post.link,
        *when,
        *(variants.get(network, "") for network in VARIANT_COLUMNS.values()),
        *_media_cells(post),
        "yes" if post.sponsored else "no",
    ]
    return [escape_formula(cell) for cell in cells]


def _media_cells(post: Post) -> tuple[str, str]:
    """The ``media`` and ``alt_text`` cells: library files in the post's order."""
    files = [item for item in post.media.all() if item.asset is not None]
    files.sort(key=lambda item: item.pk)
    return (
        join_cell([f"sha256:{item.asset.sha256}" for item in files if item.asset]),
        join_cell([item.alt_text for item in files]) if any(i.alt_text for i in files) else "",
    )


def export_text(workspace: Workspace, filters: PostFilters) -> str:
    out = io.StringIO()
    write_csv(workspace, filtered_posts(workspace, filters), out)
    return out.getvalue()
