"""An uploaded image or video of a workspace, stored once per content hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.timezone import now

from onshore.workspaces.models import Workspace

MAX_ALT_TEXT = 1500  # as posts.Media.alt_text


class Asset(models.Model):
    """A processed file (metadata stripped) and its thumbnail in the media storage.

    ``sha256`` is the hash of the stored file: the same upload processes to the same
    bytes, so a workspace stores it once (the unique constraint makes a race lose).
    """

    class Kind(models.TextChoices):
        IMAGE = "image", "Image"
        VIDEO = "video", "Video"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="assets")
    sha256 = models.CharField(max_length=64)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    mime = models.CharField(max_length=40)
    size = models.PositiveBigIntegerField(help_text="bytes of the stored file")
    thumbnail_size = models.PositiveBigIntegerField(default=0)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    duration = models.FloatField(null=True, blank=True, help_text="seconds (video)")
    animated = models.BooleanField(default=False)
    metadata_stripped = models.BooleanField(default=True)
    alt_text = models.CharField(max_length=MAX_ALT_TEXT, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    file_name = models.CharField(max_length=200, help_text="name in the media storage")
    thumbnail_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "sha256"], name="asset_once_per_workspace")
        ]

    def __str__(self) -> str:
        return self.alt_text or self.original_name or self.sha256[:12]

    @property
    def bytes_stored(self) -> int:
        return self.size + self.thumbnail_size

    @property
    def extension(self) -> str:
        return self.file_name.rsplit(".", 1)[-1]
