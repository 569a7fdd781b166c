"""Who may do what in a workspace: the one table every view and API route consults.

The README's permission table is generated from ``CAPABILITIES`` (a test keeps them equal).
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    MANAGER = "manager", "Manager"
    CONTRIBUTOR = "contributor", "Contributor"
    REVIEWER = "reviewer", "Reviewer"
    VIEWER = "viewer", "Viewer"


ALL_ROLES = frozenset(Role)
OWNER_AND_MANAGER = frozenset({Role.OWNER, Role.MANAGER})
DRAFTERS = frozenset({Role.OWNER, Role.MANAGER, Role.CONTRIBUTOR})

# capability → (description for the README, roles that have it)
CAPABILITIES: dict[str, tuple[str, frozenset[Role]]] = {
    "view_workspace": ("See the workspace, its markets and the Team page", ALL_ROLES),
    "edit_own_profile": ("Edit own location, time zone, hours and languages", ALL_ROLES),
    "edit_workspace": (
        "Rename the workspace, change home country, zone, currency",
        OWNER_AND_MANAGER,
    ),
    "manage_markets": ("Add, edit and remove target markets", OWNER_AND_MANAGER),
    "invite": ("Invite people and revoke invitations", OWNER_AND_MANAGER),
    "manage_members": (
        "Change roles, profiles and relation to the business (which sets the sourcing class "
        "in Costs); remove members (managers: not owners)",
        OWNER_AND_MANAGER,
    ),
    "manage_owners": ("Make someone an owner or change an owner's role", frozenset({Role.OWNER})),
    "delete_workspace": ("Delete the workspace", frozenset({Role.OWNER})),
    "draft_posts": (
        "Draft posts, edit and delete their own, submit posts for review",
        DRAFTERS,
    ),
    "edit_any_post": (
        "Edit and delete any member's posts (any change after approval goes back to review)",
        OWNER_AND_MANAGER,
    ),
    "review_posts": (
        "Approve posts or request changes",
        frozenset({Role.OWNER, Role.MANAGER, Role.REVIEWER}),
    ),
    "comment_posts": (
        "Comment on posts",
        frozenset({Role.OWNER, Role.MANAGER, Role.CONTRIBUTOR, Role.REVIEWER}),
    ),
    "override_findings": (
        "Submit despite error findings, with a written reason",
        OWNER_AND_MANAGER,
    ),
    "schedule_posts": ("Schedule and unschedule approved posts", OWNER_AND_MANAGER),
    "manage_channels": (
        "Connect and remove channels, see publishing health",
        OWNER_AND_MANAGER,
    ),
    "view_costs": (
        "See and edit engagements, exchange rates, costs and reports; use the what-if",
        OWNER_AND_MANAGER,
    ),
    "log_time": (
        "Log time on their own engagement and see those entries (managers: every engagement)",
        DRAFTERS,
    ),
}

# Profile fields that decide a member's sourcing class (in-house, outsourced, offshored)
# and so what Costs compares: only ``manage_members`` may change them, even on one's own
# profile, where everything else is ``edit_own_profile``.
MANAGED_PROFILE_FIELDS = ("relation", "agency_name")


def role_can(role: str, capability: str) -> bool:
    return role in CAPABILITIES[capability][1]


def role_may_change_post(role: str, *, is_author: bool) -> bool:
    """Who may edit or delete a post: the one rule the pages and the API share.

    Owners and managers change any post (``edit_any_post``); contributors the posts they
    wrote (``draft_posts``); reviewers and viewers none (reviewers request changes).
    Deleting a scheduled post unschedules it, exactly as editing it does.
    """
    return role_can(role, "edit_any_post") or (is_author and role_can(role, "draft_posts"))


def role_may_set_profile_field(role: str, field: str) -> bool:
    """Whether a member may change ``field`` of a profile they may otherwise edit."""
    return field not in MANAGED_PROFILE_FIELDS or role_can(role, "manage_members")


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
