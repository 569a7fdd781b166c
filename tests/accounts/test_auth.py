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


def confirmation_link(email: str) -> str:
    """The path of the last confirmation link mailed to ``email``."""
    (sent,) = [m for m in mail.outbox if m.to == [email] and "Confirm" in m.subject][-1:]
    return re.search(r"http://127\.0\.0\.1:8000(/signup/confirm/\S+)", sent.body).group(1)


def test_signup_stores_an_argon2_hash_and_logs_in_once_the_address_is_confirmed(
    settings: Any,
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    client = Client()
    response = signup(client)
    assert response.status_code == 302 and response["Location"] == "/signup/sent/"
    user = User.objects.get()
    assert user.email == "ana@example.com" and not user.is_active
    assert user.password.startswith("argon2$")
    assert GOOD_PASSWORD not in user.password
    # Unconfirmed, the account cannot log in: the log-in page says no more than for a typo.
    assert login(Client(), "ana@example.com", GOOD_PASSWORD).status_code == 200
    link = confirmation_link("ana@example.com")
    assert "Confirm and log in" in client.get(link).content.decode()
    assert client.post(link).status_code == 302
    assert client.get("/").status_code == 200 and User.objects.get().is_active
    assert client.post(link).status_code == 404  # the link works once


def test_signup_answers_the_same_whether_or_not_the_address_has_an_account() -> None:
    User.objects.create_user("bo@example.com", GOOD_PASSWORD, name="Bo")
    taken = signup(Client(), email="BO@example.COM", password="another-orchard-77")
    new = signup(Client(), email="new@example.com", password="another-orchard-77")
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    assert taken.cookies.keys() == new.cookies.keys()
    assert Client().get(taken["Location"]).content == Client().get(new["Location"]).content
    # No second account; the existing one hears about it, with a way back in.
    assert User.objects.filter(email="bo@example.com").count() == 1
    assert User.objects.get(email="bo@example.com").check_password(GOOD_PASSWORD)
    (existing,) = [m for m in mail.outbox if m.to == ["bo@example.com"]]
    assert existing.subject == "You already have an onshore account"
    reset = re.search(r"http://127\.0\.0\.1:8000(/password-reset/\S+/\S+/)", existing.body)
    assert "Set password" in Client().get(reset.group(1), follow=True).content.decode()


def test_signing_up_again_before_confirming_replaces_the_pending_password() -> None:
    signup(Client(), password="first-orchard-lantern-1")
    first = confirmation_link("ana@example.com")
    signup(Client(), password="second-orchard-lantern-2")
    second = confirmation_link("ana@example.com")
    assert Client().post(first).status_code == 404  # the older link died with the password
    assert Client().post(second).status_code == 302
    user = User.objects.get()
    assert user.check_password("second-orchard-lantern-2") and user.is_active


def test_signup_refuses_a_weak_password_and_says_why() -> None:
    response = signup(Client(), password="password")
    assert response.status_code == 422
    assert b"too common" in response.content or b"too short" in response.content
    assert not User.objects.exists()


def test_a_weak_password_is_named_under_the_password_field_not_the_confirmation() -> None:
    # Issue 14: the error showed under "Password confirmation", not the field it is about.
    page = signup(Client(), password="password").content.decode()
    errors = re.findall(r'<span class="error" data-field="(\w+)">', page)
    assert errors and set(errors) == {"password1"}, errors


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
