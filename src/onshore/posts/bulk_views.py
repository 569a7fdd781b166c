"""Bulk actions from the Posts and Review pages (the logic is posts/bulk.py).

The lists send the ticked rows' ids with the action; the answer is the list again with
one message: how many were done and each refused post named with why.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from onshore.inputs import read_int
from onshore.posts import bulk
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import Capability
from onshore.workspaces.views import member_view

# Which actions each list offers, and the capability a role needs for the button to show
# (each post is still checked on its own: posts/bulk.py).
PAGE_ACTIONS = {
    "posts": ("approve", "request_changes", "schedule", "move", "add_tag", "remove_tag", "delete"),
    "review": ("approve", "request_changes", "move", "add_tag", "remove_tag", "delete"),
}
NEEDS = {
    "approve": Capability.REVIEW_POSTS,
    "request_changes": Capability.REVIEW_POSTS,
    "schedule": Capability.SCHEDULE_POSTS,
    "move": Capability.DRAFT_POSTS,
    "add_tag": Capability.DRAFT_POSTS,
    "remove_tag": Capability.DRAFT_POSTS,
    "delete": Capability.DRAFT_POSTS,
}
MAX_QUERY = 500  # characters of the list's query kept for the way back


def bar_context(member: Membership, page: str) -> dict[str, Any]:
    """What the lists' action bar (posts/_bulk_bar.html) offers this member."""
    actions = [(a, bulk.ACTIONS[a][1]) for a in PAGE_ACTIONS[page] if member.can(NEEDS[a])]
    return {
        "bulk_actions": actions,
        "bulk_page": page,
        "bulk_markets": member.workspace.markets.all(),
        "bulk_max": bulk.MAX_IDS,
    }


@require_POST
@member_view(Capability.VIEW_WORKSPACE)
def bulk_action(request: HttpRequest, membership: Membership) -> HttpResponse:
    back = _way_back(request, membership)
    try:
        result = bulk.run_bulk(membership, _read_request(request))
    except ValidationError as exc:
        messages.error(request, _problems(exc))
        return redirect(back)
    level = messages.success if result.count(bulk.REFUSED) == 0 else messages.warning
    level(request, result.summary())
    return redirect(back)


def _read_request(request: HttpRequest) -> bulk.BulkRequest:
    raw_ids = request.POST.getlist("ids")
    if len(raw_ids) > bulk.MAX_IDS:  # before reading each one
        raise ValidationError(
            {"ids": f"at most {bulk.MAX_IDS} posts at a time ({len(raw_ids)} selected)"}
        )
    ids = [number for raw in raw_ids if (number := read_int(raw, "ids")) is not None]
    return bulk.BulkRequest(
        action=request.POST.get("action", ""),
        ids=ids,
        note=request.POST.get("note", "")[: bulk.MAX_NOTE + 1],
        market_id=read_int(request.POST.get("market"), "market"),
        tag=request.POST.get("tag", "")[:200],
    )


def _way_back(request: HttpRequest, membership: Membership) -> str:
    """The list the action came from, with its filters and page."""
    page = "review_queue" if request.POST.get("page") == "review" else "post_list"
    query = request.POST.get("query", "")[:MAX_QUERY]
    url = reverse(page, kwargs={"slug": membership.workspace.slug})
    return f"{url}?{query}" if query and "\n" not in query and "\r" not in query else url


def _problems(exc: ValidationError) -> str:
    return "; ".join(f"{k}: {' '.join(v)}." for k, v in exc.message_dict.items())
