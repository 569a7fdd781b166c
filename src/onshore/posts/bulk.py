"""Bulk actions on a selection of posts (Posts and Review pages, and the API).

One request is one transaction with a savepoint per post: each post is done or refused
on its own, with the reason, and a refusal undoes only that post's part. Every action
goes through the rule a single post goes through (workflow.perform for approve, request
changes and schedule; editing.update_post for tags and moves; editing.delete_post), so a
role is refused per post exactly as it would be on the post's page, and events
(notifications) are recorded the same way. Ids outside the workspace are "not found",
never told apart from ids that do not exist.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.timezone import now

from onshore.localtime import describe_in_zones, next_free_slots
from onshore.posts import editing, post_card, workflow
from onshore.posts.models import MAX_TAG_LENGTH, Post, State
from onshore.workspaces.models import Market, Membership

MAX_IDS = 200  # posts in one request: a page of the lists
MAX_NOTE = 5000  # characters of the one comment sent with "request changes"

# action → (the word for a post it was done to, the button)
ACTIONS: dict[str, tuple[str, str]] = {
    "approve": ("approved", "Approve"),
    "request_changes": ("sent back for changes", "Request changes"),
    "schedule": ("scheduled", "Schedule into next free slots"),
    "move": ("moved", "Move to market"),
    "add_tag": ("tagged", "Add tag"),
    "remove_tag": ("untagged", "Remove tag"),
    "delete": ("deleted", "Delete"),
}

DONE, UNCHANGED, REFUSED = "done", "unchanged", "refused"


@dataclass(frozen=True)
class BulkRequest:
    action: str
    ids: list[int]
    note: str = ""  # request_changes: the comment for every post
    market_id: int | None = None  # move: where to
    tag: str = ""  # add_tag, remove_tag


@dataclass(frozen=True)
class PostResult:
    post_id: int
    title: str  # the post's first words; "" when not found
    outcome: str  # DONE, UNCHANGED or REFUSED
    message: str


@dataclass
class BulkResult:
    action: str
    results: list[PostResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for result in self.results if result.outcome == outcome)

    def summary(self) -> str:
        """'12 approved; 2 refused: “Autumn…” (#5): the post is draft; …'"""
        parts = [f"{self.count(DONE)} {ACTIONS[self.action][0]}" + self._details()]
        if self.count(UNCHANGED):
            parts.append(f"{self.count(UNCHANGED)} unchanged")
        refused = [r for r in self.results if r.outcome == REFUSED]
        if refused:
            parts.append(f"{len(refused)} refused: {_grouped_reasons(refused)}")
        return "; ".join(parts) + "."

    def _details(self) -> str:
        """When each scheduled post goes out (its own market's slot), at most ``SHOWN``."""
        if self.action != "schedule":
            return ""
        done = [r for r in self.results if r.outcome == DONE]
        times = [f"“{r.title}” {r.message.removeprefix('scheduled ')}" for r in done[:SHOWN]]
        more = f"; and {len(done) - SHOWN} more" if len(done) > SHOWN else ""
        return f" — {'; '.join(times)}{more}" if done else ""


SHOWN = 10  # posts named one by one in a summary's done part


def _grouped_reasons(refused: list[PostResult]) -> str:
    """'“A” (#1), “B” (#2): Cannot approve: …; post #9: not found …': the posts refused
    for one reason together, so 150 drafts make one line, not 150 (at most ``SHOWN``
    named per reason)."""
    by_reason: dict[str, list[PostResult]] = {}
    for result in refused:
        by_reason.setdefault(result.message.rstrip("."), []).append(result)
    lines = []
    for reason, results in by_reason.items():
        names = ", ".join(_name(r) for r in results[:SHOWN])
        if len(results) > SHOWN:
            names += f" and {len(results) - SHOWN} more"
        lines.append(f"{names}: {reason}")
    return "; ".join(lines)


def _name(result: PostResult) -> str:
    if not result.title:
        return f"post #{result.post_id}"
    return f"“{result.title}” (#{result.post_id})"


def title_of(post: Post) -> str:
    text = " ".join(post.text.split())
    return text if len(text) <= 40 else text[:39] + "…"


# --- checking the request ----------------------------------------------------------


def check_request(workspace_id: int, request: BulkRequest) -> None:
    """ValidationError naming the field (action, ids, note, market, tag) and what to do."""
    if request.action not in ACTIONS:
        raise ValidationError({"action": f"choose one of: {', '.join(ACTIONS)}"})
    if not request.ids:
        raise ValidationError({"ids": "select at least one post"})
    if len(set(request.ids)) > MAX_IDS:
        raise ValidationError(
            {"ids": f"at most {MAX_IDS} posts at a time ({len(set(request.ids))} selected)"}
        )
    if request.action == "request_changes":
        _check_note(request.note)
    if request.action == "move":
        _market(workspace_id, request.market_id)
    if request.action in {"add_tag", "remove_tag"}:
        clean_tag(request.tag)


def _check_note(note: str) -> None:
    if not note.strip():
        raise ValidationError({"note": "say what to change: one comment goes to every post"})
    if len(note) > MAX_NOTE or "\x00" in note:
        raise ValidationError({"note": f"at most {MAX_NOTE:,} characters, no NUL character"})


def _market(workspace_id: int, market_id: int | None) -> Market:
    market = Market.objects.filter(pk=market_id or 0, workspace_id=workspace_id).first()
    if market is None:
        raise ValidationError({"market": "choose one of this workspace's markets"})
    return market


def clean_tag(tag: str) -> str:
    """The tag as posts store it (Post.clean): no '#', lower case."""
    cleaned = tag.strip().lstrip("#").strip().lower()
    if not cleaned or len(cleaned) > MAX_TAG_LENGTH or "\x00" in cleaned:
        raise ValidationError({"tag": f"write a tag of 1 to {MAX_TAG_LENGTH} characters"})
    return cleaned


# --- running it ----------------------------------------------------------------------


def run_bulk(
    member: Membership, request: BulkRequest, current: datetime | None = None
) -> BulkResult:
    """Apply the action to each post in the order given; one transaction for all."""
    check_request(member.workspace_id, request)
    ids = list(dict.fromkeys(request.ids))  # once each, in the order the list showed them
    result = BulkResult(request.action)
    with transaction.atomic():
        found = Post.objects.filter(workspace_id=member.workspace_id, pk__in=ids)
        posts = {post.pk: post for post in found.select_related("market", "workspace")}
        step = _step_for(member, request, list(posts.values()), current or now())
        for post_id in ids:
            result.results.append(_one(post_id, posts.get(post_id), step))
    return result


Step = Callable[[Post], tuple[str, str]]  # post → (outcome, message)


def _one(post_id: int, post: Post | None, step: Step) -> PostResult:
    if post is None:
        return PostResult(post_id, "", REFUSED, "not found in this workspace")
    title = title_of(post)
    try:
        with transaction.atomic():  # a savepoint: a refusal undoes this post only
            outcome, message = step(post)
    except workflow.TransitionError as exc:
        return PostResult(post_id, title, REFUSED, str(exc))
    except ValidationError as exc:
        return PostResult(post_id, title, REFUSED, _validation_message(exc))
    return PostResult(post_id, title, outcome, message)


def _validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)


def _step_for(
    member: Membership, request: BulkRequest, posts: list[Post], current: datetime
) -> Step:
    action = request.action
    if action in {"approve", "request_changes"}:
        return lambda post: _review(post, member, action, request.note)
    if action == "schedule":
        return _SlotScheduler(member, posts, current).schedule
    if action == "move":
        market = _market(member.workspace_id, request.market_id)
        return lambda post: _move(post, member, market, current)
    if action in {"add_tag", "remove_tag"}:
        tag = clean_tag(request.tag)
        return lambda post: _retag(post, member, tag, add=action == "add_tag")
    return lambda post: _delete(post, member)


def _review(post: Post, member: Membership, action: str, note: str) -> tuple[str, str]:
    workflow.perform(post, member, action, note=note)
    return DONE, workflow.TRANSITIONS[action].done


def _move(post: Post, member: Membership, market: Market, current: datetime) -> tuple[str, str]:
    moved = post_card.move_to_market(post, member, market, current)
    return DONE, post_card.describe_move(moved)


def _retag(post: Post, member: Membership, tag: str, *, add: bool) -> tuple[str, str]:
    editing.require_may_change(post, member)
    if (tag in post.tags) == add:
        return UNCHANGED, f"{'already has' if add else 'does not have'} #{tag}"
    tags = [*post.tags, tag] if add else [t for t in post.tags if t != tag]
    was = post.state
    editing.update_post(post, member, editing.PostChanges(tags=tags))
    message = f"{'added' if add else 'removed'} #{tag}"
    if was in workflow.REVIEW_AGAIN_AFTER_EDIT:
        message += "; back to review (tags are published with the post)"
    return DONE, message


def _delete(post: Post, member: Membership) -> tuple[str, str]:
    waiting = (
        post.deliveries.filter(state="pending").count() if post.state == State.SCHEDULED else 0
    )
    editing.delete_post(post, member)
    if waiting:
        return DONE, f"deleted; {waiting} waiting deliver{'y' if waiting == 1 else 'ies'} cancelled"
    return DONE, "deleted"


class _SlotScheduler:
    """Gives each approved post its own market's next free posting slot, in list order.

    The free slots of a market are found once (as many as the selection has posts in
    it), with every other post's time counted as taken; a slot is used only when its
    post was scheduled, so a refused post leaves it to the next one.
    """

    def __init__(self, member: Membership, posts: list[Post], current: datetime) -> None:
        self.member, self.current = member, current
        self.selected = [post.pk for post in posts]
        self.wanted = Counter(post.market_id for post in posts)
        self.free: dict[int, list[datetime]] = {}

    def schedule(self, post: Post) -> tuple[str, str]:
        """Set the time, then the workflow's "schedule" (its role and state rules); a
        refusal rolls both back (the caller's savepoint)."""
        slots = self._free_slots(post.market)
        if not slots:
            raise workflow.TransitionError(self._no_slot(post.market))
        self._set_time(post, slots[0])
        workflow.perform(post, self.member, "schedule")
        instant = slots.pop(0)  # only now: a refused post leaves its slot to the next one
        zone = self.member.timezone or post.workspace.home_timezone
        return DONE, f"scheduled for {describe_in_zones(instant, post.market.timezone, zone)}"

    def _set_time(self, post: Post, instant: datetime) -> None:
        local = instant.astimezone(ZoneInfo(post.market.timezone))
        clock = local.time().replace(tzinfo=None)
        wall = editing.set_schedule(
            post, self.member, local.date(), clock, local.fold, current=self.current
        )
        if wall.kind != "ok":  # a slot is a time that exists; kept for safety
            raise workflow.TransitionError(wall.explanation())

    def _free_slots(self, market: Market) -> list[datetime]:
        if market.pk not in self.free:
            taken = (
                Post.objects.filter(market=market, scheduled_at__gt=self.current)
                .exclude(pk__in=self.selected)
                .values_list("scheduled_at", flat=True)
            )
            self.free[market.pk] = next_free_slots(
                market.slots,
                market.timezone,
                self.current,
                [at for at in taken if at is not None],
                self.wanted[market.pk],
            )
        return self.free[market.pk]

    @staticmethod
    def _no_slot(market: Market) -> str:
        if not market.posting_slots:
            return f"{market.label} has no posting slots: add them on the market's page"
        return f"{market.label} has no free posting slot left in the next year"
