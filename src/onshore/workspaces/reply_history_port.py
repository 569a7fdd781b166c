"""What the Team page asks of the posts' history, declared on this floor.

Team → Hours says how fast each colleague answered the business on their posts, and the
business them; but posts builds on workspaces, so workspaces cannot import it.
``ReplyHistory`` says what the page calls; ``onshore.posts.history`` provides it,
plugged in by ``PostsConfig.ready()`` (see onshore.ports).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from onshore.ports import Port
from onshore.workspaces.models import Membership

# (median time the business took to answer a member, median time they took to answer
# the business); None where nobody answered in the period.
Replies = tuple[timedelta | None, timedelta | None]


class ReplyHistory(Protocol):
    def observed_replies_of(
        self, members: Sequence[Membership], since: datetime
    ) -> dict[int, Replies]:
        """Replies on each member's posts with activity since ``since``, by user id."""


reply_history: Port[ReplyHistory] = Port("Reply history on posts", provider="onshore.posts")
