"""Workspaces, markets, members and invitations. Same rules as the web pages (roles.py)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import RestrictedError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from onshore.accounts.requests import AuthenticatedRequest
from onshore.api.schemas import Id, StrictSchema
from onshore.localtime import MAX_SPANS_GIVEN_PER_DAY, MAX_SPANS_PER_DAY
from onshore.workspaces import sourcing
from onshore.workspaces.access import membership_or_404, require
from onshore.workspaces.models import (
    MAX_LANGUAGES,
    MAX_OTHER_ZONES,
    MAX_POSTING_SLOTS,
    Invitation,
    Market,
    Membership,
    MembershipRuleError,
    Workspace,
)
from onshore.workspaces.roles import Capability, Role

router = Router(tags=["workspaces"])

RoleName = Literal["owner", "manager", "contributor", "reviewer", "viewer"]
if TYPE_CHECKING:
    RelationName = str  # mypy cannot read a Literal built at run time
else:
    RelationName = Literal[tuple(sourcing.RELATIONS)]  # the schema lists the relations


# Bounded parts of request bodies; the counts are the models' (workspaces.models).
ZoneName = Annotated[str, Field(max_length=64)]
LanguageTag = Annotated[str, Field(max_length=35)]
Clock = Annotated[str, Field(max_length=8, description="HH:MM")]
Span = Annotated[list[Clock], Field(max_length=2, description="[start, end]")]
DayName = Annotated[str, Field(max_length=9)]
DaySpans = Annotated[list[Span], Field(max_length=MAX_SPANS_GIVEN_PER_DAY)]


class SlotIn(StrictSchema):
    days: list[DayName] = Field(max_length=7, description='e.g. ["tue", "thu"]')
    time: Clock


class MarketIn(StrictSchema):
    country: str = Field(min_length=2, max_length=2, description="ISO 3166 code, e.g. GB")
    language: str = Field(min_length=2, max_length=35, description="BCP 47 tag, e.g. en-GB")
    timezone: str = Field(
        "", max_length=64, description="IANA zone; empty: the country's main zone"
    )
    other_zones: list[ZoneName] = Field(default_factory=list, max_length=MAX_OTHER_ZONES)
    posting_slots: list[SlotIn] = Field(
        default_factory=list,
        max_length=MAX_POSTING_SLOTS,
        description='recurring wall times, e.g. [{"days": ["tue", "thu"], "time": "09:30"}]',
    )


class MarketPatch(StrictSchema):
    country: str | None = Field(None, min_length=2, max_length=2)
    language: str | None = Field(None, min_length=2, max_length=35)
    timezone: str | None = Field(None, max_length=64)
    other_zones: list[ZoneName] | None = Field(None, max_length=MAX_OTHER_ZONES)
    posting_slots: list[SlotIn] | None = Field(None, max_length=MAX_POSTING_SLOTS)


class MarketOut(Schema):
    id: int
    country: str
    country_name: str
    language: str
    timezone: str
    other_zones: list[str]
    posting_slots: list[dict[str, Any]]

    @staticmethod
    def resolve_country_name(market: Market) -> str:
        return market.label


class WorkspaceIn(StrictSchema):
    name: str = Field(min_length=1, max_length=100)
    home_country: str = Field(min_length=2, max_length=2)
    home_timezone: str = Field("", max_length=64)
    currency: str = Field("", max_length=3, description="ISO 4217; empty: the country's currency")
    markets: list[MarketIn] = Field(min_length=1, max_length=50)


class WorkspacePatch(StrictSchema):
    name: str | None = Field(None, min_length=1, max_length=100)
    home_country: str | None = Field(None, min_length=2, max_length=2)
    home_timezone: str | None = Field(None, max_length=64)
    currency: str | None = Field(None, max_length=3)


class WorkspaceOut(Schema):
    slug: str
    name: str
    home_country: str
    home_timezone: str
    currency: str
    created_at: datetime
    markets: list[MarketOut]


class UserOut(Schema):
    name: str
    email: str


class MarketFitOut(Schema):
    market_id: int
    native: bool


class MemberOut(Schema):
    id: int
    user: UserOut
    role: str
    relation: str
    agency_name: str
    home_country: str
    timezone: str
    working_hours: dict[str, list[list[str]]]
    languages: list[str]
    sourcing_class: str | None
    markets: list[MarketFitOut]


class MemberPatch(StrictSchema):
    role: RoleName | None = None
    relation: RelationName | None = None
    agency_name: str | None = Field(None, max_length=100)
    home_country: str | None = Field(None, max_length=2)
    timezone: str | None = Field(None, max_length=64)
    working_hours: dict[DayName, DaySpans] | None = Field(
        None,
        max_length=7,
        description='e.g. {"mon": [["09:00", "17:00"]]}; overlapping spans are merged, '
        f"at most {MAX_SPANS_PER_DAY} a day remain",
    )
    languages: list[LanguageTag] | None = Field(None, max_length=MAX_LANGUAGES)


class InvitationIn(StrictSchema):
    role: RoleName
    email: str = Field("", max_length=254)


class InvitationOut(Schema):
    id: int
    role: str
    email: str
    status: str
    created_at: datetime
    expires_at: datetime
    link: str | None = None


def _workspace_out(workspace: Workspace) -> dict[str, Any]:
    return {
        "slug": workspace.slug,
        "name": workspace.name,
        "home_country": workspace.home_country,
        "home_timezone": workspace.home_timezone,
        "currency": workspace.currency,
        "created_at": workspace.created_at,
        "markets": list(workspace.markets.all()),
    }


def _member_out(member: Membership, markets: list[Market]) -> dict[str, Any]:
    complete = member.is_profile_complete
    return {
        "id": member.pk,
        "user": member.user,
        "role": member.role,
        "relation": member.relation,
        "agency_name": member.agency_name,
        "home_country": member.home_country,
        "timezone": member.timezone,
        "working_hours": member.working_hours,
        "languages": member.languages,
        "sourcing_class": member.sourcing_class if complete else None,
        "markets": [{"market_id": m.pk, "native": member.is_native_to(m)} for m in markets],
    }


def _changes(payload: Schema) -> dict[str, Any]:
    """The fields a PATCH sets. Leaving a field out keeps it; null is refused by name."""
    changes = payload.dict(exclude_unset=True)
    nulls = [name for name, value in changes.items() if value is None]
    if nulls:
        raise ValidationError(
            {name: "must not be null; leave the field out to keep it" for name in nulls}
        )
    return changes


def _apply(instance: Workspace | Market | Membership, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        setattr(instance, name, value)


# --- workspaces -----------------------------------------------------------------------


@router.get("", response=list[WorkspaceOut], summary="Workspaces you belong to")
def list_workspaces(request: AuthenticatedRequest) -> list[dict[str, Any]]:
    workspaces = Workspace.objects.filter(memberships__user=request.user).prefetch_related(
        "markets"
    )
    return [_workspace_out(workspace) for workspace in workspaces]


@router.post("", response={201: WorkspaceOut}, summary="Create a workspace; you become owner")
def create_workspace(request: AuthenticatedRequest, payload: WorkspaceIn) -> Status[Any]:
    data = payload.dict()
    market_data = data.pop("markets")
    workspace = Workspace(**data)
    workspace.full_clean(exclude=["slug"])
    markets = [Market(**item) for item in market_data]
    with transaction.atomic():
        workspace.create_with_owner(request.user)
        for index, market in enumerate(markets):
            market.workspace = workspace
            _clean_nested(market, f"markets.{index}")
            market.save()
    return Status(201, _workspace_out(workspace))


def _clean_nested(instance: Market, prefix: str) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise ValidationError(
            {f"{prefix}.{field}": messages for field, messages in exc.message_dict.items()}
        ) from None


@router.get("/{slug}", response=WorkspaceOut)
def get_workspace(request: HttpRequest, slug: str) -> dict[str, Any]:
    return _workspace_out(membership_or_404(request.user, slug).workspace)


@router.patch("/{slug}", response=WorkspaceOut)
def update_workspace(request: HttpRequest, slug: str, payload: WorkspacePatch) -> dict[str, Any]:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.EDIT_WORKSPACE)
    workspace = membership.workspace
    _apply(workspace, _changes(payload))
    workspace.full_clean()
    workspace.save()
    return _workspace_out(workspace)


@router.delete("/{slug}", response={204: None})
def delete_workspace(request: HttpRequest, slug: str) -> Status[Any]:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.DELETE_WORKSPACE)
    membership.workspace.delete()
    return Status(204, None)


# --- markets --------------------------------------------------------------------------


@router.get("/{slug}/markets", response=list[MarketOut])
def list_markets(request: HttpRequest, slug: str) -> Any:
    return membership_or_404(request.user, slug).workspace.markets.all()


@router.post("/{slug}/markets", response={201: MarketOut})
def create_market(request: HttpRequest, slug: str, payload: MarketIn) -> Status[Any]:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.MANAGE_MARKETS)
    market = Market(workspace=membership.workspace, **payload.dict())
    market.full_clean()
    market.save()
    return Status(201, market)


@router.get("/{slug}/markets/{market_id}", response=MarketOut)
def get_market(request: HttpRequest, slug: str, market_id: Id) -> Market:
    membership = membership_or_404(request.user, slug)
    return get_object_or_404(Market, pk=market_id, workspace=membership.workspace)


@router.patch("/{slug}/markets/{market_id}", response=MarketOut)
def update_market(request: HttpRequest, slug: str, market_id: Id, payload: MarketPatch) -> Market:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.MANAGE_MARKETS)
    market = get_object_or_404(Market, pk=market_id, workspace=membership.workspace)
    _apply(market, _changes(payload))
    market.full_clean()
    market.save()
    return market


@router.delete("/{slug}/markets/{market_id}", response={204: None})
def delete_market(request: HttpRequest, slug: str, market_id: Id) -> Status[Any]:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.MANAGE_MARKETS)
    market = get_object_or_404(Market, pk=market_id, workspace=membership.workspace)
    try:
        market.delete()
    except RestrictedError:
        raise MembershipRuleError(f"{market.label} has posts: move or delete them first.") from None
    return Status(204, None)


# --- members --------------------------------------------------------------------------


@router.get("/{slug}/members", response=list[MemberOut])
def list_members(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    workspace = membership_or_404(request.user, slug).workspace
    markets = list(workspace.markets.all())
    members = workspace.memberships.select_related("user", "workspace")
    return [_member_out(member, markets) for member in members]


@router.get("/{slug}/members/{member_id}", response=MemberOut)
def get_member(request: HttpRequest, slug: str, member_id: Id) -> dict[str, Any]:
    workspace = membership_or_404(request.user, slug).workspace
    member = get_object_or_404(Membership, pk=member_id, workspace=workspace)
    return _member_out(member, list(workspace.markets.all()))


@router.patch("/{slug}/members/{member_id}", response=MemberOut)
def update_member(
    request: HttpRequest, slug: str, member_id: Id, payload: MemberPatch
) -> dict[str, Any]:
    actor = membership_or_404(request.user, slug)
    member = get_object_or_404(Membership, pk=member_id, workspace=actor.workspace)
    changes = _changes(payload)
    new_role = changes.pop("role", None)
    if changes and member.pk != actor.pk:
        require(actor, Capability.MANAGE_MEMBERS)
        if member.role == Role.OWNER:
            require(actor, Capability.MANAGE_OWNERS)
    member.refuse_profile_changes_by(actor, changes)
    with transaction.atomic():
        if new_role is not None and new_role != member.role:
            require(actor, Capability.MANAGE_MEMBERS)
            member.change_role(actor, new_role)
        _apply(member, changes)
        member.full_clean()
        member.save()
    return _member_out(member, list(actor.workspace.markets.all()))


@router.delete("/{slug}/members/{member_id}", response={204: None})
def remove_member(request: HttpRequest, slug: str, member_id: Id) -> Status[Any]:
    actor = membership_or_404(request.user, slug)
    member = get_object_or_404(Membership, pk=member_id, workspace=actor.workspace)
    if member.pk != actor.pk:
        require(actor, Capability.MANAGE_MEMBERS)
    member.remove(actor)
    return Status(204, None)


# --- invitations ----------------------------------------------------------------------


def _invitation_out(invitation: Invitation, link: str | None = None) -> dict[str, Any]:
    return {
        "id": invitation.pk,
        "role": invitation.role,
        "email": invitation.email,
        "status": invitation.status,
        "created_at": invitation.created_at,
        "expires_at": invitation.expires_at,
        "link": link,
    }


@router.get("/{slug}/invitations", response=list[InvitationOut])
def list_invitations(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.INVITE)
    return [_invitation_out(i) for i in membership.workspace.invitations.all()]


@router.post(
    "/{slug}/invitations",
    response={201: InvitationOut},
    summary="Create an invitation; its link is returned only here",
)
def create_invitation(
    request: AuthenticatedRequest, slug: str, payload: InvitationIn
) -> Status[Any]:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.INVITE)
    if payload.role == Role.OWNER.value:
        require(membership, Capability.MANAGE_OWNERS)
    invitation, token = Invitation.issue(
        membership.workspace, payload.role, request.user, payload.email
    )
    return Status(201, _invitation_out(invitation, invitation.link(token)))


@router.delete("/{slug}/invitations/{invitation_id}", response={204: None})
def revoke_invitation(request: HttpRequest, slug: str, invitation_id: Id) -> Status[Any]:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.INVITE)
    invitation = get_object_or_404(Invitation, pk=invitation_id, workspace=membership.workspace)
    if invitation.status == "pending":
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return Status(204, None)
