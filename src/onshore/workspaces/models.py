"""Workspaces, their target markets, members and invitations.

Invariants live here (``clean()`` and the methods below), so the web forms and the API
enforce the same rules: both call ``full_clean()`` before saving.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from collections.abc import Callable, Collection
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.timezone import now

from onshore import places
from onshore.links import absolute_url
from onshore.localtime import (
    Slot,
    WeeklyHours,
    parse_slots,
    parse_weekly_hours,
    weekly_hours_to_json,
)
from onshore.workspaces import sourcing
from onshore.workspaces.roles import (
    Capability,
    Role,
    role_can,
    role_may_change_post,
    role_may_set_profile_field,
)

if TYPE_CHECKING:
    from onshore.accounts.models import User


class AuthoredPost(Protocol):
    """What deciding who may change a post reads of it (posts.Post, a floor above)."""

    @property
    def author_id(self) -> int | None: ...


def _as_validation_error(normalise: Callable[[str], object], value: str) -> None:
    try:
        normalise(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


# Module-level functions (not closures) so migrations can refer to them by name.
def validate_country(value: str) -> None:
    _as_validation_error(places.normalise_country, value)


def validate_zone(value: str) -> None:
    _as_validation_error(places.normalise_zone, value)


def validate_language(value: str) -> None:
    _as_validation_error(places.normalise_language_tag, value)


def validate_currency(value: str) -> None:
    _as_validation_error(places.normalise_currency, value)


def validate_working_hours(value: object) -> None:
    try:
        parse_weekly_hours(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


# Bounds the pages and the API share (the API's schema declares the same numbers).
MAX_LANGUAGES = 20
MAX_OTHER_ZONES = 50
MAX_POSTING_SLOTS = 50


def validate_languages(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError("expected a list of language tags such as en-GB")
    if len(value) > MAX_LANGUAGES:
        raise ValidationError(f"at most {MAX_LANGUAGES} languages")
    for item in value:
        try:
            places.normalise_language_tag(item)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class Workspace(models.Model):
    """A business, with where it is based and the markets it posts for."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=60, unique=True, blank=True, editable=False)
    home_country = models.CharField(max_length=2, validators=[validate_country])
    home_timezone = models.CharField(
        "home time zone", max_length=64, validators=[validate_zone], blank=True
    )
    currency = models.CharField(max_length=3, validators=[validate_currency], blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = (self.name or "").strip()
        errors: dict[str, str] = {}
        try:
            self.home_country = places.normalise_country(self.home_country)
        except ValueError:
            return  # the field validator reports it
        if not self.currency:
            self.currency = places.default_currency(self.home_country)
        self.currency = self.currency.upper()
        if not self.home_timezone:
            self.home_timezone = places.primary_zone(self.home_country)
        try:
            places.check_zone_in_country(self.home_timezone, self.home_country)
        except ValueError as exc:
            errors["home_timezone"] = str(exc)
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:  # noqa: DJ012 (after clean, read in order)
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self) -> str:
        base = slugify(self.name)[:50] or "workspace"
        slug, suffix = base, 2
        while Workspace.objects.filter(slug=slug).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug

    @transaction.atomic
    def create_with_owner(self, owner: User) -> Membership:
        """Save a new workspace with its creator as owner, employee, at home."""
        self.save()
        return Membership.objects.create(
            workspace=self,
            user=owner,
            role=Role.OWNER,
            relation=sourcing.EMPLOYEE,
            home_country=self.home_country,
            timezone=self.home_timezone,
            working_hours=DEFAULT_WORKING_HOURS,
            languages=[],
        )


class Market(models.Model):
    """A target market: country, language tag and its time zones (one primary)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="markets")
    country = models.CharField(max_length=2, validators=[validate_country])
    language = models.CharField("language tag", max_length=35, validators=[validate_language])
    timezone = models.CharField(
        "primary time zone", max_length=64, validators=[validate_zone], blank=True
    )
    other_zones = models.JSONField("other time zones", default=list, blank=True)
    # Recurring posting times in the primary zone's wall clock: [{"days": ["tue"], "time": "09:30"}]
    posting_slots = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "country", "language"], name="one_market_per_country_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} · {self.language}"

    @property
    def label(self) -> str:
        return f"{places.country_name(self.country)} ({self.language})"

    @property
    def zones(self) -> list[str]:
        return [self.timezone, *self.other_zones]

    @property
    def slots(self) -> tuple[Slot, ...]:
        try:
            return parse_slots(self.posting_slots, self.timezone)
        except ValueError:
            return ()

    def clean(self) -> None:
        try:
            self.country = places.normalise_country(self.country)
        except ValueError:
            return
        errors: dict[str, str] = {}
        if self.language:
            with contextlib.suppress(ValueError):  # reported by the field validator
                self.language = places.normalise_language_tag(self.language)
        if not self.timezone:
            self.timezone = places.primary_zone(self.country)
        try:
            places.check_zone_in_country(self.timezone, self.country)
        except ValueError as exc:
            errors["timezone"] = str(exc)
        error = self._check_other_zones()
        if error:
            errors["other_zones"] = error
        try:
            parse_slots(self.posting_slots, self.timezone or "UTC")
        except ValueError as exc:
            errors["posting_slots"] = str(exc)
        else:
            if len(self.posting_slots) > MAX_POSTING_SLOTS:
                errors["posting_slots"] = f"at most {MAX_POSTING_SLOTS} posting slots"
        if errors:
            raise ValidationError(errors)

    def _check_other_zones(self) -> str | None:
        if not isinstance(self.other_zones, list):
            return "expected a list of time zone names"
        if len(self.other_zones) > MAX_OTHER_ZONES:
            return f"at most {MAX_OTHER_ZONES} other time zones"
        cleaned = []
        for zone in self.other_zones:
            if not isinstance(zone, str):
                return "expected a list of time zone names"
            try:
                places.check_zone_in_country(places.normalise_zone(zone), self.country)
            except ValueError as exc:
                return str(exc)
            if zone != self.timezone and zone not in cleaned:
                cleaned.append(zone)
        self.other_zones = cleaned
        return None

    def validate_unique(self, exclude: Collection[str] | None = None) -> None:
        # Django reports model constraints without a field; name the field users change.
        duplicate = Market.objects.filter(
            workspace_id=self.workspace_id, country=self.country, language=self.language
        ).exclude(pk=self.pk)
        if self.workspace_id and duplicate.exists():
            raise ValidationError({"language": "this workspace already has that market"})
        super().validate_unique(exclude=exclude)

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        pass  # checked with a field name in validate_unique


DEFAULT_WORKING_HOURS = {day: [["09:00", "17:30"]] for day in ("mon", "tue", "wed", "thu", "fri")}


# Derived from sourcing.RELATIONS, where the relations (and so sourcing classes) are defined.
Relation = models.TextChoices(  # type: ignore[call-overload]
    "Relation", [(value.upper(), (value, label)) for value, label in sourcing.RELATIONS.items()]
)


class Membership(models.Model):
    """A person in a workspace: their role and where and when they work."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    relation = models.CharField("relation to the business", max_length=12, choices=Relation.choices)
    agency_name = models.CharField(max_length=100, blank=True)
    home_country = models.CharField(max_length=2, validators=[validate_country], blank=True)
    timezone = models.CharField("time zone", max_length=64, validators=[validate_zone], blank=True)
    working_hours = models.JSONField(default=dict, blank=True, validators=[validate_working_hours])
    languages = models.JSONField(default=list, blank=True, validators=[validate_languages])
    joined_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.workspace}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.agency_name = (self.agency_name or "").strip()
        if self.relation == Relation.AGENCY and not self.agency_name:
            errors["agency_name"] = "name the agency this person works for"
        if self.relation != Relation.AGENCY:
            self.agency_name = ""
        if self.home_country:
            try:
                self.home_country = places.normalise_country(self.home_country)
            except ValueError:
                pass
            else:
                if self.timezone:
                    try:
                        places.check_zone_in_country(self.timezone, self.home_country)
                    except ValueError as exc:
                        errors["timezone"] = str(exc)
        if self.timezone and not self.home_country:
            errors["home_country"] = "record the country you work from with the time zone"
        if isinstance(self.languages, list):
            with contextlib.suppress(ValueError):  # reported by the field validator
                self.languages = [places.normalise_language_tag(tag) for tag in self.languages]
        with contextlib.suppress(ValueError):  # reported by the field validator
            # Stored as read: in order, overlapping and repeated spans merged.
            self.working_hours = weekly_hours_to_json(parse_weekly_hours(self.working_hours))
        if errors:
            raise ValidationError(errors)

    def can(self, capability: Capability) -> bool:
        return role_can(self.role, capability)

    def can_change_post(self, post: AuthoredPost) -> bool:
        """Whether this member may edit or delete ``post`` (roles.role_may_change_post)."""
        return role_may_change_post(self.role, is_author=post.author_id == self.user_id)

    def may_set_profile_field(self, field: str) -> bool:
        return role_may_set_profile_field(self.role, field)

    def refuse_profile_changes_by(self, actor: Membership, changes: dict[str, Any]) -> None:
        """ValidationError naming each field ``actor`` set to a new value but may not
        change (relation and agency: managers and owners only, roles.py)."""
        refused = [
            name
            for name, value in changes.items()
            if value != getattr(self, name) and not actor.may_set_profile_field(name)
        ]
        if refused:
            raise ValidationError(
                {
                    name: "only managers and owners can change a member's relation to the "
                    "business and agency; ask one of them"
                    for name in refused
                }
            )

    @property
    def sourcing_class(self) -> str:
        return sourcing.sourcing_class(
            self.relation, self.home_country, self.workspace.home_country
        )

    def is_native_to(self, market: Market) -> bool:
        return sourcing.is_market_native(self.home_country, market.country)

    @property
    def weekly_hours(self) -> WeeklyHours:
        try:
            return parse_weekly_hours(self.working_hours)
        except ValueError:
            return {}

    def hours_on(self, at: datetime) -> tuple[Any, ...]:
        """Working spans on the person's local weekday at the instant ``at``."""
        zone = self.timezone or self.workspace.home_timezone
        weekday = at.astimezone(places.zoneinfo(zone)).strftime("%a").lower()
        return self.weekly_hours.get(weekday, ())

    @property
    def is_profile_complete(self) -> bool:
        return bool(self.home_country and self.timezone)

    def _check_may_manage(self, actor: Membership, new_role: str | None = None) -> None:
        """Raise MembershipRuleError unless ``actor`` may change or remove this member."""
        touches_owner = self.role == Role.OWNER or new_role == Role.OWNER
        if touches_owner and not actor.can(Capability.MANAGE_OWNERS):
            raise OwnersOnlyError("Only an owner can change an owner or make someone owner.")
        leaving_owners = self.role == Role.OWNER and new_role != Role.OWNER
        if leaving_owners and not self._another_owner_exists():
            raise MembershipRuleError("A workspace needs an owner: make someone else owner first.")

    def _another_owner_exists(self) -> bool:
        others = Membership.objects.filter(workspace_id=self.workspace_id, role=Role.OWNER)
        return others.exclude(pk=self.pk).exists()

    def change_role(self, actor: Membership, new_role: str) -> None:
        if new_role not in Role.values:
            raise MembershipRuleError(
                f"'{new_role}' is not a role; use one of {', '.join(Role.values)}"
            )
        self._check_may_manage(actor, new_role)
        self.role = new_role
        self.save(update_fields=["role"])

    def remove(self, actor: Membership) -> None:
        """Remove this member (by a manager or owner, or themselves leaving)."""
        self._check_may_manage(actor if actor.pk != self.pk else self, None)
        self.delete()


def _hash_invitation(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class MembershipRuleError(Exception):
    """A change to the team that the workspace's rules do not allow, in plain words."""


class OwnersOnlyError(MembershipRuleError):
    """The change touches an owner and only owners may make it (a permission, so 403)."""


class InvitationError(Exception):
    """Why an invitation link cannot be used, in words for the person holding it."""


class Invitation(models.Model):
    """A single-use link that lets one person join with a role; it expires after 7 days."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254, blank=True)
    role = models.CharField(max_length=12, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation to {self.workspace} as {self.role}"

    @classmethod
    def issue(
        cls, workspace: Workspace, role: str, created_by: User, email: str = ""
    ) -> tuple[Invitation, str]:
        """Create an invitation; returns it and the raw token for the link (shown once)."""
        token = secrets.token_urlsafe(32)
        issued_at = now()
        invitation = cls(
            workspace=workspace,
            role=role,
            email=email.strip().lower(),
            created_by=created_by,
            token_hash=_hash_invitation(token),
            created_at=issued_at,
            expires_at=issued_at + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        invitation.full_clean()
        invitation.save()
        return invitation, token

    @classmethod
    def find(cls, token: str) -> Invitation | None:
        return (
            cls.objects.select_related("workspace")
            .filter(token_hash=_hash_invitation(token))
            .first()
        )

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if now() >= self.expires_at:
            return "expired"
        return "pending"

    def accept(self, user: User) -> Membership:
        """Join the workspace; the link is used up. Raises InvitationError if it can't be."""
        with transaction.atomic():
            # Lock-free single use: only one request can flip accepted_at from NULL.
            claimed = Invitation.objects.filter(
                pk=self.pk,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=now(),
            ).update(accepted_at=now(), accepted_by=user)
            if not claimed:
                self.refresh_from_db()
                raise InvitationError(f"This invitation link has been {self.status}.")
            existing = Membership.objects.filter(workspace=self.workspace, user=user).first()
            if existing:
                raise InvitationError(f"You are already a member of {self.workspace.name}.")
            return Membership.objects.create(
                workspace=self.workspace,
                user=user,
                role=self.role,
                relation=Relation.FREELANCER,
                working_hours=DEFAULT_WORKING_HOURS,
            )

    def link(self, token: str) -> str:
        return absolute_url(reverse("invitation_accept", args=[token]))


class StyleGuide(models.Model):
    """A workspace's style guide (``market`` ""), or what one market's adds to it
    (``market`` "GB"): ``rules`` is the guide as plain data, the keys of the style-guide
    TOML file (marketfit._style.guide_to_mapping), checked by the same code on every
    way in (page, API, file import). See workspaces/style_guides.py."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="style_guides")
    market = models.CharField(max_length=2, blank=True, default="")
    rules = models.JSONField(default=dict, blank=True)
    # Proposals learned from review that a manager chose to ignore ("sale→offer"); kept
    # on the workspace's row only, so they are not proposed again.
    ignored_proposals = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "market"], name="one_style_guide_per_market"
            )
        ]

    def __str__(self) -> str:
        return f"style guide {self.market or 'everywhere'}"
