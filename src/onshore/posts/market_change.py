"""What becomes of a post's time when it moves to another market.

The time was entered as a wall time in the old market's zone ("09:30 London"). After a
move it keeps that wall time in the new market's zone when the time exists there and
has not passed; otherwise it is cleared, since a time nobody chose would publish
unasked. Every path that changes a post's market (editor, API, the post card, bulk
moves) comes through ``editing.update_post``, which calls ``keep_wall_time``.
"""

from __future__ import annotations

from datetime import date, datetime, time

from onshore.localtime import WallTime, resolve_wall_time
from onshore.posts.models import Post
from onshore.workspaces.models import Market


def keep_wall_time(post: Post, market: Market, current: datetime) -> None:
    """Re-resolve the post's wall time in ``market``'s zone, or clear it."""
    if post.scheduled_date is None or post.scheduled_time is None:
        return
    wall = _resolve(post.scheduled_date, post.scheduled_time, market)
    if wall.kind != "ok" or wall.instant is None or wall.instant <= current:
        clear_schedule(post)
        return
    post.scheduled_zone, post.scheduled_at = market.timezone, wall.instant
    # A repeated time takes its first occurrence; the checker asks until someone picks.
    post.scheduled_fold, post.scheduled_fold_chosen = wall.fold or 0, False


def why_cleared(day: date, clock: time, market: Market, current: datetime) -> str:
    """Why ``keep_wall_time`` cleared this wall time in ``market``: for the message."""
    asked = f"{day:%a} {day.day} {day:%B %Y}, {clock:%H:%M}"
    wall = _resolve(day, clock, market)
    if wall.kind != "ok":
        return f"Its time ({asked}) does not exist in {market.timezone}: set a new one."
    return f"Its time ({asked}) has already passed in {market.timezone}: set a new one."


def _resolve(day: date, clock: time, market: Market) -> WallTime:
    wall = resolve_wall_time(day, clock, market.timezone, fold=None)
    if wall.kind == "ambiguous":
        wall = resolve_wall_time(day, clock, market.timezone, fold=0)
    return wall


def clear_schedule(post: Post) -> None:
    post.scheduled_date = post.scheduled_time = post.scheduled_at = None
    post.scheduled_zone, post.scheduled_fold, post.scheduled_fold_chosen = "", 0, False
