"""Every /api/ answer is JSON, errors included, and the OpenAPI schema declares each
error shape; the docs viewer is served from our own static files under the CSP."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from onshore.errors import ERROR_RESPONSES

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _json(response: Any) -> dict[str, Any]:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body: dict[str, Any] = json.loads(response.content)
    return body


@pytest.mark.parametrize("persona", ["anonymous", "owner"])
@pytest.mark.parametrize(
    "path", ["/api/v1/nope", "/api/v1/workspaces/acme-tea/nothing/here", "/api/v2/me"]
)
def test_unknown_api_paths_answer_404_json(team: Any, persona: str, path: str) -> None:
    response = team.client(persona).get(path)
    assert response.status_code == 404
    assert _json(response)["detail"] == ERROR_RESPONSES[404]


def test_a_method_a_route_does_not_take_answers_405_json_with_allow(team: Any) -> None:
    response = team.client("owner").put("/api/v1/me")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert _json(response)["detail"] == "Method not allowed on this route; it takes GET."


def test_a_body_over_the_upload_limit_answers_413_json(team: Any) -> None:
    body = json.dumps({"market_id": team.gb.pk, "text": "x" * 2_700_000})
    response = team.client("owner").post(
        f"/api/v1/workspaces/{team.workspace.slug}/posts", body, content_type="application/json"
    )
    assert response.status_code == 413
    assert _json(response)["detail"] == "Request body too large: send at most 2,560 KB."
    assert not team.workspace.posts.exists()


def test_unauthenticated_answers_401_json(team: Any) -> None:
    response = team.client("anonymous").get(f"/api/v1/workspaces/{team.workspace.slug}")
    assert response.status_code == 401
    assert _json(response) == {"detail": "Unauthorized"}


def test_an_unexpected_error_answers_500_json_without_the_traceback(
    team: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from onshore.posts import checks
    from onshore.posts.editing import PostChanges, create_post

    post = create_post(team.members["owner"], PostChanges(text="Tea", market=team.gb))

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(checks, "check_post", broken)
    client = Client(raise_request_exception=False)
    client.force_login(team.users["owner"])
    response = client.get(f"/api/v1/workspaces/{team.workspace.slug}/posts/{post.pk}/findings")
    assert response.status_code == 500
    assert _json(response) == {"detail": ERROR_RESPONSES[500]}
    assert "secret internals" not in response.content.decode()
    assert "secret internals" in caplog.text  # the server log keeps it


def test_pages_keep_html_errors(team: Any) -> None:
    response = team.client("owner").get("/w/no-such-workspace/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_every_operation_declares_every_error_answer(team: Any) -> None:
    schema = team.client("anonymous").get("/api/v1/openapi.json").json()
    shapes = schema["components"]["schemas"]
    assert shapes["Error"]["required"] == ["detail"]
    assert shapes["FieldErrors"]["properties"]["detail"]["type"] == "array"
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in set(ERROR_RESPONSES) - {405}:
                declared = operation["responses"].get(str(status))
                if declared is None or "application/json" not in declared.get("content", {}):
                    missing.append(f"{method.upper()} {path} {status}")
    assert not missing


# --- the docs viewer --------------------------------------------------------------------


def _assets(html: str) -> list[str]:
    return re.findall(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"', html)


def test_api_docs_load_only_same_origin_assets_that_answer(team: Any) -> None:
    client = team.client("anonymous")
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = _assets(html)
    assert any(url.endswith("swagger-ui-bundle.js") for url in assets)
    assert any(url.endswith("swagger-ui.css") for url in assets)
    assert "cdn" not in html.lower()
    for url in assets:
        assert url.startswith("/static/"), url
        assert client.get(url).status_code == 200, url
    # No inline code: the only inline <script> is JSON data, which a CSP does not block.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' type="application/json" id="swagger-settings"']
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    assert '"validatorUrl": null' in html  # no call to an online schema validator
