"""Only http(s) links become links (issue 12, point 12): the ``safe_href`` filter, and
every template that turns a stored or remote URL into an ``href`` going through it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onshore.links import safe_href

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "onshore" / "templates"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "https://user:pw@example.com/",
        "https://exa mple.com/",
        "https://example.com/\nx",
        "https://",
        "",
        None,
        42,
    ],
)
def test_anything_but_a_plain_http_link_is_no_link(url: object) -> None:
    assert safe_href(url) == ""


@pytest.mark.parametrize(
    "url", ["https://mastodon.social/@roastery/1", "http://127.0.0.1:8000/x?y=1#z"]
)
def test_http_links_pass_unchanged(url: str) -> None:
    assert safe_href(url) == url


def test_every_href_made_from_a_variable_goes_through_safe_href() -> None:
    # An href printed straight from a variable ({{ x.url }}) could be "javascript:";
    # the only variable allowed there is the one safe_href made ({% with href=…|safe_href %}).
    straight = re.compile(r'href="\{\{(?!\s*href\s*\}\})')
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in straight.finditer(path.read_text())
    ]
    assert offenders == []
