"""The REST API under /api/v1/: token auth for clients, the session for the browser."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.openapi.schema import OpenAPISchema
from ninja.security import HttpBearer, django_auth

from onshore.accounts.models import PersonalAccessToken
from onshore.errors import ERROR_RESPONSES, body_too_big_message, declare_error_responses
from onshore.inputs import BadInput
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


class OnshoreAPI(NinjaAPI):
    """The API, whose OpenAPI schema also declares every error answer it can give."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        declare_error_responses(schema)
        return schema


api = OnshoreAPI(
    title="onshore API",
    version="1",
    urls_namespace="api",
    auth=[TokenAuth(), django_auth],
    docs_url="/docs",
    # The viewer is served from our own static files (ninja is in INSTALLED_APPS), so the
    # Content-Security-Policy ('self' only) lets it run; no call to an online validator.
    docs=Swagger(settings={"validatorUrl": None}),
)
log = logging.getLogger(__name__)


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


@api.exception_handler(BadInput)
def on_bad_input(request: HttpRequest, exc: BadInput) -> HttpResponse:
    problem = {"loc": ["query", exc.field], "msg": exc.message, "type": "value_error"}
    return api.create_response(request, {"detail": [problem]}, status=422)


@api.exception_handler(RequestDataTooBig)
def on_body_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return api.create_response(request, {"detail": body_too_big_message()}, status=413)


@api.exception_handler(SuspiciousOperation)
def on_bad_request(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    return api.create_response(request, {"detail": ERROR_RESPONSES[400]}, status=400)


@api.exception_handler(Exception)
def on_server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    # JSON like every other answer; the traceback goes to the server log, not the client.
    log.exception("API error on %s %s", request.method, request.path)
    return api.create_response(request, {"detail": ERROR_RESPONSES[500]}, status=500)


def _register_routers() -> None:
    from onshore.api import (
        accounts,
        bulk,
        channels,
        check,
        io,
        ledger,
        media,
        notifications,
        posts,
        style_guides,
        workspaces,
    )

    api.add_router("/", accounts.router)
    api.add_router("/", check.router)
    api.add_router("/workspaces", workspaces.router)
    # Before posts: its "/{slug}/posts/{post_id}" would otherwise take ".../posts/import".
    api.add_router("/workspaces", io.router)
    # Before posts too, for ".../posts/bulk".
    api.add_router("/workspaces", bulk.router)
    api.add_router("/workspaces", posts.router)
    api.add_router("/workspaces", ledger.router)
    api.add_router("/workspaces", channels.router)
    api.add_router("/workspaces", media.router)
    api.add_router("/workspaces", style_guides.router)
    api.add_router("/", notifications.router)


_register_routers()
