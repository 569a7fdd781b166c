"""Links to onshore itself (invitations, e-mails, calendar feeds) point to where it
runs (issue 14, point 3): ONSHORE_SITE_URL when set, else the address ``onshore up`` or
``onshore serve`` was started on; a clear warning when the two disagree."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import icalendar
import pytest
from django.test import override_settings

from onshore.config import LISTEN_URL_VARIABLE, address_warning, listen_url
from onshore.links import absolute_url
from onshore.workspaces.models import Invitation
from tests.factories import scheduled_post
from tests.processes import free_port, start_onshore_up, wait_for

ELSEWHERE = "http://127.0.0.1:8100"


def settings_in_subprocess(
    env: dict[str, str], expression: str, tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    """Import the settings afresh with ``env`` (and no site URL of this run's own)."""
    code = f"import onshore.settings as s; print({expression})"
    unset = {"ONSHORE_DATABASE_URL", "ONSHORE_SITE_URL", LISTEN_URL_VARIABLE}
    inherited = {k: v for k, v in os.environ.items() if k not in unset}
    full_env = {**inherited, "ONSHORE_DATA_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "-c", code], env=full_env, capture_output=True, text=True
    )


def test_links_default_to_the_listening_address_and_the_site_url_wins(tmp_path: Path) -> None:
    started = settings_in_subprocess(
        {LISTEN_URL_VARIABLE: listen_url("127.0.0.1", 8100)}, "s.SITE_URL", tmp_path
    )
    assert started.stdout.strip() == ELSEWHERE
    configured = settings_in_subprocess(
        {LISTEN_URL_VARIABLE: ELSEWHERE, "ONSHORE_SITE_URL": "https://social.example.com/"},
        "s.SITE_URL",
        tmp_path,
    )
    assert configured.stdout.strip() == "https://social.example.com"
    bare = settings_in_subprocess({}, "s.SITE_URL", tmp_path)
    assert bare.stdout.strip() == "http://127.0.0.1:8000"
    bad = settings_in_subprocess({"ONSHORE_SITE_URL": "social.example.com"}, "1", tmp_path)
    assert bad.returncode != 0 and "ONSHORE_SITE_URL: expected http://host" in bad.stderr


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("127.0.0.1", 8100, "http://127.0.0.1:8100"),
        ("::1", 8100, "http://[::1]:8100"),
        # "Every address" is nothing a browser can open; this machine's loopback is.
        ("0.0.0.0", 8100, "http://127.0.0.1:8100"),
        ("localhost", 9000, "http://localhost:9000"),
    ],
)
def test_listen_url(host: str, port: int, url: str) -> None:
    assert listen_url(host, port) == url


@pytest.mark.parametrize(
    ("site", "host", "port", "says"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1", 8100, "point to port 8000, but onshore listens"),
        ("http://localhost:8000", "0.0.0.0", 8100, "point to port 8000"),
        ("http://localhost", "127.0.0.1", 8100, "point to port 80"),
        ("http://192.168.1.5:8000", "192.168.1.5", 8100, "point to port 8000"),
        ("http://127.0.0.1:8000", "192.168.1.5", 8000, "listens only on 192.168.1.5"),
        # Agreeing: nothing to say.
        ("http://127.0.0.1:8100", "127.0.0.1", 8100, None),
        ("http://localhost:8100", "127.0.0.1", 8100, None),
        ("http://127.0.0.1:8100", "0.0.0.0", 8100, None),
        # A public name or https: a proxy in front, which may forward to any port.
        ("https://social.example.com", "127.0.0.1", 8100, None),
        ("https://localhost", "127.0.0.1", 8100, None),
        ("http://social.example.com", "127.0.0.1", 8100, None),
    ],
)
def test_address_warning(site: str, host: str, port: int, says: str | None) -> None:
    warning = address_warning(site, host, port)
    if says is None:
        assert warning is None
    else:
        assert warning is not None and says in warning and site in warning


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.usefixtures("planning_clock")  # the feed post is scheduled in 2026
@override_settings(SITE_URL=ELSEWHERE)
def test_invitation_and_feed_links_use_the_site_url(team: Any) -> None:
    page = team.client("manager").post(
        f"/w/{team.workspace.slug}/invitations/", {"role": "contributor", "email": ""}
    )
    assert re.search(rf"{ELSEWHERE}/invite/[\w-]+/", page.content.decode())
    _, token = Invitation.issue(team.workspace, "viewer", team.users["manager"])
    assert Invitation.find(token).link(token) == f"{ELSEWHERE}/invite/{token}/"
    post = scheduled_post(team)
    rotated = team.client("manager").post(f"/w/{team.workspace.slug}/calendar-feed/rotate/")
    url = re.search(rf'value="({ELSEWHERE}/feed/[^"]+)"', rotated.content.decode()).group(1)
    feed = team.client("anonymous").get(url.removeprefix(ELSEWHERE))
    (event,) = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert str(event["url"]) == f"{ELSEWHERE}/w/{team.workspace.slug}/posts/{post.pk}/"
    assert absolute_url("/login/") == f"{ELSEWHERE}/login/"


def _stop(server: Any) -> str:
    os.killpg(server.pid, signal.SIGTERM)
    output, _ = server.communicate(timeout=30)
    return str(output)


def test_onshore_up_on_another_port_mails_links_to_that_port(tmp_path: Path) -> None:
    """`make run PORT=8100`: the e-mails (printed by the console mail backend) link to
    the port the server listens on, not 8000."""
    port = free_port()
    server = start_onshore_up(tmp_path, port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/login/")
        with httpx.Client(base_url=base) as browser:
            # Signing up with an address that has an account mails a login link.
            form = browser.get("/signup/").text
            csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
            answer = browser.post(
                "/signup/",
                data={
                    "csrfmiddlewaretoken": csrf,
                    "name": "Emma Again",
                    "email": "emma@harbourpine.example",
                    "password1": "a long and unusual passphrase 93",
                    "password2": "a long and unusual passphrase 93",
                },
            )
            assert answer.status_code == 302, answer.text
    finally:
        output = _stop(server)
    assert f"Log in here: {base}/login/" in output
    assert "127.0.0.1:8000" not in output
    assert "onshore: warning" not in output


def test_serve_warns_when_the_site_url_names_another_port(tmp_path: Path) -> None:
    port = free_port()
    server = start_onshore_up(tmp_path, port, "serve", ONSHORE_SITE_URL="http://127.0.0.1:8000")
    try:
        wait_for(f"http://127.0.0.1:{port}/login/")
    finally:
        output = _stop(server)
    assert (
        "onshore: warning: ONSHORE_SITE_URL is http://127.0.0.1:8000: links in invitations, "
        f"e-mails and calendar feeds will point to port 8000, but onshore listens on port {port}"
    ) in output
