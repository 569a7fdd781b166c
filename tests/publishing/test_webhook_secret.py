"""A new webhook's signing secret is shown once, in the response that created it, and
kept nowhere in clear: not in the channel row, not in the session table."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from onshore.publishing import crypto
from onshore.publishing.models import Channel
from tests.fakes.webhook_receiver import WebhookReceiver

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_the_secret_is_in_the_creating_response_and_never_in_the_session(
    team: Any, receiver: WebhookReceiver, settings: Any
) -> None:
    client = Client()
    client.force_login(team.users["manager"])
    page = f"/w/{team.workspace.slug}/channels/"
    form = {"kind": "webhook", "market": team.gb.pk, "name": "CMS", "url": receiver.url}

    created = client.post(page + "connect/", form)
    assert created.status_code == 200 and "no-store" in created["Cache-Control"]
    html = created.content.decode()
    secret = re.search(r'<code id="webhook-secret">(whsec_[^<]+)</code>', html).group(1)
    assert html.count(secret) == 1 and "Connected Webhook: CMS." in html
    assert crypto.decrypt(Channel.objects.get().secret_encrypted) == {"secret": secret}

    for session in Session.objects.all():
        assert secret not in session.session_data
        assert secret not in repr(session.get_decoded())
    assert secret not in client.get(page).content.decode()
