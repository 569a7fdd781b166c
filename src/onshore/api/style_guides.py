"""A workspace's style guide through the API: the same rules and the same validation as
the Style guide page and the TOML file (marketfit._style); the body's keys are the
file's keys. Everyone in the workspace reads; owners and managers write."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from onshore.api.schemas import StrictSchema
from onshore.inputs import BadInput
from onshore.marketfit._style import (
    EMPTY_GUIDE,
    MAX_COUNT,
    MAX_HASHTAGS,
    MAX_LABELS,
    MAX_MARKETS,
    MAX_TERMS,
    MAX_TEXT,
    StyleGuideError,
    default_disclosures,
    disclosure_from_mapping,
    disclosure_mapping,
    guide_to_mapping,
)
from onshore.workspaces import style_guides
from onshore.workspaces.access import membership_or_404, require
from onshore.workspaces.models import Workspace
from onshore.workspaces.roles import Capability

router = Router(tags=["style guides"])

Term = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
Terms = Annotated[list[Term], Field(max_length=MAX_TERMS)]
Hashtags = Annotated[list[Term], Field(max_length=MAX_HASHTAGS)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
MarketCode = Annotated[str, Field(min_length=2, max_length=2, pattern="^[A-Z]{2}$")]


class DisclosureIn(StrictSchema):
    labels: Annotated[list[Term], Field(min_length=1, max_length=MAX_LABELS)]
    placement: Literal["start", "anywhere"] = "start"
    within: Annotated[int, Field(ge=0, le=500)] = 30
    regulator: Annotated[str, Field(max_length=200)] = ""
    guidance: Annotated[str, Field(max_length=300)] = ""
    url: Annotated[str, Field(max_length=300)] = ""


class StyleGuideIn(StrictSchema):
    """One scope's rules; every part optional, an absent part is empty."""

    preferred: Annotated[dict[Term, Term], Field(max_length=MAX_TERMS)] = Field(
        default_factory=dict, description='word or phrase to avoid -> to use: {"sale": "offer"}'
    )
    banned: Terms = Field(default_factory=list)
    brands: Terms = Field(default_factory=list, description="exact casing and spacing")
    required_hashtags: Hashtags = Field(default_factory=list)
    banned_hashtags: Hashtags = Field(default_factory=list)
    max_hashtags: Count | None = None
    max_emoji: Count | None = None
    allowed: Terms = Field(
        default_factory=list, description="words and phrases no rule flags in this scope"
    )
    disclosure: Annotated[dict[MarketCode, DisclosureIn], Field(max_length=MAX_MARKETS)] = Field(
        default_factory=dict, description="per market code: the disclosure paid posts need"
    )


class StyleGuideOut(Schema):
    market: str = Field(description='"" for the rules of every market')
    rules: dict[str, Any] = Field(description="this scope's own rules")
    effective: dict[str, Any] = Field(
        description="what the checker applies to this market's posts (every market's + its own)"
    )


def _market(workspace: Workspace, market: str | None) -> str:
    code = (market or "").strip()
    if not code:
        return ""
    if code.upper() not in set(workspace.markets.values_list("country", flat=True)):
        raise BadInput("market", f"{code[:10]!r} is not a market of this workspace (e.g. GB)")
    return code.upper()


def _out(workspace: Workspace, market: str) -> dict[str, Any]:
    own = style_guides.own_guide(workspace, market)
    effective = style_guides.guide_for(workspace.id, market) if market else own
    return {
        "market": market,
        "rules": guide_to_mapping(own),
        "effective": guide_to_mapping(effective or EMPTY_GUIDE),
    }


class MarketQuery(Schema):
    market: Annotated[str, Field(max_length=10)] | None = Field(
        None, description="a market's country code (GB); none: the rules of every market"
    )


@router.get("/{slug}/style-guide", response=StyleGuideOut, summary="A style guide")
def get_style_guide(request: HttpRequest, slug: str, query: Query[MarketQuery]) -> dict[str, Any]:
    workspace = membership_or_404(request.user, slug).workspace
    return _out(workspace, _market(workspace, query.market))


@router.put("/{slug}/style-guide", response=StyleGuideOut, summary="Replace a style guide")
def put_style_guide(
    request: HttpRequest, slug: str, payload: StyleGuideIn, query: Query[MarketQuery]
) -> dict[str, Any]:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.EDIT_WORKSPACE)
    workspace = membership.workspace
    market = _market(workspace, query.market)
    data = payload.dict(exclude_none=True)
    try:
        style_guides.save_mapping(workspace, market, data)
    except StyleGuideError as error:
        raise ValidationError({error.key or "__all__": [error.problem]}) from None
    return _out(workspace, market)


# ---------------------------------------------------------------- one market's disclosure


class DisclosureOut(Schema):
    market: str
    source: Literal["workspace", "default", "none"] = Field(
        description="set by this workspace, the shipped default (regulator's guidance), "
        "or none: paid posts for this market are not checked for a disclosure"
    )
    disclosure: dict[str, Any] | None
    default: dict[str, Any] | None = Field(description="the shipped default, if any")


def _market_of(workspace: Workspace, market: str) -> str:
    code = _market(workspace, market)
    if not code:
        raise BadInput("market", "name a market of this workspace (e.g. GB)")
    return code


def _disclosure_out(workspace: Workspace, market: str) -> dict[str, Any]:
    disclosure, own = style_guides.disclosure_in_force(workspace, market)
    default = default_disclosures().get(market)
    source = "workspace" if own else ("default" if disclosure is not None else "none")
    return {
        "market": market,
        "source": source,
        "disclosure": disclosure_mapping(disclosure) if disclosure else None,
        "default": disclosure_mapping(default) if default else None,
    }


@router.get(
    "/{slug}/style-guide/disclosure/{market}",
    response=DisclosureOut,
    summary="A market's disclosure for paid posts",
)
def get_disclosure(request: HttpRequest, slug: str, market: str) -> dict[str, Any]:
    workspace = membership_or_404(request.user, slug).workspace
    return _disclosure_out(workspace, _market_of(workspace, market))


@router.put(
    "/{slug}/style-guide/disclosure/{market}",
    response=DisclosureOut,
    summary="Set a market's disclosure for this workspace",
)
def put_disclosure(
    request: HttpRequest, slug: str, market: str, payload: DisclosureIn
) -> dict[str, Any]:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.EDIT_WORKSPACE)
    workspace = membership.workspace
    code = _market_of(workspace, market)
    data = payload.dict()
    if not data.get("guidance") and not data.get("regulator"):
        data["guidance"] = "this workspace's rule"
    try:
        disclosure = disclosure_from_mapping(data, "disclosure")
    except StyleGuideError as error:
        raise ValidationError({error.key or "__all__": [error.problem]}) from None
    style_guides.set_disclosure(workspace, code, disclosure)
    return _disclosure_out(workspace, code)


@router.delete(
    "/{slug}/style-guide/disclosure/{market}",
    response=DisclosureOut,
    summary="Reset a market's disclosure to the shipped default",
)
def reset_disclosure(request: HttpRequest, slug: str, market: str) -> dict[str, Any]:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.EDIT_WORKSPACE)
    workspace = membership.workspace
    code = _market_of(workspace, market)
    style_guides.reset_disclosure(workspace, code)
    return _disclosure_out(workspace, code)
