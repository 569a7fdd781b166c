"""The REST API under /api/v1/: token auth for clients, the session for the browser."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from onshore.accounts.models import PersonalAccessToken
from onshore.posts.workflow import TransitionError, TransitionForbidden
from onshore.workspaces.access import Forbidden
from onshore.workspaces.models import InvitationError, MembershipRuleError, OwnersOnlyError


class TokenAuth(HttpBearer):
    """``Authorization: Bearer onshore_…`` with a personal access token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = PersonalAccessToken.user_for(token)
        if user is None:
            return None
        request.user = user
        return user


api = NinjaAPI(
    title="onshore API",
    version="1",
    urls_namespace="api",
    auth=[TokenAuth(), django_auth],
    docs_url="/docs",
)


def field_errors(exc: DjangoValidationError) -> list[dict[str, Any]]:
    """Django's model errors in the same shape as the API's own 422 responses."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return [
        {"loc": ["body", field], "msg": message, "type": "value_error"}
        for field, messages in errors.items()
        for message in messages
    ]


@api.exception_handler(DjangoValidationError)
def on_model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": field_errors(exc)}, status=422)


@api.exception_handler(Forbidden)
def on_forbidden(request: HttpRequest, exc: Forbidden) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": f"Your role in this workspace does not allow: {exc.capability}"},
        status=403,
    )


@api.exception_handler(MembershipRuleError)
def on_membership_rule(request: HttpRequest, exc: MembershipRuleError) -> HttpResponse:
    status = 403 if isinstance(exc, OwnersOnlyError) else 409
    return api.create_response(request, {"detail": str(exc)}, status=status)


@api.exception_handler(TransitionError)
def on_transition_error(request: HttpRequest, exc: TransitionError) -> HttpResponse:
    status = 403 if isinstance(exc, TransitionForbidden) else 409
    return api.create_response(request, {"detail": str(exc)}, status=status)


@api.exception_handler(InvitationError)
def on_invitation_error(request: HttpRequest, exc: InvitationError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)


def _register_routers() -> None:
    from onshore.api import accounts, channels, check, io, ledger, posts, workspaces

    api.add_router("/", accounts.router)
    api.add_router("/", check.router)
    api.add_router("/workspaces", workspaces.router)
    # Before posts: its "/{slug}/posts/{post_id}" would otherwise take ".../posts/import".
    api.add_router("/workspaces", io.router)
    api.add_router("/workspaces", posts.router)
    api.add_router("/workspaces", ledger.router)
    api.add_router("/workspaces", channels.router)


_register_routers()
