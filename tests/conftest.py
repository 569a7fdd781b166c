"""Shared fixtures: named personas in one workspace, plus an outsider and anonymous.

The personas follow the roles: owner, manager, contributor, reviewer, viewer; the
outsider belongs to another workspace only.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tests.fakes.fake_mastodon import FakeMastodon
from tests.fakes.pds import local_pds  # noqa: F401  (the session-wide PDS, for `pds` tests)
from tests.fakes.webhook_receiver import WebhookReceiver
from tests.loopback import OffLoopbackConnect, is_loopback

# No per-example deadline: a busy CI machine is not a bug, and speed is measured by the
# benchmarks under bench/, never by a timed assertion (Hypothesis' default is 200 ms).
hypothesis_settings.register_profile("onshore", deadline=None)
hypothesis_settings.load_profile("onshore")

PERSONAS = ("owner", "manager", "contributor", "reviewer", "viewer", "outsider", "anonymous")


@pytest.fixture(autouse=True, scope="session")
def connections_stay_on_this_machine() -> Iterator[None]:
    """Only loopback may receive test traffic. Should a check under test ever let a
    refused address through (10.0.0.1, a public address a fake resolver returned),
    the connection fails here instead of leaving the machine."""
    plain_connect = socket.socket.connect
    plain_connect_ex = socket.socket.connect_ex

    def connect(sock: socket.socket, address: Any) -> None:
        if not is_loopback(address):
            raise OffLoopbackConnect(f"a test tried to connect to {address!r}")
        plain_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        if not is_loopback(address):
            raise OffLoopbackConnect(f"a test tried to connect to {address!r}")
        return plain_connect_ex(sock, address)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    yield
    socket.socket.connect = plain_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = plain_connect_ex  # type: ignore[method-assign]


@dataclass
class Team:
    workspace: Any
    other_workspace: Any
    gb: Any
    users: dict[str, Any]
    members: dict[str, Any]

    def client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client


@pytest.fixture(autouse=True)
def fresh_style_guides(monkeypatch: pytest.MonkeyPatch) -> None:
    """Style guides read in the last two seconds are cached by workspace id, and every
    test's database starts again from id 1: forget what the previous test read. Within a
    test the cache does not expire (saving clears it), so query counts are the same
    however long a test takes."""
    import onshore.workspaces.style_guides as style_guides

    style_guides.forget_guides()
    monkeypatch.setattr(style_guides, "FRESH_SECONDS", float("inf"))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 is deliberately slow; tests that check it ask for it (see test_auth.py)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Before every date the planning tests schedule for (2026-03-29 … 2026-12-26): past times
# are refused, so those tests must not depend on the machine's clock.
PLANNING_NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def planning_clock() -> Iterator[None]:
    """The clock at PLANNING_NOW, ticking (use with pytest.mark.usefixtures)."""
    with time_machine.travel(PLANNING_NOW, tick=True):
        yield


@pytest.fixture
def team(db: Any) -> Team:
    from onshore.workspaces.models import Market, Membership, Workspace
    from tests.factories import make_user

    workspace = Workspace(name="Acme Tea", home_country="GB", home_timezone="Europe/London")
    workspace.full_clean()
    owner = make_user("owner@example.com", "Olive Owner")
    workspace.create_with_owner(owner)
    gb = Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
    )
    users = {"owner": owner}
    members = {"owner": workspace.memberships.get(user=owner)}
    for role in ("manager", "contributor", "reviewer", "viewer"):
        user = make_user(f"{role}@example.com", f"{role.title()} Person")
        users[role] = user
        members[role] = Membership.objects.create(
            workspace=workspace,
            user=user,
            role=role,
            relation="freelancer",
            home_country="IN",
            timezone="Asia/Kolkata",
            working_hours={"mon": [["10:00", "18:00"]]},
        )
    other = Workspace(name="Other Co", home_country="US")
    other.full_clean()
    outsider = make_user("outsider@example.com", "Oscar Outsider")
    other.create_with_owner(outsider)
    users["outsider"] = outsider
    return Team(workspace, other, gb, users, members)


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    """A webhook receiver on 127.0.0.1 (tests/fakes/webhook_receiver.py)."""
    server = WebhookReceiver().start()
    yield server
    server.stop()


@pytest.fixture
def fake_mastodon() -> Iterator[FakeMastodon]:
    """A fake Mastodon instance on 127.0.0.1 (tests/fakes/fake_mastodon.py)."""
    server = FakeMastodon().start()
    yield server
    server.stop()


@pytest.fixture
def media_dir(settings: Any, tmp_path: Path) -> Path:
    """Media files (onshore.media) go to a folder of the test's own, never the shared
    data directory: a FileSystemStorage there (Django resets its storages when STORAGES
    changes)."""
    folder = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "media": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder), "base_url": None},
        },
    }
    return folder
