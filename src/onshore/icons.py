"""{% heroicon_outline %}, {% heroicon_mini %}, …: the heroicons package's tags, cached.

heroicons (MIT) parses nothing twice, but it deep-copies and serialises the icon's SVG
tree on every use, about 0.1 ms each; a post page shows some 25 icons. An icon with the
same name, size and attributes is the same markup, so it is made once per process.
"""

from __future__ import annotations

from functools import lru_cache

import heroicons
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@lru_cache(maxsize=512)
def _icon(style: str, name: str, size: int | None, attrs: tuple[tuple[str, str], ...]) -> str:
    return mark_safe(heroicons._render_icon(style, name, size, dict(attrs)))  # noqa: S308


def _render(style: str, name: str, size: int | None, attrs: dict[str, object]) -> str:
    # simple_tag marks literal strings safe; the attributes are text to escape, as in
    # heroicons' own tags ("" + SafeString gives a plain str).
    plain = tuple(
        sorted(
            (key, (value + "") if isinstance(value, SafeString) else str(value))
            for key, value in attrs.items()
        )
    )
    return _icon(style, str(name), size, plain)


@register.simple_tag
def heroicon_micro(name: str, *, size: int | None = 16, **attrs: object) -> str:
    return _render("micro", name, size, attrs)


@register.simple_tag
def heroicon_mini(name: str, *, size: int | None = 20, **attrs: object) -> str:
    return _render("mini", name, size, attrs)


@register.simple_tag
def heroicon_outline(name: str, *, size: int | None = 24, **attrs: object) -> str:
    return _render("outline", name, size, attrs)


@register.simple_tag
def heroicon_solid(name: str, *, size: int | None = 24, **attrs: object) -> str:
    return _render("solid", name, size, attrs)
