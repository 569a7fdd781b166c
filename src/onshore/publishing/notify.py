"""Telling people when publishing needs them: a failed delivery (a parked channel's e-mail
is parking.py's)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.urls import reverse

from onshore.links import absolute_url
from onshore.publishing.models import Delivery
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
