"""Posts: CRUD, variants, workflow actions, comments, revisions, findings, dismissals."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.timezone import now as django_now
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from onshore import marketfit, places
from onshore.api.check import FindingOut
from onshore.api.schemas import Day, FilterText, Id, SearchText, StrictSchema, WallClock
from onshore.inputs import BadInput
from onshore.posts import calendar, checks, editing, scheduling, workflow
from onshore.posts.filters import CALENDAR_KEYS, FilterError, narrow, parse_filters
from onshore.posts.models import MAX_TAG_LENGTH, MAX_TAGS, MAX_TEXT, Comment, Dismissal, Post
from onshore.workspaces.access import membership_or_404, require
from onshore.workspaces.models import Market, Membership
from onshore.workspaces.roles import Capability

router = Router(tags=["posts"])

# The networks a post can carry (marketfit.NETWORKS), as a Literal so OpenAPI lists them.
NetworkName = Literal[marketfit.NETWORKS]  # type: ignore[valid-type]
ActionName = Literal["submit", "approve", "request_changes", "schedule", "unschedule"]
# How these routes name the shared filters (onshore.posts.filters) in their queries.
API_FILTER_NAMES = {"market": "market_id"}
MAX_OFFSET = 10**9  # bounds the number read; past the end is an empty list


class MediaIn(StrictSchema):
    kind: Literal["image", "video"] = "image"
    description: str = Field(
        "", max_length=200, description="what the file will be (required without asset_id)"
    )
    alt_text: str = Field("", max_length=1500, description="required for images")
    asset_id: Id | None = Field(
        None, description="a file of the workspace's media library (GET …/media)"
    )


# The page's limits (posts.models), declared here so OpenAPI shows them and the API
# refuses an overlong variant or tag before any work.
PostText = Annotated[str, Field(max_length=MAX_TEXT)]
Tag = Annotated[str, Field(max_length=MAX_TAG_LENGTH)]


class PostIn(StrictSchema):
    market_id: Id
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    link: str = Field("", max_length=2000)
    tags: list[Tag] = Field(default_factory=list, max_length=MAX_TAGS)
    networks: list[NetworkName] = Field(default_factory=list, max_length=len(marketfit.NETWORKS))
    variants: dict[NetworkName, PostText] = Field(
        default_factory=dict, max_length=len(marketfit.NETWORKS)
    )
    media: list[MediaIn] = Field(default_factory=list, max_length=10)
    sponsored: bool = Field(False, description="paid or partner post: its disclosure is checked")


class PostPatch(StrictSchema):
    market_id: Id | None = None
    text: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
    link: str | None = Field(None, max_length=2000)
    tags: list[Tag] | None = Field(None, max_length=MAX_TAGS)
    networks: list[NetworkName] | None = Field(None, max_length=len(marketfit.NETWORKS))
    variants: dict[NetworkName, PostText] | None = Field(None, max_length=len(marketfit.NETWORKS))
    media: list[MediaIn] | None = Field(None, max_length=10)
    sponsored: bool | None = None


class ScheduleIn(StrictSchema):
    date: Day
    time: WallClock
    fold: Literal[0, 1] | None = Field(
        None, description="for a wall time that occurs twice: 0 the first, 1 the second"
    )
    schedule: bool = Field(
        False,
        description="also move an approved post to Scheduled, in one step as the post page "
        "does (without it only the time is set and the 'schedule' action follows)",
    )


class ActionIn(StrictSchema):
    action: ActionName
    note: str = Field("", max_length=5000)
    override_reason: str = Field("", max_length=2000)


class CommentIn(StrictSchema):
    body: str = Field(min_length=1, max_length=5000)


class DismissIn(StrictSchema):
    rule: str = Field(min_length=1, max_length=80)
    span_text: str = Field("", max_length=200)
    reason: str = Field(min_length=3, max_length=500)


class PostFindingOut(FindingOut):
    network: str | None
    about: str = Field(
        description="what the finding is about: 'main text', 'Bluesky version', "
        "'alt text of image 2', or 'media' (the files against the network's media rules)"
    )
    item: int | None = Field(None, description="for media: the file, counted from 1")
    fixable: bool = Field(False, description="for media: onshore fixes it when it publishes")


class ScheduleOut(Schema):
    date: date
    time: time
    zone: str
    fold: int
    instant: datetime


class PostOut(Schema):
    id: int
    market_id: int
    author: str | None
    state: str
    text: str
    link: str
    tags: list[str]
    networks: list[str]
    variants: dict[str, str]
    media: list[dict[str, Any]]
    sponsored: bool = False
    schedule: ScheduleOut | None
    rework_rounds: int
    override_reason: str
    created_at: datetime
    updated_at: datetime


class ScheduledPostOut(PostOut):
    warnings: list[str] = Field(
        description="what would stop the post from being published at its time: no channel "
        "for its market, or a channel that needs reconnecting ([] when nothing)"
    )


class CommentOut(Schema):
    id: int
    author: str | None  # a member's e-mail; None when written through a review link
    # Who wrote it, as the app shows it: "Dana Client (by review link)" for someone
    # outside the workspace who commented through a review link.
    author_name: str
    body: str
    mentions: list[int]
    created_at: datetime


class RevisionOut(Schema):
    number: int
    text: str
    variants: dict[str, str]
    details: dict[str, Any] = Field(description="market, link, tags, networks and media")
    author: str | None
    created_at: datetime


def post_out(post: Post) -> dict[str, Any]:
    schedule = None
    if post.scheduled_at:
        schedule = {
            "date": post.scheduled_date,
            "time": post.scheduled_time,
            "zone": post.scheduled_zone,
            "fold": post.scheduled_fold,
            "instant": post.scheduled_at,
        }
    return {
        "id": post.pk,
        "market_id": post.market_id,
        "author": post.author.email if post.author else None,
        "state": post.state,
        "text": post.text,
        "link": post.link,
        "tags": post.tags,
        "networks": post.networks,
        "sponsored": post.sponsored,
        "variants": {v.network: v.text for v in post.variants.all()},
        # asset_id only for library files, so placeholders answer as they always did.
        "media": [
            {"kind": m.kind, "description": m.description, "alt_text": m.alt_text}
            | ({"asset_id": m.asset_id} if m.asset_id is not None else {})
            for m in post.media.all()
        ],
        "schedule": schedule,
        "rework_rounds": post.rework_rounds,
        "override_reason": post.override_reason,
        "created_at": post.created_at,
        "updated_at": post.updated_at,
    }


def _member_and_post(request: HttpRequest, slug: str, post_id: int) -> tuple[Membership, Post]:
    member = membership_or_404(request.user, slug)
    post = get_object_or_404(
        Post.objects.select_related("market", "author"), pk=post_id, workspace=member.workspace
    )
    return member, post


def _market(member: Membership, market_id: int) -> Market:
    market = Market.objects.filter(pk=market_id, workspace=member.workspace).first()
    if market is None:
        raise ValidationError({"market_id": "choose one of this workspace's markets"})
    return market


def _changes(payload: Schema, member: Membership) -> editing.PostChanges:
    data = payload.dict(exclude_unset=True)
    nulls = [name for name, value in data.items() if value is None]
    if nulls:
        raise ValidationError(
            {n: "must not be null; leave the field out to keep it" for n in nulls}
        )
    market_id = data.pop("market_id", None)
    return editing.PostChanges(market=_market(member, market_id) if market_id else None, **data)


MAX_LIMIT = 500  # posts in one answer; ``offset`` and X-Total-Count reach the rest


@router.get(
    "/{slug}/posts",
    response=list[PostOut],
    summary="Posts, newest change first",
    description=(
        f"At most `limit` posts (1 to {MAX_LIMIT}) from `offset`; the X-Total-Count header"
        " counts every post the filters and `q` (words in the text, a tag, the author's"
        " name or e-mail address) keep."
    ),
)
def list_posts(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    state: FilterText | None = None,
    market_id: Id | None = None,
    tag: FilterText | None = None,
    q: SearchText = "",
    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT)] = MAX_LIMIT,
    offset: Annotated[int, Field(ge=0, le=MAX_OFFSET)] = 0,
) -> list[dict[str, Any]]:
    member = membership_or_404(request.user, slug)
    query = {"market": str(market_id or ""), "state": state or "", "tag": tag or "", "q": q}
    try:
        filters = parse_filters(query, ("market", "state", "tag", "q"))
        posts: QuerySet[Post] = narrow(member.workspace, member.workspace.posts.all(), filters)
    except FilterError as exc:  # named as this route names it: market_id, not market
        raise BadInput(API_FILTER_NAMES.get(exc.field, exc.field), exc.message) from None
    response["X-Total-Count"] = str(posts.count())
    posts = posts.select_related("author").prefetch_related("variants", "media")
    # narrow() matched the tag in SQL; keeps() confirms it on the exact list.
    window = posts[offset : offset + limit]
    return [post_out(p) for p in window if filters.keeps(p.tags, p.networks)]


@router.post("/{slug}/posts", response={201: PostOut})
def create_post(request: HttpRequest, slug: str, payload: PostIn) -> Status[Any]:
    member = membership_or_404(request.user, slug)
    require(member, Capability.DRAFT_POSTS)
    post = editing.create_post(member, _changes(payload, member))
    return Status(201, post_out(post))


@router.get("/{slug}/posts/{post_id}", response=PostOut)
def get_post(request: HttpRequest, slug: str, post_id: Id) -> dict[str, Any]:
    return post_out(_member_and_post(request, slug, post_id)[1])


@router.patch("/{slug}/posts/{post_id}", response=PostOut)
def update_post(request: HttpRequest, slug: str, post_id: Id, payload: PostPatch) -> dict[str, Any]:
    member, post = _member_and_post(request, slug, post_id)
    editing.require_may_change(post, member)
    return post_out(editing.update_post(post, member, _changes(payload, member)))


@router.delete("/{slug}/posts/{post_id}", response={204: None})
def delete_post(request: HttpRequest, slug: str, post_id: Id) -> Status[Any]:
    member, post = _member_and_post(request, slug, post_id)
    editing.delete_post(post, member)
    return Status(204, None)


@router.post(
    "/{slug}/posts/{post_id}/actions",
    response=ScheduledPostOut,
    summary="Move the post through review: submit, approve, request_changes, …",
)
def act_on_post(request: HttpRequest, slug: str, post_id: Id, payload: ActionIn) -> dict[str, Any]:
    member, post = _member_and_post(request, slug, post_id)
    errors = checks.check_post(post).error_count if payload.action == "submit" else 0
    updated = workflow.perform(
        post,
        member,
        payload.action,
        note=payload.note,
        blocking_errors=errors,
        override_reason=payload.override_reason,
    )
    warnings = editing.schedule_warnings(updated, member) if payload.action == "schedule" else []
    return {**post_out(updated), "warnings": warnings}


@router.put(
    "/{slug}/posts/{post_id}/schedule",
    response=ScheduledPostOut,
    summary="Set the wall-clock date and time in the market's zone",
)
def schedule_post(
    request: HttpRequest, slug: str, post_id: Id, payload: ScheduleIn
) -> dict[str, Any]:
    member, post = _member_and_post(request, slug, post_id)
    require(member, Capability.SCHEDULE_POSTS)
    set_time = scheduling.schedule_post if payload.schedule else editing.set_schedule
    result = set_time(post, member, payload.date, payload.time, payload.fold)
    if result.kind == "skipped":
        raise ValidationError({"time": result.explanation()})
    if result.kind == "ambiguous":
        raise ValidationError(
            {"fold": result.explanation() + " Send fold 0 for the first or 1 for the second."}
        )
    return {**post_out(post), "warnings": list(result.warnings)}


@router.post(
    "/{slug}/posts/{post_id}/schedule/next-free-slot",
    response=ScheduledPostOut,
    summary="Set the time to the market's next recurring slot no other post holds",
)
def schedule_next_free_slot(request: HttpRequest, slug: str, post_id: Id) -> dict[str, Any]:
    member, post = _member_and_post(request, slug, post_id)
    require(member, Capability.SCHEDULE_POSTS)
    result = editing.schedule_in_next_free_slot(post, member, django_now())
    if result is None:
        raise workflow.TransitionError(
            f"{post.market.label} has no free posting slot in the next year; add slots first."
        )
    return {**post_out(post), "warnings": list(result.warnings)}


class CalendarEntryOut(Schema):
    post_id: int
    market_id: int
    state: str
    snippet: str
    instant: datetime
    local: datetime = Field(description="the time in the zone asked for (market's by default)")
    timing: list[str] = Field(description="the checker's timing findings for this time")


class CalendarDayOut(Schema):
    date: date
    holidays: list[str]
    entries: list[CalendarEntryOut]


@router.get(
    "/{slug}/calendar",
    response=list[CalendarDayOut],
    summary="Scheduled posts by day, with the markets' public holidays",
)
def calendar_range(
    request: HttpRequest,
    slug: str,
    start: Day,
    days: int = 31,
    zone: FilterText | None = None,
    market_id: Id | None = None,
    state: FilterText | None = None,
    network: FilterText | None = None,
    tag: FilterText | None = None,
) -> list[dict[str, Any]]:
    member = membership_or_404(request.user, slug)
    if not 1 <= days <= 92:
        raise ValidationError({"days": "ask for 1 to 92 days"})
    if zone is not None:
        try:
            places.normalise_zone(zone)
        except ValueError as exc:
            raise ValidationError({"zone": str(exc)}) from None
    query = {
        "market": str(market_id or ""),
        "state": state or "",
        "network": network or "",
        "tag": tag or "",
    }
    try:
        filters = parse_filters(query, CALENDAR_KEYS)
        found = calendar.build_days(member.workspace, "list", start, zone, filters, length=days)
    except FilterError as exc:  # named as this route names it: market_id, not market
        raise BadInput(API_FILTER_NAMES.get(exc.field, exc.field), exc.message) from None
    return [
        {
            "date": day.day,
            "holidays": day.holidays,
            "entries": [
                {
                    "post_id": e.post.pk,
                    "market_id": e.post.market.pk,
                    "state": e.post.state,
                    "snippet": e.post.snippet,
                    "instant": e.post.scheduled_at,
                    "local": e.local,
                    "timing": e.flags,
                }
                for e in day.entries
            ],
        }
        for day in found
    ]


@router.get("/{slug}/posts/{post_id}/findings", response=list[PostFindingOut])
def post_findings(request: HttpRequest, slug: str, post_id: Id) -> list[dict[str, Any]]:
    _, post = _member_and_post(request, slug, post_id)
    return [
        {"network": checked.network, "about": _about(checked), **finding.to_dict()}
        for checked in checks.check_post(post).texts
        for finding in checked.findings
    ]


def _about(checked: checks.CheckedText) -> str:
    """The same label as the editor's heading for that text (posts/panel.py)."""
    if checked.about:
        return checked.about
    if checked.is_variant and checked.network:
        return f"{marketfit.NETWORK_RULES[checked.network].label} version"
    return "main text"


@router.post("/{slug}/posts/{post_id}/dismissals", response={201: None})
def dismiss_finding(
    request: HttpRequest, slug: str, post_id: Id, payload: DismissIn
) -> Status[Any]:
    member, post = _member_and_post(request, slug, post_id)
    require(member, Capability.DRAFT_POSTS)
    Dismissal.objects.create(post=post, by=member.user, **payload.dict())
    return Status(201, None)


@router.get("/{slug}/posts/{post_id}/comments", response=list[CommentOut])
def list_comments(request: HttpRequest, slug: str, post_id: Id) -> list[dict[str, Any]]:
    _, post = _member_and_post(request, slug, post_id)
    return [
        _comment_out(c)
        for c in post.comments.select_related("author", "review_link").prefetch_related("mentions")
    ]


def _comment_out(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "author": comment.author.email if comment.author else None,
        "author_name": comment.author_name,
        "body": comment.body,
        "mentions": [m.pk for m in comment.mentions.all()],
        "created_at": comment.created_at,
    }


@router.post("/{slug}/posts/{post_id}/comments", response={201: CommentOut})
def add_comment(request: HttpRequest, slug: str, post_id: Id, payload: CommentIn) -> Status[Any]:
    member, post = _member_and_post(request, slug, post_id)
    return Status(201, _comment_out(editing.add_comment(post, member, payload.body)))


@router.get("/{slug}/posts/{post_id}/revisions", response=list[RevisionOut])
def list_revisions(request: HttpRequest, slug: str, post_id: Id) -> list[dict[str, Any]]:
    _, post = _member_and_post(request, slug, post_id)
    return [
        {
            "number": r.number,
            "text": r.text,
            "variants": r.variants,
            "details": r.details,
            "author": r.author.email if r.author else None,
            "created_at": r.created_at,
        }
        for r in post.revisions.select_related("author")
    ]
