"""Channels a workspace publishes to, and the durable outbox of deliveries.

A Delivery is one post going to one channel. Its row is the single source of truth for
where that publication stands: written in the same transaction as the scheduling, moved
by the worker with conditional updates (so two workers can never both own it), and
carrying a key that stays the same on every attempt (so a retry cannot double-post).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.timezone import now

from onshore.media.models import Asset
from onshore.posts.models import Media, Post
from onshore.publishing import kinds
from onshore.workspaces.models import Market, Workspace


class Channel(models.Model):
    """Somewhere a market's posts are published. Secrets are stored encrypted."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        NEEDS_RECONNECT = "needs_reconnect", "Needs reconnecting"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="channels")
    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="channels")
    # One of the registered kinds (publishing/kinds/): a callable, so a new kind needs
    # no migration.
    kind = models.CharField(max_length=10, choices=kinds.choices)
    name = models.CharField(max_length=100)
    # Non-secret settings: instance or PDS URL, handle, webhook URL, account id, limits.
    config = models.JSONField(default=dict, blank=True)
    secret_encrypted = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    status_message = models.CharField(max_length=500, blank=True)
    # When the network last refused it (set with NEEDS_RECONNECT, cleared on reconnect):
    # "needs reconnecting since …" on the post page and the Channels page.
    parked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def adapter(self) -> kinds.Kind:
        """What this channel's kind declares: how it connects, sends, shows."""
        return kinds.KINDS[self.kind]

    @property
    def where(self) -> str:
        """Where it publishes, as the Channels page shows it."""
        return self.adapter.where(self.config)


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Waiting"
    IN_FLIGHT = "in_flight", "Publishing"
    PUBLISHED = "published", "Published"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATES = (DeliveryState.PENDING, DeliveryState.IN_FLIGHT)


class Delivery(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    # The same on every attempt: Mastodon's Idempotency-Key, the Bluesky record key and
    # the webhook-id are all derived from it.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    due_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    lease_owner = models.CharField(max_length=100, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    # Set when an attempt may have reached the network without an answer (or a worker
    # died mid-attempt): the next attempt must read back before sending again.
    outcome_unknown = models.BooleanField(default=False)
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    remote_id = models.CharField(max_length=300, blank=True)
    remote_url = models.URLField(max_length=1000, blank=True)
    last_error = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["state", "due_at"])]

    def __str__(self) -> str:
        return f"{self.post_id} → {self.channel}"

    @property
    def webhook_id(self) -> str:
        return f"msg_{self.key.hex}"


class DeliveryAttempt(models.Model):
    """One try, written before the network is called and completed after."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="tries")
    worker = models.CharField(max_length=100)
    started_at = models.DateTimeField(default=now)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, blank=True)  # published, retry, failed, unknown
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"attempt on {self.delivery_id}: {self.outcome or 'running'}"


class DeliveryMedia(models.Model):
    """One file of a delivery's post as the network holds it after upload: the
    Mastodon media id, or the Bluesky blob (its JSON, as the record embeds it).

    Written in its own committed transaction right after the upload answers and BEFORE
    the status or record that uses it, so that an attempt which then loses its answer
    (or whose worker dies) is followed by one that reuses the upload instead of
    uploading the file again (publishing/media_uploads.py decides how long a network
    keeps an unattached upload, so how long it may be reused).
    """

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="uploads")
    position = models.PositiveSmallIntegerField(help_text="the file's place in the post, from 0")
    media = models.ForeignKey(Media, on_delete=models.CASCADE, related_name="+")
    # SET_NULL: pruning an asset no post uses any more must not be blocked by history.
    asset = models.ForeignKey(Asset, on_delete=models.SET_NULL, null=True, related_name="+")
    sha256 = models.CharField(max_length=64, help_text="of the bytes uploaded")
    remote_id = models.CharField(max_length=300, help_text="Mastodon media id or blob CID")
    remote = models.JSONField(default=dict, blank=True, help_text="what the network answered")
    ready = models.BooleanField(default=False, help_text="processed: usable in a status")
    uploaded_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["delivery", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "position"], name="one_upload_per_delivery_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.delivery_id}#{self.position} → {self.remote_id}"


class WorkerBeat(models.Model):
    """Each worker's last loop, for the health page."""

    worker = models.CharField(max_length=100, unique=True)
    last_loop_at = models.DateTimeField()
    published = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.worker
