"""Who may do what in a workspace: the one table every view and API route consults.

The README's permission table is generated from ``CAPABILITIES`` (a test keeps them equal).
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    MANAGER = "manager", "Manager"
    CONTRIBUTOR = "contributor", "Contributor"
    REVIEWER = "reviewer", "Reviewer"
    VIEWER = "viewer", "Viewer"


class Capability(StrEnum):
    """What a role may do. Routes, transitions and ``Membership.can`` take one of these,
    not a string, so a misspelled capability is a type error (and an AttributeError)."""

    VIEW_WORKSPACE = "view_workspace"
    EDIT_OWN_PROFILE = "edit_own_profile"
    EDIT_WORKSPACE = "edit_workspace"
    MANAGE_MARKETS = "manage_markets"
    INVITE = "invite"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_OWNERS = "manage_owners"
    DELETE_WORKSPACE = "delete_workspace"
    DRAFT_POSTS = "draft_posts"
    EDIT_ANY_POST = "edit_any_post"
    REVIEW_POSTS = "review_posts"
    COMMENT_POSTS = "comment_posts"
    OVERRIDE_FINDINGS = "override_findings"
    SCHEDULE_POSTS = "schedule_posts"
    MANAGE_CHANNELS = "manage_channels"
    VIEW_COSTS = "view_costs"
    LOG_TIME = "log_time"
    SHARE_FOR_APPROVAL = "share_for_approval"


ALL_ROLES = frozenset(Role)
OWNER_AND_MANAGER = frozenset({Role.OWNER, Role.MANAGER})
DRAFTERS = frozenset({Role.OWNER, Role.MANAGER, Role.CONTRIBUTOR})

# capability → (description for the README, roles that have it)
CAPABILITIES: dict[Capability, tuple[str, frozenset[Role]]] = {
    Capability.VIEW_WORKSPACE: ("See the workspace, its markets and the Team page", ALL_ROLES),
    Capability.EDIT_OWN_PROFILE: ("Edit own location, time zone, hours and languages", ALL_ROLES),
    Capability.EDIT_WORKSPACE: (
        "Rename the workspace, change home country, zone, currency",
        OWNER_AND_MANAGER,
    ),
    Capability.MANAGE_MARKETS: ("Add, edit and remove target markets", OWNER_AND_MANAGER),
    Capability.INVITE: ("Invite people and revoke invitations", OWNER_AND_MANAGER),
    Capability.MANAGE_MEMBERS: (
        "Change roles, profiles and relation to the business (which sets the sourcing class "
        "in Costs); remove members (managers: not owners)",
        OWNER_AND_MANAGER,
    ),
    Capability.MANAGE_OWNERS: (
        "Make someone an owner or change an owner's role",
        frozenset({Role.OWNER}),
    ),
    Capability.DELETE_WORKSPACE: ("Delete the workspace", frozenset({Role.OWNER})),
    Capability.DRAFT_POSTS: (
        "Draft posts, edit and delete their own, submit posts for review",
        DRAFTERS,
    ),
    Capability.EDIT_ANY_POST: (
        "Edit and delete any member's posts (any change after approval goes back to review)",
        OWNER_AND_MANAGER,
    ),
    Capability.REVIEW_POSTS: (
        "Approve posts or request changes",
        frozenset({Role.OWNER, Role.MANAGER, Role.REVIEWER}),
    ),
    Capability.COMMENT_POSTS: (
        "Comment on posts",
        frozenset({Role.OWNER, Role.MANAGER, Role.CONTRIBUTOR, Role.REVIEWER}),
    ),
    Capability.OVERRIDE_FINDINGS: (
        "Submit despite error findings, with a written reason",
        OWNER_AND_MANAGER,
    ),
    Capability.SCHEDULE_POSTS: ("Schedule and unschedule approved posts", OWNER_AND_MANAGER),
    Capability.MANAGE_CHANNELS: (
        "Connect and remove channels, see publishing health",
        OWNER_AND_MANAGER,
    ),
    Capability.VIEW_COSTS: (
        "See and edit engagements, exchange rates, costs and reports; use the what-if",
        OWNER_AND_MANAGER,
    ),
    Capability.LOG_TIME: (
        "Log time on their own engagement and see those entries (managers: every engagement)",
        DRAFTERS,
    ),
    Capability.SHARE_FOR_APPROVAL: (
        "Send posts for approval by link to someone outside the workspace; revoke such links",
        OWNER_AND_MANAGER,
    ),
}

# What a person outside the workspace holding a review link may do, on that link's posts
# only (posts/review_links.py): approve or request changes, as the name the link carries.
REVIEW_LINK_CAPABILITIES = frozenset({Capability.REVIEW_POSTS})

# Profile fields that decide a member's sourcing class (in-house, outsourced, offshored)
# and so what Costs compares: only ``manage_members`` may change them, even on one's own
# profile, where everything else is ``edit_own_profile``.
MANAGED_PROFILE_FIELDS = ("relation", "agency_name")


def role_can(role: str, capability: Capability) -> bool:
    return role in CAPABILITIES[capability][1]


def role_may_change_post(role: str, *, is_author: bool) -> bool:
    """Who may edit or delete a post: the one rule the pages and the API share.

    Owners and managers change any post (``edit_any_post``); contributors the posts they
    wrote (``draft_posts``); reviewers and viewers none (reviewers request changes).
    Deleting a scheduled post unschedules it, exactly as editing it does.
    """
    return role_can(role, Capability.EDIT_ANY_POST) or (
        is_author and role_can(role, Capability.DRAFT_POSTS)
    )


def role_may_set_profile_field(role: str, field: str) -> bool:
    """Whether a member may change ``field`` of a profile they may otherwise edit."""
    return field not in MANAGED_PROFILE_FIELDS or role_can(role, Capability.MANAGE_MEMBERS)


def permission_table_markdown() -> str:
    """The README table: one row per capability, one column per role."""
    roles = list(Role)
    header = "| Can… | " + " | ".join(role.label for role in roles) + " |"
    rule = "|---|" + "---|" * len(roles)
    rows = [
        f"| {description} | " + " | ".join("✓" if role in allowed else "—" for role in roles) + " |"
        for description, allowed in CAPABILITIES.values()
    ]
    return "\n".join([header, rule, *rows])
