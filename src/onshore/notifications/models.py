"""A notification for one person, and each member's choices about them.

A ``Notification`` is written in the transaction of the event it tells about (so a
rolled-back approval notifies nobody), shown in the app at once, and, unless its kind
is kept to the app, e-mailed at ``email_due_at``: the start of the person's next
working period (or a couple of minutes after the event for those who chose
"immediately"). The worker sends each person's due notifications as one e-mail
(``mail.py``), claiming them first so that no two workers send the same one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.timezone import now

from onshore.posts.models import Post
from onshore.workspaces.models import Membership, Workspace


class Kind(models.TextChoices):
    SUBMITTED = "submitted", "Submitted for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    FAILED = "failed", "Publishing failed"
    MENTIONED = "mentioned", "Mentioned"


class EmailState(models.TextChoices):
    APP_ONLY = "app_only", "Shown in the app only"
    WAITING = "waiting", "Waiting for the person's working hours"
    SENDING = "sending", "Being sent by a worker"
    SENT = "sent", "E-mailed"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Kept as written: the post's text and the actor's name may change later.
    summary = models.CharField(max_length=300)
    detail = models.TextField(blank=True, max_length=2000)
    # A page of onshore for a notification about no single post (an import: Review).
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(
        max_length=10, choices=EmailState.choices, default=EmailState.APP_ONLY
    )
    email_due_at = models.DateTimeField(null=True, blank=True)
    # The claim of the worker sending it; a crashed worker's lease runs out.
    email_claim = models.CharField(max_length=64, blank=True)
    email_lease_until = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["email_state", "email_due_at"], name="notification_email_due"),
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def path(self) -> str:
        """Where the notification leads: its post's page, else its link ("" for none)."""
        if self.post_id:
            return reverse("post_detail", args=[self.workspace.slug, self.post_id])
        return self.link


# What each kind may be set to on the settings page and in the API.
EMAIL, APP, OFF = "email", "app", "off"
CHANNEL_CHOICES = {
    EMAIL: "In the app and by e-mail",
    APP: "In the app only",
    OFF: "Not at all",
}


class NotificationPreference(models.Model):
    """One member's choices in one workspace: per kind, e-mail + app, app only, or off
    (``channels``; a kind left out is e-mailed), and whether e-mails wait for their
    working hours."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="notification_preference"
    )
    channels = models.JSONField(default=dict, blank=True)
    immediately = models.BooleanField(
        "e-mail at once, even outside my working hours", default=False
    )

    def __str__(self) -> str:
        return f"notification choices of {self.membership}"

    def clean(self) -> None:
        if not isinstance(self.channels, dict):
            raise ValidationError({"channels": "expected an object of kind → choice"})
        # Keys are notification kinds (submitted, approved…), not channel kinds.
        for event, choice in self.channels.items():
            if event not in Kind.values:
                raise ValidationError(
                    {"channels": f"'{event}' is not a kind; use one of {', '.join(Kind.values)}"}
                )
            if choice not in CHANNEL_CHOICES:
                raise ValidationError(
                    {event: f"'{choice}' is not a choice; use one of {', '.join(CHANNEL_CHOICES)}"}
                )

    def channel_for(self, kind: str) -> str:
        return str(self.channels.get(kind, EMAIL))

    def as_dict(self) -> dict[str, Any]:
        return {
            "immediately": self.immediately,
            "kinds": {kind: self.channel_for(kind) for kind in Kind.values},
        }
