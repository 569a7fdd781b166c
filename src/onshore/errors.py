"""Error answers outside the views: JSON on every /api/ route, and 400 naming the field
when a page is given a number or date it cannot read (``onshore.inputs.BadInput``).

Django answers a path no route matches, a method a route does not take, or a body over
DATA_UPLOAD_MAX_MEMORY_SIZE with HTML (or plain text) before any API code runs; an API
client must get JSON whatever went wrong, and the OpenAPI schema says which shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from onshore.inputs import BadInput

API_PREFIX = "/api/"

# What each error status means for an API client: the "detail" of a generic answer.
ERROR_RESPONSES: dict[int, str] = {
    400: "Bad request: the request could not be read.",
    401: "Unauthorized: send a personal access token as 'Authorization: Bearer …'.",
    403: "Forbidden: your role in this workspace does not allow this.",
    404: "Not found: no such route or object, or it is not yours to see.",
    405: "Method not allowed on this route.",
    409: "Conflict: the object is not in a state that allows this.",
    413: "Request body too large.",
    422: "Unprocessable: a field is missing or not valid; 'loc' names it.",
    500: "Server error: the request was not completed; the server log has the details.",
}


def body_too_big_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return f"Request body too large: send at most {limit // 1024:,} KB."


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def api_error(status: int, detail: str | None = None) -> JsonResponse:
    text = detail or ERROR_RESPONSES.get(status) or HTTPStatus(status).phrase
    return JsonResponse({"detail": text}, status=status)


class ErrorAnswersMiddleware:
    """Turn every non-JSON error answer under /api/ into ``{"detail": "…"}`` JSON, and a
    ``BadInput`` raised by a page into a 400 page that names the field."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_api(request) and response.status_code >= 400 and not _is_json(response):
            return _as_json(response)
        return response

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, BadInput):
            if is_api(request):
                problem = {"loc": ["query", exc.field], "msg": exc.message, "type": "value_error"}
                return JsonResponse({"detail": [problem]}, status=422)
            return render(request, "400.html", {"problem": str(exc)}, status=400)
        if isinstance(exc, RequestDataTooBig) and is_api(request):
            return api_error(413, body_too_big_message())
        return None


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def _as_json(response: HttpResponse) -> JsonResponse:
    status = response.status_code
    detail = None
    if status == 405 and response.has_header("Allow"):
        detail = f"Method not allowed on this route; it takes {response['Allow']}."
    answer = api_error(status, detail)
    if response.has_header("Allow"):
        answer["Allow"] = response["Allow"]
    return answer


def declare_error_responses(schema: dict[str, Any]) -> None:
    """Add the error answers to every operation of an OpenAPI schema (in place).

    Answers an operation declares itself (the import's 422 with refused rows) stay.
    """
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = {
        "title": "Error",
        "type": "object",
        "properties": {"detail": {"type": "string", "title": "Detail"}},
        "required": ["detail"],
    }
    components["FieldErrors"] = {
        "title": "FieldErrors",
        "type": "object",
        "properties": {
            "detail": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "loc": {
                            "type": "array",
                            "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                        },
                        "msg": {"type": "string"},
                        "type": {"type": "string"},
                    },
                    "required": ["loc", "msg", "type"],
                },
            }
        },
        "required": ["detail"],
    }
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                if status == 405 or str(status) in responses or status in responses:
                    continue
                shape = "FieldErrors" if status == 422 else "Error"
                responses[status] = {
                    "description": description,
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{shape}"}}
                    },
                }
