"""Creating, changing and deleting posts.

Every change to what a post will publish (text, variants, market, link, tags, networks,
media) is a revision, and sends an approved or scheduled post back to review; pages and
API both come through ``update_post``. Who may change whose post is one rule,
``Membership.can_change_post`` (roles.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.timezone import now

from onshore.localtime import WallTime, next_free_slot, recompute_instant, resolve_wall_time
from onshore.media.models import Asset
from onshore.posts import market_change, workflow
from onshore.posts.models import Comment, Media, Post, PostVariant, Revision, State
from onshore.posts.notify_port import notifier
from onshore.posts.outbox_port import outbox
from onshore.posts.publishing_port import publishing
from onshore.workspaces.models import Market, Membership
from onshore.workspaces.roles import Capability

MENTION = re.compile(r"(?<![\w@])@([\w.+-]+@[\w-]+\.[\w.-]+|[\w.-]+)")


@dataclass
class PostChanges:
    """What an editor or API call sets; None leaves a field as it is."""

    text: str | None = None
    market: Market | None = None
    link: str | None = None
    tags: list[str] | None = None
    networks: list[str] | None = None
    variants: dict[str, str] | None = None  # network → text; "" removes the variant
    # Replaces all: [{kind, description, alt_text, asset_id?}]; asset_id: a library file.
    media: list[dict[str, Any]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    sponsored: bool | None = None  # a paid or partner post (the checker asks for a disclosure)


@dataclass
class NewPost:
    """One post for ``create_posts``: its fields and, optionally, a market wall time."""

    changes: PostChanges
    day: date | None = None
    clock: time | None = None
    fold: int | None = None  # a repeated wall time's occurrence; None takes the first


@dataclass
class CreatedPost:
    post: Post | None  # None when the row was refused
    errors: dict[str, list[str]]
    schedule: WallTime | None = None
    media: list[Media] = field(default_factory=list)  # inserted with the post


def create_posts(member: Membership, new_posts: list[NewPost]) -> list[CreatedPost]:
    """Create many drafts at once (imports) with the same rules as ``create_post``.

    Foreign keys come from objects already loaded, so validation skips their lookups;
    posts, their network variants and their first revisions are inserted in bulk. Wall
    times resolve like ``set_schedule``, except that a time which happens twice takes
    the occurrence the item names, or the first when it names none.
    The caller holds the transaction.
    """
    if not member.can(Capability.DRAFT_POSTS):
        raise workflow.TransitionForbidden("Your role cannot draft posts.")
    assets = _assets_of(member, new_posts)
    created = [_prepare(member, item, assets) for item in new_posts]
    kept = [
        (result.post, _new_variants(item.changes), result.media)
        for result, item in zip(created, new_posts, strict=True)
        if result.post is not None
    ]
    Post.objects.bulk_create([post for post, _, _ in kept], batch_size=500)
    PostVariant.objects.bulk_create(
        [PostVariant(post=post, network=n, text=t) for post, pairs, _ in kept for n, t in pairs],
        batch_size=500,
    )
    Media.objects.bulk_create([row for _, _, media in kept for row in media], batch_size=500)
    Revision.objects.bulk_create(
        [
            Revision(
                post=post,
                number=1,
                text=post.text,
                variants=dict(pairs),
                details=_details(post, media=[_media_item(row) for row in media]),
                author=member.user,
            )
            for post, pairs, media in kept
        ],
        batch_size=500,
    )
    return created


def _assets_of(member: Membership, new_posts: list[NewPost]) -> dict[int, Asset]:
    """The library files the new posts name, in one query: the workspace's only."""
    ids = {
        item["asset_id"]
        for new in new_posts
        for item in new.changes.media or []
        if isinstance(item.get("asset_id"), int)
    }
    if not ids:
        return {}
    return Asset.objects.filter(workspace=member.workspace).in_bulk(sorted(ids))


def _new_variants(changes: PostChanges) -> list[tuple[str, str]]:
    """(network, text) of the variants a new post gets: blank texts are no variant."""
    return [(n, text) for n, text in sorted((changes.variants or {}).items()) if text.strip()]


def _prepare(member: Membership, item: NewPost, assets: dict[int, Asset]) -> CreatedPost:
    changes = item.changes
    if changes.market is None:
        return CreatedPost(None, {"market": ["choose one of this workspace's markets"]})
    post = _new_draft(member, changes)
    try:
        post.full_clean(exclude=["workspace", "market", "author", "override_by"])
        for network, text in _new_variants(changes):
            _clean_variant(PostVariant(post=post, network=network, text=text))
        media = _checked_media(post, changes.media or [], assets)
    except ValidationError as exc:
        return CreatedPost(None, exc.message_dict)
    if item.day is None or item.clock is None:
        return CreatedPost(post, {}, media=media)
    wall = resolve_wall_time(item.day, item.clock, changes.market.timezone, fold=item.fold)
    if wall.kind == "ambiguous":
        wall = resolve_wall_time(item.day, item.clock, changes.market.timezone, fold=0)
    if wall.kind != "ok":
        return CreatedPost(None, {"local_time": [wall.explanation()]})
    post.scheduled_date, post.scheduled_time = item.day, item.clock
    post.scheduled_zone, post.scheduled_fold = changes.market.timezone, wall.fold or 0
    post.scheduled_at = wall.instant
    return CreatedPost(post, {}, wall, media)


def _new_draft(member: Membership, changes: PostChanges) -> Post:
    post = Post(
        workspace=member.workspace,
        author=member.user,
        state=State.DRAFT,
        market=changes.market,
        text=changes.text or "",
    )
    _apply_fields(post, changes)
    return post


def _variants_of(post: Post) -> dict[str, str]:
    return {variant.network: variant.text for variant in post.variants.all()}


@transaction.atomic
def create_post(member: Membership, changes: PostChanges) -> Post:
    if not member.can(Capability.DRAFT_POSTS):
        raise workflow.TransitionForbidden("Your role cannot draft posts.")
    post = _new_draft(member, changes)
    post.full_clean()
    post.save()
    _apply_variants(post, changes.variants or {})
    _apply_media(post, changes.media or [])
    _add_revision(post, member)
    return post


@transaction.atomic
def update_post(post: Post, member: Membership, changes: PostChanges) -> Post:
    """Change a post. A change to anything it will publish adds a revision, and an
    approved or scheduled post goes back to review (its waiting deliveries cancelled)."""
    require_may_change(post, member)
    _lock(post)
    if not post.is_editable:
        raise workflow.TransitionError(
            f"A {State(post.state).label.lower()} post cannot be edited."
        )
    before = published_content(post)
    if changes.text is not None:
        post.text = changes.text
    _apply_fields(post, changes)
    post.full_clean()
    if post.market_id != before["market"]:  # the time was in the old market's zone
        market_change.keep_wall_time(post, post.market, now())
    if changes.variants is not None:
        _apply_variants(post, changes.variants)
    if changes.media is not None:
        _apply_media(post, changes.media)
    changed = [name for name, value in published_content(post).items() if before[name] != value]
    if changed:
        workflow.send_back_to_review(post, member.user, changed)
        _add_revision(post, member)
    post.updated_at = now()
    post.save()
    return post


@transaction.atomic
def delete_post(post: Post, member: Membership) -> None:
    """Delete a post under the same rule as editing it; a scheduled post's waiting
    deliveries are cancelled first, and one that is being sent is refused."""
    require_may_change(post, member)
    _lock(post)
    if post.state == State.PUBLISHING:
        raise workflow.TransitionError(
            "Cannot delete: the post is being published now; wait for the result."
        )
    if post.state == State.PUBLISHED:
        raise workflow.TransitionError(
            "Cannot delete: the post has been published and stays in the history; "
            "remove it on the network itself."
        )
    if post.state == State.SCHEDULED:
        workflow.cancel_deliveries(post)
    post.delete()


def _lock(post: Post) -> None:
    """Lock the row and read it again, so a review action or the worker cannot move the
    post between reading its state and changing it. The caller holds the transaction."""
    Post.objects.select_for_update().filter(pk=post.pk).exists()
    post.refresh_from_db()


def require_may_change(post: Post, member: Membership) -> None:
    """Raise TransitionForbidden (403) unless the member may edit or delete this post."""
    if member.can_change_post(post):
        return
    if member.can(Capability.DRAFT_POSTS):
        raise workflow.TransitionForbidden(
            f"Your role ({member.role}) can edit and delete only the posts you wrote; "
            "ask a manager to change this one."
        )
    raise workflow.TransitionForbidden(f"Your role ({member.role}) cannot edit posts.")


def published_content(post: Post) -> dict[str, Any]:
    """Everything the post will publish, by field: a change to any of it is reviewed."""
    return {
        "text": post.text,
        "variants": _variants_of(post),
        **_details(post, media=_media_of(post)),
    }


def _details(post: Post, media: list[dict[str, Any]]) -> dict[str, Any]:
    """What a revision keeps besides text and variants (``Revision.details``)."""
    return {
        "market": post.market_id,
        "link": post.link,
        "tags": list(post.tags),
        "networks": list(post.networks),
        "media": media,
    }


def _media_of(post: Post) -> list[dict[str, Any]]:
    return media_items(post)


def media_items(post: Post) -> list[dict[str, Any]]:
    """The post's media as ``PostChanges.media`` takes them (duplicates, revisions)."""
    return [_media_item(item) for item in post.media.order_by("id")]


def _media_item(item: Media) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "kind": item.kind,
        "description": item.description,
        "alt_text": item.alt_text,
    }
    if item.asset_id is not None:
        # Only when set, so revisions written before uploads existed compare equal.
        entry["asset_id"] = item.asset_id
    return entry


def _apply_fields(post: Post, changes: PostChanges) -> None:
    if changes.market is not None:
        post.market = changes.market
    if changes.link is not None:
        post.link = changes.link.strip()
    if changes.tags is not None:
        post.tags = changes.tags
    if changes.networks is not None:
        post.networks = sorted(set(changes.networks))
    if changes.sponsored is not None:
        post.sponsored = changes.sponsored


def _apply_variants(post: Post, variants: dict[str, str]) -> None:
    for network, text in variants.items():
        if not text.strip():
            PostVariant.objects.filter(post=post, network=network).delete()
            continue
        _clean_variant(PostVariant(post=post, network=network, text=text))
        PostVariant.objects.update_or_create(post=post, network=network, defaults={"text": text})


def _clean_variant(variant: PostVariant) -> None:
    """The model's rules for one network's text; errors are keyed ``variants.<network>``."""
    try:
        variant.full_clean(exclude=["post"], validate_unique=False)
    except ValidationError as exc:
        raise ValidationError(
            {f"variants.{variant.network}.{k}": v for k, v in exc.message_dict.items()}
        ) from None


def _apply_media(post: Post, items: list[dict[str, Any]]) -> None:
    """Replace the post's media (library files or placeholders); images need alt text."""
    media = _checked_media(post, items)
    post.media.all().delete()
    Media.objects.bulk_create(media)
    _describe_files(media)


def _describe_files(media: list[Media]) -> None:
    """A library file uploaded without alt text takes the first a post gives it, so the
    library (and its search, the editor's picker) can find it by what it shows."""
    for item in media:
        if item.asset_id is not None and item.alt_text.strip():
            Asset.objects.filter(pk=item.asset_id, alt_text="").update(
                alt_text=item.alt_text.strip()
            )


def _checked_media(
    post: Post, items: list[dict[str, Any]], assets: dict[int, Asset] | None = None
) -> list[Media]:
    """The media rows for ``items``, each valid (ValidationError keyed media.N.field).
    ``assets``: the workspace's files already loaded (imports); None reads each one."""
    if len(items) > 10:
        raise ValidationError({"media": "at most 10 media items"})
    media = [_media_row(post, position, item, assets) for position, item in enumerate(items)]
    for position, item in enumerate(media):
        try:  # the asset was just read from this workspace: no query to check it again
            item.full_clean(exclude=["post", "asset"])
        except ValidationError as exc:
            raise ValidationError(
                {f"media.{position}.{k}": v for k, v in exc.message_dict.items()}
            ) from None
    return media


def _media_row(
    post: Post, position: int, item: dict[str, Any], assets: dict[int, Asset] | None = None
) -> Media:
    """A media row; one naming a library file takes its kind, and its alt text and name
    where the item leaves them blank. A file of another workspace is refused by name."""
    fields = {key: item[key] for key in ("kind", "description", "alt_text") if key in item}
    asset_id = item.get("asset_id")
    if asset_id is None:
        return Media(post=post, **fields)
    if assets is not None:
        asset = assets.get(asset_id)
    else:
        asset = Asset.objects.filter(pk=asset_id, workspace_id=post.workspace_id).first()
    if asset is None:
        raise ValidationError(
            {f"media.{position}.asset_id": "no such file in this workspace's media library"}
        )
    fields["kind"] = asset.kind
    fields["alt_text"] = fields.get("alt_text") or asset.alt_text
    # The file's own name, not str(asset): that is its alt text once one is given, which
    # would make the same file describe itself differently before and after.
    fields["description"] = fields.get("description") or (asset.original_name or str(asset))[:200]
    return Media(post=post, asset=asset, **fields)


def _add_revision(post: Post, member: Membership) -> Revision:
    last = post.revisions.order_by("-number").first()
    return Revision.objects.create(
        post=post,
        number=(last.number + 1) if last else 1,
        text=post.text,
        variants=_variants_of(post),
        details=_details(post, media=_media_of(post)),
        author=member.user,
    )


def add_comment(post: Post, member: Membership, body: str) -> Comment:
    """A comment; @name or @email mentions of members are linked to them."""
    if not member.can(Capability.COMMENT_POSTS):
        raise workflow.TransitionForbidden("Your role cannot comment on posts.")
    cleaned = (body or "").strip()
    if not cleaned:
        raise ValidationError({"body": "write something to comment"})
    if len(cleaned) > 5000:
        raise ValidationError({"body": "at most 5,000 characters"})
    comment = Comment.objects.create(post=post, author=member.user, body=cleaned)
    mentions = mentioned_members(post.workspace_id, cleaned)
    comment.mentions.set(mentions)
    notifier().mentioned(post, workflow.doer(member), mentions, cleaned)
    return comment


def mentioned_members(workspace_id: int, body: str) -> list[Membership]:
    handles = {handle.lower().rstrip(".") for handle in MENTION.findall(body)}
    if not handles:
        return []
    members = Membership.objects.filter(workspace_id=workspace_id).select_related("user")
    return [m for m in members if _handles_of(m) & handles]


def _handles_of(member: Membership) -> set[str]:
    """@priya, @priya.raman, @priyaraman or @priya@brightwave.example all mention Priya."""
    name = member.user.name.lower().split()
    handles = {member.user.email.lower(), member.user.email.split("@")[0].lower()}
    if name:
        handles |= {name[0], ".".join(name), "".join(name)}
    return handles


@dataclass(frozen=True)
class ScheduleResult(WallTime):
    """How a wall time resolved (a ``WallTime``), and, once stored, what would stop the
    post from being published at it: no channel for its market, a parked channel."""

    warnings: tuple[str, ...] = ()


def _with_warnings(result: WallTime, post: Post, member: Membership) -> ScheduleResult:
    resolved = {f.name: getattr(result, f.name) for f in fields(WallTime)}
    if result.kind != "ok":
        return ScheduleResult(**resolved)
    return ScheduleResult(**resolved, warnings=tuple(schedule_warnings(post, member)))


def schedule_warnings(post: Post, member: Membership) -> list[str]:
    """Why a post with a time would not be published: pages flash these, the API sends
    them as ``warnings`` and the post page shows them under "Needs attention"."""
    return publishing().attention(post, member.timezone or member.workspace.home_timezone)


def set_schedule(
    post: Post,
    member: Membership,
    day: date,
    clock: time,
    fold: int | None,
    current: datetime | None = None,
) -> ScheduleResult:
    """Store the wall time in the market's zone and the instant it gives.

    Returns how the wall time resolved, so callers can offer the nearest valid times
    (skipped) or ask which occurrence is meant (ambiguous); only "ok" is stored.
    Raises ValidationError on "time" for a time not after ``current`` (default: now): the
    worker would publish it at once, which nobody asked for by picking a past time.
    """
    if not member.can(Capability.SCHEDULE_POSTS) and not member.can(Capability.DRAFT_POSTS):
        raise workflow.TransitionForbidden("Your role cannot set a post's time.")
    if post.state in {State.PUBLISHING, State.PUBLISHED, State.FAILED}:
        raise workflow.TransitionError(
            f"A {State(post.state).label.lower()} post keeps the time it was published at."
        )
    zone = post.market.timezone
    result = resolve_wall_time(day, clock, zone, fold=fold)
    if result.kind != "ok":
        return _with_warnings(result, post, member)
    current = current or now()
    if result.has_passed(current):
        raise ValidationError({"time": result.passed_explanation(current)})
    post.scheduled_date, post.scheduled_time, post.scheduled_zone = day, clock, zone
    post.scheduled_fold = result.fold or 0
    # Only a repeated wall time has an occurrence to choose; picking one answers the
    # market-fit warning about it (checks.py).
    post.scheduled_fold_chosen = fold is not None and len(result.candidates) == 2
    post.scheduled_at = result.instant
    post.updated_at = now()
    post.save()
    if post.state == State.SCHEDULED:
        outbox().reschedule_deliveries(post)
    return _with_warnings(result, post, member)


def schedule_in_next_free_slot(
    post: Post, member: Membership, after: datetime
) -> ScheduleResult | None:
    """Put the post in its market's next posting slot that no other post holds.

    Returns the resolved WallTime, or None when the market has no free slot within a year.
    """
    market = post.market
    taken = (
        Post.objects.filter(market=market, scheduled_at__isnull=False)
        .exclude(pk=post.pk)
        .values_list("scheduled_at", flat=True)
    )
    instant = next_free_slot(
        market.slots, market.timezone, after, [at for at in taken if at is not None]
    )
    if instant is None:
        return None
    local = instant.astimezone(ZoneInfo(market.timezone))
    clock = local.time().replace(tzinfo=None)
    return set_schedule(post, member, local.date(), clock, local.fold, current=after)


@dataclass
class ScheduleCorrection:
    post_id: int
    old_instant: datetime
    new_instant: datetime
    note: str


def recompute_schedules(apply: bool = True) -> list[ScheduleCorrection]:
    """After a tzdata update: recompute each unpublished post's instant from its stored
    wall time, zone and fold; move the post (and its waiting deliveries) if it changed."""
    corrections = []
    waiting = Post.objects.filter(
        scheduled_at__isnull=False,
        state__in=[
            State.DRAFT,
            State.IN_REVIEW,
            State.CHANGES_REQUESTED,
            State.APPROVED,
            State.SCHEDULED,
        ],
    ).exclude(scheduled_time__isnull=True)
    for post in waiting.iterator():
        # The query above leaves out posts without a time; a time always comes with a date.
        assert post.scheduled_at is not None and post.scheduled_time is not None
        assert post.scheduled_date is not None
        found = recompute_instant(
            post.scheduled_date, post.scheduled_time, post.scheduled_zone, post.scheduled_fold
        )
        if found.instant == post.scheduled_at:
            continue
        corrections.append(
            ScheduleCorrection(post.pk, post.scheduled_at, found.instant, found.note)
        )
        if apply:
            with transaction.atomic():
                post.scheduled_at = found.instant
                post.save(update_fields=["scheduled_at"])
                outbox().reschedule_deliveries(post)
    return corrections
