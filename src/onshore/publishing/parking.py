"""Parking a channel the network refused, and telling the managers once.

When a network rejects a channel's credentials (a revoked token, a webhook URL that
answers 410), every delivery to it would fail the same way: the channel is *parked*
(``needs_reconnect``) and its deliveries wait, uncounted, until someone reconnects it
(``connect.reconnect``). Parking is one conditional UPDATE, so of two workers that hit
the refusal at once only one parks it, and only that one sends the e-mail: one e-mail
per parking, however many deliveries were held or retried.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.mail import send_mail
from django.urls import reverse

from onshore.links import absolute_url
from onshore.localtime import describe_in_zones
from onshore.publishing.models import OPEN_STATES, Channel, Delivery
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import Role

# The e-mail lists this many held posts and counts the rest.
LISTED_POSTS = 20
TITLE_LENGTH = 60


def park(channel_id: int, message: str, now: datetime) -> bool:
    """Park an active channel; True only for the call that parked it (so it tells)."""
    return bool(
        Channel.objects.filter(pk=channel_id, status=Channel.Status.ACTIVE).update(
            status=Channel.Status.NEEDS_RECONNECT, status_message=message[:500], parked_at=now
        )
    )


@dataclass(frozen=True)
class HeldPost:
    title: str  # the start of its text
    market_time: str  # "Tue 1 December 2026, 09:30 London"
    link: str


def held_posts(channel: Channel) -> tuple[list[HeldPost], int]:
    """The posts waiting for this channel (the first LISTED_POSTS, soonest first), and
    how many there are in all. In-flight ones count: the rest of the batch that met the
    refusal is handed back just after (outbox.publish_claimed)."""
    waiting = Delivery.objects.filter(channel=channel, state__in=OPEN_STATES)
    listed = waiting.select_related("post__market", "post__workspace").order_by("due_at", "id")
    return [_held(delivery) for delivery in listed[:LISTED_POSTS]], waiting.count()


def _held(delivery: Delivery) -> HeldPost:
    post = delivery.post
    zone = post.market.timezone
    when = describe_in_zones(post.scheduled_at, zone, zone) if post.scheduled_at else "no time"
    title = " ".join(post.text.split())
    if len(title) > TITLE_LENGTH:
        title = title[: TITLE_LENGTH - 1] + "…"
    link = absolute_url(reverse("post_detail", args=[post.workspace.slug, post.pk]))
    return HeldPost(title, when, link)


def parked_channel_email(
    channel: Channel, held: list[HeldPost], total: int, reconnect_link: str
) -> tuple[str, str]:
    """Subject and body of the e-mail to the managers when ``channel`` was parked: the
    channel, what the network said, the posts now held and where to reconnect it.
    (The one place this message is written, for e-mail now and notifications later.)"""
    subject = f"Reconnect {channel}: {total} post{'s' if total != 1 else ''} waiting"
    lines = [
        f"{channel} ({channel.market.label}) needs reconnecting: onshore stopped sending to it.",
        "",
        f"What happened: {channel.status_message}",
        "",
    ]
    if held:
        lines.append("Posts now held until it is reconnected (market time):")
        lines += [f"- “{post.title}”, {post.market_time}: {post.link}" for post in held]
        if total > len(held):
            lines.append(f"- and {total - len(held)} more")
    else:
        lines.append("No posts are waiting for it yet; posts scheduled for it will wait.")
    lines += [
        "",
        f"Reconnect it on the Channels page: {reconnect_link}",
        "The held posts then go out once each.",
    ]
    return subject, "\n".join(lines) + "\n"


def tell_managers_channel_parked(channel_id: int) -> None:
    """One e-mail to the workspace's owners and managers about a channel just parked."""
    channel = Channel.objects.select_related("workspace", "market").get(pk=channel_id)
    held, total = held_posts(channel)
    link = absolute_url(reverse("channels", args=[channel.workspace.slug]))
    subject, body = parked_channel_email(channel, held, total, link)
    send_mail(
        subject=subject,
        message=body,
        from_email=None,
        recipient_list=managers_emails(channel.workspace_id),
        fail_silently=True,
    )


def managers_emails(workspace_id: int) -> list[str]:
    members = Membership.objects.filter(
        workspace_id=workspace_id, role__in=[Role.OWNER, Role.MANAGER]
    ).select_related("user")
    return sorted(member.user.email for member in members)
