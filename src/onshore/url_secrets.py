"""Secrets carried in URLs, kept out of logs.

Some of onshore's URLs grant access by themselves: the calendar feed
(``/feed/<token>.ics``), invitations (``/invite/<token>/``), review links for people
outside a workspace (``/r/<token>/`` and the pages below it) and password resets
(``/password-reset/<uidb64>/<token>/``). Whoever reads a log must not be able to use
them, so logs name the route and write the value of every URL parameter named in
``SECRET_URL_PARAMETERS`` as ``…``: gunicorn's access log (onshore.serving) and
Django's request log ("Not Found: /feed/….ics", via ``UrlSecretsFilter``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from django.urls import Resolver404, resolve

# URL parameters whose value grants access by itself. A new route with a secret in its
# path names its parameter ``token`` and is covered.
SECRET_URL_PARAMETERS = frozenset({"token"})
REDACTED = "…"


def secrets_in_path(path: str) -> list[str]:
    """The values of secret parameters in a path of ours; [] for any other path."""
    try:
        match = resolve(path)
    except Resolver404:
        return []
    return [
        str(value)
        for name, value in match.kwargs.items()
        if name in SECRET_URL_PARAMETERS and str(value)
    ]


def secrets_in_request(environ: Mapping[str, Any]) -> list[str]:
    """Secrets a log line about a request could show: in its path, in a path passed in
    its query (``?next=/invite/…/``) and in the page it came from (Referer)."""
    paths = [environ.get("PATH_INFO") or "/"]
    query = environ.get("QUERY_STRING") or ""
    paths += [value for _, value in parse_qsl(query) if value.startswith("/")]
    referrer = environ.get("HTTP_REFERER")
    if referrer:
        paths.append(referrer)
    return [secret for path in paths for secret in secrets_in_path(urlsplit(path).path)]


def redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text


class UrlSecretsFilter(logging.Filter):
    """For log records about a request (Django's ``django.request`` and
    ``django.security`` carry it): the message without the request's URL secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        environ = getattr(request, "META", None)
        if environ is None:
            return True
        secrets = secrets_in_request(environ)
        if secrets:
            record.msg, record.args = redact(record.getMessage(), secrets), ()
        return True
