"""What posts and publishing tell the people concerned, declared on this floor.

Submitting, requesting changes, approving, @mentioning, and a delivery published or
failed each notify someone (notifications app: who, in the app and by e-mail in their
working hours). Notifications builds on posts and publishing, so neither may import it:
``Notifier`` says what they call, one function per event kind (bulk actions call the
same ones); ``onshore.notifications.events`` provides it, plugged in by
``NotificationsConfig.ready()`` (see onshore.ports). Each call runs in the caller's
transaction, so an event rolled back notifies nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from onshore.ports import Port
from onshore.posts.models import Post
from onshore.workspaces.models import Membership


@dataclass(frozen=True)
class Doer:
    """Who did the thing: a member (never notified of their own act) or a review link's
    holder (``user_id`` None), by the name the notification shows."""

    user_id: int | None
    name: str


class Notifier(Protocol):
    def post_submitted(self, post: Post, by: Doer) -> object:
        """Those who may review the post's workspace hear it waits for them."""

    def posts_submitted(self, posts: list[Post], by: Doer) -> object:
        """Many posts submitted at once (a CSV import, a bulk action): one notification
        per reviewer, linking to the review queue, rather than one per post."""

    def changes_requested(self, post: Post, by: Doer, note: str) -> object:
        """The author hears what to change."""

    def post_approved(self, post: Post, by: Doer, note: str) -> object:
        """The author hears the post was approved."""

    def mentioned(self, post: Post, by: Doer, members: list[Membership], text: str) -> object:
        """Each member @mentioned in a comment or a review note."""

    def post_published(self, post: Post, where: str) -> object:
        """The author and the managers: published on ``where`` (a channel)."""

    def post_failed(self, post: Post, where: str, message: str) -> object:
        """The author and the managers: ``where`` refused it for good, with why."""

    def send_due_emails(self, now: datetime, worker: str) -> int:
        """Send each person's due notifications as one e-mail; how many e-mails went."""


notifier: Port[Notifier] = Port("Notifications", provider="onshore.notifications")
