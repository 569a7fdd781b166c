"""Sign-up, log-in, log-out, password reset, lockout and personal access tokens."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from onshore.accounts.models import PersonalAccessToken, User

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

GOOD_PASSWORD = "plum-orchard-lantern-42"


def signup(client: Client, email: str = "Ana@Example.com", password: str = GOOD_PASSWORD) -> Any:
    return client.post(
        "/signup/",
        {"name": "Ana Silva", "email": email, "password1": password, "password2": password},
    )


def login(client: Client, email: str, password: str) -> Any:
    return client.post("/login/", {"username": email, "password": password})


def test_signup_stores_an_argon2_hash_and_logs_in(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    client = Client()
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "ana@example.com"
    assert user.password.startswith("argon2$")
    assert GOOD_PASSWORD not in user.password
    assert client.get("/").status_code == 200


def test_signup_refuses_a_taken_address_whatever_its_case() -> None:
    signup(Client())
    response = signup(Client(), email="ANA@example.COM")
    assert response.status_code == 422
    assert b"An account with this e-mail exists" in response.content
    assert User.objects.count() == 1


def test_signup_refuses_a_weak_password_and_says_why() -> None:
    response = signup(Client(), password="password")
    assert response.status_code == 422
    assert b"too common" in response.content or b"too short" in response.content
    assert not User.objects.exists()


def test_login_by_email_in_any_case_and_logout() -> None:
    User.objects.create_user("bo@example.com", GOOD_PASSWORD, name="Bo")
    client = Client()
    assert login(client, "  BO@example.com", GOOD_PASSWORD).status_code == 302
    assert client.get("/").status_code == 200
    assert client.post("/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_is_a_plain_message_not_an_error_page() -> None:
    User.objects.create_user("bo@example.com", GOOD_PASSWORD, name="Bo")
    response = login(Client(), "bo@example.com", "nope")
    assert response.status_code == 200
    assert b"enter a correct" in response.content.lower()


def test_repeated_failures_lock_the_account_from_that_address_for_a_while() -> None:
    User.objects.create_user("bo@example.com", GOOD_PASSWORD, name="Bo")
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            login(client, "bo@example.com", "wrong guess")
        locked = login(client, "bo@example.com", GOOD_PASSWORD)
        assert locked.status_code == 429
        assert b"Too many failed log-ins" in locked.content
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert login(Client(), "bo@example.com", GOOD_PASSWORD).status_code == 302


def test_password_reset_by_email_link() -> None:
    User.objects.create_user("bo@example.com", GOOD_PASSWORD, name="Bo")
    client = Client()
    response = client.post("/password-reset/", {"email": "bo@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/password-reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert b"Choose a new password" in form_page.content
    new_password = "quiet-river-stone-77"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert login(Client(), "bo@example.com", new_password).status_code == 302
    assert login(Client(), "bo@example.com", GOOD_PASSWORD).status_code == 200


def test_password_reset_for_unknown_address_reveals_nothing() -> None:
    response = Client().post("/password-reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_token_is_shown_once_stored_hashed_and_revocable() -> None:
    user = User.objects.create_user("bo@example.com", GOOD_PASSWORD, name="Bo")
    client = Client()
    client.force_login(user)
    page = client.post("/account/tokens/", {"name": "content plan script"})
    raw = re.search(rb'<code id="new-token">(onshore_[^<]+)</code>', page.content).group(1).decode()
    token = PersonalAccessToken.objects.get()
    assert raw not in token.token_hash and token.token_hash != raw
    assert raw.encode() not in client.get("/account/tokens/").content

    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/me").json()["email"] == "bo@example.com"
    client.post(f"/account/tokens/{token.pk}/revoke/")
    assert api.get("/api/v1/me").status_code == 401


def test_a_token_of_a_deactivated_user_stops_working() -> None:
    user = User.objects.create_user("bo@example.com", GOOD_PASSWORD, name="Bo")
    _, raw = PersonalAccessToken.issue(user, "script")
    user.is_active = False
    user.save()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me").status_code == 401


def test_someone_elses_token_cannot_be_revoked() -> None:
    mine = User.objects.create_user("bo@example.com", GOOD_PASSWORD, name="Bo")
    theirs = User.objects.create_user("cy@example.com", GOOD_PASSWORD, name="Cy")
    token, _ = PersonalAccessToken.issue(theirs, "theirs")
    client = Client()
    client.force_login(mine)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
