"""Links: ``absolute_url``, the one way onshore builds a link to itself for use
outside a page (e-mails, invitations, calendar feeds), and ``safe_href``, the one way a
stored or remote URL becomes a link on a page.

``absolute_url`` starts from settings.SITE_URL (config.site_url: ONSHORE_SITE_URL, or
the address the server was started on), never from a request's Host header: links
written by the worker have no request, and a Host header is the client's to choose.

Django escapes what a template prints, but escaping does not make a link safe: an
``href`` of ``javascript:alert(1)`` runs script when clicked. Every URL that came from
a person or a network (a post's published link, a channel's address) goes through
``safe_href``, which yields the URL only when it is a plain http(s) link, and "" else.
Registered as a template builtin (settings.TEMPLATES), so every template has it:

    {% with href=delivery.remote_url|safe_href %}{% if href %}<a href="{{ href }}">…
"""

from __future__ import annotations

from django import template
from django.conf import settings

from onshore.networks import http_url_or_none

register = template.Library()


@register.filter
def absolute_url(path: str) -> str:
    """``path`` (starting with "/") on the site's address: 'http://127.0.0.1:8100/x/'."""
    if not path.startswith("/"):
        raise ValueError(f"absolute_url: expected a path starting with '/', got {path!r}")
    return f"{settings.SITE_URL}{path}"


@register.filter
def safe_href(url: object) -> str:
    """``url`` when it is an http(s) link to a named host, else ""."""
    return http_url_or_none(url) or ""
