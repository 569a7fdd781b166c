"""The one way a stored or remote URL becomes a link on a page: ``safe_href``.

Django escapes what a template prints, but escaping does not make a link safe: an
``href`` of ``javascript:alert(1)`` runs script when clicked. Every URL that came from
a person or a network (a post's published link, a channel's address) goes through
``safe_href``, which yields the URL only when it is a plain http(s) link, and "" else.
Registered as a template builtin (settings.TEMPLATES), so every template has it:

    {% with href=delivery.remote_url|safe_href %}{% if href %}<a href="{{ href }}">…
"""

from __future__ import annotations

from django import template

from onshore.networks import http_url_or_none

register = template.Library()


@register.filter
def safe_href(url: object) -> str:
    """``url`` when it is an http(s) link to a named host, else ""."""
    return http_url_or_none(url) or ""
