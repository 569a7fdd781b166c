"""``onshore createuser EMAIL --name NAME``: create a person who can log in."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from onshore.accounts.models import User


class Command(BaseCommand):
    help = "Create a user. The password is asked for, or read from ONSHORE_NEW_USER_PASSWORD."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", required=True, help="the person's name")
        parser.add_argument("--superuser", action="store_true", help="site administrator")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"email: '{email}' is not an e-mail address") from None
        if User.objects.filter(email=email).exists():
            raise CommandError(f"email: a user with {email} exists already")
        password = os.environ.get("ONSHORE_NEW_USER_PASSWORD") or self._ask_password()
        candidate = User(email=email, name=options["name"])
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            raise CommandError("password: " + " ".join(exc.messages)) from None
        create = User.objects.create_superuser if options["superuser"] else User.objects.create_user
        create(email, password, name=options["name"])
        self.stdout.write(f"Created {email}.")

    def _ask_password(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("password: the two entries differ")
        return first
