"""Avatars from initials (onshore/avatars.py): the letters, a stable colour, the markup."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template import Context, Template

from onshore.avatars import PALETTE_SIZE, avatar, colour_index, initials


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Priya Raman", "PR"),
        ("madonna", "M"),
        ("  Anne-Marie de la Cruz ", "AC"),
        ("émile zola", "ÉZ"),
        ("Oliver (manager) Hart", "OH"),
        ("", "?"),
        ("— ·", "?"),
    ],
)
def test_initials_are_the_first_and_last_words_first_letters(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_the_colour_is_stable_and_spread_over_the_palette() -> None:
    assert colour_index(42) == colour_index(42) == colour_index("42")
    # A CRC, not Python's per-process hash(): this figure holds after a restart too.
    assert colour_index(1) == 7
    assert {colour_index(n) for n in range(1, 200)} == set(range(PALETTE_SIZE))


def test_the_tag_prints_initials_in_a_decorative_circle() -> None:
    priya = SimpleNamespace(pk=7, display_name="Priya Raman")
    html = avatar(priya, "small")
    assert html == (
        f'<span class="avatar avatar-c{colour_index(7)} avatar-small" aria-hidden="true">PR</span>'
    )


def test_the_tag_is_a_builtin_that_skips_markup_in_names() -> None:
    person = SimpleNamespace(pk=3, display_name="<b>x</b> yolanda")
    html = Template("{% avatar person %}").render(Context({"person": person}))
    assert html == f'<span class="avatar avatar-c{colour_index(3)}" aria-hidden="true">Y</span>'
