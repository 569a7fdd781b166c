"""Who am I, and joining a workspace with an invitation token."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from pydantic import Field

from onshore.accounts.requests import AuthenticatedRequest
from onshore.api.schemas import StrictSchema

router = Router(tags=["account"])


class MeOut(Schema):
    name: str
    email: str


class AcceptIn(StrictSchema):
    token: str = Field(min_length=10, max_length=200, description="the token from the link")


class JoinedOut(Schema):
    workspace: str
    member_id: int
    role: str


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> Any:
    return request.user


@router.post("/invitations/accept", response=JoinedOut, tags=["workspaces"])
def accept_invitation(request: AuthenticatedRequest, payload: AcceptIn) -> dict[str, Any]:
    from onshore.workspaces.models import Invitation

    invitation = Invitation.find(payload.token)
    if invitation is None:
        raise Http404("No such invitation")
    member = invitation.accept(request.user)
    return {"workspace": invitation.workspace.slug, "member_id": member.pk, "role": member.role}
