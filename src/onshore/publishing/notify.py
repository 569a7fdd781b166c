"""Telling people when publishing needs them: a failed delivery (a notification, e-mailed
in the working hours of the author and the managers), a channel to reconnect."""

from __future__ import annotations

from django.core.mail import send_mail
from django.urls import reverse

from onshore.links import absolute_url
from onshore.posts.notify_port import notifier
from onshore.publishing.models import Channel, Delivery
from onshore.workspaces.roles import Role


def _managers(workspace_id: int) -> list[str]:
    from onshore.workspaces.models import Membership

    members = Membership.objects.filter(
        workspace_id=workspace_id, role__in=[Role.OWNER, Role.MANAGER]
    ).select_related("user")
    return [member.user.email for member in members]


def delivery_failed(delivery: Delivery, message: str) -> None:
    channel = delivery.channel
    where = f"{channel.name} ({channel.get_kind_display()})"
    notifier().post_failed(delivery.post, where, message)


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
