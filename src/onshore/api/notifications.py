"""Notifications: the caller's own, across their workspaces, and each workspace's
choices. Another person's notification answers 404, like a workspace one is not in."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from onshore.accounts.models import User
from onshore.api.schemas import Id, StrictSchema
from onshore.links import absolute_url
from onshore.notifications import inbox
from onshore.notifications.audience import preference_of
from onshore.notifications.models import Kind, Notification
from onshore.workspaces.access import membership_or_404

router = Router(tags=["notifications"])

MAX_LIMIT = 100  # notifications in one answer; ``offset`` and X-Total-Count reach the rest
MAX_OFFSET = 1_000_000
Choice = Literal["email", "app", "off"]


class NotificationOut(Schema):
    id: int
    kind: str
    summary: str
    detail: str
    workspace: str  # the workspace's slug
    post_id: int | None
    url: str | None  # the post's page, or the page it is about (Review after an import)
    created_at: datetime
    read_at: datetime | None
    email: str  # app_only, waiting, sending, sent
    email_due_at: datetime | None


class MarkedOut(Schema):
    marked: int


class KindChoices(StrictSchema):
    """Per kind: "email" (the app and e-mail), "app" (the app only) or "off"."""

    submitted: Choice = "email"
    changes_requested: Choice = "email"
    approved: Choice = "email"
    published: Choice = "email"
    failed: Choice = "email"
    mentioned: Choice = "email"


class PreferencesIn(StrictSchema):
    immediately: bool = False
    kinds: KindChoices = Field(default_factory=KindChoices)


class PreferencesOut(Schema):
    immediately: bool
    kinds: dict[str, str]


def notification_out(notification: Notification) -> dict[str, Any]:
    url = absolute_url(notification.path) if notification.path else None
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "summary": notification.summary,
        "detail": notification.detail,
        "workspace": notification.workspace.slug,
        "post_id": notification.post_id,
        "url": url,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
        "email": notification.email_state,
        "email_due_at": notification.email_due_at,
    }


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # the router's auth let only signed-in users in
    return request.user


@router.get(
    "/notifications",
    response=list[NotificationOut],
    summary="Your notifications, newest first",
    description=(
        f"At most `limit` (1 to {MAX_LIMIT}) from `offset`; `unread=true` keeps the unread"
        " ones. X-Total-Count counts all that match, X-Unread-Count the unread ones."
    ),
)
def list_notifications(
    request: HttpRequest,
    response: HttpResponse,
    unread: bool = False,
    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Field(ge=0, le=MAX_OFFSET)] = 0,
) -> list[dict[str, Any]]:
    user = _user(request)
    rows = inbox.visible_to(user).select_related("workspace")
    if unread:
        rows = rows.filter(read_at__isnull=True)
    response["X-Total-Count"] = str(rows.count())
    response["X-Unread-Count"] = str(inbox.unread_count(user))
    return [notification_out(n) for n in rows[offset : offset + limit]]


@router.post("/notifications/read-all", response=MarkedOut, summary="Mark all read")
def read_all(request: HttpRequest) -> dict[str, int]:
    return {"marked": inbox.mark_all_read(_user(request))}


@router.post("/notifications/{notification_id}/read", response=NotificationOut)
def read_one(request: HttpRequest, notification_id: Id) -> dict[str, Any]:
    return notification_out(inbox.mark_read(_user(request), notification_id))


@router.get("/workspaces/{slug}/notification-preferences", response=PreferencesOut)
def get_preferences(request: HttpRequest, slug: str) -> dict[str, Any]:
    return preference_of(membership_or_404(request.user, slug)).as_dict()


@router.put("/workspaces/{slug}/notification-preferences", response=PreferencesOut)
def put_preferences(request: HttpRequest, slug: str, payload: PreferencesIn) -> dict[str, Any]:
    preference = preference_of(membership_or_404(request.user, slug))
    preference.immediately = payload.immediately
    preference.channels = {kind: getattr(payload.kinds, kind) for kind in Kind.values}
    preference.full_clean()
    preference.save()
    return preference.as_dict()
