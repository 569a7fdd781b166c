"""The list of every page a person can open (issue 15's sweep), and who may open each.

One entry per URL name that answers a GET with an HTML page, plus the 404 page. Path
arguments are placeholders (``{slug}``, ``{draft}``…) that the sweep fills from the data
it made; ``roles`` names who may open the page (``ANON`` for pages seen logged out).
``NOT_PAGES`` lists every other URL name with the reason it is not swept, so that
tests/e2e/test_every_page.py can check that a new route lands in one list or the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from onshore.workspaces.roles import CAPABILITIES, Capability, Role

ANON = "anonymous"
MEMBER_ROLES = tuple(role.value for role in Role)


def roles_with(capability: Capability) -> tuple[str, ...]:
    """The roles the app's own permission table gives ``capability`` (in a fixed order)."""
    allowed = CAPABILITIES[capability][1]
    return tuple(role for role in MEMBER_ROLES if role in allowed)


@dataclass(frozen=True)
class Page:
    key: str  # the screenshot's file name
    url_name: str | None  # None: a URL no route matches (the 404 page)
    path: str  # with placeholders
    roles: tuple[str, ...]


def _p(key: str, url_name: str | None, path: str, roles: tuple[str, ...]) -> Page:
    return Page(key, url_name, path, roles)


ALL = MEMBER_ROLES
W = "/w/{slug}"
PAGES: tuple[Page, ...] = (
    # Logged out
    _p("login", "login", "/login/", (ANON,)),
    _p("signup", "signup", "/signup/", (ANON,)),
    _p("signup-sent", "signup_sent", "/signup/sent/", (ANON,)),
    _p("signup-confirm-expired", "signup_confirm", "/signup/confirm/MQ/expired-token/", (ANON,)),
    _p("password-reset", "password_reset", "/password-reset/", (ANON,)),
    _p("password-reset-sent", "password_reset_done", "/password-reset/sent/", (ANON,)),
    _p("password-reset-link", "password_reset_confirm", "/password-reset/MQ/bad-token/", (ANON,)),
    _p("password-reset-done", "password_reset_complete", "/password-reset/done/", (ANON,)),
    _p("invitation", "invitation_accept", "/invite/{invitation}/", (ANON,)),
    _p("review-link", "review_link_page", "/r/{review_link}/", (ANON,)),
    _p("not-found", None, "/no-such-page/", (ANON, Role.VIEWER.value)),
    # Everyone in the workspace
    _p("home", "home", "/", ALL),
    _p("workspace-new", "workspace_create", "/w/new/", ALL),
    _p("workspace", "workspace", W + "/", ALL),
    # A workspace made a minute ago: its page teaches the next steps.
    _p("workspace-first-steps", "workspace", "/w/{empty}/", (Role.OWNER.value,)),
    _p("posts", "post_list", W + "/posts/", ALL),
    _p("post-editor", "post_detail", W + "/posts/{draft}/", roles_with(Capability.DRAFT_POSTS)),
    _p("post-read-only", "post_detail", W + "/posts/{published}/", ALL),
    _p("post-diff", "revision_diff", W + "/posts/{revised}/diff/", ALL),
    _p("calendar-month", "calendar", W + "/calendar/", ALL),
    _p("calendar-week", "calendar", W + "/calendar/?view=week", ALL),
    _p("calendar-list", "calendar", W + "/calendar/?view=list", ALL),
    _p("team", "team", W + "/team/", ALL),
    _p("hours", "team_hours", W + "/team/hours/", ALL),
    _p("style-guide", "style_guide", W + "/style-guide/", ALL),
    _p(
        "style-guide-disclosure",
        "style_guide_disclosure",
        W + "/style-guide/disclosure/GB/",
        roles_with(Capability.EDIT_WORKSPACE),
    ),
    _p("profile", "member_profile", W + "/members/{me}/", ALL),
    _p("import-export", "posts_import", W + "/posts/import/", ALL),
    _p("media", "media_library", W + "/media/", ALL),
    _p("notifications", "notifications", "/notifications/", ALL),
    _p("notification-settings", "notification_settings", W + "/notifications/settings/", ALL),
    _p("tokens", "tokens", "/account/tokens/", ALL),
    # By capability
    _p("post-new", "post_create", W + "/posts/new/", roles_with(Capability.DRAFT_POSTS)),
    _p("review", "review_queue", W + "/review/", roles_with(Capability.REVIEW_POSTS)),
    _p("time", "time_entries", W + "/time/", roles_with(Capability.LOG_TIME)),
    _p("settings", "workspace_settings", W + "/settings/", roles_with(Capability.EDIT_WORKSPACE)),
    _p(
        "calendar-feed",
        "calendar_feed",
        W + "/calendar-feed/",
        roles_with(Capability.EDIT_WORKSPACE),
    ),
    _p("market-new", "market_create", W + "/markets/new/", roles_with(Capability.MANAGE_MARKETS)),
    _p("market", "market_edit", W + "/markets/{market}/", roles_with(Capability.MANAGE_MARKETS)),
    _p("invitations", "invitations", W + "/invitations/", roles_with(Capability.INVITE)),
    _p("channels", "channels", W + "/channels/", roles_with(Capability.MANAGE_CHANNELS)),
    _p(
        "review-links",
        "review_links",
        W + "/review-links/",
        roles_with(Capability.SHARE_FOR_APPROVAL),
    ),
    _p("costs", "costs", W + "/costs/", roles_with(Capability.VIEW_COSTS)),
    _p("costs-report", "costs_report", W + "/costs/report/", roles_with(Capability.VIEW_COSTS)),
    _p("what-if", "what_if", W + "/costs/what-if/", roles_with(Capability.VIEW_COSTS)),
    _p("cost-settings", "cost_settings", W + "/costs/settings/", roles_with(Capability.VIEW_COSTS)),
    _p("engagements", "engagements", W + "/engagements/", roles_with(Capability.VIEW_COSTS)),
    _p(
        "engagement",
        "engagement_edit",
        W + "/engagements/{engagement}/",
        roles_with(Capability.VIEW_COSTS),
    ),
)

# URL names that are not pages of their own, and why.
POST_ONLY = "POST only: a form's action, answered by a redirect or a fragment"
NOT_PAGES: dict[str, str] = {
    "logout": POST_ONLY,
    "token_revoke": POST_ONLY,
    "workspace_delete": POST_ONLY,
    "market_delete": POST_ONLY,
    "member_role": POST_ONLY,
    "member_remove": POST_ONLY,
    "invitation_revoke": POST_ONLY,
    "post_action": POST_ONLY,
    "post_comment": POST_ONLY,
    "post_dismiss": POST_ONLY,
    "post_schedule": POST_ONLY,
    "post_next_slot": POST_ONLY,
    "post_move": POST_ONLY,
    "live_check": POST_ONLY,
    "channel_connect": POST_ONLY,
    "channel_reconnect": POST_ONLY,
    "channel_remove": POST_ONLY,
    "channel_secret": POST_ONLY,
    "engagement_delete": POST_ONLY,
    "time_entry_delete": POST_ONLY,
    "calendar_feed_rotate": POST_ONLY,
    "calendar_feed_revoke": POST_ONLY,
    "review_link_revoke": POST_ONLY,
    "review_link_act": POST_ONLY,
    "posts_bulk": POST_ONLY,
    "post_duplicate": POST_ONLY,
    "post_move_market": POST_ONLY,
    "post_delete": POST_ONLY,
    "notification_read": POST_ONLY,
    "notifications_read_all": POST_ONLY,
    "media_alt_text": POST_ONLY,
    "media_delete": POST_ONLY,
    "media_file": "an image or video file (members only)",
    "media_signed": "an image or video file by signed link",
    "media_upload": "POST only: the editor's one-file upload, answered in JSON",
    "media_pick": "an htmx fragment inside the editor's library picker (swept there)",
    "schedule_preview": "an htmx fragment inside the post page's schedule form",
    "notification_open": "a redirect to what the notification is about",
    "costs_csv": "a CSV download",
    "style_guide_export": "a TOML download",
    "style_guide_import": POST_ONLY,
    "style_guide_proposal": POST_ONLY,
    "style_guide_allow": POST_ONLY,
    "posts_export": "a CSV download",
    "calendar_feed_public": "an iCalendar feed",
    "worker_health": "JSON for monitors",
    "healthz": "JSON for monitors",
}
