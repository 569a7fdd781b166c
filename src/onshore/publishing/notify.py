"""Telling people when publishing needs them: a failed delivery, a channel to reconnect."""

from __future__ import annotations

from django.core.mail import send_mail
from django.urls import reverse

from onshore.links import absolute_url
from onshore.publishing.models import Channel, Delivery
from onshore.workspaces.roles import Role


def _managers(workspace_id: int) -> list[str]:
    from onshore.workspaces.models import Membership

    members = Membership.objects.filter(
        workspace_id=workspace_id, role__in=[Role.OWNER, Role.MANAGER]
    ).select_related("user")
    return [member.user.email for member in members]


def delivery_failed(delivery: Delivery, message: str) -> None:
    post = delivery.post
    recipients = set(_managers(post.workspace_id))
    if post.author is not None:
        recipients.add(post.author.email)
    link = absolute_url(reverse("post_detail", args=[post.workspace.slug, post.pk]))
    send_mail(
        subject=f"Publishing failed on {delivery.channel}",
        message=(
            f"The post “{post.text[:80]}” could not be published on {delivery.channel}.\n\n"
            f"The network said: {message}\n\nSee the post: {link}\n"
        ),
        from_email=None,
        recipient_list=sorted(recipients),
        fail_silently=True,
    )


def channel_needs_reconnect(channel: Channel, message: str) -> None:
    link = absolute_url(reverse("channels", args=[channel.workspace.slug]))
    send_mail(
        subject=f"Reconnect {channel}: its posts are waiting",
        message=(
            f"{channel} refused onshore's credentials: {message}\n\n"
            f"Posts for it wait until someone reconnects it: {link}\n"
        ),
        from_email=None,
        recipient_list=_managers(channel.workspace_id),
        fail_silently=True,
    )
