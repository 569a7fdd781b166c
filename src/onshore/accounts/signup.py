"""Sign-up that does not tell a stranger which addresses have an account.

Whatever the address, a valid sign-up form gets the same answer ("check your e-mail"),
and the mailbox learns the rest: a new address receives a link to confirm it, which
activates the account; an address with an account receives "you already have an
account" with a link to choose a new password, and no second account is made. Until
it is confirmed an account cannot log in, so trying the chosen password on the log-in
page tells nothing either. Signing up again for an unconfirmed address replaces the
pending name and password (whoever holds the mailbox decides) and sends a new link;
the old one stops working, because the token covers the password hash.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from onshore.accounts.models import User
from onshore.links import absolute_url


class ConfirmationTokens(PasswordResetTokenGenerator):
    """One-use links (valid PASSWORD_RESET_TIMEOUT) that die once the account is active."""

    key_salt = "onshore.accounts.signup.ConfirmationTokens"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


confirmation_tokens = ConfirmationTokens()


def sign_up(name: str, email: str, password: str, next_url: str | None) -> None:
    """Create (or renew) a pending account and mail its link, or mail the existing one."""
    # Hashed either way: an answer that skipped Argon2 would be faster, and tell.
    hashed = make_password(password)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=email).first()
        if user is not None and user.is_active:
            _mail_existing_account(user)
            return
        user = user or User(email=email, is_active=False)
        user.name, user.password = name, hashed
        user.save()
    _mail_confirmation(user, next_url)


def pending_user(uidb64: str, token: str) -> User | None:
    """The unconfirmed account a confirmation link is for, if the link is still good."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=False).first()
    if user is None or not confirmation_tokens.check_token(user, token):
        return None
    return user


def _uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def _mail_confirmation(user: User, next_url: str | None) -> None:
    path = reverse("signup_confirm", args=[_uid(user), confirmation_tokens.make_token(user)])
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    send_mail(
        subject="Confirm your onshore account",
        message=(
            f"Someone, probably you, signed up for onshore as {user.email}.\n\n"
            "Confirm the address to start (the link works once, for 24 hours):\n"
            f"{absolute_url(path)}{query}\n\n"
            "If it was not you, ignore this e-mail: no account is made without it.\n"
        ),
        from_email=None,
        recipient_list=[user.email],
    )


def _mail_existing_account(user: User) -> None:
    path = reverse(
        "password_reset_confirm", args=[_uid(user), default_token_generator.make_token(user)]
    )
    send_mail(
        subject="You already have an onshore account",
        message=(
            f"Someone, probably you, tried to sign up for onshore as {user.email}, but this "
            "address already has an account, so no new one was made.\n\n"
            f"Log in here: {absolute_url(reverse('login'))}\n\n"
            "Forgot your password? Choose a new one here (the link works once, for 24 "
            f"hours):\n{absolute_url(path)}\n\n"
            "If it was not you, ignore this e-mail: your account stays as it is.\n"
        ),
        from_email=None,
        recipient_list=[user.email],
    )
