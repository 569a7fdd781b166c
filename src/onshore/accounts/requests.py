"""The request type of views only signed-in users reach (for mypy; no runtime effect)."""

from __future__ import annotations

from django.http import HttpRequest

from onshore.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request past ``login_required`` (or the API's token/session auth): its ``user``
    is a ``User``, never ``AnonymousUser``. Used only as an annotation."""

    user: User
