"""The Team page's content: each member's sourcing class, market-native flags and notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from onshore import places
from onshore.localtime import describe_offset_from, offset_between
from onshore.workspaces import sourcing
from onshore.workspaces.models import Market, Membership, Workspace
from onshore.workspaces.roles import Role


@dataclass
class MarketFit:
    market: Market
    native: bool
    note: sourcing.MarketNote | None


@dataclass
class TeamRow:
    membership: Membership
    sourcing_class: str | None  # None until the person has recorded where they work
    local_time: str  # formatted here: the template filter would convert it to UTC
    difference_to_business: str
    markets: list[MarketFit] = field(default_factory=list)


def team_rows(workspace: Workspace, members: list[Membership], at: datetime) -> list[TeamRow]:
    """One row per member, computed at the instant ``at``."""
    markets = list(workspace.markets.all())
    return [_row(workspace, member, markets, at) for member in members]


def _needs_market_notes(member: Membership) -> bool:
    # The people who write the posts; owners, managers and reviewers know their market.
    return member.role == Role.CONTRIBUTOR


def _row(workspace: Workspace, member: Membership, markets: list[Market], at: datetime) -> TeamRow:
    if not member.is_profile_complete:
        return TeamRow(member, None, "", "not recorded yet")
    offset = offset_between(workspace.home_timezone, member.timezone, at)
    row = TeamRow(
        membership=member,
        sourcing_class=member.sourcing_class,
        local_time=f"{at.astimezone(places.zoneinfo(member.timezone)):%a %H:%M}",
        difference_to_business=describe_offset_from(offset, "the business"),
    )
    for market in markets:
        native = member.is_native_to(market)
        needs_note = _needs_market_notes(member) and not native
        note = _note(member, market, at) if needs_note else None
        row.markets.append(MarketFit(market, native, note))
    return row


def _note(member: Membership, market: Market, at: datetime) -> sourcing.MarketNote:
    return sourcing.market_note(
        person=member.user.display_name,
        market_country=market.country,
        market_language=market.language,
        market_zone=market.timezone,
        member_zone=member.timezone,
        member_hours_today=member.hours_on(at),
        at=at,
    )
