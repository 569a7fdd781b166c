"""Sign-up and token forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm

from onshore.accounts.models import User


class SignupForm(BaseUserCreationForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("name", "email")

    def clean_email(self) -> str:
        # Whether the address has an account is said by e-mail, never here (signup.py).
        return str(self.cleaned_data["email"]).strip().lower()

    def validate_unique(self) -> None:
        """The unique e-mail is settled by ``signup.sign_up``, not by a form error."""

    def validate_password_for_user(self, user: Any, password_field_name: str = "password1") -> None:
        """Django puts a too-weak password's error under the confirmation field; it is
        about the password itself, so it is shown under that."""
        # django-stubs do not know Django 5.1's SetPasswordMixin, which defines it.
        super().validate_password_for_user(  # type: ignore[misc]
            user, password_field_name=password_field_name
        )


class LoginForm(AuthenticationForm):
    """Log in by e-mail; the address is matched case-insensitively."""

    def clean(self) -> dict[str, Any]:
        if self.cleaned_data.get("username"):
            self.cleaned_data["username"] = self.cleaned_data["username"].strip().lower()
        return super().clean()


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text="What uses this token, e.g. 'content plan script'."
    )
