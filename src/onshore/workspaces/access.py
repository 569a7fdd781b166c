"""Finding a user's membership of a workspace; outsiders never learn it exists (404)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.http import Http404

from onshore.workspaces.models import Membership
from onshore.workspaces.roles import Capability

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from onshore.accounts.models import User

# What Workspace.slug holds (a SlugField of at most 60); the API's {slug} is any text.
WORKSPACE_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,60}")


class Forbidden(Exception):
    """A member tried something their role does not allow (403 for members only)."""

    def __init__(self, capability: Capability) -> None:
        super().__init__(capability)
        self.capability = capability


def membership_or_404(user: User | AnonymousUser, slug: str) -> Membership:
    """The user's membership of the workspace, or 404 for anyone who is not a member."""
    if not user.is_authenticated or not WORKSPACE_SLUG.fullmatch(slug):
        raise Http404("No such workspace")  # no query for what cannot be a slug
    membership = (
        Membership.objects.select_related("workspace", "user")
        .filter(workspace__slug=slug, user=user)
        .first()
    )
    if membership is None:
        raise Http404("No such workspace")
    return membership


def require(membership: Membership, capability: Capability) -> None:
    if not membership.can(capability):
        raise Forbidden(capability)
