"""Telling people when publishing needs them: a failed delivery becomes a notification,
e-mailed in the working hours of the author and the managers (a parked channel's e-mail
to the managers is parking.py's)."""

from __future__ import annotations

from onshore.posts.notify_port import notifier
from onshore.publishing.models import Delivery


def delivery_failed(delivery: Delivery, message: str) -> None:
    channel = delivery.channel
    where = f"{channel.name} ({channel.get_kind_display()})"
    notifier().post_failed(delivery.post, where, message)
