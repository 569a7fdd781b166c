"""The post page's "This post" card: duplicate, move to another market, delete.

Views read the form and call posts/post_card.py or editing.delete_post; a refusal of the
role is a 403 page, a refusal of the state (a published post) a message on the post.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from onshore.inputs import read_int
from onshore.posts import editing, post_card, workflow
from onshore.posts.bulk import title_of
from onshore.posts.models import Post, State
from onshore.workspaces.models import Market, Membership
from onshore.workspaces.roles import Capability
from onshore.workspaces.views import member_view


def _post_or_404(member: Membership, post_id: int) -> Post:
    return get_object_or_404(
        Post.objects.select_related("market", "workspace"), pk=post_id, workspace=member.workspace
    )


def _forbidden(request: HttpRequest, member: Membership) -> HttpResponse:
    return render(request, "403.html", {"membership": member}, status=403)


def _back_to(member: Membership, post: Post) -> HttpResponse:
    return redirect("post_detail", slug=member.workspace.slug, post_id=post.pk)


@require_POST
@member_view(Capability.DRAFT_POSTS)
def post_duplicate(request: HttpRequest, membership: Membership, post_id: int) -> HttpResponse:
    """A new draft copy, opened in the editor."""
    post = _post_or_404(membership, post_id)
    copy = post_card.duplicate_post(post, membership)
    messages.success(
        request,
        f"Duplicated as a new draft in {copy.market.label}: texts, tags and media copied; "
        "no time, comments or history. This is the copy.",
    )
    return _back_to(membership, copy)


@require_POST
@member_view(Capability.DRAFT_POSTS)
def post_move_market(request: HttpRequest, membership: Membership, post_id: int) -> HttpResponse:
    post = _post_or_404(membership, post_id)
    market_id = read_int(request.POST.get("market"), "market") or 0
    market = Market.objects.filter(pk=market_id, workspace=membership.workspace).first()
    if market is None:
        messages.error(request, "market: choose one of this workspace's other markets.")
        return _back_to(membership, post)
    try:
        moved = post_card.move_to_market(post, membership, market)
    except workflow.TransitionForbidden:
        return _forbidden(request, membership)
    except workflow.TransitionError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(
            request, "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        )
    else:
        messages.success(request, post_card.describe_move(moved))
    return _back_to(membership, post)


@require_POST
@member_view(Capability.DRAFT_POSTS)
def post_delete(request: HttpRequest, membership: Membership, post_id: int) -> HttpResponse:
    """Delete after the page's confirmation; a scheduled post's deliveries are cancelled."""
    post = _post_or_404(membership, post_id)
    title = title_of(post)
    waiting = (
        post.deliveries.filter(state="pending").count() if post.state == State.SCHEDULED else 0
    )
    try:
        editing.delete_post(post, membership)
    except workflow.TransitionForbidden:
        return _forbidden(request, membership)
    except workflow.TransitionError as exc:
        messages.error(request, str(exc))
        return _back_to(membership, post)
    cancelled = ""
    if waiting:
        cancelled = f" Its {waiting} waiting deliver{'y was' if waiting == 1 else 'ies were'}"
        cancelled += " cancelled: nothing will be published."
    messages.success(request, f"Deleted “{title}”.{cancelled}")
    return redirect("post_list", slug=membership.workspace.slug)
