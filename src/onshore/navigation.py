"""The page navigation's one rule: which sidebar entry is the page you are on.

``{{ here|in_section:"costs what_if cost_settings" }}`` (a template builtin, see
settings.TEMPLATES) is true when the current URL name ``here`` is one of the names, so a
page below Costs (What if…, Settings of costs) still marks Costs with aria-current.
"""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def in_section(url_name: object, names: str) -> bool:
    """Whether ``url_name`` (request.resolver_match.url_name) is one of ``names``."""
    return isinstance(url_name, str) and url_name in names.split()
