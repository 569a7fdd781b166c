"""The review workflow: which action moves a post from which states, for which roles.

    draft → in review → changes requested → (back to in review) → approved → scheduled
    → publishing → published | failed

Every transition is allowed by role and state only (the TRANSITIONS table). A refused
one raises ``TransitionError`` with a message for people; the API answers it with 409
(or 403 when it is the role that is missing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.timezone import now

from onshore.localtime import describe_passed
from onshore.posts.models import Comment, Post, PostEvent, ReviewLink, State
from onshore.posts.notify_port import Doer, notifier
from onshore.posts.outbox_port import DeliveriesInFlight, outbox
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import REVIEW_LINK_CAPABILITIES, Capability

if TYPE_CHECKING:
    from onshore.accounts.models import User


class TransitionError(Exception):
    """The post's state does not allow this action, or a required input is missing."""


class TransitionForbidden(TransitionError):
    """The member's role does not allow this action."""


@dataclass(frozen=True)
class LinkReviewer:
    """Someone outside the workspace acting through a review link: an actor like a
    member, with the capabilities roles.REVIEW_LINK_CAPABILITIES grants, recorded under
    the link's name. Which posts they may act on is the link's business (review_links)."""

    link: ReviewLink
    role: str = "review link"
    user: None = None

    def can(self, capability: Capability) -> bool:
        return capability in REVIEW_LINK_CAPABILITIES


# Who performs a transition: a member of the workspace, or a review link's holder.
Actor = Membership | LinkReviewer


def _authorship(actor: Actor, user_field: str) -> dict[str, Any]:
    """The fields that say who wrote an event (``by``) or a comment (``author``)."""
    if isinstance(actor, LinkReviewer):
        return {user_field: None, "review_link": actor.link}
    return {user_field: actor.user}


@dataclass(frozen=True)
class Transition:
    action: str
    label: str  # the button: "Request changes"
    from_states: frozenset[str]
    to_state: str
    capability: Capability
    done: str  # the history and the confirmation: "Changes requested"


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "submit",
            "Submit for review",
            frozenset({State.DRAFT, State.CHANGES_REQUESTED}),
            State.IN_REVIEW,
            Capability.DRAFT_POSTS,
            "Submitted for review",
        ),
        Transition(
            "approve",
            "Approve",
            frozenset({State.IN_REVIEW}),
            State.APPROVED,
            Capability.REVIEW_POSTS,
            "Approved",
        ),
        Transition(
            "request_changes",
            "Request changes",
            frozenset({State.IN_REVIEW}),
            State.CHANGES_REQUESTED,
            Capability.REVIEW_POSTS,
            "Changes requested",
        ),
        Transition(
            "schedule",
            "Schedule",
            frozenset({State.APPROVED}),
            State.SCHEDULED,
            Capability.SCHEDULE_POSTS,
            "Scheduled",
        ),
        Transition(
            "unschedule",
            "Unschedule",
            frozenset({State.SCHEDULED}),
            State.APPROVED,
            Capability.SCHEDULE_POSTS,
            "Unscheduled",
        ),
    )
}

# The history's words for events that are not a transition someone chose.
OTHER_EVENT_LABELS = {"edited": "Edited after approval: back to review"}


def action_label(action: str) -> str:
    """How people read an event's action ("request_changes" → "Changes requested")."""
    transition = TRANSITIONS.get(action)
    if transition is not None:
        return transition.done
    return OTHER_EVENT_LABELS.get(action, action.replace("_", " ").capitalize())


# Changing what a post in these states will publish sends it back to review.
REVIEW_AGAIN_AFTER_EDIT = frozenset({State.APPROVED, State.SCHEDULED})


def available_actions(post: Post, member: Actor) -> list[Transition]:
    """The actions this member may take on the post now (for buttons)."""
    return [
        t for t in TRANSITIONS.values() if post.state in t.from_states and member.can(t.capability)
    ]


def _check(post: Post, member: Actor, transition: Transition) -> None:
    if not member.can(transition.capability):
        raise TransitionForbidden(
            f"Your role ({member.role}) cannot {transition.label.lower()} posts."
        )
    if post.state not in transition.from_states:
        allowed = " or ".join(State(s).label.lower() for s in sorted(transition.from_states))
        raise TransitionError(
            f"Cannot {transition.label.lower()}: the post is {State(post.state).label.lower()}; "
            f"it must be {allowed}."
        )


@transaction.atomic
def perform(
    post: Post,
    member: Actor,
    action: str,
    *,
    note: str = "",
    blocking_errors: int = 0,
    override_reason: str = "",
    notify: bool = True,
) -> Post:
    """Apply ``action`` to the post as ``member``; records the event and tells those
    concerned (unless ``notify`` is False: a caller acting on many posts at once tells
    them once, e.g. ``Notifier.posts_submitted``). Raises TransitionError."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(f"'{action}' is not an action; use one of {', '.join(TRANSITIONS)}")
    if "\x00" in note:  # PostgreSQL cannot store it; say so rather than fail with a 500
        raise TransitionError("note: the comment contains a NUL character (\\x00); remove it.")
    locked = Post.objects.select_for_update().get(pk=post.pk)
    _check(locked, member, transition)
    _run_action_rules(locked, member, action, note, blocking_errors, override_reason)
    _record(locked, member, transition, note)
    if notify:
        _notify(locked, member, action, note.strip())
    return locked


def doer(actor: Actor) -> Doer:
    """Who did it, as notifications name them (and never notify them)."""
    if isinstance(actor, LinkReviewer):
        return Doer(user_id=None, name=f"{actor.link.name} (review link)")
    return Doer(user_id=actor.user_id, name=actor.user.display_name)


def _notify(post: Post, actor: Actor, action: str, note: str) -> None:
    """Tell those concerned, in this transaction (notifications, via posts/notify_port)."""
    if action == "submit":
        notifier().post_submitted(post, doer(actor))
    elif action == "request_changes":
        notifier().changes_requested(post, doer(actor), note)
    elif action == "approve":
        notifier().post_approved(post, doer(actor), note)


def _run_action_rules(
    post: Post,
    member: Actor,
    action: str,
    note: str,
    blocking_errors: int,
    override_reason: str,
) -> None:
    if action == "submit":
        assert isinstance(member, Membership)  # only members draft (REVIEW_LINK_CAPABILITIES)
        _submit(post, member, blocking_errors, override_reason)
    elif action == "request_changes":
        if not note.strip():
            raise TransitionError("Say what to change: a comment is required to request changes.")
        Comment.objects.create(post=post, body=note.strip(), **_authorship(member, "author"))
    elif action == "approve":
        post.approved_at = now()
    elif action == "schedule":
        if post.scheduled_at is None:
            raise TransitionError("Set a date and time in the market's zone before scheduling.")
        _refuse_passed_time(post)
        outbox().create_deliveries(post)  # same transaction: scheduled ⇔ deliveries exist
    elif action == "unschedule":
        cancel_deliveries(post)


def _refuse_passed_time(post: Post) -> None:
    """A time that passed in review (or came from an import of history) would publish at
    once; scheduling asks for a new time instead."""
    assert post.scheduled_at is not None and post.scheduled_date is not None
    assert post.scheduled_time is not None
    current = now()
    if post.scheduled_at <= current:
        raise TransitionError(
            "time: "
            + describe_passed(
                post.scheduled_date, post.scheduled_time, post.scheduled_zone, current
            )
        )


def _submit(post: Post, member: Membership, blocking_errors: int, override_reason: str) -> None:
    if blocking_errors:
        if not override_reason.strip():
            raise TransitionError(
                f"{blocking_errors} market-fit error(s) block submitting: fix or dismiss them, "
                "or a manager can submit anyway with a written reason."
            )
        if not member.can(Capability.OVERRIDE_FINDINGS):
            raise TransitionForbidden("Only managers and owners can submit despite errors.")
        post.override_reason, post.override_by = override_reason.strip(), member.user
    if post.state == State.CHANGES_REQUESTED:
        post.rework_rounds += 1  # each return from changes requested is a rework round
    if post.first_submitted_at is None:
        post.first_submitted_at = now()


def _record(post: Post, member: Actor, transition: Transition, note: str) -> None:
    PostEvent.objects.create(
        post=post,
        action=transition.action,
        from_state=post.state,
        to_state=transition.to_state,
        **_authorship(member, "by"),
        note=note.strip(),
        market_fit_findings=(
            market_fit_findings(post) if transition.action == "request_changes" else 0
        ),
    )
    post.state = transition.to_state
    post.updated_at = now()
    post.save()


def market_fit_findings(post: Post) -> int:
    """Open checker findings about the market (not length or media, the network's)."""
    from onshore.posts.checks import check_post

    return sum(
        1
        for finding in check_post(post).open_findings
        if finding.category not in ("length", "media")
    )


def cancel_deliveries(post: Post) -> None:
    """Cancel the post's waiting deliveries; TransitionError while one is being sent."""
    try:
        outbox().cancel_deliveries(post)
    except DeliveriesInFlight as exc:
        raise TransitionError(str(exc)) from None


def send_back_to_review(post: Post, by: User, changed: list[str]) -> None:
    """An approved or scheduled post whose published content changed (``changed`` names
    the fields) must be approved again; a scheduled one stops waiting to be sent."""
    if post.state not in REVIEW_AGAIN_AFTER_EDIT:
        return
    if post.state == State.SCHEDULED:
        cancel_deliveries(post)
    PostEvent.objects.create(
        post=post,
        action="edited",
        from_state=post.state,
        to_state=State.IN_REVIEW,
        by=by,
        note=f"changed after approval: {', '.join(changed)}",
    )
    post.state = State.IN_REVIEW
    post.approved_at = None
    # Back in review: those who may review hear it waits for them, as on a submit.
    notifier().post_submitted(post, Doer(user_id=by.pk, name=by.display_name))
