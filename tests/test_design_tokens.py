"""The colour tokens (static/onshore/tokens.css) keep text readable in light and dark.

Every pair of text colour and background the components use must reach WCAG AA's 4.5:1
contrast, computed as WCAG 2.x defines it, in both sets of tokens; and every colour the
components name must be defined in tokens.css, so dark mode cannot miss one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[1] / "src" / "onshore" / "static" / "onshore"
TOKENS = (STATIC / "tokens.css").read_text(encoding="utf-8")
LIGHT_PART, DARK_PART = TOKENS.split("@media screen and (prefers-color-scheme: dark)", 1)
HEX = r"--([a-z0-9-]+):\s*(#[0-9a-f]{6})\b"
LIGHT = dict(re.findall(HEX, LIGHT_PART))
DARK = {**LIGHT, **dict(re.findall(HEX, DARK_PART))}

# (text, background): the pairs onshore.css and layout.css put together.
PAIRS = [
    ("ink", "surface"),
    ("ink", "bg"),
    ("ink", "surface-2"),
    ("ink", "warn-soft"),
    ("muted", "surface"),
    ("muted", "bg"),
    ("muted", "surface-2"),
    ("accent", "surface"),  # links
    ("accent", "bg"),
    ("accent", "accent-soft"),  # secondary button hovered
    ("accent-ink", "accent"),  # primary button
    ("accent-ink", "accent-hover"),
    ("accent-soft-ink", "accent-soft"),  # badges, messages, current page
    ("bad", "surface"),  # errors under fields
    ("bad-ink", "bad"),  # danger button, bell count
    ("bad-soft-ink", "bad-soft"),
    ("warn-soft-ink", "warn-soft"),
    ("info-soft-ink", "info-soft"),
    *[("avatar-ink", f"avatar-{n}") for n in range(8)],
]


def luminance(colour: str) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_pair_reaches_aa(scheme: str) -> None:
    tokens = LIGHT if scheme == "light" else DARK
    weak = {
        f"{text} on {ground}": round(contrast(tokens[text], tokens[ground]), 2)
        for text, ground in PAIRS
        if contrast(tokens[text], tokens[ground]) < 4.5
    }
    assert not weak, f"{scheme}: below 4.5:1: {weak}"


def test_dark_mode_redefines_every_colour() -> None:
    light_colours = set(LIGHT)
    redefined = set(dict(re.findall(HEX, DARK_PART)))
    assert light_colours == redefined, sorted(light_colours ^ redefined)


def test_components_name_only_defined_tokens() -> None:
    defined = set(re.findall(r"--([a-z0-9-]+):", TOKENS))
    used: set[str] = set()
    for sheet in ("onshore.css", "layout.css"):
        used |= set(re.findall(r"var\(--([a-z0-9-]+)\)", (STATIC / sheet).read_text()))
    assert used <= defined, sorted(used - defined)
