"""The header's bell: how many unread notifications the signed-in person has.

A context processor runs for every page rendered with a request, so the count is lazy:
its one query runs only when a template shows it (base.html, for signed-in people).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from onshore.accounts.models import User
from onshore.notifications.inbox import unread_count as count_unread


def unread_count(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if not isinstance(user, User):  # anonymous visitors have no bell
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: count_unread(user))}
