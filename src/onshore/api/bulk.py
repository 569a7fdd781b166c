"""Bulk actions on a selection of posts: one transaction, one result per post
(posts/bulk.py); and a post's duplicate."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from onshore.api.posts import PostOut, post_out
from onshore.api.schemas import Id, StrictSchema
from onshore.posts import bulk, post_card
from onshore.posts.models import MAX_TAG_LENGTH, Post
from onshore.workspaces.access import membership_or_404

router = Router(tags=["posts"])

BulkAction = Literal[
    "approve", "request_changes", "schedule", "move", "add_tag", "remove_tag", "delete"
]
# How this route names what posts/bulk.py calls note, market and tag.
PARAM_NAMES = {"note": "params.note", "market": "params.market_id", "tag": "params.tag"}


class BulkParams(StrictSchema):
    note: str = Field("", max_length=bulk.MAX_NOTE, description="request_changes: the comment")
    market_id: Id | None = Field(None, description="move: the market to move to")
    tag: str = Field("", max_length=MAX_TAG_LENGTH, description="add_tag, remove_tag")


class BulkIn(StrictSchema):
    action: BulkAction
    ids: list[Id] = Field(min_length=1, max_length=bulk.MAX_IDS, description="in list order")
    params: BulkParams = Field(
        default_factory=lambda: BulkParams(note="", market_id=None, tag=""),
        description="what the action needs: note, market_id or tag",
    )


class BulkPostOut(Schema):
    id: int
    title: str = Field(description="the post's first words; empty when not found")
    outcome: Literal["done", "unchanged", "refused"]
    message: str = Field(description="what was done, or why not")


class BulkOut(Schema):
    action: str
    summary: str = Field(description="'12 approved; 2 refused: …'")
    done: int
    refused: int
    results: list[BulkPostOut]


@router.post(
    "/{slug}/posts/bulk",
    response=BulkOut,
    summary="Apply one action to up to 200 posts; a result per post",
    description=(
        "One transaction with a savepoint per post: each post is done, unchanged (a tag"
        " it already had) or refused with the reason (its state, your role, or not found"
        " in this workspace). `schedule` puts each approved post into its market's next"
        " free posting slot, in the order of `ids`."
    ),
)
def bulk_posts(request: HttpRequest, slug: str, payload: BulkIn) -> dict[str, Any]:
    member = membership_or_404(request.user, slug)
    asked = bulk.BulkRequest(
        action=payload.action,
        ids=payload.ids,
        note=payload.params.note,
        market_id=payload.params.market_id,
        tag=payload.params.tag,
    )
    try:
        result = bulk.run_bulk(member, asked)
    except ValidationError as exc:
        raise ValidationError(
            {PARAM_NAMES.get(k, k): v for k, v in exc.message_dict.items()}
        ) from None
    return {
        "action": result.action,
        "summary": result.summary(),
        "done": result.count(bulk.DONE),
        "refused": result.count(bulk.REFUSED),
        "results": [
            {"id": r.post_id, "title": r.title, "outcome": r.outcome, "message": r.message}
            for r in result.results
        ],
    }


@router.post(
    "/{slug}/posts/{post_id}/duplicate",
    response={201: PostOut},
    summary="A new draft copy: texts, link, tags, networks and media; no time or history",
)
def duplicate_post(request: HttpRequest, slug: str, post_id: Id) -> Status[Any]:
    member = membership_or_404(request.user, slug)
    post = get_object_or_404(Post, pk=post_id, workspace=member.workspace)
    return Status(201, post_out(post_card.duplicate_post(post, member)))
