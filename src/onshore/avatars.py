"""Avatars from initials: a person's initials in a coloured circle, no uploaded picture.

``{% avatar person %}`` (a template builtin, settings.TEMPLATES) prints
``<span class="avatar avatar-c3" aria-hidden="true">PR</span>`` for Priya Raman. The
avatar always stands next to the person's name, so it is decorative and hidden from
screen readers (saying "PR, Priya Raman" would only repeat the name).

The colour is one of ``PALETTE_SIZE`` classes in onshore.css, chosen by a CRC-32 of the
user id: stable across processes and restarts (Python's ``hash()`` of a string is not)
and independent of the name, so a renamed person keeps their colour. Classes rather
than a computed colour because the Content-Security-Policy refuses inline styles, and
because each class's pair of colours is checked for contrast in light and dark mode.
"""

from __future__ import annotations

import zlib

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

PALETTE_SIZE = 8  # avatar-c0 … avatar-c7 in static/onshore/onshore.css


def initials(name: str) -> str:
    """'Priya Raman' → 'PR', 'madonna' → 'M', 'Anne-Marie de la Cruz' → 'AC', '' → '?'."""
    words = [word for word in name.split() if word[0].isalnum()]
    if not words:
        return "?"
    first, last = words[0], words[-1]
    return (first[0] + (last[0] if len(words) > 1 else "")).upper()


def colour_index(user_id: object) -> int:
    """Which of the palette's colours belongs to this user id (the same one every time)."""
    return zlib.crc32(str(user_id).encode()) % PALETTE_SIZE


@register.simple_tag
def avatar(person: object, size: str = "", name: str = "") -> SafeString:
    """The avatar of ``person`` (anything with ``pk`` and ``display_name``, e.g. a User).

    ``size`` "small" or "large" adds a class of that name; the default suits a line of
    text. ``name`` stands in when there is no person (a comment made through a review
    link: "Dana (by review link)"), its colour then chosen by the name.
    """
    if person is not None:
        name = str(getattr(person, "display_name", "") or name)
    key = getattr(person, "pk", None) or name
    sized = f" avatar-{size}" if size in ("small", "large") else ""
    return format_html(
        '<span class="avatar avatar-c{}{}" aria-hidden="true">{}</span>',
        colour_index(key),
        sized,
        initials(name),
    )
