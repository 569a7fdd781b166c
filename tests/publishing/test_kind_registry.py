"""The registry of network kinds (publishing/kinds/) is the only place that branches on a
channel's kind, and every kind it holds is complete: offered on the Channels page and in
the API, its credentials never shown."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import onshore
from onshore.publishing.kinds import KINDS, PUBLIC_CONFIG, Kind

SRC = Path(onshore.__file__).parent
REGISTRY = SRC / "publishing" / "kinds"
# The checker branches on the network a text is written for, never on a channel: the
# same names, another thing. So do the post previews (how each network shows a text)
# and the compact cards' network badges.
NOT_ABOUT_CHANNELS = (
    SRC / "marketfit",
    SRC / "posts" / "network_display.py",
    SRC / "posts" / "templatetags" / "compact_cards.py",
)

_NAMES = "|".join(re.escape(name) for name in KINDS)
BRANCHING = [
    # kind == "webhook", "mastodon" != channel.kind
    re.compile(rf"(?:==|!=)\s*[\"'](?:{_NAMES})[\"']|[\"'](?:{_NAMES})[\"']\s*(?:==|!=)"),
    # channel.kind == SOME_KIND, c.kind != ..., payload.kind == ...
    re.compile(r"\b(?:channel|c|payload)\.kind\s*(?:==|!=)"),
    # c.kind in chosen, kind not in (...) (but not "for kind in KINDS")
    re.compile(r"(?<!for )\b(?:\w+\.)?kind\s+(?:not\s+)?in\b"),
    # in ("mastodon", "bluesky")
    re.compile(rf"\bin\s*[(\[{{]\s*[\"'](?:{_NAMES})[\"']"),
    # a table keyed by kind: {"webhook": ("url", ...), ...}
    re.compile(rf"[\"'](?:{_NAMES})[\"']\s*:\s*[(\[{{\"'\w]"),
]


def branches_on_kind(line: str) -> bool:
    return any(pattern.search(line) for pattern in BRANCHING)


def _scanned_files() -> list[Path]:
    files = [p for p in SRC.rglob("*") if p.suffix in (".py", ".html")]
    skipped = (REGISTRY, *NOT_ABOUT_CHANNELS)
    return [p for p in files if not any(p.is_relative_to(s) for s in skipped)]


def test_only_the_registry_branches_on_a_channels_kind() -> None:
    found = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for path in _scanned_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if branches_on_kind(line)
    ]
    assert not found, (
        "Branch on a channel's kind only in publishing/kinds/ (declare it on the Kind):\n"
        + "\n".join(found)
    )


@pytest.mark.parametrize(
    "line",
    [
        'if channel.kind == "webhook":',
        "        elif kind == 'bluesky':",
        'if channel.kind in ("mastodon", "bluesky"):',
        "return [c for c in channels if c.kind == WEBHOOK or c.kind in chosen]",
        '    "webhook": ("url", "The webhook URL", str.strip),',
        '{% if c.kind != "webhook" %}',
        'if payload.kind == "mastodon":',
    ],
)
def test_the_guard_recognises_branching_on_a_kind(line: str) -> None:
    assert branches_on_kind(line)


@pytest.mark.parametrize(
    "line",
    [
        'if wall.kind == "ambiguous":',
        'if kind == "application/json":',
        "for kind in KINDS.values():",
        'post.text_for("mastodon")',
        'Channel.objects.create(kind="webhook", name="CMS")',
    ],
)
def test_the_guard_leaves_other_kinds_of_kind_alone(line: str) -> None:
    assert not branches_on_kind(line)


@pytest.mark.parametrize("kind", KINDS.values(), ids=list(KINDS))
def test_a_kind_never_shows_a_credential_and_says_how_it_reconnects(kind: Kind) -> None:
    secret = {f.name for f in kind.fields if f.secret}
    assert not secret & PUBLIC_CONFIG
    # Every kind can be reconnected from the Channels page: a parked channel must never
    # be a dead end that only "Remove" gets out of (issue 14).
    assert kind.reconnect.fields and kind.reconnect.hint
    assert {f.name for f in kind.reconnect.fields if f.secret} <= secret
    assert len(kind.name) <= 10  # Channel.kind's column


def test_kinds_asking_for_the_same_value_bound_it_alike() -> None:
    """The API has one body field per name, so kinds sharing one must agree on its bound."""
    bounds: dict[str, set[int]] = {}
    for kind in KINDS.values():
        for field in kind.page_fields + kind.reconnect.fields:
            bounds.setdefault(field.name, set()).add(field.max_length)
    assert {name: b for name, b in bounds.items() if len(b) > 1} == {}


@pytest.mark.postgres
@pytest.mark.django_db
def test_every_kind_is_offered_on_the_page_and_in_the_api(team: Any) -> None:
    client = team.client("manager")
    page = client.get(f"/w/{team.workspace.slug}/channels/").content.decode()
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    for kind in KINDS.values():
        assert (
            f'<h2>{kind.connect_title}</h2>\n<input type="hidden" name="kind" value="{kind.name}">'
            in page
        )
        assert kind.name in schemas["ChannelIn"]["properties"]["kind"]["enum"]
        for field in kind.fields:
            assert f'id="{kind.id_prefix}-{field.html_id}" name="{field.name}"' in page
            api_field = schemas["ChannelIn"]["properties"][field.name]
            assert api_field["maxLength"] == field.max_length
        for field in kind.reconnect.fields:
            assert field.name in schemas["ReconnectIn"]["properties"]
