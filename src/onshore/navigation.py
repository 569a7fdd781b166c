"""The page navigation's one rule: which sidebar entry is the page you are on.

``{{ here|in_section:"costs what_if cost_settings" }}`` (a template builtin, see
settings.TEMPLATES) is true when the current URL name ``here`` is one of the names, so a
page below Costs (What if…, Settings of costs) still marks Costs with aria-current.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.template import Context
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from onshore.icons import heroicon_outline

register = template.Library()


@register.filter
def in_section(url_name: object, names: str) -> bool:
    """Whether ``url_name`` (request.resolver_match.url_name) is one of ``names``."""
    return isinstance(url_name, str) and url_name in names.split()


@dataclass(frozen=True)
class NavEntry:
    """One sidebar link: its URL name, label, icon, the URL names below it (the page is
    marked when it is any of them), and who sees it (None: every role)."""

    url_name: str
    label: str
    icon: str
    section: frozenset[str]
    roles: frozenset[str] | None = None


def _entry(url_name: str, label: str, icon: str, below: str = "", roles: str = "") -> NavEntry:
    return NavEntry(
        url_name,
        label,
        icon,
        frozenset({url_name, *below.split()}),
        frozenset(roles.split()) if roles else None,
    )


_MANAGERS = "owner manager"
# The workspace's pages in the sidebar's order; the same role rules as the old header.
SIDEBAR = (
    _entry("workspace", "Overview", "home"),
    _entry("post_list", "Posts", "document-text", "post_create post_detail revision_diff"),
    _entry("calendar", "Calendar", "calendar-days"),
    _entry("media_library", "Media", "photo"),
    _entry("review_queue", "Review", "check-badge", "review_links", "owner manager reviewer"),
    _entry("team", "Team", "user-group", "member_profile"),
    _entry("team_hours", "Hours", "globe-alt"),
    _entry("style_guide", "Style guide", "book-open"),
    _entry("time_entries", "Time", "clock", roles="contributor"),
    _entry("invitations", "Invitations", "envelope", roles=_MANAGERS),
    _entry("channels", "Channels", "signal", roles=_MANAGERS),
    _entry(
        "costs",
        "Costs",
        "chart-bar",
        "what_if cost_settings engagements engagement_edit",
        _MANAGERS,
    ),
    _entry("workspace_settings", "Settings", "cog-6-tooth", "market_create market_edit", _MANAGERS),
)


@register.simple_tag(takes_context=True)
def workspace_sidebar(context: Context) -> SafeString:
    """The workspace's sidebar (base.html): on wide screens beside the page, on phones
    behind the menu button; aria-current on the page you are on. Made in Python rather
    than an include per link: it is on every page, and thirteen includes cost more
    than the rest of a small page."""
    membership = context["membership"]
    match = getattr(context.get("request"), "resolver_match", None)
    here = getattr(match, "url_name", None)
    links = format_html_join(
        "\n",
        '<li><a href="{}"{}>{}<span>{}</span></a></li>',
        (
            (
                reverse(entry.url_name, args=[membership.workspace.slug]),
                mark_safe(' aria-current="page"') if here in entry.section else "",  # noqa: S308
                heroicon_outline(entry.icon, size=20),
                entry.label,
            )
            for entry in SIDEBAR
            if entry.roles is None or membership.role in entry.roles
        ),
    )
    return format_html(
        '<nav class="workspace-nav sidebar" id="workspace-nav" aria-label="Workspace">\n'
        "<ul>\n{}\n</ul>\n</nav>",
        links,
    )
