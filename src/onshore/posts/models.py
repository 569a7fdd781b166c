"""Posts, their network variants, media placeholders, revisions, comments and review trail.

State changes go through ``onshore.posts.workflow`` only, so the role-and-state rules
live in one table; this module holds the data and the invariants of single rows.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.timezone import now

from onshore.marketfit import NETWORK_RULES, Finding
from onshore.media.models import Asset
from onshore.workspaces.models import Market, Membership, Workspace

if TYPE_CHECKING:
    from onshore.accounts.models import User

MAX_TEXT = 10_000  # characters of a post's text and of each network variant
MAX_TAGS, MAX_TAG_LENGTH = 30, 40

# The networks a post can carry, derived from the checker's table (marketfit
# NETWORK_RULES), so every network offered here has its length rules there.
Network = models.TextChoices(  # type: ignore[call-overload]
    "Network", [(name.upper(), (name, rules.label)) for name, rules in NETWORK_RULES.items()]
)


def actor_name(user: User | None, review_link: ReviewLink | None) -> str:
    """Who did something on a post, as the history and comments name them: a member, or
    the person outside the workspace a review link was made for."""
    if user is not None:
        return user.display_name
    if review_link is not None:
        return f"{review_link.name} (by review link)"
    return "—"


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHING = "publishing", "Publishing"
    PUBLISHED = "published", "Published"
    FAILED = "failed", "Failed"


def validate_tags(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise ValidationError("expected a list of tags")
    if len(value) > MAX_TAGS:
        raise ValidationError(f"at most {MAX_TAGS} tags")
    for tag in value:
        if not tag.strip() or len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(
                f"'{tag[:MAX_TAG_LENGTH]}': a tag is 1 to {MAX_TAG_LENGTH} characters"
            )


def validate_networks(value: object) -> None:
    if not isinstance(value, list) or not all(item in Network.values for item in value):
        raise ValidationError(f"expected a list of networks from: {', '.join(Network.values)}")


class Post(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="posts")
    # RESTRICT, not PROTECT: a market with posts cannot be removed on its own, but
    # deleting the whole workspace (which deletes the posts too) still works.
    market = models.ForeignKey(Market, on_delete=models.RESTRICT, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="posts"
    )
    text = models.TextField(max_length=MAX_TEXT)
    link = models.URLField(max_length=2000, blank=True)
    tags = models.JSONField(default=list, blank=True, validators=[validate_tags])
    networks = models.JSONField(
        "networks", default=list, blank=True, validators=[validate_networks]
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)

    # The schedule as entered (wall time in the market's zone) plus the instant it gave;
    # the instant is recomputed from the wall time if the zone's rules ever change.
    scheduled_date = models.DateField(null=True, blank=True)
    scheduled_time = models.TimeField(null=True, blank=True)
    scheduled_zone = models.CharField(max_length=64, blank=True)
    scheduled_fold = models.PositiveSmallIntegerField(default=0)
    # True once someone picked which of a repeated wall time's two occurrences is meant;
    # an import or a default took the first, so the fold warning stays until then.
    scheduled_fold_chosen = models.BooleanField(default=False)
    scheduled_at = models.DateTimeField(null=True, blank=True, db_index=True)

    rework_rounds = models.PositiveIntegerField(default=0)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    override_reason = models.TextField(blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["workspace", "state", "updated_at"])]

    def __str__(self) -> str:
        return self.text[:60]

    def clean(self) -> None:
        if self.market_id and self.workspace_id and self.market.workspace_id != self.workspace_id:
            raise ValidationError({"market": "choose one of this workspace's markets"})
        if isinstance(self.tags, list):
            self.tags = sorted(
                {tag.strip().lstrip("#").lower() for tag in self.tags if isinstance(tag, str)}
            )
        if not (self.text or "").strip():
            raise ValidationError({"text": "write the post's text"})

    def text_for(self, network: str) -> str:
        """The text published on a network: its variant if there is one, else the base text."""
        for variant in self.variants.all():
            if variant.network == network:
                return variant.text
        return self.text

    @property
    def is_editable(self) -> bool:
        return self.state not in {State.PUBLISHING, State.PUBLISHED}


class PostVariant(models.Model):
    """Text that replaces the base text on one network (shorter for X, hashtags for Instagram)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="variants")
    network = models.CharField(max_length=12, choices=Network.choices)
    text = models.TextField(max_length=MAX_TEXT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "network"], name="one_variant_per_network")
        ]

    def __str__(self) -> str:
        return f"{self.network}: {self.text[:40]}"


class Media(models.Model):
    """An image or video the post carries, in order of id; images need alt text.

    ``asset`` is the uploaded file in the workspace's media library (one asset may be
    used by several posts; deleting a post keeps it). Without one, the row is a
    placeholder: a description of the file still to come, as before uploads existed.
    """

    class Kind(models.TextChoices):
        IMAGE = "image", "Image"
        VIDEO = "video", "Video"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="media")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.IMAGE)
    description = models.CharField(max_length=200, help_text="what the file will be")
    alt_text = models.CharField(max_length=1500, blank=True)
    # PROTECT: an asset a post carries cannot be deleted from under it.
    asset = models.ForeignKey(
        Asset, on_delete=models.PROTECT, null=True, blank=True, related_name="uses"
    )

    def __str__(self) -> str:
        return self.description

    @property
    def published_alt_text(self) -> str:
        """What a network or webhook is told the file shows: the post's own alt text,
        else the file's (the same picture may be described differently in two posts)."""
        return self.alt_text.strip() or (self.asset.alt_text.strip() if self.asset else "")

    def clean(self) -> None:
        if self.kind == self.Kind.IMAGE and not self.alt_text.strip():
            raise ValidationError({"alt_text": "describe the image for people who cannot see it"})


class Revision(models.Model):
    """What the post would publish after one change, numbered from 1: the text and
    variants, and in ``details`` the rest (market, link, tags, networks, media)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    variants = models.JSONField(default=dict, blank=True)
    details = models.JSONField(default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="revision_numbers_unique")
        ]

    def __str__(self) -> str:
        return f"revision {self.number}"


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Written by someone outside the workspace through a review link (author is empty).
    review_link = models.ForeignKey(
        "ReviewLink", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(max_length=5000)
    mentions = models.ManyToManyField(Membership, blank=True, related_name="mentioned_in")
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def author_name(self) -> str:
        return actor_name(self.author, self.review_link)


class Dismissal(models.Model):
    """A checker finding someone decided to keep, with why; shown to the reviewer."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="dismissals")
    rule = models.CharField(max_length=80)
    span_text = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=500)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.rule} '{self.span_text}'"

    def matches(self, finding: Finding, text: str) -> bool:
        return finding.rule == self.rule and text[finding.start : finding.end] == self.span_text


class PostEvent(models.Model):
    """One state change, who made it and when: the review trail and the cost ledger's input."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    from_state = models.CharField(max_length=20, choices=State.choices)
    to_state = models.CharField(max_length=20, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Made by someone outside the workspace through a review link (``by`` is empty).
    review_link = models.ForeignKey(
        "ReviewLink", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    # Open market-fit findings (length aside) when changes were requested: the cost ledger
    # counts a post as "needed changes for market fit" when a reviewer sent it back while
    # the checker still had something to say about the market.
    market_fit_findings = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"

    @property
    def label(self) -> str:
        """The action as people read it, from the transition table (workflow.py)."""
        from onshore.posts.workflow import action_label  # workflow imports this module

        return action_label(self.action)

    @property
    def actor_name(self) -> str:
        return actor_name(self.by, self.review_link)


def _hash_feed_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeedToken(models.Model):
    """The secret in a workspace's calendar feed URL; only its hash is stored.

    At most one live token per workspace: rotating revokes the old one, so a leaked URL
    stops working the moment a manager makes a new one.
    """

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="calendar_feed_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_calendar_feed_per_workspace",
            )
        ]

    def __str__(self) -> str:
        return f"calendar feed of {self.workspace_id}"

    @classmethod
    def live_for(cls, workspace: Workspace) -> CalendarFeedToken | None:
        return cls.objects.filter(workspace=workspace, revoked_at__isnull=True).first()

    @classmethod
    @transaction.atomic
    def rotate(cls, workspace: Workspace, by: User) -> tuple[CalendarFeedToken, str]:
        """Revoke the live token (if any) and issue a new one; the raw token is shown once."""
        cls.revoke_all(workspace)
        token = "feed_" + secrets.token_urlsafe(32)
        feed = cls.objects.create(
            workspace=workspace, token_hash=_hash_feed_token(token), created_by=by
        )
        return feed, token

    @classmethod
    def revoke_all(cls, workspace: Workspace) -> int:
        return cls.objects.filter(workspace=workspace, revoked_at__isnull=True).update(
            revoked_at=now()
        )

    @classmethod
    def find(cls, token: str) -> CalendarFeedToken | None:
        """The live token with this value, or None (unknown and revoked look the same)."""
        if not token or len(token) > 200:
            return None
        return (
            cls.objects.select_related("workspace")
            .filter(token_hash=_hash_feed_token(token), revoked_at__isnull=True)
            .first()
        )


# A review link lives 7 days unless its maker chooses otherwise, at most 30; it carries
# at most 50 posts (a week's batch for a client, bounded like every list a user sends).
REVIEW_LINK_DAYS, REVIEW_LINK_MAX_DAYS, REVIEW_LINK_MAX_POSTS = 7, 30, 50


def _hash_review_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ReviewLink(models.Model):
    """A link that lets one person outside the workspace see some posts as they will
    look and approve them or request changes, recorded under the name given here.

    Only the token's hash is stored (like invitations and the calendar feed): the link
    is shown once to the manager who made it. It stops working when it expires or is
    revoked; the posts and decisions it recorded stay.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="review_links")
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    posts = models.ManyToManyField(Post, related_name="review_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"review link for {self.name}"

    @classmethod
    @transaction.atomic
    def issue(
        cls,
        workspace: Workspace,
        by: User,
        *,
        name: str,
        posts: list[Post],
        email: str = "",
        days: int = REVIEW_LINK_DAYS,
    ) -> tuple[ReviewLink, str]:
        """Make a link for ``posts`` (all of this workspace); returns it and the raw token
        for the URL, which is never stored. ValidationError names the field at fault."""
        _check_link_posts(workspace, posts)
        if not 1 <= days <= REVIEW_LINK_MAX_DAYS:
            raise ValidationError({"days": f"a link lasts 1 to {REVIEW_LINK_MAX_DAYS} days"})
        token = secrets.token_urlsafe(32)  # 256 random bits
        issued_at = now()
        link = cls(
            workspace=workspace,
            name=" ".join(name.split()),
            email=email.strip().lower(),
            token_hash=_hash_review_token(token),
            created_by=by,
            created_at=issued_at,
            expires_at=issued_at + timedelta(days=days),
        )
        link.full_clean(exclude=["posts"])
        link.save()
        link.posts.set(posts)
        return link, token

    @classmethod
    def find(cls, token: str) -> ReviewLink | None:
        """The live link with this token, or None: unknown, expired and revoked links
        look the same to whoever holds them. The lookup is by the token's hash, so the
        database never compares (or times) the secret itself."""
        if not token or len(token) > 200:
            return None
        return (
            cls.objects.select_related("workspace", "created_by")  # the page names its maker
            .filter(token_hash=_hash_review_token(token), revoked_at__isnull=True)
            .filter(expires_at__gt=now())
            .first()
        )

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "revoked"
        if now() >= self.expires_at:
            return "expired"
        return "live"

    def revoke(self) -> bool:
        """Stop the link working; False if it already did not."""
        if self.status != "live":
            return False
        self.revoked_at = now()
        self.save(update_fields=["revoked_at"])
        return True


def _check_link_posts(workspace: Workspace, posts: list[Post]) -> None:
    if not 1 <= len(posts) <= REVIEW_LINK_MAX_POSTS:
        raise ValidationError({"posts": f"choose 1 to {REVIEW_LINK_MAX_POSTS} posts"})
    if any(post.workspace_id != workspace.pk for post in posts):
        raise ValidationError({"posts": "choose posts of this workspace"})


class RequestWindow(models.Model):
    """How many requests one key (a review link, a client address) made in one minute:
    the rate limit of the review-link pages (posts/ratelimit.py). Kept in the database,
    not a per-process cache, so every web worker counts the same requests."""

    key = models.CharField(max_length=100)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="one_count_per_window")
        ]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.key}: {self.count} at {self.window_start:%H:%M}"
