"""The post page for members who may not edit the post: reviewers, viewers, and
contributors looking at someone else's post.

They used to get the editor with a Save button missing: they could type into the text
and click *Apply*, and the edit was silently lost. They now see the post as it will be
published on each network, its findings, its history and comments; reviewers approve or
request changes, and a finding's suggestion becomes a comment ("Suggest: replace 'color'
with 'colour'") instead of an edit.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onshore.posts.models import Post
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import Capability

# A suggestion passed in the address (the "Suggest" button without JavaScript) is at
# most this long, like the checker's messages it comes from.
MAX_SUGGESTION = 500


def post_as_published(
    request: HttpRequest, membership: Membership, post: Post, context: dict[str, Any]
) -> HttpResponse:
    """The read-only page, from the editor's context (views._post_context), which
    holds the post's previews."""
    can_comment = membership.can(Capability.COMMENT_POSTS)
    context.update(
        {
            "can_comment": can_comment,
            "comment_text": _suggested_comment(request) if can_comment else "",
        }
    )
    return render(request, "posts/post_view.html", context)


def _suggested_comment(request: HttpRequest) -> str:
    """The comment box's starting text: the suggestion picked (no-script fallback)."""
    return request.GET.get("suggest", "")[:MAX_SUGGESTION]
