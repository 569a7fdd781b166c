"""Rows that many tests need, made the way a user makes them (through the app's own
functions, so every rule applies): users, channels, scheduled posts, and the senders
that deliver them to the fakes in tests/fakes/.

Test modules import helpers from here, tests/fakes/ or a conftest, never from another
``test_*`` module (tests/test_layout.py keeps it so). The ``team`` fixture that uses
these lives in tests/conftest.py.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, time
from pathlib import Path
from typing import Any

import httpx

from onshore.accounts.models import User
from onshore.networks import webhook
from onshore.posts import editing, workflow
from onshore.posts.models import Post
from onshore.publishing import crypto, senders
from onshore.publishing.models import Channel
from tests.fakes.fake_mastodon import FakeMastodon
from tests.fakes.webhook_receiver import WebhookReceiver

# --- people -------------------------------------------------------------------------

PASSWORD = "correct horse battery staple"


def make_user(email: str, name: str) -> User:
    return User.objects.create_user(email, PASSWORD, name=name)


# --- channels -----------------------------------------------------------------------

TOKEN = "token-of-the-roastery"
WEBHOOK_SECRET = webhook.generate_secret()


def mastodon_channel(team: Any, fake: FakeMastodon, market: Any = None) -> Channel:
    """A Mastodon channel for the workspace, on an account ``fake`` knows."""
    account = fake.add_account("roastery", TOKEN)
    return Channel.objects.create(
        workspace=team.workspace,
        market=market or team.gb,
        kind="mastodon",
        name="@roastery",
        config={"instance_url": fake.base_url, "account_id": account.id},
        secret_encrypted=crypto.encrypt({"access_token": TOKEN}),
    )


def webhook_channel(team: Any, receiver: WebhookReceiver) -> Channel:
    """A webhook channel signing with ``WEBHOOK_SECRET``, delivering to ``receiver``."""
    return Channel.objects.create(
        workspace=team.workspace,
        market=team.gb,
        kind="webhook",
        name="CMS",
        config={"url": receiver.url},
        secret_encrypted=crypto.encrypt({"secret": WEBHOOK_SECRET}),
    )


# --- posts --------------------------------------------------------------------------


def scheduled_post(team: Any, text: str = "Winter roast is here", **extra: Any) -> Post:
    """A post written, approved and scheduled for 1 December 2026 at 09:30, London."""
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text=text, market=team.gb, **extra)
    )
    for persona, action in (("contributor", "submit"), ("reviewer", "approve")):
        post = workflow.perform(post, team.members[persona], action)
    editing.set_schedule(post, team.members["manager"], date(2026, 12, 1), time(9, 30), None)
    return workflow.perform(post, team.members["manager"], "schedule")


# --- deliveries ---------------------------------------------------------------------


def quick_client() -> httpx.Client:
    """The worker's client with a 1-second timeout: the fakes answer at once or never."""
    return senders.default_client(timeout=1.0)


SEND = senders.make_sender(quick_client)
FIND = senders.make_finder(quick_client)


def video_clip(path: Path, size: str = "160x120", seconds: int = 1) -> bytes:
    """A real MP4 made by Debian's ffmpeg (make media-tools): ffmpeg's test pattern."""
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is installed system-wide"
    subprocess.run(
        [ffmpeg, "-nostdin", "-v", "error", "-f", "lavfi", "-i",
         f"testsrc=size={size}:rate=10:duration={seconds}", "-c:v", "mpeg4", "-y", str(path)],
        check=True, timeout=60,
    )  # fmt: skip
    return path.read_bytes()


class TokenApi:
    """A client that calls /api/v1 with a personal access token, as scripts do."""

    def __init__(self, user: Any) -> None:
        from django.test import Client

        from onshore.accounts.models import PersonalAccessToken

        _, raw = PersonalAccessToken.issue(user, "test")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def call(self, method: str, path: str, body: Any = None) -> Any:
        import json

        data = "" if body is None else json.dumps(body)
        return self.client.generic(method, f"/api/v1{path}", data, content_type="application/json")
